import { DateTime } from 'luxon';
import type { Campaign } from '../domain/campaign.js';
import { zoneOf } from '../time/zone.js';
import { emptyRow, engagementRate, type Dimension, type MatrixValue, type MetricsRow } from '../domain/metrics-query.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import type { FilterParams } from '../contracts/metrics.schema.js';
import { metricsKey } from '../store/metrics-cache.js';
import type { MetricsStore } from '../store/store.port.js';
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
/** Rows of shared answers kept, all answers together (a breakdown by city of 515 rows is ~110 kB). */
const ROWS_KEPT = 20_000;
/** Ties in posts by key, as String.prototype.localeCompare orders them, without its cost per call. */
const byKeyOrder = new Intl.Collator();

export function createMetricsService(deps: { store: MetricsStore; gazetteer: Gazetteer; now: () => Date }) {
  const { store } = deps;
  const { label, fixedKeys } = createKeyCatalog(deps.gazetteer);

  // Per-day sums of the rollups, by the rollups' version: a campaign spread over 500 cities has
  // tens of thousands of rollup cells, and summing them was most of a repeated series request.
  const daySums = new Map<string, Map<string, MetricsRow>>();

  /**
   * Answers kept per question and data, frozen and shared by every request that asks the same
   * (the API serializes each once, http/create-app.ts): a breakdown by city is 515 rows and
   * ~110 kB of JSON on the bench, and building and serializing it again was most of a repeated
   * request. The key holds everything an answer is built from; the oldest go first.
   */
  const answers = new Map<string, { rows: number; answer: unknown }>();
  let rowsKept = 0;
  const shared = async <T>(key: unknown[], build: () => Promise<{ rows: number; answer: T }>): Promise<T> => {
    const k = JSON.stringify(key);
    const known = answers.get(k);
    if (known) return known.answer as T;
    const built = await build();
    if (built.rows > ROWS_KEPT) return built.answer;
    deepFreeze(built.answer);
    answers.set(k, built);
    rowsKept += built.rows;
    for (const [old, entry] of answers) {
      if (rowsKept <= ROWS_KEPT) break;
      answers.delete(old);
      rowsKept -= entry.rows;
    }
    return built.answer;
  };
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

    async breakdown(campaign: Campaign, by: Dimension, params: FilterParams) {
      const { filter } = resolveFilter(campaign, params, deps.now());
      const query = { campaignId: campaign.id, filter, groupBy: [by] };
      const fixed = fixedKeys(campaign, by, params);
      // Besides the figures, the rows take from the campaign its fixed keys and its hashtags' spelling.
      const key = ['breakdown', metricsKey(query, await store.dataStamp(campaign.id)), fixed, by === 'hashtag' ? campaign.hashtags : null];
      return shared(key, async () => {
        const rows = await store.queryMetrics(query);
        const byKey = new Map(rows.map((r) => [r.keys[0]!, r]));
        for (const k of fixed) if (!byKey.has(k)) byKey.set(k, emptyRow([k]));
        const out = [...byKey.entries()].map(([k, r]) => ({ key: k, label: label(campaign, by, k), ...figures(r) }));
        out.sort((a, b) => b.posts - a.posts || byKeyOrder.compare(a.key, b.key));
        return { rows: out.length, answer: { by, rows: out } };
      });
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
      const m = buildMatrix(
        cells,
        { by: axes.rows, fixed: fixed(axes.rows), totals: rowTotals },
        { by: axes.cols, fixed: fixed(axes.cols), totals: colTotals },
        axes.value,
      );
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
      const build = async () => {
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
        return { rows: points.length, answer: { interval, points } };
      };
      // A week is a query of its own: those series are built every time.
      if (interval === 'week') return (await build()).answer;
      const stamp = await store.dataStamp(campaign.id);
      const fromRollups = interval === 'day' && readsFromRollups(params);
      const query = { campaignId: campaign.id, filter, groupBy: [interval] };
      const key = ['timeseries', metricsKey(query, stamp), fromRollups ? stamp.rollupVersion : null, campaign.timeZone, buckets[0] ?? null, buckets.length];
      return shared(key, build);
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
