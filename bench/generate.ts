import { FIRST_NAMES, LAST_NAMES, NEUTRAL_TEXTS, QUOTE_OPENERS, REPLY_OPENERS, TOPIC_TEXTS, UNUSABLE_LOCATIONS } from '../src/demo/x-demo-vocab.js';
import { snowflakeFromTime } from '../src/sources/x/x.ids.js';
import type { XHashtagEntity, XPlace, XSearchResponse, XTweet, XUser } from '../src/sources/x/x.types.js';
import { createRng, forIndex, zipfCumulative, type Rng } from './rng.js';

/**
 * Campaigns of any size for the benchmarks, as X API v2 search and lookup responses, so a bench
 * takes the same map → enrich → store path as a real collection. Posts spread over every
 * Indonesian city given (a Zipf law: a few cities carry most of the activity), over the default
 * topics, and over authors whose activity and follower counts are heavy-tailed. Post `i` (0 is the
 * newest) is a pure function of (seed, i): any page can be generated alone, again, in any order,
 * and 1M posts never have to sit in memory at once.
 */

export interface BenchCity {
  code: string;
  /** Display name ("Makassar", "Kabupaten Kupang"). */
  name: string;
  /** The province's display name ("Sulawesi Selatan"). */
  province: string;
}

export interface BenchDataOptions {
  /** The campaign hashtag without `#`. */
  hashtag: string;
  posts: number;
  /** Distinct authors; one for every 20 posts, at most 50,000, by default. */
  authors?: number;
  /** Posts are created in [start, end), evenly spread, newest first. */
  start: Date;
  end: Date;
  seed: number;
  cities: readonly BenchCity[];
}

export interface BenchDataset {
  readonly size: number;
  readonly authorCount: number;
  /** Tweets [from, from + size), newest first, with their users and places: one search page. */
  page(from: number, size: number): XSearchResponse;
  /** A tweet lookup response for these post indexes, counts grown as `round` refreshes later. */
  refreshed(indexes: readonly number[], round: number): XSearchResponse;
  tweet(index: number, round?: number): XTweet;
  user(authorIndex: number): XUser;
}

const TOPICS = Object.values(TOPIC_TEXTS);
/** Follower counts: Pareto with alpha 1.1 above 60, and 1 % of accounts 100 times bigger. */
const FOLLOWER_SCALE = 60;
const FOLLOWER_ALPHA = 1.1;
const MAX_FOLLOWERS = 5_000_000;

export function createBenchDataset(opts: BenchDataOptions): BenchDataset {
  const size = Math.max(0, Math.floor(opts.posts));
  const authorCount = Math.max(1, Math.floor(opts.authors ?? Math.min(50_000, Math.max(10, size / 20))));
  const startMs = opts.start.getTime();
  const spanMs = opts.end.getTime() - startMs;
  if (spanMs < size) throw new RangeError('the window needs at least one millisecond per post');
  const cityCum = zipfCumulative(opts.cities.length, 1);
  const places = opts.cities.map((c): XPlace => ({
    id: placeId(c.code),
    full_name: `${c.name}, Indonesia`,
    name: c.name,
    country: 'Indonesia',
    country_code: 'ID',
    place_type: 'city',
  }));
  const placeById = new Map(places.map((p) => [p.id, p]));
  const users = new Map<number, { user: XUser; city: number | undefined }>();

  const author = (a: number) => {
    let found = users.get(a);
    if (!found) {
      found = makeUser(forIndex(opts.seed + 1, a), a, opts.cities, cityCum);
      // Authors are few (50k at most) and every page needs them again: keep them.
      users.set(a, found);
    }
    return found;
  };

  const tweet = (i: number, round = 0): XTweet => {
    const rng = forIndex(opts.seed, i);
    // Evenly spread and strictly decreasing with i, so ids are too.
    const ms = Math.floor(startMs + spanMs - (spanMs * (i + rng.next())) / size);
    const id = snowflakeFromTime(ms, rng.int(0, 0x3fffff));
    // Activity is heavy-tailed: author 0 posts most, the long tail once or twice.
    const a = Math.min(authorCount - 1, Math.floor(authorCount * rng.next() ** 3));
    const { user, city } = author(a);
    return makeTweet(rng, {
      id,
      ms,
      endMs: startMs + spanMs,
      user,
      city,
      round,
      hashtag: opts.hashtag,
      cities: opts.cities,
      places,
      other: author(rng.int(0, authorCount - 1)).user,
    });
  };

  const respond = (tweets: XTweet[]): XSearchResponse => {
    const pageUsers = new Map<string, XUser>();
    const pagePlaces = new Map<string, XPlace>();
    for (const t of tweets) {
      const u = users.get(authorIndexOf(t));
      if (u) pageUsers.set(u.user.id, u.user);
      const place = t.geo?.place_id === undefined ? undefined : placeById.get(t.geo.place_id);
      if (place) pagePlaces.set(place.id, place);
    }
    const body: XSearchResponse = { data: tweets, includes: { users: [...pageUsers.values()] } };
    if (pagePlaces.size > 0) body.includes = { users: [...pageUsers.values()], places: [...pagePlaces.values()] };
    body.meta = { newest_id: tweets[0]?.id, oldest_id: tweets[tweets.length - 1]?.id, result_count: tweets.length };
    return body;
  };

  return {
    size,
    authorCount,
    tweet,
    user: (a) => author(a).user,
    page(from, count) {
      const tweets: XTweet[] = [];
      for (let i = from; i < Math.min(size, from + count); i++) tweets.push(tweet(i));
      const body = respond(tweets);
      if (from + count < size && body.meta) body.meta.next_token = `bench${from + count}`;
      return body;
    },
    refreshed: (indexes, round) => respond(indexes.map((i) => tweet(i, round))),
  };
}

/** A user id carries its author index, so a page finds its users without a search. */
const USER_ID_BASE = 7_000_000_000;
function authorIndexOf(t: XTweet): number {
  return Number(t.author_id) - USER_ID_BASE;
}

function placeId(code: string): string {
  return `ba5e${code.replace('.', '')}`.padEnd(16, '0');
}

function makeUser(rng: Rng, index: number, cities: readonly BenchCity[], cityCum: readonly number[]): { user: XUser; city: number | undefined } {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const boost = rng.chance(0.01) ? 100 : 1;
  const followers = Math.min(MAX_FOLLOWERS, Math.floor((FOLLOWER_SCALE * boost) / (1 - rng.next()) ** (1 / FOLLOWER_ALPHA)));
  const city = rng.chance(0.2) ? undefined : rng.cumulative(cityCum);
  const c = city === undefined ? undefined : cities[city];
  const location = c ? rng.pick([c.name, `${c.name}, ${c.province}`, `${c.name}, Indonesia`, `Kota ${c.name}`]) : rng.pick(UNUSABLE_LOCATIONS);
  const user: XUser = {
    id: String(USER_ID_BASE + index),
    name: `${first} ${last}`,
    username: `${first.toLowerCase()}${index}`.slice(0, 15),
    verified: followers > 100_000 && rng.chance(0.5),
    public_metrics: { followers_count: followers, following_count: rng.int(50, 2_000), tweet_count: rng.int(100, 60_000), listed_count: rng.int(0, 200) },
  };
  if (location !== '') user.location = location;
  return { user, city };
}

interface TweetInput {
  id: string;
  ms: number;
  endMs: number;
  user: XUser;
  city: number | undefined;
  round: number;
  hashtag: string;
  cities: readonly BenchCity[];
  places: readonly XPlace[];
  /** Someone to reply to. */
  other: XUser;
}

function makeTweet(rng: Rng, input: TweetInput): XTweet {
  const kind = rng.chance(0.12) ? 'reply' : rng.chance(0.07) ? 'quote' : 'original';
  const parts: string[] = [];
  if (kind === 'reply') parts.push(`@${input.other.username}`, rng.pick(REPLY_OPENERS));
  if (kind === 'quote') parts.push(rng.pick(QUOTE_OPENERS));
  const topics = rng.chance(0.22) ? [] : rng.chance(0.12) ? [rng.pick(TOPICS), rng.pick(TOPICS)] : [rng.pick(TOPICS)];
  parts.push(topics.length === 0 ? rng.pick(NEUTRAL_TEXTS) : topics.map((t) => rng.pick(t.sentences)).join('. '));
  for (const t of topics) if (rng.chance(0.35)) parts.push(rng.pick(t.hashtags));
  parts.push(rng.chance(0.85) ? `#${input.hashtag}` : `#${input.hashtag.toLowerCase()}`);
  const cityIndex = input.city ?? rng.int(0, input.cities.length - 1);
  const city = input.cities[cityIndex];
  if (city && rng.chance(0.1)) parts.push(`#${input.hashtag}${city.name.replace(/[^A-Za-z]/g, '')}`);
  if (kind === 'quote') parts.push('https://t.co/bench0quote');
  const text = parts.join(' ');

  const followers = input.user.public_metrics?.followers_count ?? 0;
  const ageHours = (input.endMs - input.ms) / 3_600_000;
  const tweet: XTweet = {
    id: input.id,
    text,
    edit_history_tweet_ids: [input.id],
    author_id: input.user.id,
    created_at: new Date(input.ms).toISOString(),
    lang: 'in',
    conversation_id: input.id,
    public_metrics: metrics(rng, followers, ageHours, input.round),
    entities: { hashtags: hashtagEntities(text) },
  };
  if (kind === 'reply') tweet.referenced_tweets = [{ type: 'replied_to', id: snowflakeFromTime(input.ms - 60_000) }];
  if (kind === 'quote') tweet.referenced_tweets = [{ type: 'quoted', id: snowflakeFromTime(input.ms - 60_000) }];
  const place = input.places[cityIndex];
  if (place && input.city !== undefined && rng.chance(0.08)) tweet.geo = { place_id: place.id };
  return tweet;
}

/** Counts grow with age and audience, and by a quarter with every refresh round. */
function metrics(rng: Rng, followers: number, ageHours: number, round: number): NonNullable<XTweet['public_metrics']> {
  const growth = (1 - Math.exp(-Math.max(0, ageHours) / 18)) * (1 + 0.25 * round);
  const likes = Math.floor((followers * 0.004 * (0.2 + 2 * rng.next()) + rng.next() * 8) * growth);
  const m: NonNullable<XTweet['public_metrics']> = {
    retweet_count: Math.floor(likes * (0.1 + 0.3 * rng.next())),
    reply_count: Math.floor(likes * (0.03 + 0.12 * rng.next())),
    like_count: likes,
    quote_count: Math.floor(likes * 0.06 * rng.next()),
    bookmark_count: Math.floor(likes * 0.1 * rng.next()),
  };
  if (rng.chance(0.5)) m.impression_count = Math.floor((followers * (0.1 + 0.6 * rng.next()) + likes * 30 + 5) * (1 + 0.25 * round));
  return m;
}

function hashtagEntities(text: string): XHashtagEntity[] {
  // Bench texts are ASCII apart from one emoji in a quote opener: count code points as X does.
  return [...text.matchAll(/#(\w+)/g)].map((m) => {
    const start = [...text.slice(0, m.index)].length;
    return { start, end: start + [...m[0]].length, tag: m[1] ?? '' };
  });
}

/** A seeded shuffle of 0..n-1, for picking posts to refresh. */
export function sampleIndexes(n: number, count: number, seed: number): number[] {
  const rng = createRng(seed);
  const picked = new Set<number>();
  while (picked.size < Math.min(n, count)) picked.add(rng.int(0, n - 1));
  return [...picked].sort((a, b) => a - b);
}
