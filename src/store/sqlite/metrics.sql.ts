import type { Database } from 'better-sqlite3';
import type { Dimension, MetricsFilter, MetricsQuery, MetricsRow } from '../../domain/metrics-query.js';

/**
 * Compiles a MetricsQuery to one SQL statement (METRICS.md, "Aggregates over a set of posts").
 * Pure: values only ever travel as bound parameters; the SQL text is built from the fixed
 * fragments below, chosen by the query's dimension names and the filters present.
 * runMetricsQuery, last, runs the statement (the store's scan is checked against it).
 */

export interface CompiledQuery {
  sql: string;
  params: unknown[];
}

/** Dimension → SQL expression. `'unknown'` is metrics-query's UNKNOWN, a constant, not input. */
const DIMENSION_SQL: Readonly<Record<Dimension, string>> = {
  city: "COALESCE(cp.city_code, 'unknown')",
  province: "COALESCE(cp.province_code, 'unknown')",
  topic: 'jt.value',
  source: 'cp.platform',
  hashtag: 'jh.value',
  day: 'cp.day',
  hour: 'cp.hour',
};

/** Array-valued dimensions: one row per element, through a join on json_each. */
const DIMENSION_JOIN: Readonly<Partial<Record<Dimension, string>>> = {
  topic: 'JOIN json_each(cp.topics) AS jt',
  hashtag: 'JOIN json_each(cp.hashtags) AS jh',
};

/** A dimension's SQL expression; a name outside the whitelist throws instead of being spliced. */
export function dimensionSql(d: Dimension): string {
  if (!Object.hasOwn(DIMENSION_SQL, d)) throw new RangeError(`unknown dimension: ${String(d)}`);
  return DIMENSION_SQL[d];
}

/** The joins the dimensions need, each once (a dimension named twice takes one value for both). */
export function dimensionJoins(dims: readonly Dimension[]): string[] {
  return [...new Set(dims)].flatMap((d) => DIMENSION_JOIN[d] ?? []);
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/** WHERE clauses and their parameters, in order. An empty list filters nothing, like an absent one. */
export function compileFilter(campaignId: string, filter: MetricsFilter): CompiledQuery {
  const clauses = ['cp.campaign_id = ?'];
  const params: unknown[] = [campaignId];
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (filter.from !== undefined) add('cp.created_at >= ?', new Date(filter.from).toISOString());
  if (filter.to !== undefined) add('cp.created_at < ?', new Date(filter.to).toISOString());
  const list = (values: readonly string[] | undefined, clause: (ph: string) => string) => {
    if (values && values.length > 0) add(clause(placeholders(values)), ...values);
  };
  list(filter.cities, (ph) => `${DIMENSION_SQL.city} IN (${ph})`);
  list(filter.provinces, (ph) => `${DIMENSION_SQL.province} IN (${ph})`);
  list(filter.topics, (ph) => `EXISTS (SELECT 1 FROM json_each(cp.topics) WHERE value IN (${ph}))`);
  list(filter.sources, (ph) => `cp.platform IN (${ph})`);
  list(filter.hashtags, (ph) => `EXISTS (SELECT 1 FROM json_each(cp.hashtags) WHERE value IN (${ph}))`);
  return { sql: clauses.join('\n    AND '), params };
}

/**
 * The figures as one plain SQL statement over the posts table. The store answers from a faster
 * scan (metrics-scan.ts); this is its oracle in tests and the "before" of bench/cold-query.ts.
 *
 * The statement returns columns `key0`…`keyN-1` (one per groupBy dimension) and the figures
 * `posts, contributors, engagement, impressions_reported, impressions_estimated, reach`.
 * Reach is computed per group over distinct authors (never summed over sub-groups). With no
 * dimension, the statement returns exactly one row, zeros over an empty set.
 */
export function compileMetricsQuery(q: MetricsQuery): CompiledQuery {
  const dims = q.groupBy;
  const keys = dims.map((_, i) => `key${i}`);
  const keySelect = dims.map((d, i) => `${dimensionSql(d)} AS key${i}, `).join('');
  const joins = dimensionJoins(dims);
  const where = compileFilter(q.campaignId, q.filter);
  const keyList = keys.map((k) => `${k}, `).join('');
  const sql = `
WITH member AS (
  SELECT ${keySelect}cp.platform AS platform, cp.author_id AS author_id, p.engagement AS engagement,
    CASE WHEN p.impressions_source = 'reported' THEN COALESCE(p.impressions, 0) ELSE 0 END AS reported,
    CASE WHEN p.impressions_source = 'estimated' THEN COALESCE(p.impressions, 0) ELSE 0 END AS estimated
  FROM campaign_posts AS cp
  JOIN posts AS p ON p.platform = cp.platform AND p.post_id = cp.post_id
  ${joins.join('\n  ')}
  WHERE ${where.sql}
),
per_author AS (
  SELECT ${keyList}platform, author_id, COUNT(*) AS posts, SUM(engagement) AS engagement,
    SUM(reported) AS reported, SUM(estimated) AS estimated
  FROM member
  GROUP BY ${keyList}platform, author_id
)
SELECT ${keyList}COUNT(pa.author_id) AS contributors,
  COALESCE(SUM(pa.posts), 0) AS posts,
  COALESCE(SUM(pa.engagement), 0) AS engagement,
  COALESCE(SUM(pa.reported), 0) AS impressions_reported,
  COALESCE(SUM(pa.estimated), 0) AS impressions_estimated,
  COALESCE(SUM(COALESCE(a.followers, 0)), 0) AS reach
FROM per_author AS pa
LEFT JOIN authors AS a ON a.platform = pa.platform AND a.author_id = pa.author_id
${keys.length > 0 ? `GROUP BY ${keys.join(', ')}\nORDER BY ${keys.join(', ')}` : ''}`;
  return { sql, params: where.params };
}

/**
 * compileMetricsQuery run on `db`, its rows as the store's MetricsRow: the oracle of the store's
 * one-pass scan in tests, and the "before" of bench/cold-query.ts.
 */
export function runMetricsQuery(db: Database, q: MetricsQuery): MetricsRow[] {
  const { sql, params } = compileMetricsQuery(q);
  return db
    .prepare(sql)
    .all(...params)
    .map((raw) => {
      const r = raw as Record<string, number | string>;
      const n = (k: string) => Number(r[k]);
      return {
        keys: q.groupBy.map((_, i) => String(r[`key${i}`])),
        posts: n('posts'),
        contributors: n('contributors'),
        engagement: n('engagement'),
        impressions: n('impressions_reported') + n('impressions_estimated'),
        impressionsReported: n('impressions_reported'),
        impressionsEstimated: n('impressions_estimated'),
        reach: n('reach'),
      };
    });
}
