import type { CampaignPost } from './campaign.js';
import type { MetricsFilter } from './metrics-query.js';
import type { Author, Platform, SourceType, StoredPost } from './post.js';

/**
 * Queries over single posts and single authors (API.md: posts, contributors, export.csv), as
 * data like MetricsQuery: each store compiles them to SQL or to a pipeline.
 */

/** `engagement`: most engaged first; `recent`: newest first. Ties: (platform, postId) ascending. */
export const POST_SORTS = ['engagement', 'recent'] as const;
export type PostSort = (typeof POST_SORTS)[number];

/**
 * Where the previous page ended: its last post's sort key (engagement, or the UTC ISO creation
 * instant) and identity. The next page starts strictly after it in the sort order, so pages
 * neither overlap nor skip, whatever is inserted before the position already read.
 */
export interface PostPosition {
  key: number | string;
  platform: SourceType;
  postId: string;
}

export interface ListPostsQuery {
  campaignId: string;
  filter: MetricsFilter;
  sort: PostSort;
  /** At most this many posts, ≥ 1. */
  limit: number;
  after?: PostPosition;
}

/** One post of a campaign, with its latest observation, its author (when known) and its attribution. */
export interface ListedPost {
  post: StoredPost;
  author: Author | null;
  membership: CampaignPost;
}

/** The sort key of a listed post under a sort: what a PostPosition records. */
function sortKeyOf(item: ListedPost, sort: PostSort): number | string {
  return sort === 'engagement' ? item.post.engagement : new Date(item.membership.createdAt).toISOString();
}

/** The position just after a listed post, for the next page. */
export function positionAfter(item: ListedPost, sort: PostSort): PostPosition {
  return { key: sortKeyOf(item, sort), platform: item.post.platform, postId: item.post.postId };
}

/**
 * `reach`: latest known followers; `original`: original posts (not replies or quotes);
 * `impressions`: reported + estimated. All descending, ties by (platform, authorId) ascending.
 */
export const CONTRIBUTOR_SORTS = ['reach', 'posts', 'engagement', 'original', 'impressions'] as const;
export type ContributorSort = (typeof CONTRIBUTOR_SORTS)[number];

export interface TopContributorsQuery {
  campaignId: string;
  filter: MetricsFilter;
  sort: ContributorSort;
  /** At most this many authors, ≥ 1. */
  limit: number;
}

/**
 * One author's figures over a set of posts (METRICS.md). Reach of one author is their latest known
 * follower count, 0 when none is known (as in the aggregate reach); `followers` keeps the difference.
 */
export interface ContributorRow {
  /** The source (with authorId, the author's key). */
  platform: SourceType;
  authorId: string;
  /** Where the author's posts were published: one platform per author key (imports prefix ids with it). */
  publishedOn: Platform;
  /** Null when the author was never observed (a post imported without its author). */
  handle: string | null;
  name: string | null;
  followers: number | null;
  posts: number;
  /** Of `posts`, the original ones (kind `original`: not a reply or a quote). */
  original: number;
  engagement: number;
  impressions: number;
  reach: number;
}
