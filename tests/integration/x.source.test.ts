import { afterEach, describe, expect, it } from 'vitest';
import type { DemoData } from '../../src/demo/x-demo-data.js';
import { SourceAuthError, type CollectedPage } from '../../src/sources/source.port.js';
import { createXClient } from '../../src/sources/x/x.client.js';
import { compareIds } from '../../src/sources/x/x.ids.js';
import { mapTweet } from '../../src/sources/x/x.map.js';
import { createXSource } from '../../src/sources/x/x.source.js';
import { createFakeXApi, problem, rateLimited, type RunningFakeXApi } from '../helpers/fake-x-api.js';
import { campaign, HOUR, MemoryStore, newestId, recentData } from '../helpers/x-source.fixtures.js';

const running: RunningFakeXApi[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.close()));
});

async function startFake(data: DemoData): Promise<RunningFakeXApi> {
  const fake = await createFakeXApi(data).start();
  running.push(fake);
  return fake;
}

describe('X source against the fake X API', () => {
  it('reads every page, stores every tweet exactly once and closes the pass', async () => {
    const data = recentData(450, 72, 48, 1);
    const fake = await startFake(data);
    const store = new MemoryStore();
    const pages: CollectedPage[] = [];
    await createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl }).collect({ campaign: campaign(), checkpoint: null }, async (p) => {
      pages.push(p);
      await store.onPage(p);
    });

    expect(fake.requests).toHaveLength(5);
    expect(pages.map((p) => p.posts.length)).toEqual([100, 100, 100, 100, 50]);
    expect(pages.map((p) => p.read.posts)).toEqual([100, 100, 100, 100, 50]);
    // The page's authors, and those its replies and quotes name (the in_reply_to_user_id and referenced_tweets.id.author_id expansions).
    const byId = new Map(data.tweets.map((t) => [t.id, t]));
    const named = data.tweets
      .slice(0, 100)
      .flatMap((t) => [t.author_id, t.in_reply_to_user_id, ...(t.referenced_tweets ?? []).map((r) => byId.get(r.id)?.author_id)])
      .filter((id) => id !== undefined && data.users.some((u) => u.id === id));
    expect(pages[0]?.read.users).toBe(new Set(named).size);
    expect([...store.posts.keys()].sort()).toEqual(data.tweets.map((t) => t.id).sort());
    expect([...store.timesStored.values()].every((n) => n === 1)).toBe(true);
    const oldestOfPage = (i: number): string => data.tweets[i * 100 + 99]?.id ?? '';
    expect(store.checkpoints).toEqual([
      { pending: { newestId: newestId(data), untilId: oldestOfPage(0) } },
      { pending: { newestId: newestId(data), untilId: oldestOfPage(1) } },
      { pending: { newestId: newestId(data), untilId: oldestOfPage(2) } },
      { pending: { newestId: newestId(data), untilId: oldestOfPage(3) } },
      { sinceId: newestId(data) },
    ]);
    // Pages 2 to 5 follow X's next_token with the first request's parameters unchanged.
    const { next_token: _first, ...firstQuery } = fake.requests[0]?.query ?? {};
    for (const req of fake.requests.slice(1)) {
      const { next_token, ...rest } = req.query;
      expect(next_token).toMatch(/^b26v/);
      expect(rest).toEqual(firstQuery);
    }
  });

  it('asks for the fields and expansions the mapper needs, and gets them back', async () => {
    const data = recentData(120, 48, 24, 2);
    const fake = await startFake(data);
    const store = new MemoryStore();
    const now = new Date();
    // A campaign older than the 7 days recent search reaches: start_time is the horizon plus a minute.
    const old = campaign({ startsAt: new Date(now.getTime() - 30 * 24 * HOUR).toISOString() });
    await createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl, now: () => now }).collect({ campaign: old, checkpoint: null }, store.onPage);

    const query = fake.requests[0]?.query;
    expect(query).toEqual({
      query: '#SocMed4SocGood -is:retweet',
      max_results: '100',
      start_time: new Date(Math.ceil((now.getTime() - 7 * 24 * HOUR + 60_000) / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      expansions: 'author_id,geo.place_id,in_reply_to_user_id,referenced_tweets.id,referenced_tweets.id.author_id',
      'tweet.fields': 'created_at,public_metrics,entities,geo,lang,conversation_id,referenced_tweets,in_reply_to_user_id',
      'user.fields': 'public_metrics,location,username,name,verified',
      'place.fields': 'full_name,name,country_code,place_type',
    });
    // Each stored post is what the mapper makes of the full seeded tweet: nothing was lost on the way.
    const users = new Map(data.users.map((u) => [u.id, u]));
    const places = new Map(data.places.map((p) => [p.id, p]));
    const tweets = new Map(data.tweets.map((t) => [t.id, t]));
    for (const tweet of data.tweets) {
      const expected = mapTweet(tweet, users.get(tweet.author_id ?? ''), places, now.toISOString(), { tweets, users });
      expect(store.posts.get(tweet.id)).toEqual(expected);
    }
    expect([...store.posts.values()].some((p) => p.place !== undefined && p.reportedImpressions !== undefined)).toBe(true);
  });

  it('collects only newer tweets on the next run (since_id)', async () => {
    const data = recentData(150, 48, 24, 3);
    const fake = await startFake(data);
    const source = createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl });
    const store = new MemoryStore();
    await source.collect({ campaign: campaign(), checkpoint: null }, store.onPage);
    expect(store.checkpoint).toEqual({ sinceId: newestId(data) });

    const later = recentData(30, 20, 12, 4);
    fake.add(later);
    const before = fake.requests.length;
    const secondRun = new MemoryStore();
    await source.collect({ campaign: campaign(), checkpoint: store.checkpoint }, secondRun.onPage);

    expect(fake.requests.slice(before).map((r) => r.query.since_id)).toEqual([newestId(data)]);
    expect([...secondRun.posts.keys()].sort()).toEqual(later.tweets.map((t) => t.id).sort());
    expect(secondRun.checkpoint).toEqual({ sinceId: newestId(later) });
  });

  it('resumes a run cut off after page k with no gap and no duplicate', async () => {
    const data = recentData(520, 72, 48, 5);
    const fake = await startFake(data);
    const source = createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl });
    const store = new MemoryStore(3);
    await expect(source.collect({ campaign: campaign(), checkpoint: null }, store.onPage)).rejects.toThrow('store went away');
    expect(store.posts.size).toBe(200);
    const untilId = data.tweets[199]?.id;
    expect(store.checkpoint).toEqual({ pending: { newestId: newestId(data), untilId } });

    // New tweets arrive while the run is down; the resumed pass must not take them yet.
    const later = recentData(40, 12, 6, 6);
    fake.add(later);
    const before = fake.requests.length;
    await source.collect({ campaign: campaign(), checkpoint: store.checkpoint }, store.onPage);
    const resumed = fake.requests.slice(before);
    expect(resumed[0]?.query.until_id).toBe(untilId);
    expect(resumed[0]?.query.since_id).toBeUndefined();
    expect(resumed[0]?.query.next_token).toBeUndefined();
    expect([...store.posts.keys()].sort()).toEqual(data.tweets.map((t) => t.id).sort());
    expect(store.checkpoint).toEqual({ sinceId: newestId(data) });

    await source.collect({ campaign: campaign(), checkpoint: store.checkpoint }, store.onPage);
    expect(store.posts.size).toBe(560);
    expect([...store.timesStored.values()].every((n) => n === 1)).toBe(true);
    expect(store.checkpoint).toEqual({ sinceId: newestId(later) });
  });

  it('closes the pass with an empty page when X ends pagination on an empty page', async () => {
    const data = recentData(150, 48, 24, 16);
    const fake = await startFake(data);
    // X sometimes hands out a next_token whose page turns out empty.
    fake.setHandler((req) => (req.query.next_token ? { status: 200, body: { meta: { result_count: 0 } } } : undefined));
    const pages: CollectedPage[] = [];
    await createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl }).collect({ campaign: campaign(), checkpoint: null }, async (p) => {
      pages.push(p);
    });
    expect(pages.map((p) => [p.posts.length, p.checkpoint])).toEqual([
      [100, { pending: { newestId: newestId(data), untilId: data.tweets[99]?.id } }],
      [0, { sinceId: newestId(data) }],
    ]);
  });

  it('splits hashtags longer than one query into several queries and still stores each tweet once', async () => {
    const data = recentData(230, 48, 24, 7);
    const fake = await startFake(data);
    const fillers = Array.from({ length: 30 }, (_, i) => `#KampanyeLiterasiDigitalNusantara${i}`);
    const store = new MemoryStore(4);
    const source = createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl });
    // #KeamananDigital lands in the first query and #SocMed4SocGood in the last: tweets with both match twice.
    const many = campaign({ hashtags: ['#KeamananDigital', ...fillers, '#SocMed4SocGood', '#socmed4socgood'] });
    expect(data.tweets.filter((t) => t.text.includes('#KeamananDigital')).length).toBeGreaterThan(0);
    await expect(source.collect({ campaign: many, checkpoint: null }, store.onPage)).rejects.toThrow('store went away');
    await source.collect({ campaign: many, checkpoint: store.checkpoint }, store.onPage);

    const queries = new Set(fake.requests.map((r) => r.query.query ?? ''));
    expect(queries.size).toBe(3);
    for (const q of queries) expect(q.length).toBeLessThanOrEqual(512);
    expect(new Set(fake.requests.map((r) => r.query.end_time)).size).toBe(1);
    expect([...store.posts.keys()].sort()).toEqual(data.tweets.map((t) => t.id).sort());
    expect(store.checkpoint).toEqual({ sinceId: newestId(data) });

    // A whole pass in one run hands over a tweet that two queries matched only once.
    const fresh = new MemoryStore();
    fake.add(recentData(60, 20, 10, 17));
    await source.collect({ campaign: many, checkpoint: null }, fresh.onPage);
    expect(fresh.posts.size).toBe(290);
    expect([...fresh.timesStored.values()].every((n) => n === 1)).toBe(true);
  });
});

describe('X source failures', () => {
  it('waits for x-rate-limit-reset after a 429 and sends nothing before it', async () => {
    const data = recentData(60, 24, 12, 8);
    const fake = await startFake(data);
    const reset = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000);
    fake.failNext(1, rateLimited(reset));
    const store = new MemoryStore();
    await createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl }).collect({ campaign: campaign(), checkpoint: null }, store.onPage);

    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.at).toBeGreaterThanOrEqual(reset.getTime());
    expect(fake.requests[1]?.query).toEqual(fake.requests[0]?.query);
    expect(store.posts.size).toBe(60);
  });

  it('waits for the reset once a response says the window is used up, instead of provoking a 429', async () => {
    const data = recentData(250, 48, 24, 15);
    const fake = await createFakeXApi(data, { rateLimit: { limit: 2, windowSeconds: 1 } }).start();
    running.push(fake);
    const store = new MemoryStore();
    await createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl }).collect({ campaign: campaign(), checkpoint: null }, store.onPage);

    expect(fake.requests).toHaveLength(3);
    const windowEnd = Math.floor((fake.requests[0]?.at ?? 0) / 1000) * 1000 + 1000;
    expect(fake.requests[2]?.at).toBeGreaterThanOrEqual(windowEnd);
    expect(store.posts.size).toBe(250);
  });

  it('retries a 503 with growing backoff, then succeeds', async () => {
    const data = recentData(60, 24, 12, 9);
    const fake = await startFake(data);
    fake.failNext(3, problem(503, 'Service Unavailable'));
    const sleeps: number[] = [];
    const store = new MemoryStore();
    const sleep = async (ms: number): Promise<void> => void sleeps.push(ms);
    await createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl, sleep }).collect({ campaign: campaign(), checkpoint: null }, store.onPage);

    expect(fake.requests).toHaveLength(4);
    expect(store.posts.size).toBe(60);
    expect(sleeps).toHaveLength(3);
    expect(sleeps[0]).toBeGreaterThanOrEqual(500);
    expect(sleeps[0]).toBeLessThanOrEqual(1000);
    expect(sleeps[2]).toBeGreaterThanOrEqual(2000);
    expect(sleeps[2]).toBeLessThanOrEqual(4000);
  });

  it('gives up after 5 retries, naming the status', async () => {
    const fake = await startFake(recentData(20, 24, 12, 10));
    fake.failNext(10, problem(503, 'Service Unavailable'));
    const source = createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl, sleep: async () => undefined });
    await expect(source.collect({ campaign: campaign(), checkpoint: null }, new MemoryStore().onPage)).rejects.toThrow(
      'X request GET tweets/search/recent failed after 5 retries: HTTP 503',
    );
    expect(fake.requests).toHaveLength(6);
  });

  it('turns a refused token into a SourceAuthError naming X_BEARER_TOKEN, without retrying', async () => {
    const fake = await startFake(recentData(20, 24, 12, 11));
    const source = createXSource({ bearerToken: 'wrong-token', baseUrl: fake.baseUrl, sleep: async () => undefined });
    const error = await source.collect({ campaign: campaign(), checkpoint: null }, new MemoryStore().onPage).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceAuthError);
    expect(error).toMatchObject({ source: 'x', message: 'The X token was refused (HTTP 401): check X_BEARER_TOKEN' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.authorization).toBe('Bearer wrong-token');
  });

  it('fails clearly on a malformed JSON body and stores nothing', async () => {
    const fake = await startFake(recentData(20, 24, 12, 12));
    fake.failNext(1, { status: 200, body: '{"data":[{"id":"1879412345678901250","text":' });
    const store = new MemoryStore();
    const source = createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl, sleep: async () => undefined });
    await expect(source.collect({ campaign: campaign(), checkpoint: null }, store.onPage)).rejects.toThrow(
      'X returned a malformed response to GET tweets/search/recent (HTTP 200): the body is not valid JSON: "{\\"data\\":[{\\"id\\":\\"1879412345678901250\\",\\"text\\":"',
    );
    expect(store.pages).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });

  it('fails clearly on a body that is JSON but not a search response', async () => {
    const fake = await startFake(recentData(20, 24, 12, 13));
    fake.failNext(1, { status: 200, body: { data: { id: '1' } } });
    const source = createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl });
    await expect(source.collect({ campaign: campaign(), checkpoint: null }, new MemoryStore().onPage)).rejects.toThrow(
      'X returned a malformed response to GET tweets/search/recent: "data" is not an array',
    );
  });
});

describe('X client lookup', () => {
  it('re-reads tweets by id with the same fields, reporting the missing ones', async () => {
    const data = recentData(30, 24, 12, 14);
    const fake = await startFake(data);
    const client = createXClient({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl });
    const ids = [data.tweets[3]?.id ?? '', '1879412345678901250', data.tweets[0]?.id ?? ''];
    const res = await client.lookupTweets(ids);
    expect(res.data?.map((t) => t.id)).toEqual([ids[0], ids[2]]);
    expect(res.data?.[0]?.public_metrics).toEqual(data.tweets[3]?.public_metrics);
    expect(res.errors?.map((e) => e.resource_id)).toEqual(['1879412345678901250']);
    expect(fake.requests[0]?.path).toBe('/2/tweets');
    expect(compareIds(ids[2] ?? '', ids[0] ?? '')).toBeGreaterThan(0);
  });
});
