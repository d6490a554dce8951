import { dimensionSpec, FILTER_DIMENSIONS, filterValues, isArrayDimension, UNKNOWN, type ArrayDimension, type Dimension } from '../../domain/dimensions.js';
import { ADDITIVE_FIGURES, type PerPost } from '../../domain/figures.js';
import type { MetricsFilter, MetricsQuery } from '../../domain/metrics-query.js';
import { COLLECTIONS, type Doc } from './mongo-db.port.js';

/**
 * The metrics of METRICS.md ("Aggregates over a set of posts") as an aggregation pipeline over
 * campaign_posts. Pure data: tests run it through mingo, production through the server.
 *
 * A membership carries its post's figures and kind (post.docs.ts postCopy) and its author's key
 * (`authorRef`), so metrics read campaign_posts alone: no post is joined, and each author is
 * looked up once, after the grouping, for its follower count (reach).
 */

/**
 * Dimension → group-key expression, evaluated after the array dimensions are unwound; every
 * dimension of the registry (domain/dimensions.ts) must be named here. Membership documents keep
 * CampaignPost's field names (post.docs.ts).
 */
const DIMENSION_EXPR: Readonly<Record<Dimension, unknown>> = {
  city: { $ifNull: ['$cityCode', UNKNOWN] },
  province: { $ifNull: ['$provinceCode', UNKNOWN] },
  topic: '$topics',
  source: '$platform',
  platform: '$publishedOn',
  language: '$language',
  sentiment: '$sentiment',
  hashtag: '$hashtags',
  day: '$day',
  hour: '$hour',
};

/** Array-valued dimensions: one document per element (a post in two topics is in both rows). */
const UNWIND: Readonly<Record<ArrayDimension, string>> = { topic: '$topics', hashtag: '$hashtags' };

function dimensionExpr(d: Dimension): unknown {
  if (!Object.hasOwn(DIMENSION_EXPR, d)) throw new RangeError(`unknown dimension: ${String(d)}`);
  return DIMENSION_EXPR[d];
}

/**
 * The `$match` of a campaign and a filter. An empty list filters nothing, like an absent one. A
 * scalar field must be one of the keys, a list must hold one; a scalar's catch-all (`unknown`
 * city or province) also selects documents where the field is null.
 */
export function matchStage(campaignId: string, filter: MetricsFilter): Doc {
  const match: Doc = { campaignId };
  const created: Doc = {};
  if (filter.from !== undefined) created.$gte = new Date(filter.from);
  if (filter.to !== undefined) created.$lt = new Date(filter.to);
  if (Object.keys(created).length > 0) match.createdAt = created;
  // An empty list selects nothing (MetricsFilter.authors).
  if (filter.authors !== undefined)
    match.$or = filter.authors.length === 0 ? [{ _id: { $in: [] } }] : filter.authors.map((a) => ({ platform: a.platform, authorId: a.authorId }));
  for (const d of FILTER_DIMENSIONS) {
    const keys = filterValues(filter, d);
    if (!keys || keys.length === 0) continue;
    const { attribution, catchAll } = dimensionSpec(d);
    const nullIsCatchAll = !isArrayDimension(d) && catchAll !== undefined && keys.includes(catchAll);
    match[attribution] = { $in: nullIsCatchAll ? [...keys, null] : [...keys] };
  }
  return { $match: match };
}

/** What one membership adds to a figure: 1 for the count, else its copy of the post's figure (absent: 0). */
function addedBy(figure: { perPost: PerPost; mongo: string }): unknown {
  return figure.perPost.kind === 'count' ? 1 : { $ifNull: [`$${figure.mongo}`, 0] };
}

/** `$group` accumulators of every additive figure (domain/figures.ts) over memberships. */
export function figureSums(): Doc {
  return Object.fromEntries(ADDITIVE_FIGURES.map((f) => [f.mongo, { $sum: addedBy(f) }]));
}

/** `$group` accumulators adding up groups that already carry the additive figures. */
function figureTotals(): Doc {
  return Object.fromEntries(ADDITIVE_FIGURES.map((f) => [f.mongo, { $sum: `$${f.mongo}` }]));
}

/**
 * Joins each membership to its stored post; a membership without a post is dropped. Only for what
 * a membership does not copy (the text, the counts, the URL), after the rows are chosen: a `$limit`
 * or a keyset page (tests/unit/store-mongo-no-post-join.test.ts keeps it so).
 */
export const joinPostStages: readonly Doc[] = [
  { $lookup: { from: COLLECTIONS.posts, localField: 'postRef', foreignField: '_id', as: 'post' } },
  { $unwind: '$post' },
];

/** An author's latest known follower count from its looked-up `author` array; unknown: 0. */
export const FOLLOWERS_OF_LOOKUP: Doc = { $ifNull: [{ $arrayElemAt: ['$author.followers', 0] }, 0] };

/** Looks up the author whose key is `field` (after a `$group`: once per author). */
export function authorLookupStage(field: string): Doc {
  return { $lookup: { from: COLLECTIONS.authors, localField: field, foreignField: '_id', as: 'author' } };
}

/**
 * Output: one document per group, `{_id: {k0, k1}, contributors, reach}` and the additive figures
 * (`posts, engagement, impressionsReported, impressionsEstimated`), sorted by the keys (`_id: null` and at most one
 * document without dimensions). Groups first by (keys, author) so that reach adds each distinct
 * author's latest known follower count once; missing counts add 0. The authors are looked up once
 * each: with dimensions, the (keys, author) groups are gathered per author around the lookup.
 */
export function metricsPipeline(q: MetricsQuery): Doc[] {
  const keys = Object.fromEntries(q.groupBy.map((d, i) => [`k${i}`, dimensionExpr(d)]));
  const unwinds = [...new Set(q.groupBy)].flatMap((d) => (isArrayDimension(d) ? [{ $unwind: UNWIND[d] }] : []));
  const byAuthor: Doc = { $group: { _id: { ...keys, author: '$authorRef' }, ...figureSums() } };
  if (q.groupBy.length === 0) {
    return [
      matchStage(q.campaignId, q.filter),
      byAuthor,
      authorLookupStage('_id.author'),
      { $group: { _id: null, ...figureTotals(), contributors: { $sum: 1 }, reach: { $sum: FOLLOWERS_OF_LOOKUP } } },
    ];
  }
  const figures = ADDITIVE_FIGURES.map((f) => f.mongo);
  const cell = Object.fromEntries([...q.groupBy.map((_, i) => [`k${i}`, `$_id.k${i}`]), ...figures.map((f) => [f, `$${f}`])]);
  const groupKeys = Object.fromEntries(q.groupBy.map((_, i) => [`k${i}`, `$cells.k${i}`]));
  const sort = Object.fromEntries(q.groupBy.map((_, i) => [`_id.k${i}`, 1]));
  return [
    matchStage(q.campaignId, q.filter),
    ...unwinds,
    byAuthor,
    // One document per author with its cells, so that each author is looked up once.
    { $group: { _id: '$_id.author', cells: { $push: cell } } },
    authorLookupStage('_id'),
    { $project: { cells: 1, followers: FOLLOWERS_OF_LOOKUP } },
    { $unwind: '$cells' },
    {
      $group: {
        _id: groupKeys,
        ...Object.fromEntries(figures.map((f) => [f, { $sum: `$cells.${f}` }])),
        contributors: { $sum: 1 },
        reach: { $sum: '$followers' },
      },
    },
    { $sort: sort },
  ];
}
