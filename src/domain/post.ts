/**
 * Posts and authors as the service stores them, whatever platform they came from.
 * Definitions follow ../shared/METRICS.md ("Per-post figures").
 */

/**
 * How a post came in (`x`, `mastodon`, `bluesky`, `import`…). The sources are declared in
 * src/sources/registry.ts, which the domain may not import; so here a source type is a plain
 * string, validated at the edges against the registry (request schemas, the store's reads,
 * config). Where a post was published (its platform, which for an import may be Instagram) is
 * another concept that will get its own type beside this one.
 */
export type SourceType = string;

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
export type ImpressionsSource = (typeof IMPRESSIONS_SOURCES)[number];

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

/** The source of imported rows (src/sources/registry.ts declares it with the others). */
export const IMPORT_SOURCE: SourceType = 'import';

/**
 * Whose copy of a post (and of its author) a campaign reads. A collected post is the platform's
 * truth, one copy shared by every campaign that holds it: scope ''. An imported row is one
 * campaign's own assertion: scope = that campaign's id, so an import into one campaign never
 * changes what another shows, even when both name the same platform and post id.
 */
export function postScope(platform: SourceType, campaignId: string): string {
  return isCampaignScoped(platform) ? campaignId : '';
}

/** True for a source whose posts and authors each campaign keeps a copy of its own (postScope). */
export function isCampaignScoped(platform: SourceType): boolean {
  return platform === IMPORT_SOURCE;
}

/**
 * A natural key (postKey, authorKey) within its scope: the key itself for a shared copy, else
 * prefixed by the scope and `/` (no platform name holds a `/`, so the two kinds never collide).
 */
export function scopedKey(scope: string, key: string): string {
  return scope === '' ? key : `${scope}/${key}`;
}

/**
 * The link as given when it is an absolute http(s) URL, else '' (no link). A `javascript:`,
 * `data:` or other scheme from a platform or a file is never stored, shown or exported: a
 * dashboard or a spreadsheet would make it a clickable script.
 */
export function httpUrl(candidate: string | null | undefined): string {
  if (!candidate || !URL.canParse(candidate)) return '';
  const { protocol } = new URL(candidate);
  return protocol === 'http:' || protocol === 'https:' ? candidate : '';
}
