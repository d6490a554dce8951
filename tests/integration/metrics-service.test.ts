import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { createMetricsService } from '../../src/services/metrics.service.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { EnrichedBatch } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT } from '../fixtures/metrics-fixtures.js';

/** The answers kept between requests (services/metrics.service.ts) against what they are built from. */
describe('metrics service shared answers', () => {
  async function setUp() {
    const store = createSqliteStore({ file: ':memory:' });
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    for (const b of FIXTURE_BATCHES as EnrichedBatch[]) await store.saveBatch(b);
    const metrics = createMetricsService({ store, gazetteer: await loadGazetteer(), now: () => new Date('2015-02-01T00:00:00Z') });
    const campaign = (await store.getCampaign(JKT))!;
    return { store, metrics, campaign };
  }

  it('shares one frozen answer while nothing it is built from changes', async () => {
    const { metrics, campaign } = await setUp();
    const first = await metrics.breakdown(campaign, 'city', {});
    expect(await metrics.breakdown(campaign, 'city', {})).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.rows) && Object.isFrozen(first.rows[0])).toBe(true);
    expect(await metrics.breakdown(campaign, 'city', { city: ['31.71'] })).not.toBe(first);
  });

  it('answers anew for a campaign whose cities, sources or hashtags changed, though no post did', async () => {
    const { metrics, campaign } = await setUp();
    const keys = async (c: typeof campaign, by: 'city' | 'source' | 'hashtag') => (await metrics.breakdown(c, by, {})).rows.map((r) => [r.key, r.label]);
    const cities = await keys(campaign, 'city');
    expect(cities.map(([k]) => k)).not.toContain('82.71');
    const more = await keys({ ...campaign, cities: [...campaign.cities, '82.71'] }, 'city');
    expect(more).toHaveLength(cities.length + 1);
    expect(more).toContainEqual(['82.71', 'Ternate']);
    expect((await keys({ ...campaign, sources: [...campaign.sources, { type: 'bluesky' }] }, 'source')).map(([k]) => k)).toContain('bluesky');
    const [tag] = campaign.hashtags;
    expect((await keys({ ...campaign, hashtags: [tag!.toUpperCase()] }, 'hashtag'))[0]?.[1]).toBe(tag!.toUpperCase());
  });

  it('follows new data', async () => {
    const { store, metrics, campaign } = await setUp();
    const before = (await metrics.breakdown(campaign, 'city', {})).rows.reduce((n, r) => n + r.posts, 0);
    await store.replaceMemberships(JKT, []);
    expect((await metrics.breakdown(campaign, 'city', {})).rows.reduce((n, r) => n + r.posts, 0)).toBe(0);
    expect(before).toBeGreaterThan(0);
  });

  it('shares a day, hour or week series while its posts (and rollups, for days) stand', async () => {
    const { store, metrics, campaign } = await setUp();
    const days = (await metrics.timeseries(campaign, 'day', {})).points.map((p) => p.bucket);
    await store.refreshRollups(JKT, days);
    const day = await metrics.timeseries(campaign, 'day', {});
    expect(day.points.some((p) => p.posts > 0)).toBe(true);
    expect(await metrics.timeseries(campaign, 'day', {})).toBe(day);
    expect(Object.isFrozen(day.points[0])).toBe(true);
    const hour = await metrics.timeseries(campaign, 'hour', {});
    expect(await metrics.timeseries(campaign, 'hour', {})).toBe(hour);
    const week = await metrics.timeseries(campaign, 'week', {});
    expect(await metrics.timeseries(campaign, 'week', {})).toBe(week);
    // Rollups refreshed again: the day series (which reads them) is built again, equal in figures.
    await store.refreshRollups(JKT, days);
    const after = await metrics.timeseries(campaign, 'day', {});
    expect(after).not.toBe(day);
    expect(after).toEqual(day);
    // Rollups do not feed hours or weeks: those stay shared.
    expect(await metrics.timeseries(campaign, 'hour', {})).toBe(hour);
    expect(await metrics.timeseries(campaign, 'week', {})).toBe(week);
    // New data: every series is built again.
    await store.replaceMemberships(JKT, []);
    expect((await metrics.timeseries(campaign, 'hour', {})).points.every((p) => p.posts === 0)).toBe(true);
    expect((await metrics.timeseries(campaign, 'week', {})).points.every((p) => p.posts === 0)).toBe(true);
    expect(week.points.some((p) => p.posts > 0)).toBe(true);
  });
});
