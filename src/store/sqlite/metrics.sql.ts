import { FILTER_DIMENSIONS, filterValues, isArrayDimension, type ArrayDimension, type Dimension } from '../../domain/dimensions.js';
import type { MetricsFilter } from '../../domain/metrics-query.js';

/**
 * The parts of SQL that metrics queries and post lists share (METRICS.md, "Aggregates over a set
 * of posts"): dimension expressions and the filter's WHERE clauses. Pure: values only ever travel
 * as bound parameters; the SQL text is built from the fixed fragments below, chosen by the query's
 * dimension names and the filters present. metrics-scan.ts runs the metrics.
 */

export interface CompiledQuery {
  sql: string;
  params: unknown[];
}

/**
 * Dimension → SQL expression of its key; every dimension of the registry (domain/dimensions.ts)
 * must be named here. `'unknown'` is the registry's catch-all, a constant, not input.
 */
const DIMENSION_SQL: Readonly<Record<Dimension, string>> = {
  city: "COALESCE(cp.city_code, 'unknown')",
  province: "COALESCE(cp.province_code, 'unknown')",
  topic: 'jt.value',
  source: 'cp.platform',
  platform: 'cp.published_on',
  language: 'cp.language',
  sentiment: 'cp.sentiment',
  hashtag: 'jh.value',
  day: 'cp.day',
  hour: 'cp.hour',
};

/** Array-valued dimensions: their JSON column, read one row per element through a join on json_each. */
const ARRAY_SQL: Readonly<Record<ArrayDimension, { column: string; join: string }>> = {
  topic: { column: 'cp.topics', join: 'JOIN json_each(cp.topics) AS jt' },
  hashtag: { column: 'cp.hashtags', join: 'JOIN json_each(cp.hashtags) AS jh' },
};

/** A dimension's SQL expression; a name outside the whitelist throws instead of being spliced. */
export function dimensionSql(d: Dimension): string {
  if (!Object.hasOwn(DIMENSION_SQL, d)) throw new RangeError(`unknown dimension: ${String(d)}`);
  return DIMENSION_SQL[d];
}

/** The joins the dimensions need, each once (a dimension named twice takes one value for both). */
export function dimensionJoins(dims: readonly Dimension[]): string[] {
  return [...new Set(dims)].flatMap((d) => (isArrayDimension(d) ? [ARRAY_SQL[d].join] : []));
}

/** The rows of a JSON array bound as one parameter: a list of any length is one statement. */
const LIST = '(SELECT value FROM json_each(?))';

/**
 * WHERE clauses and their parameters, in order. An empty list filters nothing, like an absent one.
 * A scalar dimension keeps the rows whose key is in the list; an array dimension those whose list
 * holds one of them. A list travels as ONE parameter (a JSON array), so the SQL text depends only on
 * which filters are present, never on how many values each has: the statements a process compiles
 * are a fixed set (one `?` per value made every count a new statement, kept for ever).
 */
export function compileFilter(campaignId: string, filter: MetricsFilter): CompiledQuery {
  const clauses = ['cp.campaign_id = ?'];
  const params: unknown[] = [campaignId];
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (filter.from !== undefined) add('cp.created_at >= ?', new Date(filter.from).toISOString());
  if (filter.to !== undefined) add('cp.created_at < ?', new Date(filter.to).toISOString());
  // An empty list selects nothing (MetricsFilter.authors): json_each of [] has no rows.
  if (filter.authors !== undefined)
    add(`(cp.platform || char(0) || cp.author_id) IN ${LIST}`, JSON.stringify(filter.authors.map((a) => `${a.platform}\u0000${a.authorId}`)));
  for (const d of FILTER_DIMENSIONS) {
    const values = filterValues(filter, d);
    if (!values || values.length === 0) continue;
    const list = JSON.stringify(values);
    add(isArrayDimension(d) ? `EXISTS (SELECT 1 FROM json_each(${ARRAY_SQL[d].column}) WHERE value IN ${LIST})` : `${DIMENSION_SQL[d]} IN ${LIST}`, list);
  }
  return { sql: clauses.join('\n    AND '), params };
}
