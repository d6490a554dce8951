import type { MetricsFilter } from '../../domain/metrics-query.js';
import type { ContributorSort, ListPostsQuery, PostPosition, PostSort, TopContributorsQuery } from '../../domain/post-query.js';
import { authorLookupStage, FOLLOWERS_OF_LOOKUP, joinPostStages, matchStage } from './metrics.pipeline.js';
import type { Doc } from './mongo-db.port.js';

/**
 * Single posts and single authors of a filtered set (API.md: posts, contributors, export.csv) as
 * aggregation pipelines over campaign_posts. Pure data, like metrics.pipeline.ts.
 */

/** Sort → field of the memberships being sorted (engagement: the membership's copy of its post's). */
const POST_SORT_FIELD: Readonly<Record<PostSort, string>> = { engagement: 'engagement', recent: 'createdAt' };

const CONTRIBUTOR_SORT_FIELD: Readonly<Record<ContributorSort, string>> = {
  reach: 'reach',
  posts: 'posts',
  engagement: 'engagement',
  original: 'original',
  impressions: 'impressions',
};

function whitelisted<K extends string>(table: Readonly<Record<K, string>>, key: K): string {
  if (!Object.hasOwn(table, key)) throw new RangeError(`unknown sort: ${String(key)}`);
  return table[key];
}

/** The key as stored: a number for engagement, a Date for recent. */
function positionKey(sort: PostSort, key: number | string): number | Date {
  if (sort === 'engagement') {
    if (typeof key !== 'number' || !Number.isFinite(key)) throw new RangeError('an engagement position needs a numeric key');
    return key;
  }
  const t = typeof key === 'string' ? Date.parse(key) : Number.NaN;
  if (Number.isNaN(t)) throw new RangeError('a recent position needs an ISO instant key');
  return new Date(t);
}

/** Documents strictly after a position in the order (field descending, platform, postId ascending). */
function afterStage(sort: PostSort, after: PostPosition): Doc {
  const field = whitelisted(POST_SORT_FIELD, sort);
  const k = positionKey(sort, after.key);
  return {
    $match: {
      // Implied by the $or; stated apart so the server can bound its index scan at the position.
      [field]: { $lte: k },
      $or: [
        { [field]: { $lt: k } },
        { [field]: k, platform: { $gt: after.platform } },
        { [field]: k, platform: after.platform, postId: { $gt: after.postId } },
      ],
    },
  };
}

const authorLookup: Doc = authorLookupStage('authorRef');

/**
 * Output: memberships with `post` and `author` (an array of at most one), like campaignPostsPipeline.
 * Both sorts are on the memberships (a membership keeps its post's engagement, post.docs.ts
 * postCopy), sorted and limited first from an index of models.ts, so a page costs `limit` joins
 * whatever the size of the campaign (every membership has its post: saveBatch writes posts before
 * memberships).
 */
export function listPostsPipeline(q: ListPostsQuery): Doc[] {
  const field = whitelisted(POST_SORT_FIELD, q.sort);
  const after = q.after ? [afterStage(q.sort, q.after)] : [];
  const page = [{ $sort: { [field]: -1, platform: 1, postId: 1 } }, { $limit: Math.max(1, Math.floor(q.limit)) }];
  return [matchStage(q.campaignId, q.filter), ...after, ...page, ...joinPostStages, authorLookup];
}

/** Output: the one membership of a campaign with that key, with `post` and `author`, like listPostsPipeline. */
export function campaignPostPipeline(campaignId: string, platform: string, postId: string): Doc[] {
  return [{ $match: { campaignId, platform, postId } }, { $limit: 1 }, ...joinPostStages, authorLookup];
}

/**
 * Output: one document per author of the filtered set, `{_id: authorRef, platform, authorId,
 * posts, original, engagement, impressions, reach, author: [authorDoc?]}`, best first. Impressions are
 * reported + estimated (METRICS.md); reach is the latest known follower count, 0 when unknown.
 * Grouped from the memberships alone (each keeps its post's figures and kind); an author is looked
 * up once, after the grouping, and only the page's authors unless the sort is by reach.
 */
export function topContributorsPipeline(q: TopContributorsQuery): Doc[] {
  const field = whitelisted(CONTRIBUTOR_SORT_FIELD, q.sort);
  const page = [{ $sort: { [field]: -1, platform: 1, authorId: 1 } }, { $limit: Math.max(1, Math.floor(q.limit)) }];
  const lookup = [authorLookupStage('_id'), { $set: { reach: FOLLOWERS_OF_LOOKUP } }];
  return [
    matchStage(q.campaignId, q.filter),
    {
      $group: {
        _id: '$authorRef',
        platform: { $first: '$platform' },
        authorId: { $first: '$authorId' },
        publishedOn: { $max: '$publishedOn' },
        posts: { $sum: 1 },
        original: { $sum: { $cond: [{ $eq: ['$kind', 'original'] }, 1, 0] } },
        engagement: { $sum: { $ifNull: ['$engagement', 0] } },
        impressions: { $sum: { $add: [{ $ifNull: ['$impressionsReported', 0] }, { $ifNull: ['$impressionsEstimated', 0] }] } },
      },
    },
    // Reach is the author's: that sort needs every author's count; the others sort first.
    ...(q.sort === 'reach' ? [...lookup, ...page] : [...page, ...lookup]),
  ];
}

/** Memberships per page of Store.scanTermSources. */
export const TERM_SOURCES_PAGE = 5000;

/**
 * One page of Store.scanTermSources: the filtered memberships after `afterId` in `_id` order, with
 * their post's text and hashtags: `{_id, text, hashtags, author, engagement}`. Keyset pages, so
 * the scan holds one page at a time whatever the size of the campaign.
 */
export function termSourcesPipeline(campaignId: string, filter: MetricsFilter, afterId?: unknown): Doc[] {
  const match = matchStage(campaignId, filter);
  const after = afterId === undefined ? [] : [{ $match: { _id: { $gt: afterId } } }];
  return [
    match,
    ...after,
    { $sort: { _id: 1 } },
    { $limit: TERM_SOURCES_PAGE },
    ...joinPostStages,
    { $project: { _id: 1, text: '$post.text', hashtags: '$post.hashtags', author: '$authorRef', engagement: { $ifNull: ['$engagement', 0] } } },
  ];
}
