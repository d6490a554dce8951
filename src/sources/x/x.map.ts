import {
  httpUrl,
  mentionsInText,
  normalizedMentions,
  type Author,
  type MappedBatch,
  type Post,
  type PostCounts,
  type PostKind,
  type PostPlace,
  type PostReferences,
  type PostTarget,
} from '../../domain/post.js';
import { hashtagsInText, normalizedHashtags } from '../../domain/hashtags.js';
import { snowflakeTime } from './x.ids.js';
import type { XPlace, XSearchResponse, XTweet, XUser } from './x.types.js';

/**
 * Pure mapping from an X API v2 search or lookup response to our posts and authors, following
 * ../shared/METRICS.md: pure retweets are dropped, absent counts stay absent, hashtags come from
 * the entities where X gives them and from the text otherwise.
 */
export function mapXResponse(response: XSearchResponse, observedAt: Date | string): MappedBatch {
  const observed = typeof observedAt === 'string' ? new Date(observedAt).toISOString() : observedAt.toISOString();
  const users = new Map<string, XUser>((response.includes?.users ?? []).map((u) => [u.id, u]));
  const places = new Map<string, XPlace>((response.includes?.places ?? []).map((p) => [p.id, p]));
  const referenced = new Map<string, XTweet>((response.includes?.tweets ?? []).map((t) => [t.id, t]));

  const posts: Post[] = [];
  const seenPosts = new Set<string>();
  const authors = new Map<string, Author>();
  for (const tweet of response.data ?? []) {
    if (seenPosts.has(tweet.id) || isRetweet(tweet) || tweet.author_id === undefined) continue;
    seenPosts.add(tweet.id);
    const user = users.get(tweet.author_id);
    posts.push(mapTweet(tweet, user, places, observed, { tweets: referenced, users }));
    if (user && !authors.has(user.id)) authors.set(user.id, mapUser(user, observed));
  }
  return { posts, authors: [...authors.values()] };
}

/** The expanded tweets and users of a response, by id: what a tweet's references are read from. */
export interface XExpansions {
  tweets: ReadonlyMap<string, XTweet>;
  users: ReadonlyMap<string, XUser>;
}

const NO_EXPANSIONS: XExpansions = { tweets: new Map(), users: new Map() };

/** One tweet to a Post. `user` gives the handle for the link; X's handle-less link is used without it. */
export function mapTweet(
  tweet: XTweet,
  user: XUser | undefined,
  places: ReadonlyMap<string, XPlace>,
  observedAt: string,
  expanded: XExpansions = NO_EXPANSIONS,
): Post {
  const post: Post = {
    platform: 'x',
    postId: tweet.id,
    url: httpUrl(user ? `https://x.com/${user.username}/status/${tweet.id}` : `https://x.com/i/web/status/${tweet.id}`),
    text: tweet.text,
    // created_at is always requested; the snowflake carries the same instant if X ever omits it.
    createdAt: new Date(tweet.created_at ?? snowflakeTime(tweet.id)).toISOString(),
    kind: kindOf(tweet),
    authorId: tweet.author_id ?? '',
    hashtags: tweet.entities ? normalizedHashtags((tweet.entities.hashtags ?? []).map((h) => h.tag)) : normalizedHashtags(hashtagsInText(tweet.text)),
    counts: countsOf(tweet),
    references: referencesOf(tweet, expanded.tweets, expanded.users),
    observedAt,
  };
  if (tweet.lang !== undefined) post.lang = tweet.lang;
  const impressions = tweet.public_metrics?.impression_count;
  if (typeof impressions === 'number') post.reportedImpressions = impressions;
  const placeId = tweet.geo?.place_id;
  const place = placeId === undefined ? undefined : places.get(placeId);
  if (place) post.place = mapPlace(place);
  return post;
}

/** One X user to an Author; followers and location only when X gave them. */
function mapUser(user: XUser, observedAt: string): Author {
  const author: Author = { platform: 'x', authorId: user.id, handle: user.username, name: user.name, observedAt };
  const followers = user.public_metrics?.followers_count;
  if (typeof followers === 'number') author.followers = followers;
  if (user.location !== undefined && user.location.trim() !== '') author.location = user.location;
  return author;
}

/**
 * Whom a tweet names: its mention entities (the text's `@handles` without them), the author of
 * the tweet it replies to and of the one it quotes, from the expanded tweets and users (X's
 * `in_reply_to_user_id` when the replied-to tweet was not expanded).
 */
export function referencesOf(tweet: XTweet, tweets: ReadonlyMap<string, XTweet>, users: ReadonlyMap<string, XUser>): PostReferences {
  const mentions = tweet.entities ? normalizedMentions((tweet.entities.mentions ?? []).map((m) => m.username)) : mentionsInText(tweet.text);
  const refs: PostReferences = { mentions };
  const target = (authorId: string | undefined): PostTarget | undefined => {
    if (authorId === undefined) return undefined;
    const user = users.get(authorId);
    return user ? { authorId, handle: user.username } : { authorId };
  };
  for (const ref of tweet.referenced_tweets ?? []) {
    const author = tweets.get(ref.id)?.author_id;
    if (ref.type === 'replied_to') {
      const to = target(author ?? tweet.in_reply_to_user_id);
      if (to) refs.replyTo = to;
    } else if (ref.type === 'quoted') {
      const of = target(author);
      if (of) refs.quoteOf = of;
    }
  }
  return refs;
}

/** True for a pure retweet, which counts only through the original's `reposts`. */
function isRetweet(tweet: XTweet): boolean {
  return (tweet.referenced_tweets ?? []).some((r) => r.type === 'retweeted');
}

function kindOf(tweet: XTweet): PostKind {
  const types = new Set((tweet.referenced_tweets ?? []).map((r) => r.type));
  if (types.has('replied_to')) return 'reply';
  if (types.has('quoted')) return 'quote';
  return 'original';
}

const COUNT_FIELDS = [
  ['like_count', 'likes'],
  ['retweet_count', 'reposts'],
  ['reply_count', 'replies'],
  ['quote_count', 'quotes'],
  ['bookmark_count', 'bookmarks'],
] as const;

function countsOf(tweet: XTweet): PostCounts {
  const counts: PostCounts = {};
  const metrics = tweet.public_metrics;
  if (!metrics) return counts;
  for (const [from, to] of COUNT_FIELDS) {
    const value = metrics[from];
    if (typeof value === 'number') counts[to] = value;
  }
  return counts;
}

function mapPlace(place: XPlace): PostPlace {
  const mapped: PostPlace = { fullName: place.full_name };
  if (place.name !== undefined) mapped.name = place.name;
  if (place.country_code !== undefined) mapped.countryCode = place.country_code;
  return mapped;
}
