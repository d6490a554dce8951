import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignPost } from '../../src/domain/campaign.js';
import { MATRIX_DIMENSIONS, type Dimension } from '../../src/domain/dimensions.js';
import type { MetricsFilter } from '../../src/domain/metrics-query.js';
import {
  CONTRIBUTOR_SORTS,
  positionAfter,
  type ContributorSort,
  POST_SORTS,
  type ListedPost,
  type ListPostsQuery,
  type PostSort,
} from '../../src/domain/post-query.js';
import type { StoredPost } from '../../src/domain/post.js';
import type { EnrichedBatch, Store } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, FIXTURE_DAYS, JKT, PAPUA } from '../fixtures/metrics-fixtures.js';
import { latestState, referenceListPosts, referenceMetrics, referenceTopContributors } from '../helpers/reference-metrics.js';

const MATRIX_PAIRS = MATRIX_DIMENSIONS.flatMap((a) => MATRIX_DIMENSIONS.filter((b) => b !== a).map((b) => [a, b] as [Dimension, Dimension]));

/** Filters on the fixtures' edges: a range, attribution, a source, and none. */
const LIST_FILTERS: Array<[string, MetricsFilter]> = [
  ['no filter', {}],
  ['from/to', { from: '2015-01-13T15:00:00Z', to: '2015-01-15T00:00:00+07:00' }],
  ['cities: a code and unknown', { cities: ['53.71', 'unknown'] }],
  ['topics', { topics: ['education', 'other'] }],
  ['sources', { sources: ['x', 'import'] }],
  ['hashtags', { hashtags: ['internetsehat'] }],
];

const ids = (items: ListedPost[]) => items.map((i) => i.post.postId);

/** Every page of a listing, walked through `after`; `between` runs after each page (to write meanwhile). */
async function walk(store: Store, q: Omit<ListPostsQuery, 'after'>, between?: (page: number) => Promise<void>): Promise<ListedPost[][]> {
  const pages: ListedPost[][] = [];
  let after: ListPostsQuery['after'];
  for (;;) {
    const page = await store.listPosts({ ...q, ...(after ? { after } : {}) });
    if (page.length === 0) return pages;
    pages.push(page);
    const last = page[page.length - 1] as ListedPost;
    after = positionAfter(last, q.sort);
    await between?.(pages.length);
    if (pages.length > 100) throw new Error('pagination does not end');
  }
}

/** A new post of the JKT campaign, copied from p1 with another id, creation time and engagement. */
function extraPost(postId: string, createdAt: string, likes: number): EnrichedBatch {
  const base = FIXTURE_BATCHES[0] as EnrichedBatch;
  const p = base.posts[0] as StoredPost;
  const m = base.memberships[0] as CampaignPost;
  const post: StoredPost = { ...p, postId, createdAt, counts: { likes }, engagement: likes };
  return { posts: [post], authors: [], memberships: [{ ...m, postId, createdAt }] };
}

/**
 * Contract of listPosts, topContributors and the two-dimension grouping behind the matrix: on the
 * shared fixtures, every adapter equals the reference (tests/helpers/reference-metrics.ts).
 */
export function storeListsContract(name: string, makeStore: () => Promise<Store>, dispose: (store: Store) => Promise<void>): void {
  describe(`${name}: lists`, () => {
    let store: Store;
    const data = latestState(FIXTURE_BATCHES);
    beforeAll(async () => {
      store = await makeStore();
      for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
      for (const batch of FIXTURE_BATCHES) await store.saveBatch(batch);
      for (const [campaignId, days] of Object.entries(FIXTURE_DAYS)) await store.refreshRollups(campaignId, days);
    });
    afterAll(async () => {
      await dispose(store);
    });

    it('lists posts in the orders worked out by hand', async () => {
      const all = (sort: PostSort) => store.listPosts({ campaignId: JKT, filter: {}, sort, limit: 100 });
      // Engagement ties (p7 and p6 at 4) go by platform: bluesky before import.
      expect(ids(await all('engagement'))).toEqual(['p5', 'p1', 'p4', 'p3', 'p7', 'p6', 'p2', 'p8']);
      expect(ids(await all('recent'))).toEqual(['p8', 'p7', 'p6', 'p5', 'p3', 'p4', 'p2', 'p1']);
      const [top] = await all('engagement');
      // The latest observation, the latest known followers, the attribution of this campaign.
      expect(top?.post.counts).toEqual({ likes: 20, reposts: 5, replies: 0, quotes: 0, bookmarks: 0 });
      expect(top?.author).toMatchObject({ authorId: 'a6', followers: 5000 });
      expect(top?.membership).toMatchObject({ campaignId: JKT, cityCode: '53.71', locationMethod: 'hashtag', topics: ['education'] });
      const imported = (await all('recent')).find((i) => i.post.postId === 'p6');
      expect(imported?.author).toMatchObject({ authorId: 'a5' });
      expect(imported?.author?.followers).toBeUndefined();
    });

    for (const sort of POST_SORTS) {
      for (const campaignId of [JKT, PAPUA]) {
        it.each(LIST_FILTERS)(`${campaignId} posts by ${sort}, %s, equal the reference`, async (_, filter) => {
          const q = { campaignId, filter, sort, limit: 100 };
          expect(await store.listPosts(q)).toEqual(referenceListPosts(data, q));
        });
      }

      it.each([1, 2, 3, 7])(`posts by ${sort} in pages of %i: each page equals the reference, and together every post once`, async (limit) => {
        const q = { campaignId: JKT, filter: {}, sort, limit };
        const pages = await walk(store, q);
        let after: ListPostsQuery['after'];
        for (const page of pages) {
          expect(page).toEqual(referenceListPosts(data, { ...q, ...(after ? { after } : {}) }));
          after = positionAfter(page[page.length - 1] as ListedPost, sort);
        }
        expect(pages.flat()).toEqual(referenceListPosts(data, { ...q, limit: 100 }));
      });
    }

    it('starts after a position that is not a stored post, and lists nothing for a limit of 0', async () => {
      const after = { key: 8, platform: 'mastodon' as const, postId: 'zz' };
      const q = { campaignId: JKT, filter: {}, sort: 'engagement' as const, limit: 100, after };
      expect(ids(await store.listPosts(q))).toEqual(['p3', 'p7', 'p6', 'p2', 'p8']);
      expect(await store.listPosts(q)).toEqual(referenceListPosts(data, q));
      expect(await store.listPosts({ ...q, limit: 0 })).toEqual([]);
    });

    it('ranks contributors as worked out by hand', async () => {
      const top = async (sort: ContributorSort) => (await store.topContributors({ campaignId: JKT, filter: {}, sort, limit: 100 })).map((r) => r.authorId);
      expect(await top('reach')).toEqual(['a6', 'a1', 'a3', 'a4', 'a5', 'a2']);
      expect(await top('posts')).toEqual(['a1', 'a2', 'a4', 'a5', 'a3', 'a6']);
      expect(await top('engagement')).toEqual(['a6', 'a1', 'a3', 'a2', 'a4', 'a5']);
      // a1 500 + 1000, a6 900, a3 250, a2 60 + 40, a4 80, a5 none.
      expect(await top('impressions')).toEqual(['a1', 'a6', 'a3', 'a2', 'a4', 'a5']);
      // Every fixture post is an original one: as by posts.
      expect(await top('original')).toEqual(['a1', 'a2', 'a4', 'a5', 'a3', 'a6']);
      const [a6] = await store.topContributors({ campaignId: JKT, filter: {}, sort: 'reach', limit: 1 });
      expect(a6).toEqual({
        platform: 'x',
        authorId: 'a6',
        publishedOn: 'x',
        handle: 'a6',
        name: 'Name a6',
        followers: 5000,
        posts: 1,
        original: 1,
        engagement: 25,
        impressions: 900,
        reach: 5000,
      });
    });

    it('keeps where an imported post was published: the platform dimension, its filter and the contributors', async () => {
      // p6 came in through an import of an Instagram export: source import, platform instagram.
      const rows = await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: ['platform'] });
      expect(rows.find((r) => r.keys[0] === 'instagram')).toMatchObject({ posts: 1, engagement: 4, contributors: 1 });
      expect(rows.find((r) => r.keys[0] === 'import')).toBeUndefined();
      const listed = await store.listPosts({ campaignId: JKT, filter: { platforms: ['instagram'] }, sort: 'recent', limit: 10 });
      expect(listed.map((l) => [l.post.platform, l.post.postId, l.membership.publishedOn])).toEqual([['import', 'p6', 'instagram']]);
      const contributors = await store.topContributors({ campaignId: JKT, filter: { sources: ['import'] }, sort: 'posts', limit: 10 });
      expect(contributors.map((c) => [c.platform, c.authorId, c.publishedOn])).toEqual([['import', 'a5', 'instagram']]);
    });

    for (const sort of CONTRIBUTOR_SORTS) {
      for (const limit of [1, 3, 100]) {
        it.each(LIST_FILTERS)(`contributors by ${sort}, limit ${limit}, %s, equal the reference`, async (_, filter) => {
          for (const campaignId of [JKT, PAPUA]) {
            const q = { campaignId, filter, sort, limit };
            expect(await store.topContributors(q)).toEqual(referenceTopContributors(data, q));
          }
        });
      }
    }

    it.each(MATRIX_PAIRS.map(([a, b]) => [`${a} × ${b}`, a, b] as const))('groups by %s under each filter as the reference', async (_, a, b) => {
      for (const [, filter] of LIST_FILTERS) {
        const q = { campaignId: JKT, filter, groupBy: [a, b] };
        expect(await store.queryMetrics(q)).toEqual(referenceMetrics(data, q));
      }
    });
  });

  describe(`${name}: pagination while posts arrive`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
      for (const batch of FIXTURE_BATCHES) await store.saveBatch(batch);
    });
    afterEach(async () => {
      await dispose(store);
    });

    it.each(POST_SORTS)('by %s: a post arriving before the position is not listed, one after it is, and none twice', async (sort) => {
      const before = ids(await store.listPosts({ campaignId: JKT, filter: {}, sort, limit: 100 }));
      // Newest and most engaged (lands before any position), and oldest and least engaged (after all).
      const pages = await walk(store, { campaignId: JKT, filter: {}, sort, limit: 3 }, async (page) => {
        if (page === 1) {
          await store.saveBatch(extraPost('new-top', '2015-01-16T00:00:00.000Z', 1000));
          await store.saveBatch(extraPost('z-bottom', '2015-01-13T00:00:00.000Z', 0));
        }
      });
      expect(pages.flat().map((i) => i.post.postId)).toEqual([...before, 'z-bottom']);
    });
  });
}
