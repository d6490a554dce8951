/**
 * The parts of the X API v2 payloads this service relies on (tweets, users, places and the
 * search/lookup envelope). Every field X only returns on request is optional: X omits a
 * field that was not asked for, and omits empty arrays and objects altogether.
 */

/** A tweet's `public_metrics`. X leaves out counts it does not report (never a silent 0). */
interface XTweetMetrics {
  retweet_count?: number;
  reply_count?: number;
  like_count?: number;
  quote_count?: number;
  bookmark_count?: number;
  impression_count?: number;
}

/** An entity's position is in code points of `text`; `end` is exclusive. */
export interface XHashtagEntity {
  start: number;
  end: number;
  tag: string;
}

/** An @mention in the text. */
export interface XMentionEntity {
  start: number;
  end: number;
  username: string;
  id?: string;
}

/** Entities of a tweet; X leaves out a kind that has none. */
interface XTweetEntities {
  hashtags?: XHashtagEntity[];
  mentions?: XMentionEntity[];
}

/** How a tweet refers to another. */
type XReferenceType = 'retweeted' | 'quoted' | 'replied_to';

/** A tweet this one retweets, quotes or replies to. */
interface XReferencedTweet {
  type: XReferenceType;
  id: string;
}

/** A tweet's location: the expanded place id, rarely exact coordinates. */
interface XTweetGeo {
  place_id?: string;
  coordinates?: { type: 'Point'; coordinates: [number, number] };
}

/** A tweet as X v2 returns it: `id`, `text` and `edit_history_tweet_ids` always, the rest on request. */
export interface XTweet {
  id: string;
  text: string;
  edit_history_tweet_ids?: string[];
  author_id?: string;
  /** ISO 8601 instant with milliseconds (`2015-01-13T02:00:00.000Z`). */
  created_at?: string;
  lang?: string;
  conversation_id?: string;
  in_reply_to_user_id?: string;
  public_metrics?: XTweetMetrics;
  entities?: XTweetEntities;
  geo?: XTweetGeo;
  referenced_tweets?: XReferencedTweet[];
}

/** A user's `public_metrics`. */
interface XUserMetrics {
  followers_count?: number;
  following_count?: number;
  tweet_count?: number;
  listed_count?: number;
  like_count?: number;
}

/** A user as X v2 returns it: `id`, `name` and `username` always, the rest on request. */
export interface XUser {
  id: string;
  name: string;
  username: string;
  /** Free text the user typed in the profile; X omits it when empty. */
  location?: string;
  verified?: boolean;
  description?: string;
  created_at?: string;
  public_metrics?: XUserMetrics;
}

/** A place as X v2 returns it: `id` and `full_name` always, the rest on request. */
export interface XPlace {
  id: string;
  full_name: string;
  name?: string;
  country?: string;
  country_code?: string;
  place_type?: string;
}

/** The objects that expansions bring, each listed once. */
export interface XIncludes {
  users?: XUser[];
  places?: XPlace[];
  tweets?: XTweet[];
}

/** A problem X reports next to partial results of a 200 response. */
export interface XInlineError {
  title: string;
  detail: string;
  type: string;
  value?: string;
  resource_type?: string;
  parameter?: string;
  resource_id?: string;
}

/** Paging data of a search: `next_token` only when there is a next page. */
interface XSearchMeta {
  newest_id?: string;
  oldest_id?: string;
  result_count?: number;
  next_token?: string;
}

/** The body of `GET /2/tweets/search/recent` and of `GET /2/tweets?ids=`. */
export interface XSearchResponse {
  data?: XTweet[];
  includes?: XIncludes;
  meta?: XSearchMeta;
  errors?: XInlineError[];
}
