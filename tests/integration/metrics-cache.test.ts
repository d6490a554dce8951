import { describe, expect, it } from 'vitest';
import type { MetricsQuery } from '../../src/domain/metrics-query.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { createAnswerCache, jsonFormOf, metricsKey, type Question } from '../../src/services/answer-cache.js';
import { createMetricsService } from '../../src/services/metrics.service.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { DataStamp } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT } from '../fixtures/metrics-fixtures.js';

/**
 * The metrics answer cache (src/services/answer-cache.ts): answers repeat questions from memory
 * while the campaign's data stamp holds still, and builds them again the moment it moves.
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

describe('the answer cache', () => {
  /** A builder that counts its calls and answers with the count. */
  function counting() {
    const calls = { n: 0 };
    const build = async () => {
      calls.n += 1;
      return { rows: 1, answer: { posts: calls.n, nested: { list: [calls.n] } } };
    };
    return { calls, build };
  }
  const question = (over: Partial<Question> = {}): Question => ({ kind: 'summary', campaignId: JKT, stamp: stamp(), readsRollups: false, parts: [], ...over });

  it('shares one frozen answer until the stamp moves', async () => {
    const cache = createAnswerCache();
    const { calls, build } = counting();
    const a = await cache.answer(question(), build);
    expect(await cache.answer(question(), build)).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.nested) && Object.isFrozen(a.nested.list)).toBe(true);
    expect(calls.n).toBe(1);
    expect((await cache.answer(question({ parts: ['other'] }), build)).posts).toBe(2);
    expect((await cache.answer(question({ stamp: stamp({ version: '2.0' }) }), build)).posts).toBe(3);
  });

  it('holds an answer that reads the rollups to their version too', async () => {
    const cache = createAnswerCache();
    const { calls, build } = counting();
    await cache.answer(question({ readsRollups: true }), build);
    await cache.answer(question(), build);
    expect(calls.n).toBe(2);
    const later = stamp({ rollupVersion: '1' });
    await cache.answer(question({ readsRollups: true, stamp: later }), build);
    await cache.answer(question({ stamp: later }), build);
    expect(calls.n).toBe(3);
  });

  it('drops the answers of older data once newer data is seen, and keeps none built on it', async () => {
    const cache = createAnswerCache();
    const { calls, build } = counting();
    await cache.answer(question(), build);
    await cache.answer(question({ stamp: stamp({ version: '1.1' }) }), build);
    // A request that read the older stamp asks after: it is answered, not from the dropped entry, and not kept.
    await cache.answer(question(), build);
    await cache.answer(question(), build);
    expect(calls.n).toBe(4);
  });

  it('keeps an answer built while newer data arrived out of the cache', async () => {
    const cache = createAnswerCache();
    const { calls, build } = counting();
    const slow = cache.answer(question(), async () => {
      await cache.answer(question({ stamp: stamp({ version: '1.1' }), parts: ['x'] }), build);
      return build();
    });
    await slow;
    await cache.answer(question(), build);
    expect(calls.n).toBe(3);
  });

  it('keeps no more rows than it may', async () => {
    const cache = createAnswerCache({ maxRows: 2 });
    const { calls, build } = counting();
    for (const city of ['a', 'b', 'c']) await cache.answer(question({ parts: [city] }), build);
    await cache.answer(question({ parts: ['a'] }), build);
    expect(calls.n).toBe(4);
    const big = await cache.answer(question({ parts: ['big'] }), async () => ({ rows: 3, answer: { rows: [1, 2, 3] } }));
    expect(Object.isFrozen(big)).toBe(false);
  });

  it('builds a question asked twice at once once, and keeps no failure', async () => {
    const lookups: boolean[] = [];
    const cache = createAnswerCache({ onLookup: (_kind, hit) => lookups.push(hit) });
    const { calls, build } = counting();
    const [a, b] = await Promise.all([cache.answer(question(), build), cache.answer(question(), build)]);
    expect(a).toBe(b);
    expect(calls.n).toBe(1);
    expect(lookups).toEqual([false, true]);
    const failing = async (): Promise<{ rows: number; answer: object }> => {
      throw new Error('store down');
    };
    await expect(cache.answer(question({ parts: ['f'] }), failing)).rejects.toThrow('store down');
    expect((await cache.answer(question({ parts: ['f'] }), build)).posts).toBe(2);
  });

  it('gives a kept answer its JSON bytes and ETag once, and nothing else any', async () => {
    const cache = createAnswerCache();
    const { build } = counting();
    const a = await cache.answer(question(), build);
    let hashed = 0;
    const etagOf = (bytes: Buffer) => `W/"${bytes.length}-${++hashed}"`;
    const form = jsonFormOf(a, etagOf);
    expect(form?.bytes.toString()).toBe(JSON.stringify(a));
    expect(jsonFormOf(a, etagOf)).toBe(form);
    expect(hashed).toBe(1);
    expect(Object.keys(a)).toEqual(['posts', 'nested']);
    expect(jsonFormOf({ posts: 1 }, etagOf)).toBeUndefined();
    expect(jsonFormOf(Object.freeze({ posts: 1 }), etagOf)).toBeUndefined();
  });

  it('on a real store, a figure never lags the data it was asked on', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    const metrics = createMetricsService({ store, gazetteer: await loadGazetteer(), now: () => new Date('2015-02-01T00:00:00Z') });
    const campaign = (await store.getCampaign(JKT))!;
    const summary = async () => (await metrics.summary(campaign, {})).posts;
    const days = async () => (await metrics.timeseries(campaign, 'day', {})).points.reduce((n, p) => n + p.posts, 0);
    for (const batch of FIXTURE_BATCHES) {
      await store.saveBatch(batch);
      expect(await summary()).toBe((await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: [] }))[0]!.posts);
      await store.refreshRollups(JKT, await store.pendingRollupDays(JKT));
      expect(await days()).toBe(await summary());
    }
    expect(await summary()).toBeGreaterThan(0);
    await store.close();
  });
});
