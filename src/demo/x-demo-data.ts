import { compareIds, snowflakeFromTime } from '../sources/x/x.ids.js';
import type { XHashtagEntity, XMentionEntity, XPlace, XSearchResponse, XTweet, XUser } from '../sources/x/x.types.js';
import { seededRandom, type SeededRandom } from './seeded-random.js';
import {
  DEMO_CITIES,
  FIRST_NAMES,
  LAST_NAMES,
  NEUTRAL_TEXTS,
  QUOTE_OPENERS,
  REPLY_OPENERS,
  TOPIC_TEXTS,
  UNUSABLE_LOCATIONS,
  type DemoCity,
} from './x-demo-vocab.js';

/**
 * The deterministic demo data set of the `#SocMed4SocGood` campaign, in the shape the X API v2
 * returns it, so that the demo and the tests take the same map → enrich → store path as a real
 * collection. Everything comes from a seeded PRNG: the same options give the same bytes.
 */

export interface DemoOptions {
  /** The campaign hashtag without `#` (`SocMed4SocGood`). */
  hashtag: string;
  start: Date;
  days: number;
  /** Number of tweets (all match the campaign hashtag; none is a retweet). */
  posts: number;
  seed?: number;
  /** Distinct authors; about one for every 7.5 posts, at most 400, by default. */
  authors?: number;
}

export interface DemoData {
  /** Newest first, with every field the X source requests. */
  tweets: XTweet[];
  users: XUser[];
  places: XPlace[];
}

/** The X places of the six programme cities (`full_name` like "Makassar, Indonesia"). */
export const DEMO_PLACES: readonly XPlace[] = DEMO_CITIES.map((c) => c.place);

const PAGE_SIZE = 100;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Western Indonesia Time (WIB, Asia/Jakarta) is UTC+7 all year. */
const WIB_OFFSET_MS = 7 * HOUR_MS;
/** Share of the posts per hour of the day in Western Indonesia time: quiet at night, busy in the evening. */
const HOURLY_WEIGHT = [1, 0.5, 0.3, 0.2, 0.3, 0.8, 1.5, 2.5, 3, 3.5, 3.5, 3.5, 4, 3.5, 3, 3, 3, 3.5, 4, 5, 5, 4.5, 3, 2];

/** Tweets, users and places of the demo data set (to seed a fake X API, for instance). */
export function generateDemoData(opts: DemoOptions): DemoData {
  const rng = createRng(opts.seed ?? 2015);
  const posts = Math.max(0, Math.floor(opts.posts));
  const authorCount = Math.min(posts, Math.max(1, opts.authors ?? Math.min(400, Math.round(posts / 7.5))));
  const authors = Array.from({ length: authorCount }, (_, i) => makeAuthor(rng, i));
  const endMs = opts.start.getTime() + opts.days * DAY_MS;

  // Every author posts at least once; beyond that activity is heavy-tailed (a few post a lot).
  const activity = authors.map((_, i) => 1 / (i + 1) ** 0.6);
  const writers = rng.shuffle([...authors.map((_, i) => i), ...Array.from({ length: posts - authorCount }, () => rng.weighted(activity))]);
  const times = writers.map(() => postTime(rng, opts.start.getTime(), endMs)).sort((a, b) => a - b);

  const tweets: XTweet[] = [];
  let lastId = '0';
  for (const [i, ms] of times.entries()) {
    let id = snowflakeFromTime(ms, rng.int(0, 0x3fffff));
    if (compareIds(id, lastId) <= 0) id = (BigInt(lastId) + 1n).toString();
    lastId = id;
    const author = authors[writers[i] ?? 0];
    if (author) tweets.push(makeTweet(rng, { id, ms, endMs, author, earlier: tweets, authors, hashtag: opts.hashtag }));
  }
  return { tweets: tweets.reverse(), users: authors.map((a) => a.user), places: [...DEMO_PLACES] };
}

/** The demo data set as X API v2 search responses: 100 tweets a page, newest first, with includes. */
export function generateDemoPages(opts: DemoOptions): XSearchResponse[] {
  return toSearchPages(generateDemoData(opts));
}

/** Splits tweets (newest first) into search response pages, each with the users and places it names. */
export function toSearchPages(data: DemoData, pageSize = PAGE_SIZE): XSearchResponse[] {
  const users = new Map(data.users.map((u) => [u.id, u]));
  const places = new Map(data.places.map((p) => [p.id, p]));
  const byId = new Map(data.tweets.map((t) => [t.id, t]));
  const pages: XSearchResponse[] = [];
  for (let i = 0; i < data.tweets.length; i += pageSize) {
    const tweets = data.tweets.slice(i, i + pageSize);
    const pageUsers = unique(tweets.map((t) => t.author_id)).flatMap((id) => users.get(id) ?? []);
    const pagePlaces = unique(tweets.map((t) => t.geo?.place_id)).flatMap((id) => places.get(id) ?? []);
    // The tweets they reply to or quote, as the referenced_tweets.id expansion brings them.
    const referenced = unique(tweets.flatMap((t) => (t.referenced_tweets ?? []).map((r) => r.id))).flatMap((id) => {
      const t = byId.get(id);
      return t ? [{ id: t.id, text: t.text, ...(t.author_id === undefined ? {} : { author_id: t.author_id }) }] : [];
    });
    const page: XSearchResponse = { data: tweets, includes: { users: pageUsers } };
    if (pagePlaces.length > 0) page.includes = { users: pageUsers, places: pagePlaces };
    if (referenced.length > 0) page.includes = { ...page.includes, tweets: referenced };
    page.meta = { newest_id: tweets[0]?.id, oldest_id: tweets[tweets.length - 1]?.id, result_count: tweets.length };
    if (i + pageSize < data.tweets.length) page.meta.next_token = `demo${(i / pageSize + 1).toString(36).padStart(4, '0')}`;
    pages.push(page);
  }
  return pages;
}

interface DemoAuthor {
  user: XUser;
  /** The city the author lives in, or undefined when the profile names none. */
  city: DemoCity | undefined;
}

function makeAuthor(rng: Rng, index: number): DemoAuthor {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const handleBase = rng.chance(0.5) ? `${first}${last}` : `${first}_${last.slice(0, 4)}`;
  // Pareto with alpha 1: most accounts have a few hundred followers; a few media and public
  // figures (1.5 %) have a hundred times more.
  const boost = rng.chance(0.015) ? rng.int(50, 300) : 1;
  const followers = Math.min(2_500_000, Math.floor((80 * boost) / (1 - rng.next())));
  const city = rng.chance(0.16) ? undefined : DEMO_CITIES[rng.weighted(DEMO_CITIES.map((c) => c.weight))];
  const location = city ? rng.pick(city.profiles) : rng.pick(UNUSABLE_LOCATIONS);
  const user: XUser = {
    id: String(100_000_000 + index * 7_919_993 + rng.int(0, 7_000_000)),
    name: `${first} ${last}`,
    // X handles are at most 15 characters; the index keeps them unique.
    username: `${handleBase.toLowerCase().slice(0, 15 - String(index).length)}${index}`,
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
  author: DemoAuthor;
  /** Tweets made so far, oldest first: what a reply or a quote can point at. */
  earlier: readonly XTweet[];
  authors: readonly DemoAuthor[];
  hashtag: string;
}

function makeTweet(rng: Rng, input: TweetInput): XTweet {
  const { id, author } = input;
  const parent = input.earlier.length > 0 ? input.earlier[input.earlier.length - 1 - rng.int(0, Math.min(40, input.earlier.length - 1))] : undefined;
  const kind = parent === undefined ? 'original' : rng.chance(0.12) ? 'reply' : rng.chance(0.07) ? 'quote' : 'original';
  const parentAuthor = parent && input.authors.find((a) => a.user.id === parent.author_id);

  const parts: string[] = [];
  if (kind === 'reply' && parentAuthor) parts.push(`@${parentAuthor.user.username}`, rng.pick(REPLY_OPENERS));
  if (kind === 'quote') parts.push(rng.pick(QUOTE_OPENERS));
  const topics = rng.chance(0.22)
    ? []
    : rng.chance(0.12)
      ? [rng.pick(Object.keys(TOPIC_TEXTS)), rng.pick(Object.keys(TOPIC_TEXTS))]
      : [rng.pick(Object.keys(TOPIC_TEXTS))];
  const topicTexts = unique(topics).flatMap((t) => TOPIC_TEXTS[t] ?? []);
  parts.push(topicTexts.length === 0 ? rng.pick(NEUTRAL_TEXTS) : topicTexts.map((t) => rng.pick(t.sentences)).join('. '));
  for (const t of topicTexts) if (rng.chance(0.35)) parts.push(rng.pick(t.hashtags));
  parts.push(rng.chance(0.85) ? `#${input.hashtag}` : rng.chance(0.5) ? `#${input.hashtag.toLowerCase()}` : `#${input.hashtag.toUpperCase()}`);

  const city = author.city ?? DEMO_CITIES[rng.weighted(DEMO_CITIES.map((c) => c.weight))];
  if (city && rng.chance(0.15)) parts.push(`#${input.hashtag}${city.tag}`);
  if (kind === 'quote') parts.push(`https://t.co/${rng.token(10)}`);
  const text = parts.join(' ');

  const tweet: XTweet = {
    id,
    text,
    edit_history_tweet_ids: [id],
    author_id: author.user.id,
    created_at: new Date(input.ms).toISOString(),
    lang: 'in',
    conversation_id: kind === 'reply' && parent ? (parent.conversation_id ?? parent.id) : id,
    public_metrics: metricsAt(rng, author.user.public_metrics?.followers_count ?? 0, (input.endMs - input.ms) / HOUR_MS),
    entities: entitiesOf(text, kind === 'reply' ? parentAuthor?.user : undefined),
  };
  if (parent && kind !== 'original') tweet.referenced_tweets = [{ type: kind === 'reply' ? 'replied_to' : 'quoted', id: parent.id }];
  if (kind === 'reply' && parent?.author_id !== undefined) tweet.in_reply_to_user_id = parent.author_id;
  if (city && rng.chance(0.12)) tweet.geo = { place_id: city.place.id };
  return tweet;
}

/** Counts as observed at the end of the data set: they grow with a post's age and its author's audience. */
function metricsAt(rng: Rng, followers: number, ageHours: number): NonNullable<XTweet['public_metrics']> {
  const growth = 1 - Math.exp(-Math.max(0, ageHours) / 18);
  const appeal = 0.004 * Math.exp(rng.normal() * 0.8);
  const likes = Math.floor((followers * appeal + rng.next() * 8) * growth);
  const metrics: NonNullable<XTweet['public_metrics']> = {
    retweet_count: Math.floor(likes * (0.1 + 0.3 * rng.next())),
    reply_count: Math.floor(likes * (0.03 + 0.12 * rng.next())),
    like_count: likes,
    quote_count: Math.floor(likes * 0.06 * rng.next()),
    bookmark_count: Math.floor(likes * 0.1 * rng.next()),
  };
  // X returns impression_count for only part of the tweets.
  if (rng.chance(0.5))
    metrics.impression_count = Math.floor((followers * (0.1 + 0.6 * rng.next()) + likes * 30 + 5) * (1 - Math.exp(-Math.max(0, ageHours) / 6)));
  return metrics;
}

/** Hashtag and mention entities with X's code-point offsets. */
function entitiesOf(text: string, mentioned: XUser | undefined): NonNullable<XTweet['entities']> {
  const hashtags: XHashtagEntity[] = [...text.matchAll(/#(\w+)/g)].map((m) => {
    const start = [...text.slice(0, m.index)].length;
    return { start, end: start + [...m[0]].length, tag: m[1] ?? '' };
  });
  const entities: NonNullable<XTweet['entities']> = { hashtags };
  if (mentioned) {
    const mention: XMentionEntity = { start: 0, end: mentioned.username.length + 1, username: mentioned.username, id: mentioned.id };
    entities.mentions = [mention];
  }
  return entities;
}

/**
 * A creation time with the daily rhythm of HOURLY_WEIGHT. It takes exactly three draws whatever
 * the start, so the same seed gives the same posts (shifted) for any start date.
 */
function postTime(rng: Rng, startMs: number, endMs: number): number {
  const span = endMs - startMs;
  const day = Math.floor(rng.next() * Math.ceil(span / DAY_MS));
  const hourWib = rng.weighted(HOURLY_WEIGHT);
  const within = Math.floor(rng.next() * HOUR_MS);
  const midnightWib = Math.floor((startMs + WIB_OFFSET_MS + day * DAY_MS) / DAY_MS) * DAY_MS - WIB_OFFSET_MS;
  const ms = midnightWib + hourWib * HOUR_MS + within;
  return startMs + ((((ms - startMs) % span) + span) % span);
}

function unique<T>(items: readonly (T | undefined)[]): T[] {
  return [...new Set(items.filter((x): x is T => x !== undefined))];
}

interface Rng extends SeededRandom {
  weighted(weights: readonly number[]): number;
  normal(): number;
  token(length: number): string;
  shuffle<T>(items: T[]): T[];
}

function createRng(seed: number): Rng {
  const base = seededRandom(seed);
  const { next, int } = base;
  return {
    ...base,
    weighted: (weights) => {
      let r = next() * weights.reduce((a, b) => a + b, 0);
      for (const [i, w] of weights.entries()) if ((r -= w) < 0) return i;
      return weights.length - 1;
    },
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    shuffle: <T>(items: T[]): T[] => {
      for (let i = items.length - 1; i > 0; i -= 1) {
        const j = int(0, i);
        [items[i], items[j]] = [items[j] as T, items[i] as T];
      }
      return items;
    },
    token: (length) => Array.from({ length }, () => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[int(0, 61)]).join(''),
  };
}
