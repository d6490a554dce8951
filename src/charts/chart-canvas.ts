import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type ChartItem } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { findShareFont, SHARE_FONT } from './share-font.js';

/**
 * chart.js drawing on @napi-rs/canvas, for the share images. chart.js sees no DOM here and uses
 * its basic platform: no resize observers, no animation, the canvas size is the image size.
 * Loaded on the first share image (services/share-image.service.ts): the canvas library and
 * chart.js are ~25 MB of memory an API process that never draws does not need.
 */
Chart.register(...registerables, MatrixController, MatrixElement);

let registered: string | null | undefined;

/**
 * Registers the share font (share-font.ts) under SHARE_FONT and makes it chart.js's default.
 * Returns its file, or null when none is installed (text then falls back to the canvas default).
 */
function registerShareFont(): string | null {
  if (registered !== undefined) return registered;
  const font = findShareFont();
  registered = font?.regular ?? null;
  if (font) {
    GlobalFonts.registerFromPath(font.regular, SHARE_FONT);
    if (font.bold) GlobalFonts.registerFromPath(font.bold, SHARE_FONT);
  }
  Chart.defaults.font.family = registered ? `"${SHARE_FONT}", sans-serif` : 'sans-serif';
  return registered;
}

/** Draws one chart at the given size and encodes it as PNG (off the main thread). */
export async function renderChartPng(config: ChartConfiguration, width: number, height: number): Promise<Buffer> {
  registerShareFont();
  const canvas = createCanvas(width, height);
  // chart.js's types name the DOM canvas; its basic platform only calls getContext('2d') on it.
  const chart = new Chart(canvas as unknown as ChartItem, config);
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}
