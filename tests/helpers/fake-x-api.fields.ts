import type { XIncludes, XPlace, XTweet, XUser } from '../../src/sources/x/x.types.js';

/**
 * X API v2 field and expansion rules for the fake X API: an object carries its default fields
 * plus those asked for; an expansion adds its id field to the tweet and the object to `includes`.
 */

const TWEET_FIELDS = [
  'article',
  'attachments',
  'author_id',
  'card_uri',
  'community_id',
  'context_annotations',
  'conversation_id',
  'created_at',
  'display_text_range',
  'edit_controls',
  'edit_history_tweet_ids',
  'entities',
  'geo',
  'id',
  'in_reply_to_user_id',
  'lang',
  'media_metadata',
  'non_public_metrics',
  'note_tweet',
  'organic_metrics',
  'possibly_sensitive',
  'promoted_metrics',
  'public_metrics',
  'referenced_tweets',
  'reply_settings',
  'scopes',
  'source',
  'text',
  'withheld',
];
const USER_FIELDS = [
  'affiliation',
  'connection_status',
  'created_at',
  'description',
  'entities',
  'id',
  'is_identity_verified',
  'location',
  'most_recent_tweet_id',
  'name',
  'parody',
  'pinned_tweet_id',
  'profile_banner_url',
  'profile_image_url',
  'protected',
  'public_metrics',
  'receives_your_dm',
  'subscription',
  'subscription_type',
  'url',
  'username',
  'verified',
  'verified_followers_count',
  'verified_type',
  'withheld',
];
const PLACE_FIELDS = ['contained_within', 'country', 'country_code', 'full_name', 'geo', 'id', 'name', 'place_type'];
const EXPANSIONS = [
  'article.cover_media',
  'article.media_entities',
  'attachments.media_keys',
  'attachments.media_source_tweet',
  'attachments.poll_ids',
  'author_id',
  'edit_history_tweet_ids',
  'entities.mentions.username',
  'geo.place_id',
  'in_reply_to_user_id',
  'entities.note.mentions.username',
  'referenced_tweets.id',
  'referenced_tweets.id.attachments.media_keys',
  'referenced_tweets.id.author_id',
];

const DEFAULT_TWEET_FIELDS = ['id', 'text', 'edit_history_tweet_ids'];
const DEFAULT_USER_FIELDS = ['id', 'name', 'username'];
const DEFAULT_PLACE_FIELDS = ['id', 'full_name'];

/** What one request asked for. */
export interface FieldRequest {
  tweet: Set<string>;
  user: Set<string>;
  place: Set<string>;
  expansions: Set<string>;
}

/** One parameter whose value X would refuse, with X's wording. */
export interface FieldProblem {
  parameter: string;
  value: string;
  message: string;
}

/** Reads `tweet.fields`, `user.fields`, `place.fields` and `expansions`, or says which value X would refuse. */
export function parseFieldRequest(query: Readonly<Record<string, string>>): FieldRequest | FieldProblem {
  const lists: [string, string[], string[]][] = [
    ['tweet.fields', TWEET_FIELDS, DEFAULT_TWEET_FIELDS],
    ['user.fields', USER_FIELDS, DEFAULT_USER_FIELDS],
    ['place.fields', PLACE_FIELDS, DEFAULT_PLACE_FIELDS],
    ['expansions', EXPANSIONS, []],
  ];
  const sets: Set<string>[] = [];
  for (const [parameter, allowed, defaults] of lists) {
    const asked = (query[parameter] ?? '').split(',').filter((v) => v !== '');
    const bad = asked.find((v) => !allowed.includes(v));
    if (bad !== undefined) {
      return { parameter, value: bad, message: `The \`${parameter}\` query parameter value [${bad}] is not one of [${allowed.join(',')}]` };
    }
    sets.push(new Set([...defaults, ...asked]));
  }
  const [tweet, user, place, expansions] = sets as [Set<string>, Set<string>, Set<string>, Set<string>];
  return { tweet, user, place, expansions };
}

/** The seeded objects the includes are drawn from. */
export interface FieldSources {
  users: ReadonlyMap<string, XUser>;
  places: ReadonlyMap<string, XPlace>;
  tweets: ReadonlyMap<string, XTweet>;
}

/** The tweets as X would return them, and their `includes` (undefined when empty, as X omits it). */
export function shapeTweets(tweets: readonly XTweet[], req: FieldRequest, from: FieldSources): { data: XTweet[]; includes?: XIncludes } {
  const users = new Map<string, XUser>();
  const places = new Map<string, XPlace>();
  const referenced = new Map<string, XTweet>();
  const addUser = (id: string | undefined): void => {
    const user = id === undefined ? undefined : from.users.get(id);
    if (user) users.set(user.id, pick(user, req.user));
  };
  for (const tweet of tweets) {
    if (req.expansions.has('author_id')) addUser(tweet.author_id);
    if (req.expansions.has('in_reply_to_user_id')) addUser(tweet.in_reply_to_user_id);
    if (req.expansions.has('entities.mentions.username')) {
      for (const m of tweet.entities?.mentions ?? []) addUser(m.id ?? [...from.users.values()].find((u) => u.username === m.username)?.id);
    }
    const placeId = tweet.geo?.place_id;
    const place = placeId === undefined ? undefined : from.places.get(placeId);
    if (req.expansions.has('geo.place_id') && place) places.set(place.id, pick(place, req.place));
    if (req.expansions.has('referenced_tweets.id')) {
      for (const ref of tweet.referenced_tweets ?? []) {
        const target = from.tweets.get(ref.id);
        if (target) referenced.set(target.id, shapeTweet(target, req));
        if (target && req.expansions.has('referenced_tweets.id.author_id')) addUser(target.author_id);
      }
    }
  }
  const includes: XIncludes = {};
  if (users.size > 0) includes.users = [...users.values()];
  if (places.size > 0) includes.places = [...places.values()];
  if (referenced.size > 0) includes.tweets = [...referenced.values()];
  const data = tweets.map((t) => shapeTweet(t, req));
  return Object.keys(includes).length > 0 ? { data, includes } : { data };
}

function shapeTweet(tweet: XTweet, req: FieldRequest): XTweet {
  const shaped = pick(tweet, req.tweet);
  shaped.edit_history_tweet_ids ??= [tweet.id];
  // An expansion brings the id it expands, even when that field was not asked for.
  if (req.expansions.has('author_id') && tweet.author_id !== undefined) shaped.author_id = tweet.author_id;
  if (req.expansions.has('in_reply_to_user_id') && tweet.in_reply_to_user_id !== undefined) shaped.in_reply_to_user_id = tweet.in_reply_to_user_id;
  if (req.expansions.has('referenced_tweets.id') && tweet.referenced_tweets) shaped.referenced_tweets = tweet.referenced_tweets;
  if (req.expansions.has('geo.place_id') && tweet.geo?.place_id !== undefined && shaped.geo === undefined) shaped.geo = { place_id: tweet.geo.place_id };
  return shaped;
}

function pick<T extends object>(source: T, fields: ReadonlySet<string>): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) if (fields.has(key) && value !== undefined) out[key] = value;
  return out as T;
}
