import { afterEach, describe, expect, it } from 'vitest';
import { SourceAuthError, type CollectedPage } from '../../src/sources/source.port.js';
import { createMastodonClient } from '../../src/sources/mastodon/mastodon.client.js';
import type { MastodonStatus } from '../../src/sources/mastodon/mastodon.types.js';
import { createFakeMastodon, type FakeMastodonOptions, type RunningFakeMastodon } from '../helpers/fake-mastodon.js';
import { createOutboundFetch } from '../../src/net/outbound-fetch.js';
import { campaignOn, federatedCopy, LOCAL_FAKES, LOCAL_TLS_FAKES, mastodonSource, streamOf, tagged, urisOf, USERS } from '../helpers/mastodon.fixtures.js';
import { MemoryStore } from '../helpers/x-source.fixtures.js';

// The Mastodon source with its real fetch client against local fake instances: paging,
// checkpoints, federation and tokens. Failures (rate limits, 5xx, bad bodies) are in
// mastodon.failures.test.ts.

const running: RunningFakeMastodon[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.close()));
});

async function startFake(statuses: readonly MastodonStatus[], options?: FakeMastodonOptions): Promise<RunningFakeMastodon> {
  const fake = await createFakeMastodon(statuses, options).start();
  running.push(fake);
  return fake;
}

const ids = (statuses: readonly MastodonStatus[]): string[] => statuses.map((s) => s.id);

describe('Mastodon source against a fake instance', () => {
  it('pages newest to oldest with the Link cursor, stores each status once and stops at the campaign start', async () => {
    const inWindow = tagged('kupang.social', 130, 1);
    const beforeStart = tagged('kupang.social', 5, 24 * 7, { seq: 500 });
    const otherTag = tagged('kupang.social', 3, 2, { seq: 900, tags: ['LiterasiDigital'] });
    const fake = await startFake([...inWindow, ...beforeStart, ...otherTag]);
    const store = new MemoryStore();
    const pages: CollectedPage[] = [];
    await mastodonSource().collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: null }, async (p) => {
      pages.push(p);
      await store.onPage(p);
    });

    expect(fake.requests.map((r) => r.path)).toEqual(Array(4).fill('/api/v1/timelines/tag/socmed4socgood'));
    expect(fake.requests.map((r) => r.query)).toEqual([
      { limit: '40' },
      { limit: '40', max_id: inWindow[39]?.id },
      { limit: '40', max_id: inWindow[79]?.id },
      { limit: '40', max_id: inWindow[119]?.id },
    ]);
    expect(pages.map((p) => p.posts.length)).toEqual([40, 40, 40, 10]);
    expect(pages.map((p) => p.read.posts)).toEqual([40, 40, 40, 15]);
    expect(pages[0]?.read.users).toBe(USERS.length);
    expect([...store.posts.keys()].sort()).toEqual(urisOf(inWindow));
    expect([...store.timesStored.values()].every((n) => n === 1)).toBe(true);
    const newestId = inWindow[0]?.id;
    expect(store.checkpoints).toEqual([
      streamOf(fake.host, { pending: { newestId, maxId: inWindow[39]?.id } }),
      streamOf(fake.host, { pending: { newestId, maxId: inWindow[79]?.id } }),
      streamOf(fake.host, { pending: { newestId, maxId: inWindow[119]?.id } }),
      streamOf(fake.host, { sinceId: newestId }),
    ]);
    const first = inWindow[0];
    expect(store.posts.get(first?.uri ?? '')).toMatchObject({
      platform: 'mastodon',
      url: first?.url,
      authorId: 'https://kupang.social/@rinaw',
      hashtags: ['socmed4socgood'],
    });
    expect(pages[0]?.authors.find((a) => a.authorId === 'https://kupang.social/@rinaw')?.handle).toBe(`@rinaw@${fake.host}`);
  });

  it('reads only newer statuses on the next run, and nothing at all when there are none', async () => {
    const first = tagged('kupang.social', 50, 30);
    const fake = await startFake(first);
    const src = mastodonSource();
    const store = new MemoryStore();
    await src.collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: null }, store.onPage);
    // Nothing older than the campaign start: the pass ends on Mastodon's empty page.
    expect(fake.requests.map((r) => r.query.max_id)).toEqual([undefined, first[39]?.id, first[49]?.id]);
    expect(store.checkpoint).toEqual(streamOf(fake.host, { sinceId: first[0]?.id }));

    const later = tagged('kupang.social', 30, 10, { seq: 1000 });
    fake.add(later);
    const before = fake.requests.length;
    const second = new MemoryStore();
    await src.collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: store.checkpoint }, second.onPage);
    expect(fake.requests.slice(before).map((r) => r.query.since_id)).toEqual([first[0]?.id, first[0]?.id]);
    expect([...second.posts.keys()].sort()).toEqual(urisOf(later));
    expect(second.checkpoint).toEqual(streamOf(fake.host, { sinceId: later[0]?.id }));

    const third = new MemoryStore();
    await src.collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: second.checkpoint }, third.onPage);
    expect(third.pages).toBe(0);
  });

  it('resumes a run cut off after page k with no gap and no duplicate', async () => {
    const data = tagged('kupang.social', 170, 30);
    const fake = await startFake(data);
    const src = mastodonSource();
    const store = new MemoryStore(3);
    await expect(src.collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: null }, store.onPage)).rejects.toThrow('store went away');
    expect(store.posts.size).toBe(80);
    const pending = { newestId: data[0]?.id, maxId: data[79]?.id };
    expect(store.checkpoint).toEqual(streamOf(fake.host, { pending }));

    // New statuses arrive while the run is down: the resumed pass leaves them to the next one.
    const later = tagged('kupang.social', 20, 5, { seq: 2000 });
    fake.add(later);
    const before = fake.requests.length;
    await src.collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: store.checkpoint }, store.onPage);
    expect(fake.requests[before]?.query).toEqual({ limit: '40', max_id: data[79]?.id });
    expect([...store.posts.keys()].sort()).toEqual(urisOf(data));
    expect(store.checkpoint).toEqual(streamOf(fake.host, { sinceId: data[0]?.id }));

    await src.collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: store.checkpoint }, store.onPage);
    expect(store.posts.size).toBe(190);
    expect([...store.timesStored.values()].every((n) => n === 1)).toBe(true);
    expect(store.checkpoint).toEqual(streamOf(fake.host, { sinceId: later[0]?.id }));
  });

  it('skips statuses at or after the campaign end, without reading them again next time', async () => {
    const data = tagged('kupang.social', 30, 1);
    const fake = await startFake(data);
    // Ten minutes apart from one hour ago: data[12] was created exactly at the end.
    const endsAt = data[12]?.created_at ?? '';
    const store = new MemoryStore();
    await mastodonSource().collect({ campaign: campaignOn([fake.baseUrl], { endsAt }), checkpoint: null }, store.onPage);
    expect([...store.posts.keys()].sort()).toEqual(urisOf(data.slice(13)));
    expect(store.checkpoint).toEqual(streamOf(fake.host, { sinceId: data[0]?.id }));
  });

  it('stores a status that carries two campaign hashtags once', async () => {
    const both = tagged('kupang.social', 12, 3, { tags: ['SocMed4SocGood', 'LiterasiDigital'] });
    const fake = await startFake([...both, ...tagged('kupang.social', 4, 1, { seq: 100, tags: ['LiterasiDigital'] })]);
    const store = new MemoryStore();
    await mastodonSource().collect(
      { campaign: campaignOn([fake.baseUrl], { hashtags: ['#SocMed4SocGood', '#LiterasiDigital', '#socmed4socgood'] }), checkpoint: null },
      store.onPage,
    );
    expect(new Set(fake.requests.map((r) => r.path))).toEqual(new Set(['/api/v1/timelines/tag/socmed4socgood', '/api/v1/timelines/tag/literasidigital']));
    expect(store.posts.size).toBe(16);
    expect([...store.timesStored.values()].every((n) => n === 1)).toBe(true);
    expect(Object.keys((store.checkpoint as { instances: Record<string, object> }).instances[fake.host] ?? {})).toEqual(['socmed4socgood', 'literasidigital']);
  });
});

describe('Mastodon source over several instances', () => {
  it('stores a status federated to two instances once per run, under the same postId', async () => {
    const home = tagged('kupang.social', 10, 2);
    // mastodon.social knows the first five through federation (other ids, same uris) and has its own.
    const federated = home.slice(0, 5).map((s) => federatedCopy(s, 'mastodon.social'));
    const own = tagged('mastodon.social', 3, 1, { seq: 300 });
    const a = await startFake(home);
    const b = await startFake([...federated, ...own]);
    expect(federated[0]?.id).not.toBe(home[0]?.id);
    expect(federated[0]?.uri).toBe(home[0]?.uri);

    const src = mastodonSource();
    const store = new MemoryStore();
    const pages: CollectedPage[] = [];
    const campaign = campaignOn([a.baseUrl, b.baseUrl, `${a.baseUrl}/`]);
    await src.collect({ campaign, checkpoint: null }, async (p) => {
      pages.push(p);
      await store.onPage(p);
    });
    expect(store.posts.size).toBe(13);
    expect([...store.timesStored.values()].every((n) => n === 1)).toBe(true);
    expect([...store.posts.keys()].sort()).toEqual([...urisOf(home), ...urisOf(own)].sort());
    expect(a.requests).toHaveLength(2);
    expect(pages.flatMap((p) => p.authors.map((x) => x.authorId))).toContain('https://kupang.social/@rinaw');
    expect(store.checkpoint).toEqual({
      instances: { [a.host]: { socmed4socgood: { sinceId: home[0]?.id } }, [b.host]: { socmed4socgood: { sinceId: own[0]?.id } } },
    });

    // A re-run from the same checkpoint stores nothing; one from scratch stores each status once more.
    const again = new MemoryStore();
    await src.collect({ campaign, checkpoint: store.checkpoint }, again.onPage);
    expect(again.posts.size).toBe(0);
    const fresh = new MemoryStore();
    await src.collect({ campaign, checkpoint: null }, fresh.onPage);
    expect(fresh.posts.size).toBe(13);
    expect([...fresh.timesStored.values()].every((n) => n === 1)).toBe(true);
  });

  it('sends each configured token as a bearer token, only over https and only to its own instance', async () => {
    const a = await startFake(tagged('kupang.social', 5, 2), { requireToken: true, tokens: ['token-for-a'], tls: true });
    const b = await startFake(tagged('mastodon.social', 5, 2, { seq: 50 }), { tls: true });
    // Tokens configured for these two, but they are reached over plain http, or under a base path a campaign chose.
    const plain = await startFake(tagged('plain.social', 5, 2, { seq: 100 }));
    const store = new MemoryStore();
    const accessTokens = { [a.host.toUpperCase()]: 'token-for-a', [plain.host]: 'token-for-plain', [b.host]: 'token-for-b' };
    await mastodonSource({ accessTokens, outbound: LOCAL_TLS_FAKES }).collect(
      { campaign: campaignOn([a.baseUrl, `${b.baseUrl}/chosen/base`, plain.baseUrl]), checkpoint: null },
      store.onPage,
    );
    expect(store.posts.size).toBe(15);
    expect(a.requests.map((r) => r.authorization)).toEqual(['Bearer token-for-a', 'Bearer token-for-a']);
    expect(b.requests.map((r) => [r.path, r.authorization])).toEqual(Array(2).fill(['/chosen/base/api/v1/timelines/tag/socmed4socgood', undefined]));
    expect(plain.requests.map((r) => r.authorization)).toEqual([undefined, undefined]);
  });

  it('keeps a client per base URL: two campaigns on two base paths of one host each read their own path', async () => {
    const fake = await startFake(tagged('kupang.social', 5, 2));
    const src = mastodonSource();
    const first = new MemoryStore();
    const second = new MemoryStore();
    await src.collect({ campaign: campaignOn([`${fake.baseUrl}/one`]), checkpoint: null }, first.onPage);
    await src.collect({ campaign: campaignOn([`${fake.baseUrl}/two/`]), checkpoint: null }, second.onPage);
    expect(fake.requests.map((r) => r.path)).toEqual([
      ...Array(2).fill('/one/api/v1/timelines/tag/socmed4socgood'),
      ...Array(2).fill('/two/api/v1/timelines/tag/socmed4socgood'),
    ]);
    expect(Object.keys((first.checkpoint as { instances: object }).instances)).toEqual([`${fake.host}/one`]);
    expect(Object.keys((second.checkpoint as { instances: object }).instances)).toEqual([`${fake.host}/two`]);

    // One campaign listing both paths reads both, each with its own checkpoint stream.
    const both = new MemoryStore();
    fake.requests.length = 0;
    await src.collect({ campaign: campaignOn([`${fake.baseUrl}/one`, `${fake.baseUrl}/two`]), checkpoint: null }, both.onPage);
    expect(new Set(fake.requests.map((r) => r.path.split('/')[1]))).toEqual(new Set(['one', 'two']));
    expect(Object.keys((both.checkpoint as { instances: object }).instances).sort()).toEqual([`${fake.host}/one`, `${fake.host}/two`]);
  });

  it('collects the other instances when one refuses anonymous reads, then throws a SourceAuthError naming MASTODON_ACCESS_TOKENS', async () => {
    const locked = await startFake(tagged('kupang.social', 5, 2), { requireToken: true, tls: true });
    const openData = tagged('mastodon.social', 5, 2, { seq: 50 });
    const open = await startFake(openData);
    const store = new MemoryStore();
    const error = await mastodonSource({ outbound: LOCAL_TLS_FAKES })
      .collect({ campaign: campaignOn([locked.baseUrl, open.baseUrl]), checkpoint: null }, store.onPage)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceAuthError);
    expect(error).toMatchObject({
      source: 'mastodon',
      message: `Mastodon instance ${locked.host} refused the request (HTTP 401): set an access token for it in MASTODON_ACCESS_TOKENS.`,
    });
    expect(locked.requests).toHaveLength(1);
    expect(store.posts.size).toBe(5);
    expect(store.checkpoint).toEqual(streamOf(open.host, { sinceId: openData[0]?.id }));
  });

  it('names the token as the thing to check when the instance refuses it', async () => {
    const fake = await startFake(tagged('kupang.social', 5, 2), { tokens: ['right'], tls: true });
    const error = await mastodonSource({ accessTokens: { [fake.host]: 'wrong' }, outbound: LOCAL_TLS_FAKES })
      .collect({ campaign: campaignOn([fake.baseUrl]), checkpoint: null }, new MemoryStore().onPage)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceAuthError);
    expect((error as Error).message).toBe(`Mastodon instance ${fake.host} refused the request (HTTP 401): check its access token in MASTODON_ACCESS_TOKENS.`);
  });
});

describe('Mastodon client', () => {
  it('reads the statuses just newer than min_id, newest first, with the Link cursors', async () => {
    const data = tagged('kupang.social', 30, 2);
    const fake = await startFake(data);
    const client = createMastodonClient({ instance: fake.baseUrl, fetch: createOutboundFetch(LOCAL_FAKES) });
    const page = await client.tagTimeline('#SocMed4SocGood', { limit: 5, minId: data[20]?.id });
    expect(ids(page.statuses)).toEqual(ids(data.slice(15, 20)));
    expect(page.next?.maxId).toBe(data[19]?.id);
    expect(page.prev?.minId).toBe(data[15]?.id);
    expect(fake.requests[0]?.path).toBe('/api/v1/timelines/tag/SocMed4SocGood');
  });
});
