import type { ImpressionsSource, StoredPost } from './post.js';

/**
 * The additive figures of METRICS.md ("Aggregates over a set of posts"): each is a sum over the
 * posts of a set of what one post adds, so it can be rolled up per day and cell and added up
 * again. Declared once here; MetricsRow, DailyRollup, emptyRow, the rollup columns and the
 * stores' sums are built from this list. Figures that are not sums of the posts stay explicit
 * where they are defined: impressions (reported + estimated), engagementRate, and contributors
 * and reach (distinct authors, never rolled up).
 */

/** What one post adds to a figure, as data the stores compile (SQL, pipeline) and `addedBy` evaluates. */
export type PerPost =
  /** 1 for every post: the figure counts posts. */
  | { kind: 'count' }
  /** The post's own number. */
  | { kind: 'field'; field: 'engagement' }
  /** The post's impressions (absent: 0) when it records them as coming from `source`, else 0. */
  | { kind: 'impressions'; source: ImpressionsSource };

export interface AdditiveFigure {
  /** Field of MetricsRow and DailyRollup, and name in the API. */
  readonly name: string;
  readonly perPost: PerPost;
  /** Column in SQLite's campaign_posts (a copy of the post's value) and daily_rollups; the count has none in campaign_posts. */
  readonly sqlite: string;
  /** Field of the Mongo pipelines' groups and of daily_rollups documents. */
  readonly mongo: string;
}

export const ADDITIVE_FIGURES = [
  { name: 'posts', perPost: { kind: 'count' }, sqlite: 'posts', mongo: 'posts' },
  { name: 'engagement', perPost: { kind: 'field', field: 'engagement' }, sqlite: 'engagement', mongo: 'engagement' },
  { name: 'impressionsReported', perPost: { kind: 'impressions', source: 'reported' }, sqlite: 'impressions_reported', mongo: 'impressionsReported' },
  { name: 'impressionsEstimated', perPost: { kind: 'impressions', source: 'estimated' }, sqlite: 'impressions_estimated', mongo: 'impressionsEstimated' },
] as const satisfies readonly AdditiveFigure[];

export type AdditiveFigureName = (typeof ADDITIVE_FIGURES)[number]['name'];

/** One value per additive figure. */
export type AdditiveFigures = Record<AdditiveFigureName, number>;

/** Every additive figure at 0. */
export function zeroFigures(): AdditiveFigures {
  const zero = {} as AdditiveFigures;
  for (const f of ADDITIVE_FIGURES) zero[f.name] = 0;
  return zero;
}

/** What one post adds to a figure (METRICS.md, "Per-post figures"). */
export function addedBy(perPost: PerPost, post: Pick<StoredPost, 'engagement' | 'impressions' | 'impressionsSource'>): number {
  switch (perPost.kind) {
    case 'count':
      return 1;
    case 'field':
      return post[perPost.field];
    case 'impressions':
      return post.impressionsSource === perPost.source ? (post.impressions ?? 0) : 0;
  }
}

/** Adds `b`'s additive figures to `a`'s, in place. */
export function addFigures(a: AdditiveFigures, b: AdditiveFigures): void {
  for (const f of ADDITIVE_FIGURES) a[f.name] += b[f.name];
}
