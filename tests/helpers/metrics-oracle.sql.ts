import type { Database } from 'better-sqlite3';
import type { MetricsQuery, MetricsRow } from '../../src/domain/metrics-query.js';
import { compileFilter, dimensionJoins, dimensionSql, type CompiledQuery } from '../../src/store/sqlite/metrics.sql.js';

/**
 * The metrics as one plain SQL statement over the posts table, joined: what the SQLite store ran
 * before migration 4. The store answers from a faster scan (src/store/sqlite/metrics-scan.ts);
 * this is its oracle in tests and the "before" of bench/cold-query.ts, so it lives with the tests.
 */

/**
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
  SELECT ${keySelect}cp.scope AS scope, cp.platform AS platform, cp.author_id AS author_id, p.engagement AS engagement,
    CASE WHEN p.impressions_source = 'reported' THEN COALESCE(p.impressions, 0) ELSE 0 END AS reported,
    CASE WHEN p.impressions_source = 'estimated' THEN COALESCE(p.impressions, 0) ELSE 0 END AS estimated
  FROM campaign_posts AS cp
  JOIN posts AS p ON p.scope = cp.scope AND p.platform = cp.platform AND p.post_id = cp.post_id
  ${joins.join('\n  ')}
  WHERE ${where.sql}
),
per_author AS (
  SELECT ${keyList}scope, platform, author_id, COUNT(*) AS posts, SUM(engagement) AS engagement,
    SUM(reported) AS reported, SUM(estimated) AS estimated
  FROM member
  GROUP BY ${keyList}scope, platform, author_id
)
SELECT ${keyList}COUNT(pa.author_id) AS contributors,
  COALESCE(SUM(pa.posts), 0) AS posts,
  COALESCE(SUM(pa.engagement), 0) AS engagement,
  COALESCE(SUM(pa.reported), 0) AS impressions_reported,
  COALESCE(SUM(pa.estimated), 0) AS impressions_estimated,
  COALESCE(SUM(COALESCE(a.followers, 0)), 0) AS reach
FROM per_author AS pa
LEFT JOIN authors AS a ON a.scope = pa.scope AND a.platform = pa.platform AND a.author_id = pa.author_id
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
