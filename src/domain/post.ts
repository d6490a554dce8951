/**
 * Posts and authors as the service stores them, whatever platform they came from.
 * Definitions follow ../shared/METRICS.md ("Per-post figures").
 */

export const SOURCE_TYPES = ['x', 'mastodon', 'bluesky', 'import'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Sources a schedule collects from; `import` only receives files. */
export function isCollected(type: SourceType): boolean {
  return type !== 'import';
}

/** A pure repost (retweet, boost, reblog) is never a post: it only counts through `reposts`. */
export const POST_KINDS = ['original', 'reply', 'quote'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** The platform's counts; a count the platform does not report is absent, never 0. */
export interface PostCounts {
  likes?: number;
  reposts?: number;
  replies?: number;
  quotes?: number;
  bookmarks?: number;
}

export interface PostPlace {
  name?: string;
  fullName?: string;
  countryCode?: string;
}

/** A post as a source adapter maps it from the platform's JSON (no campaign-specific attribution). */
export interface Post {
  platform: SourceType;
  postId: string;
  url: string;
  text: string;
  /** ISO 8601 instant in UTC (`2015-01-13T02:00:00.000Z`). */
  createdAt: string;
  lang?: string;
  kind: PostKind;
  authorId: string;
  /** Lower-case, without `#`, unique, from the platform's entities where given, else from the text. */
  hashtags: string[];
  counts: PostCounts;
  /** The platform-reported view count (X `impression_count`), when the platform reports one. */
  reportedImpressions?: number;
  place?: PostPlace;
  /** When these counts were read from the platform (ISO instant). The latest observation wins. */
  observedAt: string;
}

export interface Author {
  platform: SourceType;
  authorId: string;
  handle: string;
  name: string;
  /** Follower count at `observedAt`; absent when the platform did not give it. */
  followers?: number;
  /** Free-text profile location, as the author wrote it. */
  location?: string;
  observedAt: string;
}

/** What a source produces from one page of platform responses. */
export interface MappedBatch {
  posts: Post[];
  authors: Author[];
}

export const IMPRESSIONS_SOURCES = ['reported', 'estimated'] as const;
type ImpressionsSource = (typeof IMPRESSIONS_SOURCES)[number];

/** A post with the per-post figures of METRICS.md computed at observation time. */
export interface StoredPost extends Post {
  engagement: number;
  /** Absent when neither a reported view count nor the author's follower count is known. */
  impressions?: number;
  impressionsSource?: ImpressionsSource;
}

export function postKey(p: { platform: SourceType; postId: string }): string {
  return `${p.platform}:${p.postId}`;
}

export function authorKey(a: { platform: SourceType; authorId: string }): string {
  return `${a.platform}:${a.authorId}`;
}
