import { UNKNOWN, type Dimension, type MetricsFilter, type MetricsQuery } from '../../domain/metrics-query.js';
import { COLLECTIONS, type Doc } from './mongo-db.port.js';

/**
 * The metrics of METRICS.md ("Aggregates over a set of posts") as an aggregation pipeline over
 * campaign_posts. Pure data: tests run it through mingo, production through the server.
 */

/** Dimension → group-key expression, evaluated after the array dimensions are unwound. */
const DIMENSION_EXPR: Readonly<Record<Dimension, unknown>> = {
  city: { $ifNull: ['$cityCode', UNKNOWN] },
  province: { $ifNull: ['$provinceCode', UNKNOWN] },
  topic: '$topics',
  source: '$platform',
  hashtag: '$hashtags',
  day: '$day',
  hour: '$hour',
};

/** Array-valued dimensions: one document per element (a post in two topics is in both rows). */
const UNWIND: Readonly<Partial<Record<Dimension, string>>> = { topic: '$topics', hashtag: '$hashtags' };

function dimensionExpr(d: Dimension): unknown {
  if (!Object.hasOwn(DIMENSION_EXPR, d)) throw new RangeError(`unknown dimension: ${String(d)}`);
  return DIMENSION_EXPR[d];
}

/** `unknown` in a city or province list selects documents whose code is null. */
function codesIn(codes: readonly string[]): Doc {
  return { $in: codes.includes(UNKNOWN) ? [...codes, null] : [...codes] };
}

/** The `$match` of a campaign and a filter. An empty list filters nothing, like an absent one. */
export function matchStage(campaignId: string, filter: MetricsFilter): Doc {
  const match: Doc = { campaignId };
  const created: Doc = {};
  if (filter.from !== undefined) created.$gte = new Date(filter.from);
  if (filter.to !== undefined) created.$lt = new Date(filter.to);
  if (Object.keys(created).length > 0) match.createdAt = created;
  const some = (xs: readonly string[] | undefined): xs is readonly string[] => xs !== undefined && xs.length > 0;
  if (some(filter.cities)) match.cityCode = codesIn(filter.cities);
  if (some(filter.provinces)) match.provinceCode = codesIn(filter.provinces);
  if (some(filter.topics)) match.topics = { $in: [...filter.topics] };
  if (some(filter.sources)) match.platform = { $in: [...filter.sources] };
  if (some(filter.hashtags)) match.hashtags = { $in: [...filter.hashtags] };
  return { $match: match };
}

/** Sum of a post's impressions when they have this source, else 0. */
export function impressionsOf(source: 'reported' | 'estimated', post = '$post'): Doc {
  return { $cond: [{ $eq: [`${post}.impressionsSource`, source] }, { $ifNull: [`${post}.impressions`, 0] }, 0] };
}

/** Joins each membership to its stored post; a membership without a post is dropped. */
export const joinPostStages: readonly Doc[] = [
  { $lookup: { from: COLLECTIONS.posts, localField: 'postRef', foreignField: '_id', as: 'post' } },
  { $unwind: '$post' },
];

/**
 * Output: one document per group, `{_id: {k0, k1}, posts, contributors, engagement,
 * impressionsReported, impressionsEstimated, reach}`, sorted by the keys (`_id: null` and at most one
 * document without dimensions). Groups first by (keys, author) so that reach adds each distinct
 * author's latest known follower count once, looked up in authors; missing counts add 0.
 */
export function metricsPipeline(q: MetricsQuery): Doc[] {
  const keys = Object.fromEntries(q.groupBy.map((d, i) => [`k${i}`, dimensionExpr(d)]));
  const unwinds = [...new Set(q.groupBy)].flatMap((d) => {
    const path = UNWIND[d];
    return path === undefined ? [] : [{ $unwind: path }];
  });
  const groupKeys = Object.fromEntries(q.groupBy.map((_, i) => [`k${i}`, `$_id.k${i}`]));
  const sort = Object.fromEntries(q.groupBy.map((_, i) => [`_id.k${i}`, 1]));
  return [
    matchStage(q.campaignId, q.filter),
    ...joinPostStages,
    ...unwinds,
    {
      $group: {
        _id: { ...keys, author: '$authorRef' },
        posts: { $sum: 1 },
        engagement: { $sum: '$post.engagement' },
        impressionsReported: { $sum: impressionsOf('reported') },
        impressionsEstimated: { $sum: impressionsOf('estimated') },
      },
    },
    { $lookup: { from: COLLECTIONS.authors, localField: '_id.author', foreignField: '_id', as: 'author' } },
    {
      $group: {
        _id: q.groupBy.length > 0 ? groupKeys : null,
        posts: { $sum: '$posts' },
        contributors: { $sum: 1 },
        engagement: { $sum: '$engagement' },
        impressionsReported: { $sum: '$impressionsReported' },
        impressionsEstimated: { $sum: '$impressionsEstimated' },
        reach: { $sum: { $ifNull: [{ $arrayElemAt: ['$author.followers', 0] }, 0] } },
      },
    },
    ...(q.groupBy.length > 0 ? [{ $sort: sort }] : []),
  ];
}
