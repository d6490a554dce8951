import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src/demo/x-demo-data.js';
import { createFakeXApi, type RunningFakeXApi } from '../helpers/fake-x-api.js';
import { REDIS_URL, uniquePrefix, waitFor } from '../helpers/queues.js';
import { startService, type RunningService } from '../helpers/service.js';

/**
 * The walking skeleton end to end, on both runtimes: a campaign created through the API is
 * collected from a local fake X API by the real twitter-api-v2 client, mapped, enriched, stored,
 * rolled up, and served by the metrics API — collected twice, stored once.
 */
const HOUR = 3_600_000;
const start = new Date(Date.now() - 3 * 24 * HOUR);
const first = generateDemoData({ hashtag: 'SocMed4SocGood', start, days: 2, posts: 250, seed: 7 });
const later = generateDemoData({ hashtag: 'SocMed4SocGood', start: new Date(Date.now() - 12 * HOUR), days: 0.4, posts: 40, seed: 8 });

const runtimes: Record<string, () => Record<string, string>> = {
  inline: () => ({}),
  bullmq: () => ({ REDIS_URL, QUEUE_PREFIX: uniquePrefix('flow') }),
};

describe.each(Object.keys(runtimes))('collection flow on the %s runtime', (runtime) => {
  let fake: RunningFakeXApi;
  let svc: RunningService;
  let env: Record<string, string>;
  let campaignId: string;

  beforeAll(async () => {
    fake = await createFakeXApi(first).start();
    env = { ...runtimes[runtime]!(), X_BEARER_TOKEN: fake.bearerToken, X_API_BASE_URL: fake.baseUrl };
    svc = await startService({ env });
  });
  afterAll(async () => {
    await svc?.close();
    await fake?.close();
    if (env?.QUEUE_PREFIX) {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });

  async function collectAndWait(): Promise<{ status: string; newPosts: number; pages: number; error: string | null }> {
    const res = await svc.api(`/api/v1/campaigns/${campaignId}/collect`, { method: 'POST' });
    expect(res.status).toBe(202);
    const { runs: queued } = (await res.json()) as { runs: Array<{ jobId: string }> };
    let run: { status: string; newPosts: number; pages: number; error: string | null; jobId: string } | undefined;
    await waitFor(
      async () => {
        const { runs } = (await (await svc.api(`/api/v1/campaigns/${campaignId}/runs`)).json()) as { runs: Array<NonNullable<typeof run>> };
        run = runs.find((r) => r.jobId === queued[0]!.jobId && r.status !== 'running');
        return run !== undefined;
      },
      30_000,
      'the collection run',
    );
    // The metrics job follows the collection; wait for the queue to settle.
    await svc.idle();
    await waitFor(async () => (await summary()).posts === (await dailyPosts()), 15_000, 'the rollups');
    return run!;
  }

  const summary = async () => (await (await svc.api(`/api/v1/campaigns/${campaignId}/metrics/summary`)).json()) as Record<string, number>;
  const dailyPosts = async () => {
    const ts = (await (await svc.api(`/api/v1/campaigns/${campaignId}/metrics/timeseries?interval=day`)).json()) as { points: Array<{ posts: number }> };
    return ts.points.reduce((a, p) => a + p.posts, 0);
  };

  it('collects every post of the fake X API once', async () => {
    const created = await svc.api('/api/v1/campaigns', {
      method: 'POST',
      json: {
        name: 'Flow',
        hashtags: ['#SocMed4SocGood'],
        startsAt: new Date(start.getTime() - HOUR).toISOString(),
        cities: ['15.71', '73.71', '19.01', '64.72', '53.71', '82.71'],
        sources: [{ type: 'x' }],
      },
    });
    expect(created.status).toBe(201);
    campaignId = ((await created.json()) as { campaign: { id: string } }).campaign.id;

    const run = await collectAndWait();
    expect(run).toMatchObject({ status: 'succeeded', newPosts: first.tweets.length, pages: 3, error: null });
    const s = await summary();
    expect(s.posts).toBe(first.tweets.length);
    expect(s.contributors).toBe(new Set(first.tweets.map((t) => t.author_id)).size);
    // Only search requests, each asking for the fields and expansions the issue lists.
    const searches = fake.requests.filter((r) => r.path === '/2/tweets/search/recent');
    expect(searches.length).toBeGreaterThan(0);
    expect(searches[0]!.query).toMatchObject({
      max_results: '100',
      expansions: 'author_id,geo.place_id,in_reply_to_user_id,referenced_tweets.id,referenced_tweets.id.author_id',
    });
    expect(searches[0]!.authorization).toBe(`Bearer ${fake.bearerToken}`);
  });

  it('a second run stores nothing twice, and a later one adds only the new posts', async () => {
    const again = await collectAndWait();
    expect(again).toMatchObject({ status: 'succeeded', newPosts: 0 });
    expect((await summary()).posts).toBe(first.tweets.length);

    fake.add(later);
    const third = await collectAndWait();
    expect(third).toMatchObject({ status: 'succeeded', newPosts: later.tweets.length });
    const s = await summary();
    expect(s.posts).toBe(first.tweets.length + later.tweets.length);
    expect(await dailyPosts()).toBe(s.posts);
  });

  it('a refresh re-reads the counts of recent posts, 100 ids a request, and the figures grow', async () => {
    const before = await summary();
    const lookupsBefore = fake.requests.filter((r) => r.path === '/2/tweets').length;
    fake.add({ tweets: first.tweets.map((t) => ({ ...t, public_metrics: { ...t.public_metrics!, like_count: (t.public_metrics?.like_count ?? 0) + 10 } })) });
    const { jobId } = await svc.rt.queue.add('refresh', { campaignId, source: 'x' });
    let run: { kind: string; status: string; updatedPosts: number; newPosts: number } | undefined;
    await waitFor(
      async () => {
        const { runs } = (await (await svc.api(`/api/v1/campaigns/${campaignId}/runs`)).json()) as { runs: Array<NonNullable<typeof run> & { jobId: string }> };
        run = runs.find((r) => r.jobId === jobId && r.status !== 'running');
        return run !== undefined;
      },
      30_000,
      'the refresh run',
    );
    expect(run).toMatchObject({ kind: 'refresh', status: 'succeeded', newPosts: 0, updatedPosts: first.tweets.length + later.tweets.length });
    const lookups = fake.requests.filter((r) => r.path === '/2/tweets').slice(lookupsBefore);
    const ids = lookups.flatMap((r) => (r.query.ids ?? '').split(','));
    expect(lookups.every((r) => (r.query.ids ?? '').split(',').length <= 100)).toBe(true);
    expect(new Set(ids).size).toBe(first.tweets.length + later.tweets.length);
    await svc.idle();
    await waitFor(async () => (await summary()).engagement === before.engagement! + 10 * first.tweets.length, 15_000, 'the new counts');
    expect((await summary()).posts).toBe(before.posts);
  });

  it('breakdowns by city and topic cover every collected post', async () => {
    const s = await summary();
    const byCity = (await (await svc.api(`/api/v1/campaigns/${campaignId}/metrics/breakdown?by=city`)).json()) as {
      rows: Array<{ key: string; posts: number }>;
    };
    expect(byCity.rows.reduce((a, r) => a + r.posts, 0)).toBe(s.posts);
    // Most demo posts name one of the six cities through a place, a city hashtag or the profile.
    const unknown = byCity.rows.find((r) => r.key === 'unknown')!.posts;
    expect(unknown).toBeLessThan(s.posts! * 0.3);
    const byTopic = (await (await svc.api(`/api/v1/campaigns/${campaignId}/metrics/breakdown?by=topic`)).json()) as {
      rows: Array<{ key: string; posts: number }>;
    };
    expect(byTopic.rows.filter((r) => r.key !== 'other' && r.posts > 0).length).toBeGreaterThanOrEqual(4);
  });
});
