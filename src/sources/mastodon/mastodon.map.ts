import { hashtagsInText, normalizedHashtags } from '../../domain/hashtags.js';
import {
  httpUrl,
  normalizedMentions,
  type Author,
  type MappedBatch,
  type Post,
  type PostCounts,
  type PostKind,
  type PostReferences,
} from '../../domain/post.js';
import { htmlToText } from './mastodon.html.js';
import type { MastodonAccount, MastodonStatus } from './mastodon.types.js';

/**
 * Pure mapping from the statuses of one Mastodon instance's timeline to our posts and authors,
 * following ../shared/METRICS.md: boosts are dropped, counts Mastodon does not report stay
 * absent, hashtags come from `tags` and from the text otherwise.
 *
 * Identity is chosen so that a status federated to several instances is one post: `postId` is
 * the status `uri` (its ActivityPub id) rather than the per-instance database `id`.
 * `instanceBase` (a host such as `mastodon.social`, or a base URL) completes the handle of the
 * instance's local accounts, whose `acct` has no domain.
 */
export function mapStatuses(statuses: readonly MastodonStatus[], instanceBase: string, observedAt: Date | string): MappedBatch {
  const observed = typeof observedAt === 'string' ? new Date(observedAt).toISOString() : observedAt.toISOString();
  const host = instanceHost(instanceBase);
  const posts: Post[] = [];
  const seen = new Set<string>();
  const authors = new Map<string, Author>();
  for (const status of statuses) {
    if (isBoost(status) || seen.has(status.uri)) continue;
    seen.add(status.uri);
    posts.push(mapStatus(status, host, observed));
    const authorId = mastodonAuthorId(status.account, host);
    if (!authors.has(authorId)) authors.set(authorId, mapAccount(status.account, host, observed));
  }
  return { posts, authors: [...authors.values()] };
}

/** One status (not a boost) to a Post; `host` is the instance's host name, lower-case. */
function mapStatus(status: MastodonStatus, host: string, observedAt: string): Post {
  const text = htmlToText(status.content);
  const tags = (status.tags ?? []).map((t) => t.name);
  const post: Post = {
    platform: 'mastodon',
    postId: status.uri,
    // The instance chooses both: only an http(s) link is kept.
    url: httpUrl(status.url) || httpUrl(status.uri),
    text,
    createdAt: new Date(status.created_at).toISOString(),
    kind: kindOf(status),
    authorId: mastodonAuthorId(status.account, host),
    hashtags: normalizedHashtags(tags.length > 0 ? tags : hashtagsInText(text)),
    counts: countsOf(status),
    references: referencesOf(status, host),
    observedAt,
  };
  if (typeof status.language === 'string' && status.language !== '') post.lang = status.language;
  // No reportedImpressions: Mastodon has no view count, so impressions are estimated downstream.
  return post;
}

/**
 * Whom a status names, in the form of our Mastodon authors (id: the profile URL; handle:
 * `@user@host`): its mentions, the account it replies to (Mastodon gives only that account's id
 * on this instance, resolved through the mentions a reply carries, or the author's own for a
 * thread) and the author of the status it quotes (Mastodon 4.4+, when the quote is shown).
 */
function referencesOf(status: MastodonStatus, host: string): PostReferences {
  const mentioned = status.mentions ?? [];
  const handleOf = (acct: string) => `@${acct.includes('@') ? acct : `${acct}@${host}`}`;
  const refs: PostReferences = { mentions: normalizedMentions(mentioned.map((m) => handleOf(m.acct))) };
  const replyTo = status.in_reply_to_account_id;
  if (replyTo !== null && replyTo !== undefined) {
    const mention = mentioned.find((m) => m.id === replyTo);
    if (mention) refs.replyTo = { ...(mention.url ? { authorId: mention.url } : {}), handle: handleOf(mention.acct) };
    else if (replyTo === status.account.id) refs.replyTo = { authorId: mastodonAuthorId(status.account, host), handle: handleOf(status.account.acct) };
  }
  const quoted = status.quote && 'quoted_status' in status.quote ? status.quote.quoted_status : null;
  if (quoted) refs.quoteOf = { authorId: mastodonAuthorId(quoted.account, host), handle: handleOf(quoted.account.acct) };
  return refs;
}

/**
 * The author of a status. No location: Mastodon profiles have none (only free-form fields),
 * so the author stays unlocated rather than guessed.
 */
function mapAccount(account: MastodonAccount, host: string, observedAt: string): Author {
  const author: Author = {
    platform: 'mastodon',
    authorId: mastodonAuthorId(account, host),
    handle: `@${qualifiedAcct(account, host)}`,
    name: account.display_name || account.username,
    observedAt,
  };
  if (typeof account.followers_count === 'number') author.followers = account.followers_count;
  return author;
}

/**
 * The same on every instance for one account: its profile URL, which the origin server sets and
 * every instance repeats (unlike `acct`, whose domain part a server with a separate web domain
 * writes differently from its peers). `user@host` only when a server leaves the URL out.
 */
export function mastodonAuthorId(account: MastodonAccount, host: string): string {
  return account.url ? account.url : qualifiedAcct(account, host);
}

/** True for a boost (reblog): never a post, it only counts through the original's `reposts`. */
function isBoost(status: MastodonStatus): boolean {
  return status.reblog !== null && status.reblog !== undefined;
}

/** The host of an instance entry: `mastodon.social`, or the host of a base URL (with its port). */
export function instanceHost(instance: string): string {
  const trimmed = instance.trim();
  return (/^https?:\/\//i.test(trimmed) ? new URL(trimmed).host : trimmed.replace(/\/+$/, '')).toLowerCase();
}

/** `user@host`, adding the instance's host to a local account's bare username. */
function qualifiedAcct(account: MastodonAccount, host: string): string {
  return account.acct.includes('@') ? account.acct : `${account.acct || account.username}@${host}`;
}

function kindOf(status: MastodonStatus): PostKind {
  if (status.in_reply_to_id !== null && status.in_reply_to_id !== undefined) return 'reply';
  // A status that quotes another is a quote whatever state the quote is in: its author wrote it as one.
  if (status.quote !== null && status.quote !== undefined) return 'quote';
  return 'original';
}

/**
 * METRICS.md takes likes, reposts and replies from Mastodon. Quotes and bookmarks stay absent:
 * bookmarks are private, and `quotes_count` (Mastodon 4.5+) is not one of the product's Mastodon
 * figures, so older and newer servers give comparable engagement.
 */
function countsOf(status: MastodonStatus): PostCounts {
  const counts: PostCounts = {};
  if (typeof status.favourites_count === 'number') counts.likes = status.favourites_count;
  if (typeof status.reblogs_count === 'number') counts.reposts = status.reblogs_count;
  if (typeof status.replies_count === 'number') counts.replies = status.replies_count;
  return counts;
}
