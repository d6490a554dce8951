import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../../src/domain/dimensions.js';
import type { MetricsFilter, MetricsQuery } from '../../src/domain/metrics-query.js';
import { CONTRIBUTOR_SORTS, positionAfter, POST_SORTS, type ListedPost, type ListPostsQuery, type TopContributorsQuery } from '../../src/domain/post-query.js';
import { SOURCE_TYPES } from '../../src/sources/registry.js';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { EnrichedBatch, Store } from '../../src/store/store.port.js';
import { createMingoDb } from '../helpers/mingo-db.js';
import { authorArb, CAMPAIGNS, campaigns, CITIES, HASHTAGS, postArb, PROVINCES, TOPICS, toBatches } from '../helpers/random-batches.js';
import { latestState, referenceListPosts, referenceMetrics, referenceRollups, referenceTopContributors } from '../helpers/reference-metrics.js';

/**
 * The three-way proof: on random post sets (tests/helpers/random-batches.ts) and random queries,
 * the SQLite store, the Mongo store over mingo, and the plain reference give the same rows,
 * compared exactly. Small value domains on purpose, so that collisions are frequent.
 */

const BOUNDS = ['2015-01-14T00:00:00+07:00', '2015-01-13T17:00:00Z', '2015-01-15T00:00:00.000Z', '2015-01-14T09:30:00+09:00'];

/** Each filter's values; a filter names any of them. */
const filterFields = {
  from: fc.constantFrom(...BOUNDS),
  to: fc.constantFrom(...BOUNDS),
  cities: fc.subarray([...CITIES, 'unknown'], { minLength: 1 }),
  provinces: fc.subarray([...PROVINCES, 'unknown'], { minLength: 1 }),
  topics: fc.subarray(TOPICS, { minLength: 1 }),
  sources: fc.subarray([...SOURCE_TYPES], { minLength: 1 }),
  languages: fc.subarray(['id', 'en', 'jv', 'und']),
  sentiments: fc.subarray(['positive', 'neutral', 'negative'] as const, { minLength: 1 }),
  platforms: fc.subarray(['x', 'mastodon', 'bluesky', 'instagram', 'tiktok'] as const, { minLength: 1 }),
  // May be empty: an empty list filters nothing.
  hashtags: fc.subarray(HASHTAGS),
};

const filterArb = fc.record(filterFields, { requiredKeys: [] }) satisfies fc.Arbitrary<MetricsFilter>;

/** One filter alone: built directly, as rejecting records with more keys gets slower with every dimension added. */
const oneFilterArb = fc.oneof(
  ...Object.entries(filterFields).map(([field, values]) => (values as fc.Arbitrary<unknown>).map((v) => ({ [field]: v }) as MetricsFilter)),
);

const queryArb = fc.record({
  campaignId: fc.constantFrom(...CAMPAIGNS),
  groupBy: fc.uniqueArray(fc.constantFrom(...DIMENSIONS), { maxLength: 2 }),
  filter: filterArb,
}) satisfies fc.Arbitrary<MetricsQuery>;

/** Listings need sets of several posts: mostly no filter or a light one. */
const listFilterArb = fc.oneof(
  { arbitrary: fc.constant<MetricsFilter>({}), weight: 2 },
  { arbitrary: oneFilterArb, weight: 2 },
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
