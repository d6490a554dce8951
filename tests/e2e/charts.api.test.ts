import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { pngStats } from '../helpers/png.js';
import { startService, type RunningService } from '../helpers/service.js';

/** Share images (GET /campaigns/:id/charts/:chart.png) and the city list (GET /cities). */

let svc: RunningService;
const base = `/api/v1/campaigns/${DEMO_CAMPAIGN_ID}`;

beforeAll(async () => {
  svc = await startService({ demo: true });
});
afterAll(async () => svc?.close());

async function png(path: string): Promise<Buffer> {
  const res = await svc.api(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(res.headers.get('cache-control')).toBe('private, max-age=300');
  return Buffer.from(await res.arrayBuffer());
}

describe('share images', () => {
  it.each([
    ['posts-over-time', 'square', 1080, 1080],
    ['by-city', 'story', 1080, 1920],
    ['by-topic', 'square', 1080, 1080],
    ['by-source', 'square', 1080, 1080],
    ['share-of-voice', 'story', 1080, 1920],
    ['city-topic', 'square', 1080, 1080],
  ])('draws %s as a %s PNG of %i×%i with a chart on it', async (chart, size, width, height) => {
    const stats = await pngStats(await png(`${base}/charts/${chart}.png?size=${size}`));
    expect(stats).toMatchObject({ width, height });
    // Title, axes and bars: a blank canvas would be all white.
    expect(stats.inked).toBeGreaterThan(width * height * 0.02);
  });

  it('takes the metrics filters and the language, and draws the same chart size by default', async () => {
    const filtered = await pngStats(await png(`${base}/charts/by-city.png?city=73.71&from=2015-01-20&lang=en`));
    expect(filtered).toMatchObject({ width: 1080, height: 1080 });
    const all = await pngStats(await png(`${base}/charts/by-city.png`));
    // One bar instead of eight.
    expect(filtered.inked).toBeLessThan(all.inked);
  });

  it('answers in the API error shape for an unknown chart, a bad filter or no credential', async () => {
    const unknown = await svc.api(`${base}/charts/pie.png`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { details: Array<{ field: string }> } }).error.details[0]!.field).toBe('chart');
    const badFilter = await svc.api(`${base}/charts/by-city.png?city=Makassar`);
    expect(badFilter.status).toBe(400);
    const badSize = await svc.api(`${base}/charts/by-city.png?size=poster`);
    expect(badSize.status).toBe(400);
    expect((await svc.api(`${base}/charts/by-city.png`, { token: null })).status).toBe(401);
    expect((await svc.api('/api/v1/campaigns/nope/charts/by-city.png')).status).toBe(404);
  });

  it('is in the OpenAPI document as an image/png response', async () => {
    const doc = (await (await svc.api('/api/v1/openapi.json', { token: null })).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }>; parameters: Array<{ name: string }> }>>;
    };
    const op = doc.paths['/api/v1/campaigns/{id}/charts/{chart}.png']!.get!;
    expect(Object.keys(op.responses['200']!.content!)).toEqual(['image/png']);
    expect(op.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['id', 'chart', 'size', 'lang', 'from', 'to', 'city', 'topic', 'source']));
    expect(doc.paths['/api/v1/cities']).toBeDefined();
  });
});

describe('GET /cities', () => {
  interface City {
    code: string;
    name: string;
    province: { code: string; name: string };
  }

  it('lists every kota and kabupaten with its province, by name, searchable and by code', async () => {
    const all = (await (await svc.api('/api/v1/cities')).json()) as { cities: City[] };
    expect(all.cities.length).toBe(514);
    expect(all.cities.find((c) => c.code === '73.71')).toMatchObject({ name: 'Makassar', province: { code: '73', name: 'Sulawesi Selatan' } });

    const found = (await (await svc.api('/api/v1/cities?q=pangkalpinang')).json()) as { cities: City[] };
    expect(found.cities.map((c) => c.code)).toEqual(['19.71']);
    const kupang = (await (await svc.api('/api/v1/cities?q=Kupang')).json()) as { cities: City[] };
    expect(kupang.cities.map((c) => c.code).sort()).toEqual(['53.01', '53.71']);

    const byCode = (await (await svc.api('/api/v1/cities?code=53.71&code=82.71')).json()) as { cities: City[] };
    expect(byCode.cities.map((c) => c.name).sort()).toEqual(['Kupang', 'Ternate']);
    expect((await svc.api('/api/v1/cities?code=xx')).status).toBe(400);
    expect((await svc.api('/api/v1/cities', { token: null })).status).toBe(401);
  });
});
