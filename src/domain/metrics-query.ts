import type { SourceType } from './post.js';

/**
 * A metrics query is data (DESIGN.md principle 4): each store compiles it to SQL or to an
 * aggregation pipeline. Figures follow ../shared/METRICS.md ("Aggregates over a set of posts").
 */

export const DIMENSIONS = ['city', 'province', 'topic', 'source', 'hashtag', 'day', 'hour'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The key of a post without a city or province in a by-city or by-province breakdown. */
export const UNKNOWN = 'unknown';
/** The topic of a post that matches no topic. */
export const OTHER_TOPIC = 'other';

export interface MetricsFilter {
  /** Inclusive ISO instant on the post's creation time. */
  from?: string;
  /** Exclusive ISO instant on the post's creation time. */
  to?: string;
  /** City codes; `unknown` selects posts without a city. */
  cities?: string[];
  /** Province codes; `unknown` selects posts without a province. */
  provinces?: string[];
  topics?: string[];
  sources?: SourceType[];
  /** Campaign hashtags, lower-case without `#`. */
  hashtags?: string[];
}

export interface MetricsQuery {
  campaignId: string;
  filter: MetricsFilter;
  /** Zero, one or two dimensions; rows come back keyed by them, in this order. */
  groupBy: Dimension[];
}

/** The figures one cell of a matrix may show (API.md, metrics/matrix): the non-derived ones a person ranks by. */
export const MATRIX_VALUES = ['posts', 'engagement', 'reach', 'contributors', 'impressions'] as const;
export type MatrixValue = (typeof MATRIX_VALUES)[number];

/** One group's raw figures; `engagementRate` is derived by `withRate`. */
export interface MetricsRow {
  /** One key per groupBy dimension (`unknown` for a missing city or province). */
  keys: string[];
  posts: number;
  contributors: number;
  engagement: number;
  impressions: number;
  impressionsReported: number;
  impressionsEstimated: number;
  reach: number;
}

/** engagement / impressions as a fraction; null when impressions is 0 (METRICS.md). */
export function engagementRate(row: Pick<MetricsRow, 'engagement' | 'impressions'>): number | null {
  return row.impressions === 0 ? null : row.engagement / row.impressions;
}

export function emptyRow(keys: string[]): MetricsRow {
  return { keys, posts: 0, contributors: 0, engagement: 0, impressions: 0, impressionsReported: 0, impressionsEstimated: 0, reach: 0 };
}

/**
 * Additive figures of one (day, city, province, source) cell, kept up to date by the metrics job.
 * Distinct-author figures (contributors, reach) cannot be summed and are never rolled up.
 */
export interface DailyRollup {
  campaignId: string;
  day: string;
  cityCode: string;
  provinceCode: string;
  source: SourceType;
  posts: number;
  engagement: number;
  impressionsReported: number;
  impressionsEstimated: number;
}
