import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID, DEMO_CITIES } from '../../src/demo/demo.loader.js';
import { parseCheckpoint } from '../../src/sources/x/x.checkpoint.js';
import { startService, type RunningService } from '../helpers/service.js';

interface Row {
  key: string;
  label: string;
  posts: number;
  contributors: number;
  engagement: number;
  impressions: number;
  reach: number;
  engagementRate: number | null;
}

let svc: RunningService;
const demo = `/api/v1/campaigns/${DEMO_CAMPAIGN_ID}`;

beforeAll(async () => {
  svc = await startService({ demo: true });
});
afterAll(async () => svc?.close());

async function json<T = Record<string, unknown>>(res: Response, status = 200): Promise<T> {
  const body = (await res.json()) as T;
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

function expectError(body: unknown, code: string, field?: string) {
  const e = (body as { error: { code: string; message: string; details: Array<{ field: string }> } }).error;
  expect(e.code).toBe(code);
  expect(e.message.length).toBeGreaterThan(0);
  if (field) expect(e.details.map((d) => d.field)).toContain(field);
}

describe('health and auth', () => {
  it('GET /healthz names the runtime without a credential', async () => {
    const body = await json(await svc.api('/healthz', { token: null }));
    expect(body).toMatchObject({ status: 'ok', store: 'sqlite', queue: 'inline' });
    expect(typeof body.version).toBe('string');
  });

  it.each([null, 'wrong-token'])('answers 401 in the error shape for token %s', async (token) => {
    const res = await svc.api('/api/v1/campaigns', { token });
    expectError(await json(res, 401), 'unauthorized');
  });

  it('serves its OpenAPI 3.1 description, generated from the route schemas', async () => {
    const doc = await json<{ openapi: string; paths: Record<string, Record<string, { parameters: Array<{ name: string }> }>> }>(
      await svc.api('/api/v1/openapi.json', { token: null }),
    );
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/campaigns/{id}/metrics/breakdown');
    const names = doc.paths['/api/v1/campaigns/{id}/metrics/breakdown']!.get!.parameters.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['id', 'by', 'from', 'to', 'city', 'topic', 'source']));
  });

  it('answers an unknown API path with a JSON 404', async () => {
    expectError(await json(await svc.api('/api/v1/nothing-here'), 404), 'not_found');
  });
});

describe('campaigns', () => {
  it('lists the demo campaign, labelled as demo', async () => {
    const { campaigns } = await json<{ campaigns: Array<{ id: string; demo: boolean; cities: string[]; hashtags: string[] }> }>(
      await svc.api('/api/v1/campaigns'),
    );
    const c = campaigns.find((x) => x.id === DEMO_CAMPAIGN_ID)!;
    expect(c).toMatchObject({ demo: true, hashtags: ['#SocMed4SocGood'], cities: DEMO_CITIES });
  });

  it('creates a campaign with the documented defaults', async () => {
    const { campaign } = await json<{ campaign: Record<string, unknown> }>(
      await svc.api('/api/v1/campaigns', { method: 'POST', json: { name: 'Literasi Digital Kupang', hashtags: ['#LiterasiKupang'] } }),
      201,
    );
    expect(campaign).toMatchObject({
      name: 'Literasi Digital Kupang',
      timeZone: 'Asia/Jakarta',
      schedule: '*/15 * * * *',
      status: 'active',
      endsAt: null,
      sources: [],
    });
    expect(Object.keys(campaign.topics as object)).toEqual([
      'environment',
      'education',
      'entrepreneurship',
      'digital safety',
      'digital literacy',
      'freedom of expression',
    ]);
    const again = await json<{ campaign: { id: string } }>(await svc.api(`/api/v1/campaigns/${String(campaign.id)}`));
    expect(again.campaign.id).toBe(campaign.id);
  });

  it.each([
    [{ hashtags: ['#A'] }, 'name'],
    [{ name: 'x' }, 'hashtags'],
    [{ name: 'x', hashtags: [] }, 'hashtags'],
    [{ name: 'x', hashtags: ['no-hash'] }, 'hashtags.0'],
    [{ name: 'x', hashtags: ['#ok'], cities: ['99.99'] }, 'cities.0'],
    [{ name: 'x', hashtags: ['#ok'], timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ name: 'x', hashtags: ['#ok'], schedule: 'every minute' }, 'schedule'],
    [{ name: 'x', hashtags: ['#ok'], startsAt: '2015-01-13' }, 'startsAt'],
    [{ name: 'x', hashtags: ['#ok'], startsAt: '2015-02-01T00:00:00Z', endsAt: '2015-01-01T00:00:00Z' }, 'endsAt'],
    [{ name: 'x', hashtags: ['#ok'], colour: 'red' }, 'colour'],
    [{ name: 'x', hashtags: ['#ok'], sources: [{ type: 'myspace' }] }, 'sources.0.type'],
    [{ name: 'x', hashtags: ['#ok'], sources: [{ type: 'mastodon' }] }, 'sources.0.instances'],
    [{ name: 'x', hashtags: ['#ok'], sources: [{ type: 'mastodon', instances: ['not a host'] }] }, 'sources.0.instances.0'],
  ])('rejects %j with a 400 naming %s, and stores nothing', async (input, field) => {
    const before = await json<{ campaigns: unknown[] }>(await svc.api('/api/v1/campaigns'));
    expectError(await json(await svc.api('/api/v1/campaigns', { method: 'POST', json: input }), 400), 'invalid_request', field);
    const after = await json<{ campaigns: unknown[] }>(await svc.api('/api/v1/campaigns'));
    expect(after.campaigns.length).toBe(before.campaigns.length);
  });

  it('rejects a body that is not JSON with a 400', async () => {
    const res = await svc.api('/api/v1/campaigns', { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } });
    expectError(await json(res, 400), 'invalid_json', 'body');
  });

  it('answers 404 for an unknown campaign and 400 for a malformed id', async () => {
    expectError(await json(await svc.api('/api/v1/campaigns/nope'), 404), 'not_found');
    expectError(await json(await svc.api('/api/v1/campaigns/..%2F..%2Fetc'), 400), 'invalid_request', 'id');
  });

  it('archives with DELETE: 204, then status archived', async () => {
    const { campaign } = await json<{ campaign: { id: string } }>(
      await svc.api('/api/v1/campaigns', { method: 'POST', json: { name: 'Tmp', hashtags: ['#Tmp'] } }),
      201,
    );
    const del = await svc.api(`/api/v1/campaigns/${campaign.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    const after = await json<{ campaign: { status: string } }>(await svc.api(`/api/v1/campaigns/${campaign.id}`));
    expect(after.campaign.status).toBe('archived');
    expectError(await json(await svc.api(`/api/v1/campaigns/${campaign.id}/collect`, { method: 'POST' }), 409), 'campaign_archived');
  });
});

describe('collection', () => {
  it('the demo load leaves a checkpoint the X source can continue from', async () => {
    const problems: string[] = [];
    const cp = parseCheckpoint(await svc.rt.store.getCheckpoint(DEMO_CAMPAIGN_ID, 'x'), (why) => problems.push(why));
    expect(problems).toEqual([]);
    expect(cp.pending).toBeUndefined();
    expect(cp.sinceId).toMatch(/^\d+$/);
  });

  it('POST /collect queues no run for a source without credentials here, and says what to set', async () => {
    const before = await json<{ runs: unknown[] }>(await svc.api(`${demo}/runs`));
    const res = await json<{ runs: Array<{ source: string; jobId: string }>; skipped: Array<{ source: string; reason: string }> }>(
      await svc.api(`${demo}/collect`, { method: 'POST' }),
      202,
    );
    expect(res.runs).toEqual([]);
    expect(res.skipped).toEqual([{ source: 'x', reason: 'No X credentials on this server: set X_BEARER_TOKEN.' }]);
    await svc.idle();
    const after = await json<{ runs: unknown[] }>(await svc.api(`${demo}/runs`));
    expect(after.runs).toHaveLength(before.runs.length);
    const { campaign } = await json<{ campaign: { collection: Record<string, { outcome: string; lastSuccessAt: string | null }> } }>(await svc.api(demo));
    // The demo load itself was a successful run through the X mapper, and nothing failed since.
    expect(campaign.collection.x!.outcome).toBe('succeeded');
    expect(campaign.collection.x!.lastSuccessAt).not.toBeNull();
  });
});

describe('metrics on the demo campaign', () => {
  it('the summary follows METRICS.md and the breakdowns partition it', async () => {
    const s = await json<Record<string, number>>(await svc.api(`${demo}/metrics/summary`));
    expect(s.posts).toBeGreaterThan(2000);
    expect(s.impressions).toBe(s.impressionsReported! + s.impressionsEstimated!);
    expect(s.engagementRate).toBeCloseTo(s.engagement! / s.impressions!, 12);
    expect(s.contributors).toBeLessThan(s.posts!);

    const byCity = await json<{ rows: Row[] }>(await svc.api(`${demo}/metrics/breakdown?by=city`));
    const sum = (rows: Row[], k: 'posts' | 'engagement' | 'impressions') => rows.reduce((a, r) => a + r[k], 0);
    // Every post has at most one city: the city rows, unknown included, add up to the total.
    expect(sum(byCity.rows, 'posts')).toBe(s.posts);
    expect(sum(byCity.rows, 'engagement')).toBe(s.engagement);
    expect(byCity.rows.map((r) => r.key)).toEqual(expect.arrayContaining([...DEMO_CITIES, 'unknown']));
    expect(byCity.rows.find((r) => r.key === '73.71')!.label).toBe('Makassar');
    const posts = byCity.rows.map((r) => r.posts);
    expect(posts).toEqual([...posts].sort((a, b) => b - a));
    // Reach counts an author once over the whole set, so it is at most the sum over cities.
    expect(s.reach).toBeLessThanOrEqual(byCity.rows.reduce((a, r) => a + r.reach, 0));

    const byTopic = await json<{ rows: Row[] }>(await svc.api(`${demo}/metrics/breakdown?by=topic`));
    expect(byTopic.rows.map((r) => r.key)).toContain('other');
    expect(sum(byTopic.rows, 'posts')).toBeGreaterThanOrEqual(s.posts!);

    const bySource = await json<{ rows: Row[] }>(await svc.api(`${demo}/metrics/breakdown?by=source`));
    expect(bySource.rows).toEqual([expect.objectContaining({ key: 'x', posts: s.posts, reach: s.reach, contributors: s.contributors })]);
  });

  it('a filter on the breakdown dimension keeps only the rows asked for', async () => {
    const byCity = await json<{ rows: Row[] }>(await svc.api(`${demo}/metrics/breakdown?by=city&city=73.71&city=unknown`));
    expect(byCity.rows.map((r) => r.key).sort()).toEqual(['73.71', 'unknown']);
  });

  it('a city filter gives that city row of the breakdown', async () => {
    const byCity = await json<{ rows: Row[] }>(await svc.api(`${demo}/metrics/breakdown?by=city`));
    const makassar = byCity.rows.find((r) => r.key === '73.71')!;
    const s = await json<Record<string, number>>(await svc.api(`${demo}/metrics/summary?city=73.71`));
    expect({ posts: s.posts, reach: s.reach, contributors: s.contributors, engagement: s.engagement }).toEqual({
      posts: makassar.posts,
      reach: makassar.reach,
      contributors: makassar.contributors,
      engagement: makassar.engagement,
    });
  });

  it('the daily time series covers every day, reads the rollups, and adds up to the summary', async () => {
    const s = await json<Record<string, number>>(await svc.api(`${demo}/metrics/summary`));
    const ts = await json<{ points: Array<{ bucket: string; posts: number; engagement: number; reach: number }> }>(
      await svc.api(`${demo}/metrics/timeseries?interval=day`),
    );
    expect(ts.points).toHaveLength(28);
    expect(ts.points[0]!.bucket).toBe('2015-01-13');
    expect(ts.points.reduce((a, p) => a + p.posts, 0)).toBe(s.posts);
    expect(ts.points.reduce((a, p) => a + p.engagement, 0)).toBe(s.engagement);
    // Reach over the range is not the sum of daily reaches.
    expect(ts.points.reduce((a, p) => a + p.reach, 0)).toBeGreaterThan(s.reach!);
    const topicFiltered = await json<{ points: Array<{ posts: number }> }>(await svc.api(`${demo}/metrics/timeseries?interval=day&topic=education`));
    expect(topicFiltered.points.reduce((a, p) => a + p.posts, 0)).toBeLessThan(s.posts!);
  });

  it.each([
    ['by=country', 'by'],
    ['by=city&colour=red', 'colour'],
    ['by=city&city[$ne]=x', 'city[$ne]'],
    ['by=city&from=yesterday', 'from'],
    ['by=city&source=myspace', 'source'],
    ['by=city&city=Makassar', 'city'],
  ])('rejects ?%s with a 400 naming %s', async (qs, field) => {
    expectError(await json(await svc.api(`${demo}/metrics/breakdown?${qs}`), 400), 'invalid_request', field);
  });

  it('changing the topics re-attributes the stored posts', async () => {
    const { campaign } = await json<{ campaign: { id: string } }>(
      await svc.api('/api/v1/campaigns', { method: 'POST', json: { name: 'Re-attr', hashtags: ['#SocMed4SocGood'], startsAt: '2015-01-13T00:00:00+07:00' } }),
      201,
    );
    // Copy the demo campaign's posts into this campaign through the store, as a collection would.
    const rows = await svc.rt.store.campaignPosts(DEMO_CAMPAIGN_ID);
    await svc.rt.store.saveBatch({
      posts: rows.map((r) => r.post),
      authors: rows.flatMap((r) => (r.author ? [r.author] : [])),
      memberships: rows.map((r) => ({ ...r.membership, campaignId: campaign.id, topics: ['other'] })),
    });
    await json(await svc.api(`/api/v1/campaigns/${campaign.id}`, { method: 'PATCH', json: { topics: { waste: ['sampah'] } } }));
    await svc.idle();
    const byTopic = await json<{ rows: Row[] }>(await svc.api(`/api/v1/campaigns/${campaign.id}/metrics/breakdown?by=topic`));
    expect(byTopic.rows.map((r) => r.key).sort()).toEqual(['other', 'waste']);
    expect(byTopic.rows.find((r) => r.key === 'waste')!.posts).toBeGreaterThan(0);
  });
});
