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

/**
 * Where a post was published (API.md 1.1): a collected post's platform is its source; an imported
 * one's is the import's `platform` column (an Instagram export has source `import`, platform
 * `instagram`).
 */
export const PLATFORMS = [
  'x',
  'mastodon',
  'bluesky',
  'instagram',
  'facebook',
  'tiktok',
  'whatsapp',
  'youtube',
  'threads',
  'linkedin',
  'telegram',
  'other',
] as const;
export type Platform = (typeof PLATFORMS)[number];
const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);

export function isPlatform(value: string): value is Platform {
  return PLATFORM_SET.has(value);
}

/**
 * The platform a key (source + id) names when nothing else says: the source itself when it is a
 * platform, else the `<platform>:` prefix an import gives its ids (`instagram:C1a2B3`), else `other`.
 */
export function platformOfKey(source: SourceType, id: string): Platform {
  if (isPlatform(source)) return source;
  const prefix = id.slice(0, Math.max(0, id.indexOf(':')));
  return isPlatform(prefix) ? prefix : 'other';
}

/** Where a post was published: what its source says, or its own `publishedOn`. */
export function platformOf(post: Pick<Post, 'platform' | 'postId' | 'publishedOn'>): Platform {
  return post.publishedOn ?? platformOfKey(post.platform, post.postId);
}

/** How a post reads (METRICS.md, "Platform, language and sentiment"), and who said so. */
export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type PostSentiment = (typeof SENTIMENTS)[number];
/** `auto`: read from the text; `manual`: a person's correction, which wins. */
export const SENTIMENT_SOURCES = ['auto', 'manual'] as const;
export type SentimentSource = (typeof SENTIMENT_SOURCES)[number];

/** A pure repost (retweet, boost, reblog) is never a post: it only counts through `reposts`. */
export const POST_KINDS = ['original', 'reply', 'quote'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/**
 * Someone a post replies to or quotes: the author's id on the post's platform when the platform
 * gives it, else (or also) the handle, as the platform's authors spell theirs.
 */
export interface PostTarget {
  authorId?: string;
  handle?: string;
}

/**
 * Whom a post names (METRICS.md, network): the handles it mentions (lower-case, as the platform
 * spells an author's handle), the author it replies to and the author it quotes.
 */
export interface PostReferences {
  mentions: string[];
  replyTo?: PostTarget;
  quoteOf?: PostTarget;
}

/** A handle as the network compares them: lower-case, without a leading `@`. */
export function comparableHandle(handle: string): string {
  return handle.replace(/^@/, '').toLowerCase();
}

/** Distinct lower-case handles, in first-seen order. */
export function normalizedMentions(handles: readonly string[]): string[] {
  return [...new Set(handles.map((h) => h.trim().toLowerCase()).filter((h) => h !== '' && h !== '@'))];
}

/** `@handle`s in a text (letters, digits, `_`, `.` inside), for posts whose platform gives no entities. */
export function mentionsInText(text: string): string[] {
  return normalizedMentions([...text.matchAll(/(?<![\w@])@([\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?)/gu)].map((m) => m[1]!));
}

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

/**
 * A post as a source adapter maps it from the platform's JSON (no campaign-specific attribution).
 * `platform` is the SOURCE it came in through (the store's key is source + postId); where it was
 * published is `publishedOn` (platformOf).
 */
export interface Post {
  platform: SourceType;
  /** Where it was published, when that is not its source (imports); absent: platformOf derives it. */
  publishedOn?: Platform;
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
  /** Whom it mentions, replies to and quotes; absent when not known (a post stored before they were read). */
  references?: PostReferences;
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
