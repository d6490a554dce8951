import { describe, expect, it } from 'vitest';
import { emptyRow, type MetricsQuery } from '../../src/domain/metrics-query.js';
import { metricsKey, withMetricsCache } from '../../src/store/metrics-cache.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { DataStamp, Store } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT } from '../fixtures/metrics-fixtures.js';

/**
 * The figures cache (src/store/metrics-cache.ts): answers repeat questions from memory while the
 * campaign's data stamp holds still, and asks the store again the moment it moves.
 */
const q = (over: Partial<MetricsQuery['filter']> = {}, groupBy: MetricsQuery['groupBy'] = []): MetricsQuery => ({
  campaignId: JKT,
  filter: { from: '2015-01-01T00:00:00Z', ...over },
  groupBy,
});
const stamp = (over: Partial<DataStamp> = {}): DataStamp => ({ version: '1.0', rollupVersion: '0', newestPostAt: '2015-01-15T01:00:00.000Z', ...over });

describe('metricsKey', () => {
  it('drops a range end after the newest post: "until now" is one question however late it is asked', () => {
    expect(metricsKey(q({ to: '2030-01-01T00:00:00Z' }), stamp())).toBe(metricsKey(q({ to: '2031-06-01T00:00:00Z' }), stamp()));
    expect(metricsKey(q({ to: '2030-01-01T00:00:00Z' }), stamp())).toBe(metricsKey(q(), stamp()));
  });
  it('keeps an end that cuts the posts, and every other part of the question', () => {
    expect(metricsKey(q({ to: '2015-01-14T00:00:00Z' }), stamp())).not.toBe(metricsKey(q({ to: '2015-01-14T01:00:00Z' }), stamp()));
    // The newest post itself is at the end: an end equal to it leaves it out.
    expect(metricsKey(q({ to: '2015-01-15T01:00:00.000Z' }), stamp())).not.toBe(metricsKey(q(), stamp()));
    expect(metricsKey(q({}, ['city']), stamp())).not.toBe(metricsKey(q({}, ['province']), stamp()));
    expect(metricsKey(q({ cities: ['73.71'] }), stamp())).not.toBe(metricsKey(q(), stamp()));
    expect(metricsKey(q(), stamp({ version: '2.0' }))).not.toBe(metricsKey(q(), stamp()));
  });
});

describe('withMetricsCache', () => {
  function countingStore(current: { stamp: DataStamp }) {
    const calls = { metrics: 0, rollups: 0 };
    const store = {
      kind: 'sqlite',
      dataStamp: async () => current.stamp,
      queryMetrics: async () => {
        calls.metrics += 1;
        return [{ ...emptyRow([]), posts: calls.metrics }];
      },
      readRollups: async () => {
        calls.rollups += 1;
        return [];
      },
    } as unknown as Store;
    return { store, calls };
  }

  it('answers from memory until the stamp moves, and hands out copies', async () => {
    const current = { stamp: stamp() };
    const { store, calls } = countingStore(current);
    const cached = withMetricsCache(store);
    const [a] = await cached.queryMetrics(q());
    a!.posts = 999;
    const [b] = await cached.queryMetrics(q({ to: '2040-01-01T00:00:00Z' }));
    expect(b!.posts).toBe(1);
    expect(calls.metrics).toBe(1);
    current.stamp = stamp({ version: '2.0' });
    expect((await cached.queryMetrics(q()))[0]!.posts).toBe(2);
    await cached.readRollups(JKT);
    await cached.readRollups(JKT);
    expect(calls.rollups).toBe(1);
    current.stamp = stamp({ version: '2.0', rollupVersion: '1' });
    await cached.readRollups(JKT);
    expect(calls.rollups).toBe(2);
  });

  it('keeps no more rows than it may', async () => {
    const { store, calls } = countingStore({ stamp: stamp() });
    const cached = withMetricsCache(store, { maxRows: 2 });
    for (const city of ['a', 'b', 'c']) await cached.queryMetrics(q({ cities: [city] }));
    await cached.queryMetrics(q({ cities: ['a'] }));
    expect(calls.metrics).toBe(4);
  });

  it('on a real store, a figure never lags the data it was asked on', async () => {
    const raw = createSqliteStore({ file: ':memory:' });
    for (const c of FIXTURE_CAMPAIGNS) await raw.createCampaign(c);
    const cached = withMetricsCache(raw);
    const summary = async () => (await cached.queryMetrics({ campaignId: JKT, filter: { to: new Date().toISOString() }, groupBy: [] }))[0]!;
    const days = async () => (await cached.readRollups(JKT)).reduce((n, r) => n + r.posts, 0);
    for (const batch of FIXTURE_BATCHES) {
      await raw.saveBatch(batch);
      expect((await summary()).posts).toBe((await raw.queryMetrics({ campaignId: JKT, filter: {}, groupBy: [] }))[0]!.posts);
      await raw.refreshRollups(JKT, await raw.pendingRollupDays(JKT));
      expect(await days()).toBe((await summary()).posts);
    }
    await raw.close();
  });
});
