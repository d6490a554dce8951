import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { RequestHandler } from 'express';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Text the browser reads; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json']);

type Encoding = 'br' | 'gzip';

/** A file in an encoding, made at most once per content (a file changed on disk is made again). */
interface Made {
  stamp: string;
  bytes: Promise<Buffer>;
}

/**
 * The versioned scripts and styles (`<asset base>/…`), compressed once at the strongest setting
 * and kept, in memory and in `cacheDir`: brotli at quality 11 (or gzip at level 9) takes a
 * CPU-second or more on chart.js, too much for every request (or every start) but nothing once
 * for a file a browser then keeps for a year. What the compression
 * middleware does on the fly is lighter (brotli quality 4) and so about 15 % bigger; on the first
 * view of a campaign that is some 15 KB a phone on a slow link does not wait for.
 *
 * `files` maps an address under the base (`/js/api.js`, `/vendor/chart.umd.min.js`) to its file;
 * only those are answered, so no address reaches outside them. A request that takes neither
 * encoding, or an address not listed, goes on to the next handler.
 */
export function precompressedAssets(files: ReadonlyMap<string, string>, cacheControl: string, cacheDir = DEFAULT_CACHE_DIR): RequestHandler {
  const made = new Map<string, Made>();
  const make = (file: string, encoding: Encoding, stamp: string): Promise<Buffer> => {
    const key = `${encoding}:${file}`;
    const kept = made.get(key);
    if (kept?.stamp === stamp) return kept.bytes;
    const bytes = readFile(file).then((raw) => compressedOnce(raw, encoding, cacheDir));
    // A failed read is not kept: the next request tries again.
    bytes.catch(() => made.delete(key));
    made.set(key, { stamp, bytes });
    return bytes;
  };
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = files.get(req.path);
    if (!file || !COMPRESSIBLE.has(path.extname(file))) return next();
    // Brotli whenever taken (smaller), whatever order the client lists them in, as the compression middleware does.
    const encoding: Encoding | false = req.acceptsEncodings('br') ? 'br' : req.acceptsEncodings('gzip') ? 'gzip' : false;
    if (!encoding) return next();
    stat(file)
      .then(async (info) => {
        const bytes = await make(file, encoding, `${info.size}:${info.mtimeMs}`);
        res.vary('Accept-Encoding');
        res.set({ 'Content-Encoding': encoding, 'Cache-Control': cacheControl, 'Last-Modified': info.mtime.toUTCString() });
        res.type(path.extname(file)).send(bytes);
      })
      .catch(next);
  };
}

/** Where compressed assets are kept between processes (a restart, each test file's service), by content hash. */
const DEFAULT_CACHE_DIR = path.join(tmpdir(), 'kabar-kampanye-assets');

/**
 * `raw` compressed at the strongest setting, from `dir` when made before (by this or another
 * process: the name is the hash of the content and the encoding, so a kept file is never stale),
 * otherwise made and kept there. A directory that cannot be written only costs the next process
 * the same work again.
 */
async function compressedOnce(raw: Buffer, encoding: Encoding, dir: string): Promise<Buffer> {
  const file = path.join(dir, `${createHash('sha256').update(raw).digest('hex')}.${encoding}`);
  try {
    return await readFile(file);
  } catch {
    // Not made yet.
  }
  const bytes =
    encoding === 'br'
      ? await brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : await gzipped(raw, { level: 9 });
  try {
    await mkdir(dir, { recursive: true });
    // Written aside, then renamed: a process reading at the same time sees the whole file or none.
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    await writeFile(partial, bytes);
    await rename(partial, file);
  } catch {
    // Kept in memory only.
  }
  return bytes;
}

/** Every file under `dir` by its address (`/js/api.js`), dotfiles left out as the static handler does, plus `extra` addresses. */
export function assetFiles(dir: string, extra: Readonly<Record<string, string>> = {}): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(`/${path.relative(dir, file).split(path.sep).join('/')}`, file);
  }
  for (const [address, file] of Object.entries(extra)) files.set(address, file);
  return files;
}
