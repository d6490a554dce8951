import { expect } from 'vitest';
import type { Runtime } from '../../src/app.js';
import type { Campaign } from '../../src/domain/campaign.js';
import { BREAKDOWN_DIMENSIONS } from '../../src/domain/dimensions.js';

/**
 * Everything a campaign manager reads of a campaign (summary, every breakdown, the daily and hourly
 * series), without the instants that say when it was computed: what a fault test compares with a
 * clean run's. It also checks that the daily series (from the rollups) holds every post the
 * summary counts, since a stale rollup shows only there.
 */
export async function campaignFigures(rt: Runtime, campaign: Campaign) {
  const m = rt.http.metrics;
  const { from: _f, to: _t, computedAt: _c, ...summary } = await m.summary(campaign, {});
  const breakdowns: Record<string, unknown> = {};
  for (const by of BREAKDOWN_DIMENSIONS) breakdowns[by] = await m.breakdown(campaign, by, {});
  const days = await m.timeseries(campaign, 'day', {});
  expect(
    days.points.reduce((n, p) => n + p.posts, 0),
    `${campaign.name}: the daily series against the summary`,
  ).toBe(summary.posts);
  return { summary, breakdowns, days, hours: await m.timeseries(campaign, 'hour', {}) };
}
