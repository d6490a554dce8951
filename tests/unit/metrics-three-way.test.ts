import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Campaign, CampaignPost } from '../../src/domain/campaign.js';
import { DIMENSIONS, type MetricsFilter, type MetricsQuery } from '../../src/domain/metrics-query.js';
import { CONTRIBUTOR_SORTS, positionAfter, POST_SORTS, type ListedPost, type ListPostsQuery, type TopContributorsQuery } from '../../src/domain/post-query.js';
import { SOURCE_TYPES, type Author, type PostCounts, type SourceType, type StoredPost } from '../../src/domain/post.js';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { EnrichedBatch, Store } from '../../src/store/store.port.js';
import { FIXTURE_CAMPAIGNS } from '../fixtures/metrics-fixtures.js';
import { createMingoDb } from '../helpers/mingo-db.js';
import { latestState, referenceListPosts, referenceMetrics, referenceRollups, referenceTopContributors } from '../helpers/reference-metrics.js';

/**
 * The three-way proof: on random post sets and random queries, the SQLite store, the Mongo store
 * over mingo, and the plain reference give the same rows, compared exactly. Small value domains
 * on purpose, so that collisions (same post re-read, same author, ties of observedAt, shared
 * cities and topics) are frequent.
 */

const CAMPAIGNS = ['c1', 'c2'];
const INSTANTS = ['2015-01-13T16:59:59.999Z', '2015-01-13T17:00:00.000Z', '2015-01-14T02:30:00.000Z', '2015-01-15T23:00:00.000Z'];
const OBSERVED = ['2015-01-16T00:00:00.000Z', '2015-01-16T01:00:00.000Z', '2015-01-17T00:00:00.000Z'];
const BOUNDS = ['2015-01-14T00:00:00+07:00', '2015-01-13T17:00:00Z', '2015-01-15T00:00:00.000Z', '2015-01-14T09:30:00+09:00'];
const CITIES = ['73.71', '53.71'];
const PROVINCES = ['73', '53', '31'];
const TOPICS = ['env', 'edu', 'other'];
const HASHTAGS = ['a', 'b'];

const campaigns: Campaign[] = CAMPAIGNS.map((id) => ({ ...(FIXTURE_CAMPAIGNS[0] as Campaign), id }));

const source = fc.constantFrom<SourceType>(...SOURCE_TYPES);
// Mostly tiny counts, so that engagement ties (the pagination tie-break) are common.
const count = fc.option(fc.oneof(fc.constantFrom(0, 1, 2), fc.nat({ max: 50 })), { nil: undefined });

const membershipArb = fc.record({
  campaign: fc.constantFrom(...CAMPAIGNS),
  city: fc.option(fc.constantFrom(...CITIES), { nil: null }),
  province: fc.option(fc.constantFrom(...PROVINCES), { nil: null }),
  // Empty topics (stored as `other`) and duplicate hashtags on purpose.
  topics: fc.subarray(TOPICS),
  hashtags: fc.array(fc.constantFrom(...HASHTAGS), { maxLength: 3 }),
});

const observationArb = fc.record({
  batch: fc.nat({ max: 2 }),
  observedAt: fc.constantFrom(...OBSERVED),
  counts: fc.record({ likes: count, reposts: count, replies: count, quotes: count, bookmarks: count }),
  impressions: fc.option(fc.record({ n: fc.nat({ max: 1000 }), source: fc.constantFrom('reported' as const, 'estimated' as const) }), { nil: undefined }),
  memberships: fc.uniqueArray(membershipArb, { selector: (m) => m.campaign, maxLength: 2 }),
});

const postArb = fc.record({
  platform: source,
  postId: fc.constantFrom('p0', 'p1', 'p2', 'p3', 'p4', 'p5'),
  author: fc.constantFrom('u0', 'u1', 'u2'),
  createdAt: fc.constantFrom(...INSTANTS),
  observations: fc.array(observationArb, { minLength: 1, maxLength: 3 }),
});

const authorArb = fc.record({
  batch: fc.nat({ max: 2 }),
  platform: source,
  authorId: fc.constantFrom('u0', 'u1', 'u2'),
  observedAt: fc.constantFrom(...OBSERVED),
  followers: fc.option(fc.nat({ max: 10_000 }), { nil: undefined }),
});

const filterArb = fc.record(
  {
    from: fc.constantFrom(...BOUNDS),
    to: fc.constantFrom(...BOUNDS),
    cities: fc.subarray([...CITIES, 'unknown'], { minLength: 1 }),
    provinces: fc.subarray([...PROVINCES, 'unknown'], { minLength: 1 }),
    topics: fc.subarray(TOPICS, { minLength: 1 }),
    sources: fc.subarray([...SOURCE_TYPES], { minLength: 1 }),
    // May be empty: an empty list filters nothing.
    hashtags: fc.subarray(HASHTAGS),
  },
  { requiredKeys: [] },
) satisfies fc.Arbitrary<MetricsFilter>;

const queryArb = fc.record({
  campaignId: fc.constantFrom(...CAMPAIGNS),
  groupBy: fc.uniqueArray(fc.constantFrom(...DIMENSIONS), { maxLength: 2 }),
  filter: filterArb,
}) satisfies fc.Arbitrary<MetricsQuery>;

/** Listings need sets of several posts: mostly no filter or a light one. */
const listFilterArb = fc.oneof(
  { arbitrary: fc.constant<MetricsFilter>({}), weight: 2 },
  { arbitrary: filterArb.filter((f) => Object.keys(f).length <= 1), weight: 2 },
  { arbitrary: filterArb, weight: 1 },
);

/** Small pages on purpose: ties of engagement and creation time often straddle a page boundary. */
const listArb = fc.record({
  campaignId: fc.constantFrom(...CAMPAIGNS),
  filter: listFilterArb,
  sort: fc.constantFrom(...POST_SORTS),
  limit: fc.integer({ min: 1, max: 4 }),
});

const contributorsArb = fc.record({
  campaignId: fc.constantFrom(...CAMPAIGNS),
  filter: listFilterArb,
  sort: fc.constantFrom(...CONTRIBUTOR_SORTS),
  limit: fc.integer({ min: 1, max: 7 }),
}) satisfies fc.Arbitrary<TopContributorsQuery>;

type PostInput = typeof postArb extends fc.Arbitrary<infer T> ? T : never;
type AuthorInput = typeof authorArb extends fc.Arbitrary<infer T> ? T : never;

function engagement(c: PostCounts): number {
  return (c.likes ?? 0) + (c.reposts ?? 0) + (c.replies ?? 0) + (c.quotes ?? 0) + (c.bookmarks ?? 0);
}

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Spreads the generated observations over three batches, in generation order. */
function toBatches(posts: PostInput[], authors: AuthorInput[]): EnrichedBatch[] {
  const batches: EnrichedBatch[] = [0, 1, 2].map(() => ({ posts: [], authors: [], memberships: [] }));
  for (const p of posts) {
    for (const o of p.observations) {
      const batch = batches[o.batch] as EnrichedBatch;
      const post: StoredPost = defined({
        platform: p.platform, postId: p.postId, url: `https://example.test/${p.postId}`, text: '$text #a', createdAt: p.createdAt,
        kind: 'original' as const, authorId: p.author, hashtags: ['a'], counts: defined(o.counts), observedAt: o.observedAt,
        engagement: engagement(o.counts), reportedImpressions: o.impressions?.source === 'reported' ? o.impressions.n : undefined,
        impressions: o.impressions?.n, impressionsSource: o.impressions?.source,
      });
      batch.posts.push(post);
      for (const m of o.memberships) {
        const membership: CampaignPost = {
          campaignId: m.campaign, platform: p.platform, postId: p.postId, authorId: p.author, createdAt: p.createdAt,
          day: p.createdAt.slice(0, 10), hour: p.createdAt.slice(0, 13), cityCode: m.city, provinceCode: m.province,
          locationMethod: m.city === null && m.province === null ? 'none' : 'profile', topics: m.topics, hashtags: m.hashtags,
        };
        batch.memberships.push(membership);
      }
    }
  }
  for (const a of authors) {
    const author: Author = defined({ platform: a.platform, authorId: a.authorId, handle: `@${a.authorId}`, name: a.authorId, observedAt: a.observedAt, followers: a.followers });
    (batches[a.batch] as EnrichedBatch).authors.push(author);
  }
  return batches;
}

async function loaded(store: Store, batches: EnrichedBatch[]): Promise<unknown[]> {
  for (const c of campaigns) await store.createCampaign(c);
  const results: unknown[] = [];
  for (const b of batches) results.push(await store.saveBatch(b));
  return results;
}

describe('metrics: SQLite store == Mongo store over mingo == reference', () => {
  it('agree on random posts and queries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(postArb, { maxLength: 8 }),
        fc.array(authorArb, { maxLength: 6 }),
        fc.array(queryArb, { minLength: 1, maxLength: 4 }),
        async (posts, authors, queries) => {
          const batches = toBatches(posts, authors);
          const sqlite = createSqliteStore({ file: ':memory:' });
          const mongo = createMongoStore(createMingoDb());
          try {
            const saved = await loaded(sqlite, batches);
            expect(await loaded(mongo, batches)).toEqual(saved);
            const data = latestState(batches);
            for (const q of queries) {
              const expected = referenceMetrics(data, q);
              expect(await sqlite.queryMetrics(q)).toEqual(expected);
              expect(await mongo.queryMetrics(q)).toEqual(expected);
            }
            for (const campaignId of CAMPAIGNS) {
              const days = [...new Set(data.memberships.map((m) => m.day))];
              await sqlite.refreshRollups(campaignId, days);
              await mongo.refreshRollups(campaignId, days);
              const expected = referenceRollups(data, campaignId);
              expect(await sqlite.readRollups(campaignId)).toEqual(expected);
              expect(await mongo.readRollups(campaignId)).toEqual(expected);
            }
          } finally {
            await sqlite.close();
            await mongo.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('agree on post pages, walked to the end, and on contributors', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(postArb, { minLength: 4, maxLength: 14 }),
        fc.array(authorArb, { maxLength: 6 }),
        fc.array(listArb, { minLength: 1, maxLength: 3 }),
        fc.array(contributorsArb, { minLength: 1, maxLength: 3 }),
        async (posts, authors, listings, contributorQueries) => {
          const batches = toBatches(posts, authors);
          const sqlite = createSqliteStore({ file: ':memory:' });
          const mongo = createMongoStore(createMingoDb());
          try {
            await loaded(sqlite, batches);
            await loaded(mongo, batches);
            const data = latestState(batches);
            for (const listing of listings) {
              const seen: string[] = [];
              let q: ListPostsQuery = listing;
              for (let page = 0; page < 50; page++) {
                const expected = referenceListPosts(data, q);
                expect(await sqlite.listPosts(q)).toEqual(expected);
                expect(await mongo.listPosts(q)).toEqual(expected);
                const last = expected[expected.length - 1];
                if (!last) break;
                seen.push(...expected.map((i) => `${i.post.platform}:${i.post.postId}`));
                q = { ...listing, after: positionAfter(last as ListedPost, listing.sort) };
              }
              // Every post of the set exactly once, however the pages fell.
              const all = referenceListPosts(data, { ...listing, limit: 1000 }).map((i) => `${i.post.platform}:${i.post.postId}`);
              expect(seen).toEqual(all);
              expect(new Set(seen).size).toBe(seen.length);
            }
            for (const q of contributorQueries) {
              const expected = referenceTopContributors(data, q);
              expect(await sqlite.topContributors(q)).toEqual(expected);
              expect(await mongo.topContributors(q)).toEqual(expected);
            }
          } finally {
            await sqlite.close();
            await mongo.close();
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
