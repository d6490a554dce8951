import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createMastodonSource } from '../../src/sources/mastodon/mastodon.source.js';
import type { MastodonStatus } from '../../src/sources/mastodon/mastodon.types.js';
import { createFakeMastodon, rateLimited, unavailable, type FakeMastodonOptions, type RunningFakeMastodon } from '../helpers/fake-mastodon.js';
import { campaignOn, LOCAL_FAKES, mastodonSource, tagged } from '../helpers/mastodon.fixtures.js';
import { MemoryStore } from '../helpers/x-source.fixtures.js';

// How the Mastodon source meets a failing instance: it waits, retries or stops with a message a
// person can act on, and never stores a half-read page.

const running: RunningFakeMastodon[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.close()));
});

async function startFake(statuses: readonly MastodonStatus[], options?: FakeMastodonOptions): Promise<RunningFakeMastodon> {
  const fake = await createFakeMastodon(statuses, options).start();
  running.push(fake);
  return fake;
}

describe('Mastodon source failures', () => {
  it('waits for X-RateLimit-Reset after a 429 and sends nothing before it', async () => {
    const fake = await startFake(tagged('kupang.social', 30, 2));
    const reset = new Date(Date.now() + 1_500);
    fake.failNext(1, rateLimited(reset));
    const store = new MemoryStore();
    // Real time and the real sleep: the wait is the client's own.
    await createMastodonSource({ accessTokens: {}, outbound: LOCAL_FAKES }).collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: null }, store.onPage);

    expect(fake.requests[0]?.status).toBe(429);
    expect(fake.requests[1]?.at).toBeGreaterThanOrEqual(reset.getTime());
    expect(fake.requests[1]?.query).toEqual(fake.requests[0]?.query);
    expect(store.posts.size).toBe(30);
  });

  it('waits for the reset once a response says the window is used up, instead of provoking a 429', async () => {
    const fake = await startFake(tagged('kupang.social', 90, 2), { rateLimit: { limit: 2, windowSeconds: 1 } });
    const store = new MemoryStore();
    await createMastodonSource({ accessTokens: {}, outbound: LOCAL_FAKES }).collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: null }, store.onPage);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(store.posts.size).toBe(90);
  });

  it('retries a 503 with growing backoff, then succeeds', async () => {
    const fake = await startFake(tagged('kupang.social', 10, 2));
    fake.failNext(3, unavailable());
    const sleeps: number[] = [];
    const store = new MemoryStore();
    await mastodonSource({ sleep: async (ms) => void sleeps.push(ms) }).collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: null }, store.onPage);
    expect(fake.requests.map((r) => r.status)).toEqual([503, 503, 503, 200, 200]);
    expect(store.posts.size).toBe(10);
    expect(sleeps).toHaveLength(3);
    expect(sleeps[0]).toBeGreaterThanOrEqual(500);
    expect(sleeps[0]).toBeLessThanOrEqual(1000);
    expect(sleeps[2]).toBeGreaterThanOrEqual(2000);
    expect(sleeps[2]).toBeLessThanOrEqual(4000);
  });

  it('gives up after 5 retries, naming the instance and the status', async () => {
    const fake = await startFake(tagged('kupang.social', 10, 2));
    fake.failNext(10, unavailable());
    await expect(mastodonSource().collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: null }, new MemoryStore().onPage)).rejects.toThrow(
      `Mastodon instance ${fake.host}: GET /api/v1/timelines/tag/socmed4socgood failed after 5 retries: HTTP 503`,
    );
    expect(fake.requests).toHaveLength(6);
  });

  it('retries a request that outlives its time limit', async () => {
    const fake = await startFake(tagged('kupang.social', 10, 2));
    fake.failNext(1, { status: 200, body: [], delayMs: 5_000 });
    const store = new MemoryStore();
    await mastodonSource({ timeoutMs: 200 }).collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: null }, store.onPage);
    expect(fake.requests).toHaveLength(3);
    expect(store.posts.size).toBe(10);
  });

  it('fails clearly on a malformed JSON body and stores nothing', async () => {
    const fake = await startFake(tagged('kupang.social', 10, 2));
    fake.failNext(1, { status: 200, body: '[{"id":"113812345678901250","uri":' });
    const store = new MemoryStore();
    await expect(mastodonSource().collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: null }, store.onPage)).rejects.toThrow(
      `Mastodon instance ${fake.host}: GET /api/v1/timelines/tag/socmed4socgood answered HTTP 200 with a page that is not JSON.`,
    );
    expect(store.pages).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });

  it('fails clearly on JSON that is not a list of statuses', async () => {
    const fake = await startFake([]);
    fake.failNext(1, { status: 200, body: { error: 'nope' } });
    fake.failNext(1, { status: 200, body: [{ id: '1', uri: 'https://a.example/1', created_at: 'yesterday', content: '', account: {} }] });
    const what = `Mastodon instance ${fake.host}: GET /api/v1/timelines/tag/socmed4socgood returned an unexpected response`;
    await expect(mastodonSource().collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: null }, new MemoryStore().onPage)).rejects.toThrow(
      `${what}: expected an array of statuses, got an object`,
    );
    await expect(mastodonSource().collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: null }, new MemoryStore().onPage)).rejects.toThrow(
      `${what}: 0.created_at: not a date-time`,
    );
  });

  it('reads an unreadable checkpoint as a first run, and says so', async () => {
    const data = tagged('kupang.social', 10, 2);
    const fake = await startFake(data);
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => void (lines.push(chunk.toString()), done()) });
    const store = new MemoryStore();
    await mastodonSource({ logger: pino({ level: 'warn' }, sink) }).collect(
      { campaign: campaignOn([fake.baseUrl]), checkpoint: { sinceId: 42 } },
      store.onPage,
    );
    expect(store.posts.size).toBe(10);
    expect(lines.some((l) => l.includes('unreadable Mastodon checkpoint'))).toBe(true);
  });

  it('stops at once when the job is cancelled', async () => {
    const fake = await startFake(tagged('kupang.social', 10, 2));
    fake.failNext(1, { ...unavailable() });
    const controller = new AbortController();
    const sleep = async () => controller.abort(new Error('job cancelled'));
    await expect(
      mastodonSource({ sleep }).collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: null, signal: controller.signal }, new MemoryStore().onPage),
    ).rejects.toThrow('job cancelled');
    expect(fake.requests).toHaveLength(1);
  });
});
