import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CollectionRun } from '../../src/domain/campaign.js';
import { DIMENSIONS, type Dimension } from '../../src/domain/dimensions.js';
import type { MetricsFilter } from '../../src/domain/metrics-query.js';
import type { CampaignPostsPage, Store } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, FIXTURE_DAYS, JKT, JKT_TOTALS, PAPUA } from '../fixtures/metrics-fixtures.js';
import { latestState, referenceMetrics, referenceRollups } from '../helpers/reference-metrics.js';
import { storeListsContract } from './store-lists.contract.js';
import { storeScopesContract } from './store-scopes.contract.js';
import { storeTermsContract } from './store-terms.contract.js';
import { storeWritesContract } from './store-writes.contract.js';

/** Every groupBy of zero, one and two (distinct, ordered) dimensions. */
export const ALL_GROUPINGS: Dimension[][] = [
  [],
  ...DIMENSIONS.map((d) => [d]),
  ...DIMENSIONS.flatMap((a) => DIMENSIONS.filter((b) => b !== a).map((b) => [a, b])),
];

/** One of each filter, on the edges the fixtures were built for, and a combination. */
const CONTRACT_FILTERS: Array<[string, MetricsFilter]> = [
  ['from (inclusive, at Jakarta midnight)', { from: '2015-01-14T00:00:00+07:00' }],
  ['to (exclusive, at Jakarta midnight)', { to: '2015-01-14T00:00:00+07:00' }],
  ['from and to', { from: '2015-01-13T15:00:00Z', to: '2015-01-14T10:00:00Z' }],
  ['cities: unknown', { cities: ['unknown'] }],
  ['cities: a code and unknown', { cities: ['73.71', 'unknown'] }],
  ['provinces: province-only', { provinces: ['31'] }],
  ['provinces: unknown and a code', { provinces: ['unknown', '53'] }],
  ['topics: other', { topics: ['other'] }],
  ['topics: two', { topics: ['environment', 'digital safety'] }],
  ['sources', { sources: ['mastodon', 'import'] }],
  ['hashtags', { hashtags: ['internetsehat'] }],
  ['empty lists filter nothing', { cities: [], topics: [] }],
  ['combined', { from: '2015-01-13T00:00:00Z', cities: ['53.71', 'unknown'], topics: ['education', 'other'], sources: ['x'] }],
];

/**
 * The contract every Store adapter passes. `makeStore` returns a fresh, empty store; `cleanup`
 * disposes of one (default: close it).
 */
export function storeContract(name: string, makeStore: () => Promise<Store>, cleanup?: (store: Store) => Promise<void>): void {
  const dispose = cleanup ?? ((s: Store) => s.close());

  describe(`${name}: writes`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await dispose(store);
    });
    storeWritesContract(() => store);
    storeScopesContract(() => store);

    it('lists runs newest first, with a limit, and saving a run again updates it', async () => {
      const run = (id: string, startedAt: string): CollectionRun => ({
        id,
        campaignId: JKT,
        source: 'x',
        kind: id === 'r2' ? 'refresh' : 'collect',
        jobId: `job-${id}`,
        status: 'running',
        startedAt,
        finishedAt: null,
        pages: 0,
        postsRead: 0,
        usersRead: 3,
        newPosts: 0,
        updatedPosts: 0,
        error: null,
        notes: id === 'r3' ? ['a note'] : [],
      });
      await store.saveRun(run('r1', '2015-01-13T01:00:00.000Z'));
      await store.saveRun(run('r3', '2015-01-13T03:00:00.000Z'));
      await store.saveRun(run('r2', '2015-01-13T02:00:00.000Z'));
      await store.saveRun({ ...run('other', '2015-01-13T09:00:00.000Z'), campaignId: PAPUA });
      const done = { ...run('r3', '2015-01-13T03:00:00.000Z'), status: 'failed' as const, finishedAt: '2015-01-13T03:05:00.000Z', error: 'Invalid X token' };
      await store.saveRun(done);
      expect((await store.listRuns(JKT, 10)).map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
      expect(await store.listRuns(JKT, 2)).toEqual([done, run('r2', '2015-01-13T02:00:00.000Z')]);
      expect(await store.listRuns(JKT, 0)).toEqual([]);
    });

    it('sums the posts read by one source of a campaign since an instant, counting a run saved again once', async () => {
      const run = (id: string, campaignId: string, source: CollectionRun['source'], startedAt: string, postsRead: number): CollectionRun => ({
        id,
        campaignId,
        source,
        kind: 'collect',
        jobId: `job-${id}`,
        status: 'succeeded',
        startedAt,
        finishedAt: null,
        pages: 1,
        postsRead,
        usersRead: 0,
        newPosts: 0,
        updatedPosts: 0,
        error: null,
        notes: [],
      });
      await store.saveRun(run('r1', JKT, 'x', '2015-01-13T01:00:00.000Z', 10));
      await store.saveRun(run('r2', JKT, 'x', '2015-01-13T02:00:00.000Z', 20));
      await store.saveRun(run('r3', JKT, 'mastodon', '2015-01-13T02:30:00.000Z', 100));
      // Started at 03:00 UTC, written with an offset: the instant counts, not the text.
      await store.saveRun(run('r4', JKT, 'x', '2015-01-13T10:00:00+07:00', 40));
      await store.saveRun(run('r4', JKT, 'x', '2015-01-13T10:00:00+07:00', 45));
      await store.saveRun(run('p1', PAPUA, 'x', '2015-01-13T09:00:00.000Z', 1000));
      expect(await store.postsReadSince(JKT, 'x', '2015-01-13T00:00:00.000Z')).toBe(75);
      // Inclusive at `since`, whichever way the instant is written.
      expect(await store.postsReadSince(JKT, 'x', '2015-01-13T02:00:00.000Z')).toBe(65);
      expect(await store.postsReadSince(JKT, 'x', '2015-01-13T09:00:00+07:00')).toBe(65);
      expect(await store.postsReadSince(JKT, 'x', '2015-01-13T03:00:00.001Z')).toBe(0);
      expect(await store.postsReadSince(JKT, 'mastodon', '2015-01-13T00:00:00.000Z')).toBe(100);
      expect(await store.postsReadSince(JKT, 'bluesky', '2015-01-13T00:00:00.000Z')).toBe(0);
      expect(await store.postsReadSince(PAPUA, 'x', '2015-01-13T00:00:00.000Z')).toBe(1000);
      expect(await store.postsReadSince('no-such-campaign', 'x', '2015-01-13T00:00:00.000Z')).toBe(0);
    });

    it("lists the ids of a campaign's posts on one platform created since an instant, oldest first", async () => {
      for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
      for (const batch of FIXTURE_BATCHES) await store.saveBatch(batch);
      expect(await store.recentPostIds(JKT, 'x', '2015-01-01T00:00:00.000Z')).toEqual(['p1', 'p2', 'p3', 'p5', 'p8']);
      // Inclusive at `since` (p2 was created at 05:30 UTC), whichever way the instant is written.
      expect(await store.recentPostIds(JKT, 'x', '2015-01-13T05:30:00.000Z')).toEqual(['p2', 'p3', 'p5', 'p8']);
      expect(await store.recentPostIds(JKT, 'x', '2015-01-13T12:30:00+07:00')).toEqual(['p2', 'p3', 'p5', 'p8']);
      expect(await store.recentPostIds(JKT, 'mastodon', '2015-01-13T00:00:00.000Z')).toEqual(['p4']);
      expect(await store.recentPostIds(JKT, 'bluesky', '2015-01-15T00:00:00.000Z')).toEqual([]);
      // p3 is in both campaigns: each campaign's own posts only.
      expect(await store.recentPostIds(PAPUA, 'x', '2015-01-01T00:00:00.000Z')).toEqual(['p3']);
      expect(await store.recentPostIds('no-such-campaign', 'x', '2015-01-01T00:00:00.000Z')).toEqual([]);
      // A post the campaign no longer holds is not refreshed for it.
      const held = (await store.campaignPosts(PAPUA)).filter((r) => r.post.postId !== 'p3').map((r) => r.membership);
      await store.replaceMemberships(PAPUA, held);
      expect(await store.recentPostIds(PAPUA, 'x', '2015-01-01T00:00:00.000Z')).toEqual([]);
    });

    it("reads a campaign's posts a page at a time, in the order of the whole list, with nothing skipped or repeated", async () => {
      for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
      for (const batch of FIXTURE_BATCHES) await store.saveBatch(batch);
      const all = await store.campaignPosts(JKT);
      expect(all).toHaveLength(JKT_TOTALS.posts);
      for (const limit of [1, 3, JKT_TOTALS.posts, JKT_TOTALS.posts + 1]) {
        const walked: typeof all = [];
        let after: CampaignPostsPage['after'] = undefined;
        for (;;) {
          const page = await store.campaignPosts(JKT, { ...(after === undefined ? {} : { after }), limit });
          expect(page.length).toBeLessThanOrEqual(limit);
          walked.push(...page);
          if (page.length < limit) break;
          const { createdAt, platform, postId } = (page[page.length - 1] as (typeof all)[number]).membership;
          after = { createdAt, platform, postId };
        }
        expect(walked, `limit ${limit}`).toEqual(all);
      }
      expect(await store.campaignPosts(JKT, { limit: 0 })).toEqual([]);
    });
  });

  storeListsContract(name, makeStore, dispose);
  storeTermsContract(name, makeStore, dispose);

  describe(`${name}: metrics`, () => {
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

    it('totals match the figures worked out by hand', async () => {
      const [total] = await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: [] });
      expect(total).toEqual({ keys: [], ...JKT_TOTALS, impressions: JKT_TOTALS.impressionsReported + JKT_TOTALS.impressionsEstimated });
    });

    it('an empty set gives one row of zeros without dimensions, and no rows with them', async () => {
      const none: MetricsFilter = { sources: ['bluesky'], cities: ['73.71'] };
      expect(await store.queryMetrics({ campaignId: JKT, filter: none, groupBy: [] })).toEqual(
        referenceMetrics(data, { campaignId: JKT, filter: none, groupBy: [] }),
      );
      expect(await store.queryMetrics({ campaignId: JKT, filter: none, groupBy: ['city'] })).toEqual([]);
      expect(await store.queryMetrics({ campaignId: 'no-such-campaign', filter: {}, groupBy: ['day'] })).toEqual([]);
    });

    for (const campaignId of [JKT, PAPUA]) {
      it.each(ALL_GROUPINGS.map((g) => [g.join(' × ') || '(total)', g] as const))(`${campaignId} by %s equals the reference`, async (_, groupBy) => {
        const q = { campaignId, filter: {}, groupBy };
        expect(await store.queryMetrics(q)).toEqual(referenceMetrics(data, q));
      });
    }

    for (const groupBy of [[], ['city'], ['topic'], ['province', 'source']] as Dimension[][]) {
      it.each(CONTRACT_FILTERS)(`filter %s, by [${groupBy.join(', ')}], equals the reference`, async (_, filter) => {
        const q = { campaignId: JKT, filter, groupBy };
        const rows = await store.queryMetrics(q);
        expect(rows).toEqual(referenceMetrics(data, q));
      });
    }

    it('by city has an unknown row and by province a row for a province-only post', async () => {
      const byCity = await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: ['city'] });
      expect(byCity.find((r) => r.keys[0] === 'unknown')?.posts).toBe(3);
      const byProvince = await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: ['province'] });
      expect(byProvince.find((r) => r.keys[0] === '31')?.posts).toBe(1);
    });

    it("counts a post at midnight on the day of each campaign's time zone", async () => {
      const jkt = await store.queryMetrics({ campaignId: JKT, filter: { sources: ['mastodon'] }, groupBy: ['day'] });
      const papua = await store.queryMetrics({ campaignId: PAPUA, filter: { sources: ['mastodon'] }, groupBy: ['day'] });
      expect(jkt.map((r) => r.keys[0])).toEqual(['2015-01-13']);
      expect(papua.map((r) => r.keys[0])).toEqual(['2015-01-14']);
    });

    it.each(Object.keys(FIXTURE_DAYS))('rollups of %s equal the reference', async (campaignId) => {
      expect(await store.readRollups(campaignId)).toEqual(referenceRollups(data, campaignId));
    });

    it('rollups read by day range, and add up to the daily figures', async () => {
      expect(await store.readRollups(JKT, '2015-01-14', '2015-01-14')).toEqual(referenceRollups(data, JKT, ['2015-01-14']));
      const daily = await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: ['day'] });
      const rollups = await store.readRollups(JKT);
      for (const row of daily) {
        const cells = rollups.filter((r) => r.day === row.keys[0]);
        expect(cells.reduce((n, c) => n + c.posts, 0)).toBe(row.posts);
        expect(cells.reduce((n, c) => n + c.engagement, 0)).toBe(row.engagement);
        expect(cells.reduce((n, c) => n + c.impressionsReported + c.impressionsEstimated, 0)).toBe(row.impressions);
      }
    });

    it('refreshing rollups again changes nothing', async () => {
      const before = await store.readRollups(JKT);
      await store.refreshRollups(JKT, FIXTURE_DAYS[JKT] ?? []);
      await store.refreshRollups(JKT, ['2015-01-14']);
      expect(await store.readRollups(JKT)).toEqual(before);
    });
  });
}
