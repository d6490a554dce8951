import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CollectionRun } from '../../src/domain/campaign.js';
import { DIMENSIONS, type Dimension, type MetricsFilter } from '../../src/domain/metrics-query.js';
import type { Store } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, FIXTURE_DAYS, JKT, JKT_TOTALS, PAPUA } from '../fixtures/metrics-fixtures.js';
import { latestState, referenceMetrics, referenceRollups } from '../helpers/reference-metrics.js';
import { storeListsContract } from './store-lists.contract.js';
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
  });

  storeListsContract(name, makeStore, dispose);

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
