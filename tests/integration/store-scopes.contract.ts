import { expect, it } from 'vitest';
import type { CampaignPost } from '../../src/domain/campaign.js';
import type { Author, StoredPost } from '../../src/domain/post.js';
import { platformOf } from '../../src/domain/post.js';
import type { EnrichedBatch, Store } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT, PAPUA } from '../fixtures/metrics-fixtures.js';
import { latestState, referenceListPosts, referenceMetrics, referenceRollups, referenceTopContributors } from '../helpers/reference-metrics.js';
import { ALL_GROUPINGS } from './store.contract.js';

/**
 * Part of store.contract.ts: an imported row is its campaign's own assertion. Two campaigns that
 * import the same platform and post id, with different figures, text, link and author, each keep
 * their own; a collected post stays one copy shared by both.
 */

const T1 = '2015-01-14T06:00:00.000Z';
const T2 = '2015-01-14T07:00:00.000Z';
const T3 = '2015-01-14T08:00:00.000Z';

const importedPost = (over: Partial<StoredPost>): StoredPost => ({
  platform: 'import',
  postId: 'instagram:C1',
  url: 'https://instagram.example/p/C1',
  text: 'kelas literasi #SocMed4SocGood #LiterasiPapua',
  createdAt: '2015-01-14T10:00:00.000Z',
  kind: 'original',
  authorId: 'instagram:ani',
  hashtags: ['socmed4socgood', 'literasipapua'],
  counts: { likes: 10, reposts: 5 },
  observedAt: T1,
  engagement: 15,
  impressions: 300,
  impressionsSource: 'estimated',
  ...over,
});

const importedAuthor = (over: Partial<Author>): Author => ({
  platform: 'import',
  authorId: 'instagram:ani',
  handle: 'ani',
  name: 'Ani',
  followers: 300,
  observedAt: T1,
  ...over,
});

const membership = (campaignId: string, p: StoredPost, cityCode: string | null): CampaignPost => ({
  campaignId,
  publishedOn: platformOf(p),
  language: 'id',
  sentiment: 'neutral',
  sentimentSource: 'auto',
  platform: p.platform,
  postId: p.postId,
  authorId: p.authorId,
  createdAt: p.createdAt,
  day: '2015-01-14',
  hour: '2015-01-14T17',
  cityCode,
  provinceCode: cityCode?.slice(0, 2) ?? null,
  locationMethod: cityCode ? 'geo' : 'none',
  topics: ['education'],
  hashtags: ['socmed4socgood'],
});

// Campaign JKT's import, then campaign PAPUA's import of the same id: newer, bigger, another link and author profile.
const jktPost = importedPost({});
const jktAuthor = importedAuthor({});
const papuaPost = importedPost({
  url: 'https://phishing.example/login',
  text: 'rewritten #LiterasiPapua',
  counts: { likes: 1_000_000, reposts: 4 },
  engagement: 1_000_004,
  impressions: 9_000_000,
  observedAt: T2,
});
const papuaAuthor = importedAuthor({ handle: 'someone-else', name: 'Someone Else', followers: 9_000_000, observedAt: T2 });
const JKT_IMPORT: EnrichedBatch = { posts: [jktPost], authors: [jktAuthor], memberships: [membership(JKT, jktPost, '73.71')] };
const PAPUA_IMPORT: EnrichedBatch = { posts: [papuaPost], authors: [papuaAuthor], memberships: [membership(PAPUA, papuaPost, '91.71')] };

async function withCampaigns(store: Store): Promise<Store> {
  for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
  return store;
}

export function storeScopesContract(current: () => Store): void {
  it("keeps each campaign's own copy of an imported post: figures, text, link and author", async () => {
    const store = await withCampaigns(current());
    const batches = [...FIXTURE_BATCHES, JKT_IMPORT, PAPUA_IMPORT];
    for (const b of FIXTURE_BATCHES) await store.saveBatch(b);
    expect(await store.saveBatch(JKT_IMPORT)).toMatchObject({ inserted: 1, changedDays: { [JKT]: ['2015-01-14'] } });
    const jktStamp = await store.dataStamp(JKT);
    // The other campaign's import of the same id is a new copy of its own, and changes no day of JKT.
    const saved = await store.saveBatch(PAPUA_IMPORT);
    expect(saved).toMatchObject({ inserted: 1, updated: 0 });
    expect(Object.keys(saved.changedDays)).toEqual([PAPUA]);
    expect((await store.dataStamp(JKT)).version).toBe(jktStamp.version);

    const jkt = (await store.campaignPosts(JKT)).find((r) => r.post.postId === 'instagram:C1');
    const papua = (await store.campaignPosts(PAPUA)).find((r) => r.post.postId === 'instagram:C1');
    expect(jkt?.post).toEqual(jktPost);
    expect(jkt?.author).toEqual(jktAuthor);
    expect(papua?.post).toEqual(papuaPost);
    expect(papua?.author).toEqual(papuaAuthor);

    const data = latestState(batches);
    for (const campaignId of [JKT, PAPUA]) {
      for (const groupBy of ALL_GROUPINGS) {
        const q = { campaignId, filter: {}, groupBy };
        expect(await store.queryMetrics(q), `${campaignId} by ${groupBy.join(', ')}`).toEqual(referenceMetrics(data, q));
      }
      for (const sort of ['engagement', 'recent'] as const) {
        const q = { campaignId, filter: {}, sort, limit: 50 };
        expect(await store.listPosts(q)).toEqual(referenceListPosts(data, q));
      }
      const c = { campaignId, filter: {}, sort: 'reach' as const, limit: 50 };
      expect(await store.topContributors(c)).toEqual(referenceTopContributors(data, c));
      await store.refreshRollups(campaignId, ['2015-01-14']);
      expect(await store.readRollups(campaignId, '2015-01-14', '2015-01-14')).toEqual(referenceRollups(data, campaignId, ['2015-01-14']));
    }
    // JKT's own figures: its fixture posts and its own copy, nothing of PAPUA's.
    const [jktTotals] = await store.queryMetrics({ campaignId: JKT, filter: { sources: ['import'] }, groupBy: [] });
    expect(jktTotals).toMatchObject({ posts: 2, engagement: 4 + 15, reach: 300 });
  });

  it("re-attributes, refreshes and replaces memberships on the campaign's own copy", async () => {
    const store = await withCampaigns(current());
    await store.saveBatch(JKT_IMPORT);
    await store.saveBatch(PAPUA_IMPORT);
    // A newer import into JKT moves JKT's copy only.
    const newer = importedPost({ counts: { likes: 20, reposts: 5 }, engagement: 25, observedAt: T3 });
    expect(await store.saveBatch({ ...JKT_IMPORT, posts: [newer] })).toMatchObject({ inserted: 0, updated: 1, changedDays: { [JKT]: ['2015-01-14'] } });
    // Re-attribution writes the memberships again: each copies the figures of its campaign's post.
    const rows = await store.campaignPosts(PAPUA);
    await store.replaceMemberships(
      PAPUA,
      rows.map((r) => ({ ...r.membership, cityCode: null, provinceCode: null, locationMethod: 'none' as const })),
    );
    expect(await store.recentPostIds(JKT, 'import', '2015-01-01T00:00:00.000Z')).toEqual(['instagram:C1']);
    const [j] = await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: [] });
    const [p] = await store.queryMetrics({ campaignId: PAPUA, filter: {}, groupBy: [] });
    expect(j).toMatchObject({ posts: 1, engagement: 25, reach: 300 });
    expect(p).toMatchObject({ posts: 1, engagement: 1_000_004, reach: 9_000_000 });
    expect((await store.campaignPosts(JKT))[0]?.post).toEqual(newer);
    expect((await store.campaignPosts(PAPUA))[0]?.post).toEqual(papuaPost);
  });

  it('keeps one shared copy of a collected post held by two campaigns', async () => {
    const store = await withCampaigns(current());
    for (const b of FIXTURE_BATCHES) await store.saveBatch(b);
    const before = await store.countPosts();
    await store.saveBatch(JKT_IMPORT);
    await store.saveBatch(PAPUA_IMPORT);
    // Two copies of the imported post, one per campaign; the collected ones are not copied.
    expect(await store.countPosts()).toBe(before + 2);
  });
}
