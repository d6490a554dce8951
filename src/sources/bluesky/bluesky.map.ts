import { hashtagsInText, normalizedHashtags } from '../../domain/hashtags.js';
import {
  httpUrl,
  mentionsInText,
  normalizedMentions,
  type Author,
  type MappedBatch,
  type Post,
  type PostCounts,
  type PostKind,
  type PostReferences,
  type PostTarget,
} from '../../domain/post.js';
import {
  MENTION_FEATURE_TYPE,
  POST_RECORD_TYPE,
  RECORD_EMBED_TYPE,
  RECORD_WITH_MEDIA_EMBED_TYPE,
  TAG_FEATURE_TYPE,
  type PostRecord,
  type PostView,
  type ProfileViewBasic,
  type RecordWithMediaEmbed,
  type StrongRef,
} from './bluesky.types.js';

/**
 * Pure mapping from `app.bsky.feed.defs#postView`s to our posts and authors, following
 * ../shared/METRICS.md. Search results hold no pure reposts (a repost is a separate record that
 * only shows in `repostCount`); a view whose record is not a post is dropped all the same.
 * `followers` gives each author's follower count by did, read with `app.bsky.actor.getProfiles`,
 * because the post view's author carries no counts; an author missing from it has none.
 */
export function mapPosts(posts: readonly PostView[], observedAt: Date | string, followers?: ReadonlyMap<string, number>): MappedBatch {
  const observed = new Date(observedAt).toISOString();
  const mapped: Post[] = [];
  const seen = new Set<string>();
  const authors = new Map<string, Author>();
  for (const view of posts) {
    if (seen.has(view.uri) || !isPostRecord(view.record)) continue;
    seen.add(view.uri);
    mapped.push(mapPost(view, observed));
    if (!authors.has(view.author.did)) authors.set(view.author.did, mapAuthor(view.author, observed, followers?.get(view.author.did)));
  }
  return { posts: mapped, authors: [...authors.values()] };
}

/** One post view to a Post. */
function mapPost(view: PostView, observedAt: string): Post {
  const record = view.record;
  const post: Post = {
    platform: 'bluesky',
    postId: view.uri,
    url: httpUrl(postUrl(view)),
    text: record.text,
    createdAt: createdAtOf(view),
    kind: kindOf(record),
    authorId: view.author.did,
    hashtags: hashtagsOf(record),
    counts: countsOf(view),
    references: referencesOf(view),
    observedAt,
  };
  const lang = record.langs?.[0];
  if (lang !== undefined && lang !== '') post.lang = lang;
  return post;
}

/** One author to an Author; Bluesky profiles have no location field, so none is set. */
function mapAuthor(profile: ProfileViewBasic, observedAt: string, followers?: number): Author {
  const displayName = profile.displayName?.trim();
  const author: Author = {
    platform: 'bluesky',
    authorId: profile.did,
    handle: profile.handle,
    name: displayName ? displayName : profile.handle,
    observedAt,
  };
  if (typeof followers === 'number') author.followers = followers;
  return author;
}

/**
 * `https://bsky.app/profile/<handle>/post/<rkey>`. A handle that no longer verifies is sent as
 * `handle.invalid`; bsky.app accepts the did in its place, and the did never goes stale.
 */
export function postUrl(view: Pick<PostView, 'uri' | 'author'>): string {
  const rkey = view.uri.split('/').pop() ?? '';
  const handle = view.author.handle;
  const who = handle === '' || handle === 'handle.invalid' ? view.author.did : handle;
  return `https://bsky.app/profile/${who}/post/${rkey}`;
}

/**
 * The instant the search service sorts and filters by (`since`/`until`): the declared
 * `createdAt`, but never later than `indexedAt`, so a post dated in the future sorts where it
 * arrived. Milliseconds since the epoch; NaN only when both are unreadable.
 */
export function sortTimeMs(view: Pick<PostView, 'record' | 'indexedAt'>): number {
  const created = Date.parse(view.record.createdAt);
  const indexed = Date.parse(view.indexedAt);
  if (Number.isNaN(created)) return indexed;
  if (Number.isNaN(indexed)) return created;
  return Math.min(created, indexed);
}

/** True for a record of `app.bsky.feed.post` (the `$type` may be left out of a post view's record). */
function isPostRecord(record: PostRecord): boolean {
  return record.$type === undefined || record.$type === POST_RECORD_TYPE;
}

function createdAtOf(view: PostView): string {
  const created = Date.parse(view.record.createdAt);
  // createdAt is client-declared and may be malformed; indexedAt is the AppView's own clock.
  return new Date(Number.isNaN(created) ? view.indexedAt : created).toISOString();
}

function kindOf(record: PostRecord): PostKind {
  if (record.reply !== undefined) return 'reply';
  const quoted = quotedRef(record);
  // A record embed may show a feed, a list or a starter pack rather than a post: that is no quote.
  if (quoted !== undefined && (quoted.uri === '' || collectionOf(quoted.uri) === POST_RECORD_TYPE)) return 'quote';
  return 'original';
}

function quotedRef(record: PostRecord): StrongRef | undefined {
  const embed = record.embed;
  if (embed === undefined) return undefined;
  if (embed.$type === RECORD_EMBED_TYPE && 'record' in embed) return refOf(embed.record);
  if (embed.$type === RECORD_WITH_MEDIA_EMBED_TYPE && 'record' in embed) return refOf((embed as RecordWithMediaEmbed).record.record);
  return undefined;
}

/** A quoted ref as far as it can be read; a missing uri still marks the post as a quote. */
function refOf(ref: unknown): StrongRef {
  const uri = typeof ref === 'object' && ref !== null && 'uri' in ref && typeof ref.uri === 'string' ? ref.uri : '';
  return { uri, cid: '' };
}

/** `at://did/app.bsky.feed.post/rkey` → `app.bsky.feed.post`. */
function collectionOf(uri: string): string | undefined {
  return uri.startsWith('at://') ? uri.slice('at://'.length).split('/')[1] : undefined;
}

/**
 * Whom a post names: the handles its mention facets cover in the text (the text's `@handles` when
 * it has no facets at all), the author (did) of the post it replies to, read from the parent's
 * `at://` uri, and of the post it quotes, with the handle the hydrated embed shows.
 */
function referencesOf(view: PostView): PostReferences {
  const record = view.record;
  const facets = record.facets ?? [];
  const bytes = Buffer.from(record.text, 'utf8');
  const mentions =
    facets.length === 0
      ? mentionsInText(record.text)
      : normalizedMentions(
          facets.flatMap((f) =>
            f.features.some((feature) => feature.$type === MENTION_FEATURE_TYPE)
              ? [bytes.subarray(f.index.byteStart, f.index.byteEnd).toString('utf8').replace(/^@/, '')]
              : [],
          ),
        );
  const refs: PostReferences = { mentions };
  const parent = didOf(record.reply?.parent.uri);
  if (parent !== undefined) refs.replyTo = { authorId: parent };
  const quoted = quotedRef(record);
  const quotedDid = quoted && collectionOf(quoted.uri) === POST_RECORD_TYPE ? didOf(quoted.uri) : undefined;
  if (quotedDid !== undefined) {
    const shown = quotedAuthor(view);
    const target: PostTarget = { authorId: quotedDid };
    if (shown?.did === quotedDid && shown.handle && shown.handle !== 'handle.invalid') target.handle = shown.handle;
    refs.quoteOf = target;
  }
  return refs;
}

/** `at://did:plc:…/app.bsky.feed.post/rkey` → `did:plc:…`. */
function didOf(uri: string | undefined): string | undefined {
  if (uri === undefined || !uri.startsWith('at://')) return undefined;
  const authority = uri.slice('at://'.length).split('/')[0];
  return authority !== undefined && authority.startsWith('did:') ? authority : undefined;
}

/** The quoted post's author as the hydrated embed (`app.bsky.embed.record#view`, or inside `recordWithMedia#view`) shows it. */
function quotedAuthor(view: PostView): { did?: string; handle?: string } | undefined {
  const embed = view.embed as { record?: { author?: { did?: string; handle?: string }; record?: { author?: { did?: string; handle?: string } } } } | undefined;
  return embed?.record?.author ?? embed?.record?.record?.author;
}

/**
 * Tag facets are Bluesky's hashtag entities; a record without any (written by a client that
 * does not make them) falls back to the hashtags in its text. The record's `tags` are hashtags
 * that are not in the text at all, so they are added either way.
 */
function hashtagsOf(record: PostRecord): string[] {
  const fromFacets = (record.facets ?? []).flatMap((f) =>
    f.features.flatMap((feature) => (feature.$type === TAG_FEATURE_TYPE && typeof feature.tag === 'string' ? [feature.tag] : [])),
  );
  const fromBody = fromFacets.length > 0 ? fromFacets : hashtagsInText(record.text);
  return normalizedHashtags([...fromBody, ...(record.tags ?? [])]);
}

const COUNT_FIELDS = [
  ['likeCount', 'likes'],
  ['repostCount', 'reposts'],
  ['replyCount', 'replies'],
  ['quoteCount', 'quotes'],
] as const;

/**
 * METRICS.md lists Bluesky's counts as likes, reposts, replies and quotes. The AppView has also
 * sent `bookmarkCount` since 2025-09, but it is left out until METRICS.md adds it: engagement
 * must mean the same on every report, including those of posts collected before.
 */
function countsOf(view: PostView): PostCounts {
  const counts: PostCounts = {};
  for (const [from, to] of COUNT_FIELDS) {
    const value = view[from];
    if (typeof value === 'number') counts[to] = value;
  }
  return counts;
}
