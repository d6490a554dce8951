import type { Dimension, DimensionFilters } from './dimensions.js';
import { zeroFigures, type AdditiveFigures } from './figures.js';
import type { SourceType } from './post.js';

/**
 * A metrics query is data (DESIGN.md principle 4): each store compiles it to SQL or to an
 * aggregation pipeline. Figures follow ../shared/METRICS.md ("Aggregates over a set of posts").
 */

/** The range (`from` inclusive, `to` exclusive ISO instants on the post's creation time) and the keys of each filter dimension (dimensions.ts). */
export interface MetricsFilter extends DimensionFilters {
  from?: string;
  to?: string;
  /**
   * Only the posts of these authors (source and author id: an author's key). Not an API filter:
   * the services set it (a participant's own page). Unlike the dimension filters, an empty list
   * selects NO post, so a reader matched to no author never reads anyone else's.
   */
  authors?: AuthorKey[];
}

/** An author's key: the source they were read from and their id there. */
export interface AuthorKey {
  platform: SourceType;
  authorId: string;
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

/** One group's raw figures: the additive ones (figures.ts) and the derived; `engagementRate` is derived by `engagementRate`. */
export interface MetricsRow extends AdditiveFigures {
  /** One key per groupBy dimension (`unknown` for a missing city or province). */
  keys: string[];
  contributors: number;
  /** impressionsReported + impressionsEstimated. */
  impressions: number;
  reach: number;
}

/** engagement / impressions as a fraction; null when impressions is 0 (METRICS.md). */
export function engagementRate(row: Pick<MetricsRow, 'engagement' | 'impressions'>): number | null {
  return row.impressions === 0 ? null : row.engagement / row.impressions;
}

export function emptyRow(keys: string[]): MetricsRow {
  return { keys, ...zeroFigures(), contributors: 0, impressions: 0, reach: 0 };
}

/**
 * Additive figures of one (day, city, province, source) cell, kept up to date by the metrics job.
 * Distinct-author figures (contributors, reach) cannot be summed and are never rolled up.
 */
export interface DailyRollup extends AdditiveFigures {
  campaignId: string;
  day: string;
  cityCode: string;
  provinceCode: string;
  source: SourceType;
}
