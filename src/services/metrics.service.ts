import { DateTime } from 'luxon';
import type { Campaign } from '../domain/campaign.js';
import { zoneOf } from '../domain/time.js';
import { emptyRow, engagementRate, type Dimension, type MatrixValue, type MetricsRow } from '../domain/metrics-query.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import type { FilterParams } from '../http/schemas/metrics.schema.js';
import { metricsKey } from '../store/metrics-cache.js';
import type { Store } from '../store/store.port.js';
import { createKeyCatalog } from './metrics-keys.js';
import { buildMatrix } from './metrics-matrix.js';
import { bucketsBetween, resolveFilter } from './metrics-range.js';

/** The figures of METRICS.md as the API serves them (API.md, Metrics). */

function figures(row: MetricsRow) {
  const { posts, contributors, engagement, impressions, impressionsReported, impressionsEstimated, reach } = row;
  return { posts, contributors, engagement, impressions, impressionsReported, impressionsEstimated, reach, engagementRate: engagementRate(row) };
}

/** Filter combinations whose day sums are kept; the oldest goes first. */
const DAY_SUMS_KEPT = 200;
/** Breakdowns kept (at most ~110 kB of rows each on a campaign of 500 cities); the oldest goes first. */
const BREAKDOWNS_KEPT = 50;
/** Ties in posts by key, as String.prototype.localeCompare orders them, without its cost per call. */
const byKeyOrder = new Intl.Collator();

export function createMetricsService(deps: { store: Store; gazetteer: Gazetteer; now: () => Date }) {
  const { store } = deps;
  const { label, fixedKeys } = createKeyCatalog(deps.gazetteer);

  // Per-day sums of the rollups, by the rollups' version: a campaign spread over 500 cities has
  // tens of thousands of rollup cells, and summing them was most of a repeated series request.
  const daySums = new Map<string, Map<string, MetricsRow>>();
  const breakdowns = new Map<string, Breakdown>();
  const sumDays = async (campaign: Campaign, params: FilterParams, first: string, last: string): Promise<Map<string, MetricsRow>> => {
    // The version is read BEFORE the rollups, as the figures cache does (store/metrics-cache.ts).
    const { rollupVersion } = await store.dataStamp(campaign.id);
    const key = JSON.stringify([campaign.id, rollupVersion, first, last, params.city ?? null, params.province ?? null, params.source ?? null]);
    const known = daySums.get(key);
    if (known) return known;
    const keep = (list: string[] | undefined, v: string) => !list || list.includes(v);
    const sums = new Map<string, MetricsRow>();
    for (const r of await store.readRollups(campaign.id, first, last)) {
      if (!keep(params.city, r.cityCode) || !keep(params.province, r.provinceCode) || !keep(params.source, r.source)) continue;
      const s = sums.get(r.day) ?? emptyRow([r.day]);
      s.posts += r.posts;
      s.engagement += r.engagement;
      s.impressionsReported += r.impressionsReported;
      s.impressionsEstimated += r.impressionsEstimated;
      s.impressions += r.impressionsReported + r.impressionsEstimated;
      sums.set(r.day, s);
    }
    if (daySums.size >= DAY_SUMS_KEPT) daySums.delete(daySums.keys().next().value ?? '');
    daySums.set(key, sums);
    return sums;
  };

  const applyRollups = async (campaign: Campaign, params: FilterParams, days: string[], byBucket: Map<string, MetricsRow>) => {
    if (days.length === 0) return;
    const sums = await sumDays(campaign, params, days[0]!, days[days.length - 1]!);
    for (const day of days) {
      const live = byBucket.get(day) ?? emptyRow([day]);
      const s = sums.get(day) ?? emptyRow([day]);
      byBucket.set(day, { ...s, contributors: live.contributors, reach: live.reach });
    }
  };

  return {
    async summary(campaign: Campaign, params: FilterParams) {
      const computedAt = deps.now();
      const { filter, from, to } = resolveFilter(campaign, params, computedAt);
      const [row] = await store.queryMetrics({ campaignId: campaign.id, filter, groupBy: [] });
      return { ...figures(row ?? emptyRow([])), from: from.toISO(), to: to.toISO(), computedAt: computedAt.toISOString() };
    },

    /**
     * One answer per question and data: a breakdown by city is hundreds of rows (~110 kB of
     * JSON on the bench), and building and serializing it again was most of a repeated request.
     * The answer is frozen and shared, so the API serializes it once (http/create-app.ts).
     */
    async breakdown(campaign: Campaign, by: Dimension, params: FilterParams) {
      const { filter } = resolveFilter(campaign, params, deps.now());
      const query = { campaignId: campaign.id, filter, groupBy: [by] };
      const fixed = fixedKeys(campaign, by, params);
      // The figures' own cache key (data version, and the end dropped when it is past the newest
      // post), with what the rows take from the campaign: its fixed keys and hashtags' spelling.
      const key = JSON.stringify([metricsKey(query, await store.dataStamp(campaign.id)), fixed, by === 'hashtag' ? campaign.hashtags : null]);
      const known = breakdowns.get(key);
      if (known) return known;
      const rows = await store.queryMetrics(query);
      const byKey = new Map(rows.map((r) => [r.keys[0]!, r]));
      for (const k of fixed) if (!byKey.has(k)) byKey.set(k, emptyRow([k]));
      const out = [...byKey.entries()].map(([k, r]) => ({ key: k, label: label(campaign, by, k), ...figures(r) }));
      out.sort((a, b) => b.posts - a.posts || byKeyOrder.compare(a.key, b.key));
      const answer = deepFreeze({ by, rows: out });
      if (breakdowns.size >= BREAKDOWNS_KEPT) breakdowns.delete(breakdowns.keys().next().value ?? '');
      breakdowns.set(key, answer);
      return answer;
    },

    /**
     * One figure per pair of keys of two dimensions (the store's two-dimension grouping), each
     * axis with its fixed keys (every day of the range for `day`) and ordered by its own totals.
     */
    async matrix(campaign: Campaign, axes: { rows: Dimension; cols: Dimension; value: MatrixValue }, params: FilterParams) {
      const { filter, from, to } = resolveFilter(campaign, params, deps.now());
      const query = (groupBy: Dimension[]) => store.queryMetrics({ campaignId: campaign.id, filter, groupBy });
      const [cells, rowTotals, colTotals] = await Promise.all([query([axes.rows, axes.cols]), query([axes.rows]), query([axes.cols])]);
      const fixed = (by: Dimension) => (by === 'day' ? bucketsBetween(from, to, 'day') : fixedKeys(campaign, by, params));
      const m = buildMatrix(cells, { by: axes.rows, fixed: fixed(axes.rows), totals: rowTotals }, { by: axes.cols, fixed: fixed(axes.cols), totals: colTotals }, axes.value);
      return {
        rows: m.rows,
        cols: m.cols,
        values: m.values,
        rowLabels: m.rows.map((k) => label(campaign, axes.rows, k)),
        colLabels: m.cols.map((k) => label(campaign, axes.cols, k)),
        value: axes.value,
        rowTotals: m.rowTotals,
        colTotals: m.colTotals,
      };
    },

    async timeseries(campaign: Campaign, interval: 'hour' | 'day' | 'week', params: FilterParams) {
      const { filter, from, to } = resolveFilter(campaign, params, deps.now());
      const buckets = bucketsBetween(from, to, interval);
      const byBucket = new Map<string, MetricsRow>();
      if (interval === 'week') {
        // Distinct authors cannot be added up across days: each week is its own query.
        for (const week of buckets) {
          const start = DateTime.fromISO(week, { zone: zoneOf(campaign.timeZone) });
          const f = { ...filter, from: maxIso(filter.from!, start), to: minIso(filter.to!, start.plus({ weeks: 1 })) };
          const [row] = await store.queryMetrics({ campaignId: campaign.id, filter: f, groupBy: [] });
          if (row) byBucket.set(week, row);
        }
      } else {
        const rows = await store.queryMetrics({ campaignId: campaign.id, filter, groupBy: [interval] });
        for (const r of rows) byBucket.set(r.keys[0]!, r);
        if (interval === 'day' && readsFromRollups(params)) await applyRollups(campaign, params, buckets, byBucket);
      }
      const points = buckets.map((bucket) => {
        const r = byBucket.get(bucket) ?? emptyRow([bucket]);
        const key = interval === 'hour' ? DateTime.fromFormat(bucket, "yyyy-MM-dd'T'HH", { zone: zoneOf(campaign.timeZone) }).toISO()! : bucket;
        return { bucket: key, posts: r.posts, contributors: r.contributors, engagement: r.engagement, impressions: r.impressions, reach: r.reach };
      });
      return { interval, points };
    },
  };
}

/**
 * Day ranges without a topic or hashtag filter read their additive figures from the rollups the
 * metrics job keeps; contributors and reach always come from the posts (they cannot be summed).
 */
function readsFromRollups(params: FilterParams): boolean {
  const isDate = (v: string | undefined) => v === undefined || v.length === 10;
  return !params.topic && !params.hashtag && isDate(params.from) && isDate(params.to);
}

export type MetricsService = ReturnType<typeof createMetricsService>;

type Breakdown = Readonly<{ by: Dimension; rows: ReadonlyArray<Readonly<{ key: string; label: string } & ReturnType<typeof figures>>> }>;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function maxIso(iso: string, t: DateTime): string {
  const other = t.toUTC().toISO()!;
  return Date.parse(iso) >= t.toMillis() ? iso : other;
}

function minIso(iso: string, t: DateTime): string {
  const other = t.toUTC().toISO()!;
  return Date.parse(iso) <= t.toMillis() ? iso : other;
}

