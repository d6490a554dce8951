import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/domain/limits.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { startService, type RunningService } from '../helpers/service.js';

/**
 * The caps of domain/limits.ts over HTTP (docs/limits.md): one past each is a 400 naming the field
 * and the limit, and exactly at it the request is answered.
 */

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ field: string; message: string }> };
}

let svc: RunningService;
/** An empty campaign from 2015-01-12 (a Monday) in Jakarta, open-ended. */
let base: string;

beforeAll(async () => {
  svc = await startService();
  const res = await svc.api('/api/v1/campaigns', {
    method: 'POST',
    json: { name: 'Limits', hashtags: ['#Limits'], startsAt: '2015-01-12T00:00:00+07:00', timeZone: 'Asia/Jakarta' },
  });
  expect(res.status).toBe(201);
  base = `/api/v1/campaigns/${((await res.json()) as { campaign: { id: string } }).campaign.id}`;
});
afterAll(async () => svc?.close());

/** A 400 naming `field`, whose message states `limit`. */
async function expectLimit(res: Response, field: string, limit: number) {
  expect(res.status).toBe(400);
  const body = (await res.json()) as ErrorBody;
  expect(body.error.code).toBe('invalid_request');
  const detail = body.error.details.find((d) => d.field === field);
  expect(detail, JSON.stringify(body)).toBeDefined();
  expect(detail!.message).toContain(limit.toLocaleString('en-US'));
}

const newCampaign = (fields: Record<string, unknown>) =>
  svc.api('/api/v1/campaigns', { method: 'POST', json: { name: 'Caps', hashtags: ['#Caps'], ...fields } });

/** The local date `days` after 2015-01-12. */
const dayAfterStart = (days: number) => new Date(Date.UTC(2015, 0, 12) + days * 86_400_000).toISOString().slice(0, 10);

describe('campaign settings', () => {
  const topics = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`topic ${i}`, [`kata${i}`]]));

  it(`takes ${LIMITS.topicsPerCampaign} topics, not one more`, async () => {
    await expectLimit(await newCampaign({ topics: topics(LIMITS.topicsPerCampaign + 1) }), 'topics', LIMITS.topicsPerCampaign);
    expect((await newCampaign({ topics: topics(LIMITS.topicsPerCampaign) })).status).toBe(201);
  });

  it(`takes ${LIMITS.keywordsPerTopic} keywords per topic, not one more`, async () => {
    const words = (n: number) => ({ pendidikan: Array.from({ length: n }, (_, i) => `kata${i}`) });
    await expectLimit(await newCampaign({ topics: words(LIMITS.keywordsPerTopic + 1) }), 'topics.pendidikan', LIMITS.keywordsPerTopic);
    expect((await newCampaign({ topics: words(LIMITS.keywordsPerTopic) })).status).toBe(201);
  });

  it(`takes ${LIMITS.citiesPerCampaign} cities, not one more`, async () => {
    const codes = (await loadGazetteer()).cities().map((c) => c.code);
    await expectLimit(await newCampaign({ cities: codes.slice(0, LIMITS.citiesPerCampaign + 1) }), 'cities', LIMITS.citiesPerCampaign);
    expect((await newCampaign({ cities: codes.slice(0, LIMITS.citiesPerCampaign) })).status).toBe(201);
  });

  it(`takes ${LIMITS.hashtagsPerCampaign} hashtags, not one more`, async () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#tag${i}`);
    await expectLimit(await newCampaign({ hashtags: tags(LIMITS.hashtagsPerCampaign + 1) }), 'hashtags', LIMITS.hashtagsPerCampaign);
    expect((await newCampaign({ hashtags: tags(LIMITS.hashtagsPerCampaign) })).status).toBe(201);
  });

  it('applies the same caps to a PATCH', async () => {
    await expectLimit(await svc.api(base, { method: 'PATCH', json: { topics: topics(LIMITS.topicsPerCampaign + 1) } }), 'topics', LIMITS.topicsPerCampaign);
  });
});

describe('metrics questions', () => {
  it(`takes ${LIMITS.valuesPerFilter} values of a repeated filter, not one more`, async () => {
    const qs = (n: number) => Array.from({ length: n }, (_, i) => `topic=t${i}`).join('&');
    for (const route of ['summary', 'breakdown?by=city', 'timeseries?interval=day&to=2015-02-01', 'matrix?rows=city&cols=topic']) {
      const sep = route.includes('?') ? '&' : '?';
      await expectLimit(await svc.api(`${base}/metrics/${route}${sep}${qs(LIMITS.valuesPerFilter + 1)}`), 'topic', LIMITS.valuesPerFilter);
      expect((await svc.api(`${base}/metrics/${route}${sep}${qs(LIMITS.valuesPerFilter)}`)).status).toBe(200);
    }
  });

  it.each([
    ['day', LIMITS.seriesBuckets.day, (n: number) => `from=2015-01-12&to=${dayAfterStart(n - 1)}`],
    ['week', LIMITS.seriesBuckets.week, (n: number) => `from=2015-01-12&to=${dayAfterStart(7 * n - 1)}`],
    [
      'hour',
      LIMITS.seriesBuckets.hour,
      (n: number) => `from=2015-01-12T00:00:00%2B07:00&to=${encodeURIComponent(new Date(Date.parse('2015-01-11T17:00:00Z') + n * 3_600_000).toISOString())}`,
    ],
  ] as const)('answers a %s series of %i buckets, not one more', async (interval, max, range) => {
    await expectLimit(await svc.api(`${base}/metrics/timeseries?interval=${interval}&${range(max + 1)}`), 'from', max);
    const res = await svc.api(`${base}/metrics/timeseries?interval=${interval}&${range(max)}`);
    expect(res.status).toBe(200);
    // A series ends today: a range reaching into the future answers its buckets up to now.
    const { points } = (await res.json()) as { points: Array<{ bucket: string }> };
    if (interval === 'hour') expect(points).toHaveLength(max);
    else {
      expect(points.length).toBeGreaterThan(0);
      expect(points.length).toBeLessThanOrEqual(max);
      // Today in the campaign's zone, which may already be tomorrow in UTC (UTC+14 is the latest anywhere).
      const latestToday = new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);
      expect(points.at(-1)!.bucket <= latestToday, `${points.at(-1)!.bucket} after ${latestToday}`).toBe(true);
    }
  });

  it(`answers a matrix of ${LIMITS.matrixCells} cells, not more`, async () => {
    const topicsAsked = (n: number) => Array.from({ length: n }, (_, i) => `topic=t${i}`).join('&');
    // Ten topics asked are ten columns; as many days as fill the cap are the rows.
    const days = LIMITS.matrixCells / 10;
    const at = await svc.api(`${base}/metrics/matrix?rows=day&cols=topic&from=2015-01-12&to=${dayAfterStart(days - 1)}&${topicsAsked(10)}`);
    expect(at.status).toBe(200);
    const m = (await at.json()) as { rows: string[]; cols: string[] };
    expect(m.rows.length * m.cols.length).toBe(LIMITS.matrixCells);
    // Eleven columns: the fewest days past the cap.
    const over = Math.floor(LIMITS.matrixCells / 11) + 1;
    await expectLimit(
      await svc.api(`${base}/metrics/matrix?rows=day&cols=topic&from=2015-01-12&to=${dayAfterStart(over - 1)}&${topicsAsked(11)}`),
      'rows',
      LIMITS.matrixCells,
    );
  });

  it('caps the time axis of a matrix like a series, naming the axis', async () => {
    const over = LIMITS.seriesBuckets.day + 1;
    await expectLimit(
      await svc.api(`${base}/metrics/matrix?rows=source&cols=day&from=2015-01-12&to=${dayAfterStart(over - 1)}`),
      'cols',
      LIMITS.seriesBuckets.day,
    );
  });
});
