import { describe, expect, it } from 'vitest';
import type { Author } from '../../src/domain/post.js';
import type { BlueskyCheckpoint } from '../../src/sources/bluesky/bluesky.checkpoint.js';
import { BLUESKY_SETTLE_MS } from '../../src/sources/bluesky/bluesky.source.js';
import type { CollectedPage } from '../../src/sources/source.port.js';
import { basic, campaign, generatePosts, HOUR, postView, profile, type GeneratedData } from '../helpers/bluesky.fixtures.js';
import { MemoryStore, searches, sourceFor, useFakeBluesky } from '../helpers/bluesky.harness.js';

const startFake = useFakeBluesky();
const uris = (data: GeneratedData): string[] => data.posts.map((p) => p.uri).sort();
const tagState = (checkpoint: unknown, tag = 'socmed4socgood'): BlueskyCheckpoint['tags'][string] | undefined => (checkpoint as BlueskyCheckpoint).tags[tag];

describe('Bluesky source against the fake Bluesky', () => {
  it('signs in once with the app password and sends the access token on every call', async () => {
    const fake = await startFake(generatePosts({ count: 30, newestMs: Date.now() - 2 * HOUR }));
    const source = sourceFor(fake);
    const store = new MemoryStore();
    await source.collect({ campaign: campaign(), checkpoint: null }, store.onPage);
    await source.collect({ campaign: campaign(), checkpoint: store.checkpoint }, store.onPage);

    const [signIn, ...calls] = fake.requests;
    expect(signIn).toMatchObject({
      method: 'POST',
      nsid: 'com.atproto.server.createSession',
      authorization: undefined,
      body: { identifier: fake.account.handle, password: fake.account.password },
    });
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.map((r) => r.nsid)).not.toContain('com.atproto.server.createSession');
    const bearer = calls[0]?.authorization ?? '';
    expect(bearer).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(calls.every((r) => r.authorization === bearer)).toBe(true);
    expect(store.posts.size).toBe(30);
  });

  it('reads every page with the same parameters, stores every post exactly once and closes the pass', async () => {
    const data = generatePosts({ count: 450, newestMs: Date.now() - 3 * HOUR, perInstant: 3 });
    const fake = await startFake(data);
    const store = new MemoryStore();
    const pages: CollectedPage[] = [];
    const c = campaign();
    const before = Date.now();
    await sourceFor(fake).collect({ campaign: c, checkpoint: null }, async (p) => {
      pages.push(p);
      await store.onPage(p);
    });

    const reqs = searches(fake);
    expect(reqs).toHaveLength(5);
    const { cursor: _first, ...firstQuery } = reqs[0]?.query ?? {};
    expect(firstQuery).toMatchObject({
      q: ['#SocMed4SocGood'],
      tag: ['SocMed4SocGood'],
      sort: ['latest'],
      limit: ['100'],
      since: [new Date(c.startsAt).toISOString()],
    });
    const until = Date.parse(firstQuery.until?.[0] ?? '');
    expect(until).toBeLessThanOrEqual(Date.now() - BLUESKY_SETTLE_MS);
    expect(until).toBeGreaterThanOrEqual(before - BLUESKY_SETTLE_MS - 1000);
    for (const req of reqs.slice(1)) {
      const { cursor, ...rest } = req.query;
      expect(cursor).toHaveLength(1);
      expect(rest).toEqual(firstQuery);
    }
    expect(pages.map((p) => p.posts.length)).toEqual([100, 100, 100, 100, 50]);
    expect(pages.map((p) => p.read.posts)).toEqual([100, 100, 100, 100, 50]);
    expect([...store.posts.keys()].sort()).toEqual(uris(data));
    expect([...store.timesStored.values()].every((n) => n === 1)).toBe(true);
    // Every page but the last records where to resume; the last closes the pass at the newest post.
    const newest = data.posts[0]?.record.createdAt;
    expect(pages.slice(0, 4).map((p) => tagState(p.checkpoint)?.pending?.until)).toEqual(
      [99, 199, 299, 399].map((i) => new Date(Date.parse(data.posts[i]?.record.createdAt ?? '') + 1).toISOString()),
    );
    expect(tagState(pages[1]?.checkpoint)?.pending?.skip).toEqual(
      data.posts
        .slice(198, 200)
        .map((p) => p.uri)
        .sort(),
    );
    expect(store.checkpoint).toEqual({
      v: 1,
      tags: {
        socmed4socgood: {
          newest,
          newestUris: data.posts
            .slice(0, 3)
            .map((p) => p.uri)
            .sort(),
        },
      },
    });
  });

  it('gives each author the follower count from getProfiles, read 25 at a time', async () => {
    const data = generatePosts({ count: 130, newestMs: Date.now() - 2 * HOUR, authors: 60 });
    // One author deleted the account: the post stays, the followers are unknown.
    const gone = data.profiles.pop();
    const fake = await startFake(data);
    const store = new MemoryStore();
    const authors = new Map<string, Author>();
    const pages: CollectedPage[] = [];
    await sourceFor(fake).collect({ campaign: campaign(), checkpoint: null }, async (p) => {
      pages.push(p);
      for (const a of p.authors) authors.set(a.authorId, a);
      await store.onPage(p);
    });

    const profileCalls = fake.requests.filter((r) => r.nsid === 'app.bsky.actor.getProfiles');
    expect(profileCalls.every((r) => (r.query.actors?.length ?? 0) <= 25)).toBe(true);
    const asked = profileCalls.flatMap((r) => r.query.actors ?? []);
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.length).toBe(60);
    expect(pages.reduce((n, p) => n + p.read.users, 0)).toBe(59);
    for (const p of data.profiles) expect(authors.get(p.did)).toMatchObject({ handle: p.handle, followers: p.followersCount });
    expect(authors.get(gone?.did ?? '')).not.toHaveProperty('followers');
    // Each page's authors are exactly the authors of its posts.
    for (const p of pages) expect(new Set(p.authors.map((a) => a.authorId))).toEqual(new Set(p.posts.map((x) => x.authorId)));
  });

  it('collects only newer posts on the next run, including one late to the newest instant', async () => {
    const data = generatePosts({ count: 150, newestMs: Date.now() - 4 * HOUR });
    const fake = await startFake(data);
    const source = sourceFor(fake);
    const first = new MemoryStore();
    await source.collect({ campaign: campaign(), checkpoint: null }, first.onPage);
    const newest = data.posts[0]?.record.createdAt ?? '';
    expect(tagState(first.checkpoint)).toEqual({ newest, newestUris: [data.posts[0]?.uri] });

    const later = generatePosts({ count: 40, newestMs: Date.now() - 2 * HOUR, firstAuthor: 30 });
    const late = postView({ author: basic(profile(2)), createdAt: newest, clock: 999, text: 'Telat masuk indeks #SocMed4SocGood' });
    fake.add({ ...later, posts: [...later.posts, late] });
    const before = fake.requests.length;
    const second = new MemoryStore();
    await source.collect({ campaign: campaign(), checkpoint: first.checkpoint }, second.onPage);

    expect(searches(fake, before).map((r) => r.query.since?.[0])).toEqual([newest]);
    expect([...second.posts.keys()].sort()).toEqual([...later.posts.map((p) => p.uri), late.uri].sort());
    expect(tagState(second.checkpoint)).toEqual({ newest: later.posts[0]?.record.createdAt, newestUris: [later.posts[0]?.uri] });
  });

  it('resumes a run cut off after page k from the checkpoint alone: no gap, no duplicate, no cursor', async () => {
    const data = generatePosts({ count: 520, newestMs: Date.now() - 5 * HOUR, perInstant: 3 });
    const fake = await startFake(data);
    const source = sourceFor(fake);
    const store = new MemoryStore(3);
    await expect(source.collect({ campaign: campaign(), checkpoint: null }, store.onPage)).rejects.toThrow('store went away');
    expect(store.posts.size).toBe(200);
    const pending = tagState(store.checkpoint)?.pending;
    // Posts 198 to 200 share one millisecond: the cut falls inside it.
    expect(pending).toEqual({
      newest: data.posts[0]?.record.createdAt,
      newestUris: data.posts
        .slice(0, 3)
        .map((p) => p.uri)
        .sort(),
      until: new Date(Date.parse(data.posts[199]?.record.createdAt ?? '') + 1).toISOString(),
      skip: data.posts
        .slice(198, 200)
        .map((p) => p.uri)
        .sort(),
    });

    // While the run is down, cursors go stale and new posts arrive.
    fake.expireCursors();
    const later = generatePosts({ count: 40, newestMs: Date.now() - 2 * HOUR, firstAuthor: 40 });
    fake.add(later);
    const before = fake.requests.length;
    await source.collect({ campaign: campaign(), checkpoint: store.checkpoint }, store.onPage);
    const resumed = searches(fake, before);
    expect(resumed[0]?.query.until).toEqual([pending?.until]);
    expect(resumed[0]?.query.cursor).toBeUndefined();
    expect([...store.posts.keys()].sort()).toEqual(uris(data));
    expect(tagState(store.checkpoint)).toEqual({
      newest: data.posts[0]?.record.createdAt,
      newestUris: data.posts
        .slice(0, 3)
        .map((p) => p.uri)
        .sort(),
    });

    await source.collect({ campaign: campaign(), checkpoint: store.checkpoint }, store.onPage);
    expect(store.posts.size).toBe(560);
    expect([...store.timesStored.values()].every((n) => n === 1)).toBe(true);
  });

  it('makes one pass per campaign hashtag and hands over a post with two of them once', async () => {
    const data = generatePosts({ count: 240, newestMs: Date.now() - 3 * HOUR });
    const fake = await startFake(data);
    const both = data.posts.filter((p) => p.record.text.includes('#LiterasiDigital'));
    expect(both.length).toBe(40);
    const c = campaign({ hashtags: ['#SocMed4SocGood', '#LiterasiDigital', '#socmed4socgood'] });
    const store = new MemoryStore();
    await sourceFor(fake).collect({ campaign: c, checkpoint: null }, store.onPage);

    expect(new Set(searches(fake).map((r) => r.query.tag?.join(',')))).toEqual(new Set(['SocMed4SocGood', 'LiterasiDigital']));
    expect([...store.posts.keys()].sort()).toEqual(uris(data));
    expect([...store.timesStored.values()].every((n) => n === 1)).toBe(true);
    expect(Object.keys((store.checkpoint as BlueskyCheckpoint).tags).sort()).toEqual(['literasidigital', 'socmed4socgood']);
    expect(tagState(store.checkpoint, 'literasidigital')?.newest).toBe(both[0]?.record.createdAt);
  });

  it('stops at the campaign end and starts at its start', async () => {
    const data = generatePosts({ count: 100, newestMs: Date.now() - 2 * HOUR, stepMs: 10 * 60_000 });
    const fake = await startFake(data);
    const startsAt = data.posts[79]?.record.createdAt ?? '';
    const endsAt = data.posts[19]?.record.createdAt ?? '';
    const store = new MemoryStore();
    await sourceFor(fake).collect({ campaign: campaign({ startsAt, endsAt }), checkpoint: null }, store.onPage);
    expect(searches(fake)[0]?.query).toMatchObject({ since: [startsAt], until: [endsAt] });
    expect([...store.posts.keys()].sort()).toEqual(
      data.posts
        .slice(20, 80)
        .map((p) => p.uri)
        .sort(),
    );
  });

  it('goes on below the oldest post read when search stops handing out cursors', async () => {
    const data = generatePosts({ count: 450, newestMs: Date.now() - 3 * HOUR, perInstant: 2 });
    const fake = await startFake(data, { maxDepth: 300 });
    const store = new MemoryStore();
    await sourceFor(fake).collect({ campaign: campaign(), checkpoint: null }, store.onPage);
    const reqs = searches(fake);
    expect(reqs[3]?.query.cursor).toBeUndefined();
    expect(reqs[3]?.query.until).toEqual([new Date(Date.parse(data.posts[299]?.record.createdAt ?? '') + 1).toISOString()]);
    expect([...store.posts.keys()].sort()).toEqual(uris(data));
    expect([...store.timesStored.values()].every((n) => n === 1)).toBe(true);
  });
});
