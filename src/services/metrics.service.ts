import { DateTime } from 'luxon';
import type { Campaign } from '../domain/campaign.js';
import {
  dimensionSpec,
  FILTER_DIMENSIONS,
  filterSpec,
  filterValues,
  type BreakdownDimension,
  type Dimension,
  type FilterSpec,
  type MatrixDimension,
} from '../domain/dimensions.js';
import { addFigures } from '../domain/figures.js';
import { emptyRow, engagementRate, type MatrixValue, type MetricsFilter, type MetricsQuery, type MetricsRow } from '../domain/metrics-query.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import { zoneOf } from '../time/zone.js';
import type { FilterParams } from '../contracts/metrics.schema.js';
import type { DataStamp, MetricsStore } from '../store/store.port.js';
import { createAnswerCache, metricsKey, type AnswerCache } from './answer-cache.js';
import { createKeyCatalog } from './metrics-keys.js';
import { buildMatrix } from './metrics-matrix.js';
import { bucketCount, bucketsBetween, previousRange, rangeWithin, resolveFilter, type Range } from './metrics-range.js';
import { formatLimit, LIMITS } from '../domain/limits.js';
import { badRequest } from '../errors.js';

/** The figures of METRICS.md as the API serves them (API.md, Metrics). */

export interface SummaryOptions {
  compare?: 'previous';
  /** The instants (ISO, null: open) the caller may see figures within: a share link's period. */
  within?: { from: string | null; to: string | null };
}

function figures(row: MetricsRow) {
  const { posts, contributors, engagement, impressions, impressionsReported, impressionsEstimated, reach } = row;
  return { posts, contributors, engagement, impressions, impressionsReported, impressionsEstimated, reach, engagementRate: engagementRate(row) };
}

/** Ties in posts by key, as String.prototype.localeCompare orders them, without its cost per call. */
const byKeyOrder = new Intl.Collator();

/**
 * Every answer is kept in the answer cache (answer-cache.ts) under its question and the data
 * stamp read first, so a repeated request runs no query. A question holds everything its answer is
 * built from: the query (the range's end dropped when it reads every post), the fixed keys and
 * what labels read from the campaign, the rollups' version when it reads them, the buckets.
 */
export function createMetricsService(deps: { store: MetricsStore; gazetteer: Gazetteer; now: () => Date; answers?: AnswerCache }) {
  const { store } = deps;
  const answers = deps.answers ?? createAnswerCache();
  const keys = createKeyCatalog(deps.gazetteer);
  const query = (campaign: Campaign, filter: MetricsFilter, groupBy: Dimension[]): MetricsQuery => ({ campaignId: campaign.id, filter, groupBy });

  /** Per-day sums of the additive figures of the rollups' cells the filter keeps. */
  const sumDays = async (campaign: Campaign, filter: MetricsFilter, first: string, last: string): Promise<Map<string, MetricsRow>> => {
    const kept = rolledUpFilters(filter);
    const sums = new Map<string, MetricsRow>();
    for (const r of await store.readRollups(campaign.id, first, last)) {
      if (!kept.every(([field, wanted]) => wanted.includes(r[field]))) continue;
      const s = sums.get(r.day) ?? emptyRow([r.day]);
      addFigures(s, r);
      s.impressions = s.impressionsReported + s.impressionsEstimated;
      sums.set(r.day, s);
    }
    return sums;
  };

  const applyRollups = async (campaign: Campaign, filter: MetricsFilter, days: string[], byBucket: Map<string, MetricsRow>) => {
    if (days.length === 0) return;
    const sums = await sumDays(campaign, filter, days[0]!, days[days.length - 1]!);
    for (const day of days) {
      const live = byBucket.get(day) ?? emptyRow([day]);
      const s = sums.get(day) ?? emptyRow([day]);
      byBucket.set(day, { ...s, contributors: live.contributors, reach: live.reach });
    }
  };

  return {
    /**
     * The figures of the filtered set; with `compare: 'previous'`, also those of the range of
     * equal length just before, [from − (to − from), from), under the same filters (METRICS.md,
     * previous period). `within` bounds what may be shown (a share link's period): a previous
     * range reaching outside it is `null`, never figures the caller may not see.
     */
    async summary(campaign: Campaign, params: FilterParams, opts: SummaryOptions = {}) {
      const stamp = await store.dataStamp(campaign.id);
      const computedAt = deps.now();
      const { filter, from, to } = resolveFilter(campaign, params, computedAt);
      const figuresOf = async (f: MetricsFilter) => {
        const q = query(campaign, f, []);
        return answers.answer(question('summary', campaign, stamp, false, [metricsKey(q, stamp)]), async () => {
          const [[row], bySentiment] = await Promise.all([store.queryMetrics(q), store.queryMetrics(query(campaign, f, ['sentiment']))]);
          const total = row ?? emptyRow([]);
          return { rows: 1, answer: { ...figures(total), netSentiment: netSentiment(bySentiment, total.posts) } };
        });
      };
      const kept = await figuresOf(filter);
      const answer = { ...kept, from: from.toISO(), to: to.toISO(), computedAt: computedAt.toISOString() };
      if (opts.compare !== 'previous') return answer;
      const before = previousRange({ from, to });
      const shown = opts.within === undefined || rangeWithin(before, opts.within);
      const previous = shown
        ? {
            ...(await figuresOf({ ...filter, from: before.from.toUTC().toISO()!, to: before.to.toUTC().toISO()! })),
            from: before.from.toISO(),
            to: before.to.toISO(),
          }
        : null;
      return { ...answer, previous };
    },

    async breakdown(campaign: Campaign, by: BreakdownDimension, params: FilterParams) {
      const stamp = await store.dataStamp(campaign.id);
      const range = resolveFilter(campaign, params, deps.now());
      const q = query(campaign, range.filter, [by]);
      const fixed = keys.fixedKeys(campaign, by, params, range);
      // Besides the figures, the rows take from the campaign its fixed keys and what labels read (hashtags' spelling).
      return answers.answer(question('breakdown', campaign, stamp, false, [metricsKey(q, stamp), fixed, keys.labelInputs(campaign, by)]), async () => {
        const rows = await store.queryMetrics(q);
        const byKey = new Map(rows.map((r) => [r.keys[0]!, r]));
        for (const k of fixed) if (!byKey.has(k)) byKey.set(k, emptyRow([k]));
        const out = [...byKey.entries()].map(([k, r]) => ({ key: k, label: keys.label(campaign, by, k), ...figures(r) }));
        out.sort((a, b) => b.posts - a.posts || byKeyOrder.compare(a.key, b.key));
        return { rows: out.length, answer: { by, rows: out } };
      });
    },

    /**
     * One figure per pair of keys of two dimensions (the store's two-dimension grouping), each
     * axis with its fixed keys (every day of the range for `day`) and ordered by its own totals.
     */
    async matrix(campaign: Campaign, axes: { rows: MatrixDimension; cols: MatrixDimension; value: MatrixValue }, params: FilterParams) {
      const stamp = await store.dataStamp(campaign.id);
      const range = resolveFilter(campaign, params, deps.now());
      // Checked on the keys known before any query (the range's days, the campaign's lists), then on those the posts add.
      const limit = matrixLimit(axes);
      checkTimeAxis(axes.rows, range, 'rows');
      checkTimeAxis(axes.cols, range, 'cols');
      const cellsQuery = query(campaign, range.filter, [axes.rows, axes.cols]);
      const fixedRows = keys.fixedKeys(campaign, axes.rows, params, range);
      const fixedCols = keys.fixedKeys(campaign, axes.cols, params, range);
      limit(fixedRows.length, fixedCols.length);
      const parts = [
        metricsKey(cellsQuery, stamp),
        axes.value,
        fixedRows,
        fixedCols,
        keys.labelInputs(campaign, axes.rows),
        keys.labelInputs(campaign, axes.cols),
      ];
      return answers.answer(question('matrix', campaign, stamp, false, parts), async () => {
        const [cells, rowTotals, colTotals] = await Promise.all([
          store.queryMetrics(cellsQuery),
          store.queryMetrics(query(campaign, range.filter, [axes.rows])),
          store.queryMetrics(query(campaign, range.filter, [axes.cols])),
        ]);
        const m = buildMatrix(
          cells,
          { by: axes.rows, fixed: fixedRows, totals: rowTotals },
          { by: axes.cols, fixed: fixedCols, totals: colTotals },
          axes.value,
          limit,
        );
        const answer = {
          rows: m.rows,
          cols: m.cols,
          values: m.values,
          rowLabels: m.rows.map((k) => keys.label(campaign, axes.rows, k)),
          colLabels: m.cols.map((k) => keys.label(campaign, axes.cols, k)),
          value: axes.value,
          rowTotals: m.rowTotals,
          colTotals: m.colTotals,
        };
        return { rows: (m.rows.length + 1) * (m.cols.length + 1), answer };
      });
    },

    async timeseries(campaign: Campaign, interval: 'hour' | 'day' | 'week', params: FilterParams) {
      const stamp = await store.dataStamp(campaign.id);
      const now = deps.now();
      const { filter, from, to } = resolveFilter(campaign, params, now);
      // The series ends today (or at the campaign's end, or the range's): days to come have no count yet, not a zero.
      const nowInZone = DateTime.fromJSDate(now).setZone(zoneOf(campaign.timeZone));
      // The cap is on the range asked for, so the same question is refused or answered whatever the day.
      checkSeriesLength(bucketCount(from, to, interval), interval, 'from');
      const end = to > nowInZone ? nowInZone : to;
      const buckets = bucketsBetween(from, end, interval);
      const fromRollups = interval === 'day' && readsFromRollups(params, filter);
      const q = query(campaign, filter, interval === 'week' ? [] : [interval]);
      const build = async () => {
        const byBucket = new Map<string, MetricsRow>();
        if (interval === 'week') {
          // Distinct authors cannot be added up across days: each week is its own query.
          for (const week of buckets) {
            const start = DateTime.fromISO(week, { zone: zoneOf(campaign.timeZone) });
            const f = { ...filter, from: maxIso(filter.from!, start), to: minIso(filter.to!, start.plus({ weeks: 1 })) };
            const [row] = await store.queryMetrics(query(campaign, f, []));
            if (row) byBucket.set(week, row);
          }
        } else {
          const rows = await store.queryMetrics(q);
          for (const r of rows) byBucket.set(r.keys[0]!, r);
          if (fromRollups) await applyRollups(campaign, filter, buckets, byBucket);
        }
        const points = buckets.map((bucket) => {
          const r = byBucket.get(bucket) ?? emptyRow([bucket]);
          const key = interval === 'hour' ? DateTime.fromFormat(bucket, "yyyy-MM-dd'T'HH", { zone: zoneOf(campaign.timeZone) }).toISO()! : bucket;
          return { bucket: key, posts: r.posts, contributors: r.contributors, engagement: r.engagement, impressions: r.impressions, reach: r.reach };
        });
        return { rows: points.length, answer: { interval, points } };
      };
      // A week's range is cut by the series' own: with the end dropped (it reads every post), the first bucket and the count fix every week.
      const parts = [metricsKey(q, stamp), interval, campaign.timeZone, buckets[0] ?? null, buckets.length];
      return answers.answer(question('timeseries', campaign, stamp, fromRollups, parts), build);
    },
  };
}

const INTERVAL_NAMES = { hour: 'hours', day: 'days', week: 'weeks' } as const;

/** A time series (or a matrix's time axis) longer than its cap is a 400 naming `field`. */
function checkSeriesLength(count: number, interval: 'hour' | 'day' | 'week', field: string): void {
  const max = LIMITS.seriesBuckets[interval];
  if (count <= max) return;
  const longer = interval === 'hour' ? ' or a longer interval' : interval === 'day' ? ' or interval=week' : '';
  throw badRequest(`The range holds ${formatLimit(count)} ${INTERVAL_NAMES[interval]}, more than the ${formatLimit(max)} an answer can take.`, [
    {
      field,
      message: `An answer takes at most ${formatLimit(max)} ${INTERVAL_NAMES[interval]}: ask for a shorter range (from, to)${longer}.`,
    },
  ]);
}

/** A time axis of a matrix has one key per bucket of the range: capped like a series, before its keys are made. */
function checkTimeAxis(by: MatrixDimension, range: Range, field: 'rows' | 'cols'): void {
  const { interval } = dimensionSpec(by);
  if (interval !== undefined) checkSeriesLength(bucketCount(range.from, range.to, interval), interval, field);
}

/** Refuses a matrix of more than LIMITS.matrixCells cells, naming the longer axis. */
function matrixLimit(axes: { rows: MatrixDimension; cols: MatrixDimension }) {
  return (rows: number, cols: number): void => {
    if (rows * cols <= LIMITS.matrixCells) return;
    const field = rows >= cols ? 'rows' : 'cols';
    const size = `${formatLimit(rows)} ${axes.rows} rows × ${formatLimit(cols)} ${axes.cols} columns`;
    throw badRequest(`The matrix would hold ${formatLimit(rows * cols)} cells (${size}), more than ${formatLimit(LIMITS.matrixCells)}.`, [
      {
        field,
        message: `A matrix takes at most ${formatLimit(LIMITS.matrixCells)} cells: filter its dimensions, shorten the range (from, to) or choose other rows and cols.`,
      },
    ]);
  };
}

/** METRICS.md: (positive − negative) / posts, null for no posts. */
function netSentiment(bySentiment: readonly MetricsRow[], posts: number): number | null {
  if (posts === 0) return null;
  const count = (s: string) => bySentiment.find((r) => r.keys[0] === s)?.posts ?? 0;
  return (count('positive') - count('negative')) / posts;
}

function question(kind: string, campaign: Campaign, stamp: DataStamp, readsRollups: boolean, parts: readonly unknown[]) {
  return { kind, campaignId: campaign.id, stamp, readsRollups, parts };
}

/** The filter's lists on dimensions the rollups are kept by, as (DailyRollup field, keys) pairs. */
function rolledUpFilters(filter: MetricsFilter): Array<[NonNullable<FilterSpec['rollup']>, readonly string[]]> {
  return FILTER_DIMENSIONS.flatMap((d) => {
    const { rollup } = filterSpec(d);
    const keys = filterValues(filter, d);
    return rollup !== undefined && keys !== undefined && keys.length > 0 ? [[rollup, keys] as const] : [];
  });
}

/**
 * Day ranges filtered only on dimensions the rollups are kept by (no topic or hashtag) read their
 * additive figures from the rollups the metrics job keeps; contributors and reach always come from
 * the posts (they cannot be summed).
 */
function readsFromRollups(params: FilterParams, filter: MetricsFilter): boolean {
  const isDate = (v: string | undefined) => v === undefined || v.length === 10;
  const unrolled = FILTER_DIMENSIONS.some((d) => filterSpec(d).rollup === undefined && (filterValues(filter, d)?.length ?? 0) > 0);
  return !unrolled && isDate(params.from) && isDate(params.to);
}

export type MetricsService = ReturnType<typeof createMetricsService>;

function maxIso(iso: string, t: DateTime): string {
  const other = t.toUTC().toISO()!;
  return Date.parse(iso) >= t.toMillis() ? iso : other;
}

function minIso(iso: string, t: DateTime): string {
  const other = t.toUTC().toISO()!;
  return Date.parse(iso) <= t.toMillis() ? iso : other;
}
