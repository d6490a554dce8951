import { dimensionSpec, FILTER_DIMENSIONS, filterValues, isArrayDimension, UNKNOWN, type ArrayDimension, type Dimension } from '../../domain/dimensions.js';
import { ADDITIVE_FIGURES, type PerPost } from '../../domain/figures.js';
import type { MetricsFilter, MetricsQuery } from '../../domain/metrics-query.js';
import { COLLECTIONS, type Doc } from './mongo-db.port.js';

/**
 * The metrics of METRICS.md ("Aggregates over a set of posts") as an aggregation pipeline over
 * campaign_posts. Pure data: tests run it through mingo, production through the server.
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

/** Sum of a post's impressions when they have this source, else 0. */
export function impressionsOf(source: 'reported' | 'estimated', post = '$post'): Doc {
  return { $cond: [{ $eq: [`${post}.impressionsSource`, source] }, { $ifNull: [`${post}.impressions`, 0] }, 0] };
}

/** What one post (the membership's joined `post`) adds to a figure. */
function addedBy(perPost: PerPost, post: string): unknown {
  switch (perPost.kind) {
    case 'count':
      return 1;
    case 'field':
      return `${post}.${perPost.field}`;
    case 'impressions':
      return impressionsOf(perPost.source, post);
  }
}

/** `$group` accumulators of every additive figure (domain/figures.ts) over memberships joined to their posts. */
export function figureSums(post = '$post'): Doc {
  return Object.fromEntries(ADDITIVE_FIGURES.map((f) => [f.mongo, { $sum: addedBy(f.perPost, post) }]));
}

/** `$group` accumulators adding up groups that already carry the additive figures. */
function figureTotals(): Doc {
  return Object.fromEntries(ADDITIVE_FIGURES.map((f) => [f.mongo, { $sum: `$${f.mongo}` }]));
}

/** Joins each membership to its stored post; a membership without a post is dropped. */
export const joinPostStages: readonly Doc[] = [
  { $lookup: { from: COLLECTIONS.posts, localField: 'postRef', foreignField: '_id', as: 'post' } },
  { $unwind: '$post' },
];

/**
 * Output: one document per group, `{_id: {k0, k1}, contributors, reach}` and the additive figures
 * (`posts, engagement, impressionsReported, impressionsEstimated`), sorted by the keys (`_id: null` and at most one
 * document without dimensions). Groups first by (keys, author) so that reach adds each distinct
 * author's latest known follower count once, looked up in authors; missing counts add 0.
 */
export function metricsPipeline(q: MetricsQuery): Doc[] {
  const keys = Object.fromEntries(q.groupBy.map((d, i) => [`k${i}`, dimensionExpr(d)]));
  const unwinds = [...new Set(q.groupBy)].flatMap((d) => (isArrayDimension(d) ? [{ $unwind: UNWIND[d] }] : []));
  const groupKeys = Object.fromEntries(q.groupBy.map((_, i) => [`k${i}`, `$_id.k${i}`]));
  const sort = Object.fromEntries(q.groupBy.map((_, i) => [`_id.k${i}`, 1]));
  return [
    matchStage(q.campaignId, q.filter),
    ...joinPostStages,
    ...unwinds,
    {
      $group: {
        _id: { ...keys, author: '$authorRef' },
        ...figureSums(),
      },
    },
    { $lookup: { from: COLLECTIONS.authors, localField: '_id.author', foreignField: '_id', as: 'author' } },
    {
      $group: {
        _id: q.groupBy.length > 0 ? groupKeys : null,
        ...figureTotals(),
        contributors: { $sum: 1 },
        reach: { $sum: { $ifNull: [{ $arrayElemAt: ['$author.followers', 0] }, 0] } },
      },
    },
    ...(q.groupBy.length > 0 ? [{ $sort: sort }] : []),
  ];
}
