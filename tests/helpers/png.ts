import { createCanvas, loadImage } from '@napi-rs/canvas';

/** A PNG's size and how many of its pixels are not plain white: a drawn chart has many. */
export async function pngStats(png: Buffer): Promise<{ width: number; height: number; inked: number }> {
  // The signature and the IHDR chunk: the dimensions a chat app reads.
  expectPng(png);
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240) inked++;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), inked };
}

function expectPng(png: Buffer): void {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
}
