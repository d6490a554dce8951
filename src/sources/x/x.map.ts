import { httpUrl, type Author, type MappedBatch, type Post, type PostCounts, type PostKind, type PostPlace } from '../../domain/post.js';
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

  const posts: Post[] = [];
  const seenPosts = new Set<string>();
  const authors = new Map<string, Author>();
  for (const tweet of response.data ?? []) {
    if (seenPosts.has(tweet.id) || isRetweet(tweet) || tweet.author_id === undefined) continue;
    seenPosts.add(tweet.id);
    const user = users.get(tweet.author_id);
    posts.push(mapTweet(tweet, user, places, observed));
    if (user && !authors.has(user.id)) authors.set(user.id, mapUser(user, observed));
  }
  return { posts, authors: [...authors.values()] };
}

/** One tweet to a Post. `user` gives the handle for the link; X's handle-less link is used without it. */
export function mapTweet(tweet: XTweet, user: XUser | undefined, places: ReadonlyMap<string, XPlace>, observedAt: string): Post {
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
