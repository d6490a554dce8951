import { describe, expect, it } from 'vitest';
import { createBlueskyClient } from '../../src/sources/bluesky/bluesky.client.js';
import { SourceAuthError } from '../../src/sources/source.port.js';
import { campaign, generatePosts, HOUR } from '../helpers/bluesky.fixtures.js';
import { MemoryStore, searches, sourceFor, useFakeBluesky } from '../helpers/bluesky.harness.js';
import { rateLimited, xrpcError, type FakeResponse, type RunningFakeBluesky } from '../helpers/fake-bluesky.js';

const startFake = useFakeBluesky();
const recent = (count: number): ReturnType<typeof generatePosts> => generatePosts({ count, newestMs: Date.now() - 2 * HOUR });
const noSleep = async (): Promise<void> => undefined;

/** Answers the first `n` searchPosts requests with `response`; everything else is served. */
function failSearches(fake: RunningFakeBluesky, n: number, response: FakeResponse): void {
  let left = n;
  fake.setHandler((req) => (req.nsid === 'app.bsky.feed.searchPosts' && left-- > 0 ? response : undefined));
}

describe('Bluesky sessions', () => {
  it('turns a wrong app password into a SourceAuthError naming the settings, without retrying', async () => {
    const fake = await startFake(recent(10));
    const source = sourceFor(fake, { appPassword: 'wrong-pass-word-here', sleep: noSleep });
    const error = await source.collect({ campaign: campaign(), checkpoint: null }, new MemoryStore().onPage).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceAuthError);
    expect(error).toMatchObject({
      source: 'bluesky',
      message: 'Bluesky refused the sign-in for kabar.bsky.social: check BLUESKY_HANDLE and BLUESKY_APP_PASSWORD',
    });
    expect(fake.requests.map((r) => r.nsid)).toEqual(['com.atproto.server.createSession']);
  });

  it('refreshes an expired access token with the refresh token and carries on', async () => {
    const data = generatePosts({ count: 250, newestMs: Date.now() - 3 * HOUR });
    const fake = await startFake(data);
    const store = new MemoryStore();
    let pages = 0;
    await sourceFor(fake).collect({ campaign: campaign(), checkpoint: null }, async (p) => {
      pages += 1;
      // The access token runs out (it lives two hours) between two pages.
      if (pages === 1) fake.expireAccessTokens();
      await store.onPage(p);
    });

    const signIns = fake.requests.filter((r) => r.nsid === 'com.atproto.server.createSession');
    const refreshes = fake.requests.filter((r) => r.nsid === 'com.atproto.server.refreshSession');
    expect(signIns).toHaveLength(1);
    expect(refreshes).toHaveLength(1);
    const refreshAt = fake.requests.findIndex((r) => r.nsid === 'com.atproto.server.refreshSession');
    const [expired, retried] = [fake.requests[refreshAt - 1], fake.requests[refreshAt + 1]];
    expect(refreshes[0]?.authorization).not.toBe(expired?.authorization);
    expect(retried?.query).toEqual(expired?.query);
    expect(retried?.authorization).not.toBe(expired?.authorization);
    expect(store.posts.size).toBe(250);
  });

  it('signs in again when the refresh token is refused too', async () => {
    const fake = await startFake(recent(150));
    const source = sourceFor(fake);
    const store = new MemoryStore();
    await source.collect({ campaign: campaign(), checkpoint: null }, store.onPage);
    fake.expireAccessTokens();
    fake.expireRefreshTokens();
    await source.collect({ campaign: campaign(), checkpoint: null }, new MemoryStore().onPage);
    expect(fake.requests.map((r) => r.nsid).filter((n) => n.startsWith('com.atproto'))).toEqual([
      'com.atproto.server.createSession',
      'com.atproto.server.refreshSession',
      'com.atproto.server.createSession',
    ]);
  });
});

describe('Bluesky failures', () => {
  it('waits for RateLimit-Reset after a 429 and sends nothing before it', async () => {
    const fake = await startFake(recent(60));
    const reset = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000);
    failSearches(fake, 1, rateLimited(reset));
    const store = new MemoryStore();
    await sourceFor(fake).collect({ campaign: campaign(), checkpoint: null }, store.onPage);

    const limitedAt = fake.requests.findIndex((r) => r.nsid === 'app.bsky.feed.searchPosts');
    const limited = fake.requests[limitedAt];
    const after = fake.requests.slice(limitedAt + 1);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.at >= reset.getTime())).toBe(true);
    expect(searches(fake)[1]?.query).toEqual(limited?.query);
    expect(store.posts.size).toBe(60);
  });

  it('waits for the reset once a response says the window is used up, instead of provoking a 429', async () => {
    // 3 requests a second: sign-in, the first page and the profiles use the window up.
    const fake = await startFake(recent(150), { rateLimit: { limit: 3, windowSeconds: 1 } });
    const store = new MemoryStore();
    await sourceFor(fake).collect({ campaign: campaign(), checkpoint: null }, store.onPage);

    expect(fake.requests.map((r) => r.nsid)).toEqual([
      'com.atproto.server.createSession',
      'app.bsky.feed.searchPosts',
      'app.bsky.actor.getProfiles',
      'app.bsky.feed.searchPosts',
    ]);
    const windowEnd = Math.floor((fake.requests[0]?.at ?? 0) / 1000) * 1000 + 1000;
    expect(fake.requests[3]?.at).toBeGreaterThanOrEqual(windowEnd);
    expect(store.posts.size).toBe(150);
  });

  it('retries a 503 with growing backoff, then succeeds', async () => {
    const fake = await startFake(recent(60));
    failSearches(fake, 3, xrpcError(503, 'ServiceUnavailable', 'upstream unavailable'));
    const sleeps: number[] = [];
    const store = new MemoryStore();
    const sleep = async (ms: number): Promise<void> => void sleeps.push(ms);
    await sourceFor(fake, { sleep }).collect({ campaign: campaign(), checkpoint: null }, store.onPage);

    expect(searches(fake)).toHaveLength(4);
    expect(store.posts.size).toBe(60);
    expect(sleeps).toHaveLength(3);
    expect(sleeps[0]).toBeGreaterThanOrEqual(500);
    expect(sleeps[0]).toBeLessThanOrEqual(1000);
    expect(sleeps[2]).toBeGreaterThanOrEqual(2000);
    expect(sleeps[2]).toBeLessThanOrEqual(4000);
  });

  it('gives up after 5 retries, naming the status', async () => {
    const fake = await startFake(recent(20));
    failSearches(fake, 10, { status: 502, body: '<html>Bad Gateway</html>' });
    const source = sourceFor(fake, { sleep: noSleep });
    await expect(source.collect({ campaign: campaign(), checkpoint: null }, new MemoryStore().onPage)).rejects.toThrow(
      'Bluesky request GET app.bsky.feed.searchPosts failed after 5 retries: HTTP 502',
    );
    expect(searches(fake)).toHaveLength(6);
  });

  it('retries a request that gets no answer within the timeout', async () => {
    const fake = await startFake(recent(30));
    failSearches(fake, 1, { status: 200, body: { posts: [] }, delayMs: 2_000 });
    const store = new MemoryStore();
    await sourceFor(fake, { sleep: noSleep, timeoutMs: 200 }).collect({ campaign: campaign(), checkpoint: null }, store.onPage);
    expect(searches(fake)).toHaveLength(2);
    expect(store.posts.size).toBe(30);
  });

  it('fails clearly on a malformed JSON body and stores nothing', async () => {
    const fake = await startFake(recent(20));
    failSearches(fake, 1, { status: 200, body: '{"posts":[{"uri":"at://did:plc:x/app.bsky.feed.post/3k' });
    const store = new MemoryStore();
    await expect(sourceFor(fake, { sleep: noSleep }).collect({ campaign: campaign(), checkpoint: null }, store.onPage)).rejects.toThrow(
      'Bluesky returned a malformed response to GET app.bsky.feed.searchPosts (HTTP 200): the body is not valid JSON: "{\\"posts\\":[{\\"uri\\":\\"at://did:plc:x/app.bsky.feed.post/3k"',
    );
    expect(store.pages).toBe(0);
    expect(searches(fake)).toHaveLength(1);
  });

  it('fails clearly on JSON that is not a searchPosts output, naming the field', async () => {
    const fake = await startFake(recent(20));
    failSearches(fake, 1, { status: 200, body: { posts: [{ uri: 'at://did:plc:x/app.bsky.feed.post/3k' }] } });
    await expect(sourceFor(fake).collect({ campaign: campaign(), checkpoint: null }, new MemoryStore().onPage)).rejects.toThrow(
      /^Bluesky returned a malformed response to GET app\.bsky\.feed\.searchPosts: .*posts\[0\]\.cid/,
    );
  });

  it('reports a rejected query with the XRPC error, without retrying', async () => {
    const fake = await startFake(recent(20));
    failSearches(fake, 1, xrpcError(400, 'BadQueryString', 'Unsupported query'));
    await expect(sourceFor(fake).collect({ campaign: campaign(), checkpoint: null }, new MemoryStore().onPage)).rejects.toThrow(
      'Bluesky rejected GET app.bsky.feed.searchPosts (HTTP 400 BadQueryString): Unsupported query',
    );
    expect(searches(fake)).toHaveLength(1);
  });
});

describe('Bluesky client getProfiles', () => {
  it('reads profiles by did, leaves unknown actors out and refuses more than 25 at once', async () => {
    const data = recent(5);
    const fake = await startFake(data);
    const client = createBlueskyClient({ handle: fake.account.handle, appPassword: fake.account.password, baseUrl: fake.baseUrl });
    const dids = [data.profiles[0]?.did ?? '', 'did:plc:nobodyhereatallxxxxxxxxx'];
    expect((await client.getProfiles(dids)).map((p) => p.did)).toEqual([dids[0]]);
    await expect(client.getProfiles(Array.from({ length: 26 }, (_, i) => `did:plc:${i}`))).rejects.toThrow(RangeError);
  });
});
