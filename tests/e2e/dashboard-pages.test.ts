import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_DIR } from '../../src/dashboard-dir.js';
import { assetBase, DASHBOARD_PAGES, VENDOR_FILES } from '../../src/http/pages/dashboard-pages.js';
import { startService, type RunningService } from '../helpers/service.js';

/**
 * The dashboard's pages as the service sends them: one shared head, the page's own module, and a
 * modulepreload for exactly the modules that module imports, however they change.
 */

let svc: RunningService;
beforeAll(async () => {
  svc = await startService();
});
afterAll(async () => {
  await svc?.close();
});

/** The static import closure of a dashboard module, read by the TypeScript compiler's parser (not the service's). */
function importClosure(entry: string): string[] {
  const found = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const address = todo.pop()!;
    const file = path.join(DASHBOARD_DIR, address);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      if (!statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const next = path.posix.resolve(path.posix.dirname(address), statement.moduleSpecifier.text);
      if (found.has(next)) continue;
      found.add(next);
      todo.push(next);
    }
  }
  found.delete(entry);
  return [...found].sort();
}

/** The tags of a page's head (and any script anywhere), in order. */
function tagsOf(html: string) {
  const tags: Array<{ name: string; attribs: Record<string, string> }> = [];
  new Parser({ onopentag: (name, attribs) => tags.push({ name, attribs }) }).end(html);
  return {
    preloads: tags.filter((t) => t.name === 'link' && t.attribs.rel === 'modulepreload').map((t) => t.attribs.href!),
    scripts: tags.filter((t) => t.name === 'script').map((t) => t.attribs),
    styles: tags.filter((t) => t.name === 'link' && t.attribs.rel === 'stylesheet').map((t) => t.attribs.href),
    title: tags.some((t) => t.name === 'title'),
    icon: tags.some((t) => t.name === 'link' && t.attribs.rel === 'icon'),
  };
}

// Fetch's default cache mode sends a conditional request with `Cache-Control: no-cache`, which rightly forbids a 304.
const get = (address: string, headers?: Record<string, string>) => fetch(new URL(address, svc.url), { headers, cache: 'no-cache' });

describe('dashboard pages', () => {
  it('has a page for every page module', () => {
    const modules = readdirSync(path.join(DASHBOARD_DIR, 'js/pages')).map((f) => `/js/pages/${f}`);
    expect(
      Object.values(DASHBOARD_PAGES)
        .map((p) => p.module)
        .sort(),
    ).toEqual(modules.sort());
  });

  it.each(Object.entries(DASHBOARD_PAGES))('%s preloads exactly the static imports of its module', async (address, parts) => {
    const res = await get(address);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = tagsOf(await res.text());
    // One module, from a file: the CSP runs no inline script.
    const v = assetBase();
    expect(page.scripts).toEqual([{ type: 'module', src: v + parts.module }]);
    expect(page.title && page.icon).toBe(true);
    expect(page.styles).toEqual((parts.styles ?? ['/style.css']).map((href) => v + href));
    const closure = importClosure(parts.module!);
    expect(closure.length).toBeGreaterThan(3);
    expect([...page.preloads].sort()).toEqual(closure.map((href) => v + href));
    for (const href of [...page.preloads, v + parts.module!, ...page.styles]) {
      const asset = await get(href!);
      expect(asset.status, href).toBe(200);
      expect(asset.headers.get('content-type'), href).toMatch(href!.endsWith('.css') ? /css/ : /javascript/);
      expect(asset.headers.get('cache-control'), href).toBe('public, max-age=31536000, immutable');
    }
  });

  it('answers / with the campaign list, and a repeated request with 304', async () => {
    const [root, index] = await Promise.all([get('/'), get('/index.html')]);
    const html = await root.text();
    expect(html).toBe(await index.text());
    expect(html).toContain(`<script type="module" src="${assetBase()}/js/pages/campaigns.js"></script>`);
    const etag = root.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await get('/', { 'if-none-match': etag! })).status).toBe(304);
  });

  it('serves the report page at a share link, and the gone page from the same head with no script', async () => {
    const created = await svc.api('/api/v1/campaigns', { method: 'POST', json: { name: 'Pages', hashtags: ['#Pages'] } });
    const { campaign } = (await created.json()) as { campaign: { id: string } };
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const made = await svc.api(`/api/v1/campaigns/${campaign.id}/share-links`, { method: 'POST', json: { label: 'Sponsor', expiresAt } });
    const { link } = (await made.json()) as { link: { token: string } };
    const shared = await get(`/share/${link.token}`);
    expect(shared.status).toBe(200);
    expect(await shared.text()).toBe(await (await get('/report.html')).text());

    const gone = await get(`/share/kks_${'A'.repeat(43)}`);
    expect(gone.status).toBe(404);
    const page = tagsOf(await gone.text());
    expect(page.scripts).toEqual([]);
    expect(page.preloads).toEqual([]);
    expect(page.styles).toEqual([`${assetBase()}/style.css`]);
    expect(page.title && page.icon).toBe(true);
  });

  it('versions every script and style by content, cached for a year; the pages and other versions are not', async () => {
    // The version is a content hash: a release that changes a file moves every asset address.
    expect(assetBase()).toMatch(/^\/v\/[0-9a-f]{12}$/);
    const overview = await get('/campaign.html');
    expect(overview.headers.get('cache-control')).toBe('no-cache');
    const page = tagsOf(await overview.text());
    const addresses = [...page.styles, ...page.preloads, ...page.scripts.map((s) => s.src)];
    expect(addresses.length).toBeGreaterThan(5);
    for (const href of addresses) expect(href!.startsWith(`${assetBase()}/`), href).toBe(true);
    // The chart scripts the page loads on demand sit under the same version.
    for (const name of ['chart.umd.min.js', 'chartjs-chart-matrix.min.js']) {
      const vendor = await get(`${assetBase()}/vendor/${name}`);
      expect(vendor.status, name).toBe(200);
      expect(vendor.headers.get('cache-control'), name).toBe('public, max-age=31536000, immutable');
    }
    expect((await get('/v/000000000000/js/pages/overview.js')).status).toBe(404);
  });

  it('sends versioned assets compressed once at the strongest setting, the modules a page imports later included', async () => {
    /** The response as it came over the wire, not decoded. */
    const raw = (address: string, acceptEncoding: string) =>
      new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        const req = request(new URL(address, svc.url), { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end();
      });
    const chart = readFileSync(VENDOR_FILES['chart.umd.min.js']!);
    const br = await raw(`${assetBase()}/vendor/chart.umd.min.js`, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.body).equals(chart)).toBe(true);
    // Smaller than the middleware's on-the-fly brotli (quality 4) makes it: about 61 KB against 72 KB.
    expect(br.body.length).toBeLessThan(64 * 1024);
    // Asked again (another process would read the same kept file): the same bytes.
    expect((await raw(`${assetBase()}/vendor/chart.umd.min.js`, 'br')).body.equals(br.body)).toBe(true);

    const gz = await raw(`${assetBase()}/js/strings/en.js`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(readFileSync(path.join(DASHBOARD_DIR, 'js/strings/en.js')))).toBe(true);
    const plain = await raw(`${assetBase()}/js/strings/en.js`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(readFileSync(path.join(DASHBOARD_DIR, 'js/strings/en.js')))).toBe(true);

    // What the overview imports with import(), under the same version and cached for a year.
    for (const address of ['/js/strings/id.js', '/js/strings/en.js', '/js/terms.js', '/js/workshops.js', '/js/lazy.js']) {
      const res = await raw(`${assetBase()}${address}`, 'br');
      expect(res.status, address).toBe(200);
      expect(res.headers['content-type'], address).toMatch(/javascript/);
      expect(res.headers['cache-control'], address).toBe('public, max-age=31536000, immutable');
    }
    expect((await raw(`${assetBase()}/js/../../package.json`, 'br')).status).toBe(404);
  });
});
