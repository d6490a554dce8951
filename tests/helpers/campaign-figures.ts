import { expect } from 'vitest';
import type { Runtime } from '../../src/app.js';
import type { Campaign } from '../../src/domain/campaign.js';
import { BREAKDOWN_DIMENSIONS } from '../../src/domain/dimensions.js';

/** A window of the figures (the API's from and to); by default the campaign's own, up to now. */
export interface FiguresWindow {
  from?: string;
  to?: string;
}

/**
 * Everything a campaign manager reads of a campaign (summary, every breakdown, the daily and hourly
 * series), without the instants that say when it was computed: what a fault test compares with a
 * clean run's. It also checks that the daily series (from the rollups) holds every post the
 * summary counts, since a stale rollup shows only there.
 */
export async function campaignFigures(rt: Runtime, campaign: Campaign, window: FiguresWindow = {}) {
  const m = rt.http.metrics;
  const { from: _f, to: _t, computedAt: _c, ...summary } = await m.summary(campaign, window);
  const breakdowns: Record<string, unknown> = {};
  for (const by of BREAKDOWN_DIMENSIONS) breakdowns[by] = await m.breakdown(campaign, by, window);
  const days = await m.timeseries(campaign, 'day', window);
  expect(
    days.points.reduce((n, p) => n + p.posts, 0),
    `${campaign.name}: the daily series against the summary`,
  ).toBe(summary.posts);
  return { summary, breakdowns, days, hours: await m.timeseries(campaign, 'hour', window) };
}

/**
 * `campaignFigures` of every campaign the runtime's store holds, keyed by name (a clean run
 * creates its own ids): what a fault test compares with a clean run's.
 */
export async function everyCampaignFigures(rt: Runtime, window: FiguresWindow = {}): Promise<Record<string, Awaited<ReturnType<typeof campaignFigures>>>> {
  const out: Record<string, Awaited<ReturnType<typeof campaignFigures>>> = {};
  for (const campaign of await rt.store.listCampaigns()) out[campaign.name] = await campaignFigures(rt, campaign, window);
  return out;
}

/**
 * After a fault and a restart: every figure of every campaign equals the clean run's, no run is
 * left `running`, and where a campaign has a monthly read budget, the month's reads of each of its
 * sources (what its runs recorded, page by page) stay within it.
 */
export async function expectSameAsClean(rt: Runtime, clean: Runtime, window: FiguresWindow = {}): Promise<void> {
  expect(await rt.store.runningRuns(), 'runs left running').toEqual([]);
  const now = new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  for (const campaign of await rt.store.listCampaigns()) {
    if (campaign.monthlyReadBudget === null) continue;
    for (const { type } of campaign.sources) {
      const read = await rt.store.postsReadSince(campaign.id, type, monthStart);
      expect(read, `${campaign.name}: ${type} reads this month against the budget`).toBeLessThanOrEqual(campaign.monthlyReadBudget);
    }
  }
  const [faulted, reference] = [await everyCampaignFigures(rt, window), await everyCampaignFigures(clean, window)];
  expect(Object.keys(reference).length, 'campaigns in the clean run').toBeGreaterThan(0);
  expect(faulted).toEqual(reference);
}
