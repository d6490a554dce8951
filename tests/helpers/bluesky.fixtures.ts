import type { Campaign } from '../../src/domain/campaign.js';
import { makeCampaign } from './campaigns.js';
import type { PostView, ProfileViewBasic, ProfileViewDetailed } from '../../src/sources/bluesky/bluesky.types.js';

/** Bluesky payloads built as the AppView returns them: TID record keys, UTF-8 byte facets, lexicon field names. */

export const HOUR = 3_600_000;
const B32 = '234567abcdefghijklmnopqrstuvwxyz';

/** A record key as Bluesky makes one: microseconds since the epoch and a clock id, base32-sortable. */
export function tid(ms: number, clock = 0): string {
  let v = ((BigInt(Math.floor(ms)) * 1000n) << 10n) | BigInt(clock & 0x3ff);
  let out = '';
  for (let i = 0; i < 13; i += 1) {
    out = (B32[Number(v & 31n)] ?? '2') + out;
    v >>= 5n;
  }
  return out;
}

/** A did:plc of the right shape (24 characters of a-z2-7), distinct per `n`. */
function did(n: number): string {
  let id = '';
  for (let v = n, i = 0; i < 6; i += 1, v = Math.floor(v / 32)) id = (B32[v % 32] ?? '2') + id;
  return `did:plc:${id}kabarkampanyetestq`;
}

/** A profile as getProfiles returns it. */
export function profile(n: number, over: Partial<ProfileViewDetailed> = {}): ProfileViewDetailed {
  return {
    did: did(n),
    handle: `relawan${n}.bsky.social`,
    displayName: n % 4 === 0 ? '' : `Relawan ${n}`,
    description: 'Relawan literasi digital',
    followersCount: 10 + ((n * 37) % 900),
    followsCount: 50,
    postsCount: 120,
    indexedAt: '2024-01-01T00:00:00.000Z',
    createdAt: '2023-06-01T00:00:00.000Z',
    ...over,
  };
}

export function basic(p: ProfileViewDetailed): ProfileViewBasic {
  const b: ProfileViewBasic = { did: p.did, handle: p.handle };
  if (p.displayName !== undefined) b.displayName = p.displayName;
  return b;
}

export interface PostSpec {
  author: ProfileViewBasic;
  /** ms since the epoch, or an ISO string as the client wrote it. */
  createdAt: number | string;
  /** Seconds after createdAt that the AppView indexed it; 2 by default. */
  indexLagSeconds?: number;
  text: string;
  /** False for a client that writes no facets (hashtags then live only in the text). */
  facets?: boolean;
  tags?: string[];
  langs?: string[];
  reply?: boolean;
  /** Whose post it replies to (`reply` implied); someone of the fixtures' otherwise. */
  replyTo?: ProfileViewBasic;
  /** Accounts whose `@handle` in the text gets a mention facet (their did), as Bluesky clients write them. */
  mentions?: ProfileViewBasic[];
  /** Whose post a `quote` embed quotes; the hydrated `app.bsky.embed.record#view` shows them. */
  quoteOf?: ProfileViewBasic;
  /** Embed a post (`quote`), a post with media (`quote+media`) or a list (`list`). */
  embed?: 'quote' | 'quote+media' | 'list' | 'images';
  counts?: { like?: number; repost?: number; reply?: number; quote?: number };
  clock?: number;
}

/** Tag facets for the `#hashtags` of a text, with UTF-8 byte offsets as Bluesky clients write them. */
function tagFacets(text: string): NonNullable<PostView['record']['facets']> {
  return [...text.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => {
    const start = Buffer.byteLength(text.slice(0, m.index));
    return {
      index: { byteStart: start, byteEnd: start + Buffer.byteLength(m[0]) },
      features: [{ $type: 'app.bsky.richtext.facet#tag' as const, tag: m[1] ?? '' }],
    };
  });
}

/** Mention facets for the `@handle`s of a text naming these accounts, with UTF-8 byte offsets. */
function mentionFacets(text: string, accounts: readonly ProfileViewBasic[]): NonNullable<PostView['record']['facets']> {
  return accounts.flatMap((a) => {
    const at = text.indexOf(`@${a.handle}`);
    if (at < 0) return [];
    const start = Buffer.byteLength(text.slice(0, at));
    return [
      {
        index: { byteStart: start, byteEnd: start + Buffer.byteLength(`@${a.handle}`) },
        features: [{ $type: 'app.bsky.richtext.facet#mention', did: a.did }],
      },
    ];
  });
}

/** A post view from a spec; the uri's record key is a TID of its creation time. */
export function postView(spec: PostSpec): PostView {
  const createdMs = typeof spec.createdAt === 'number' ? spec.createdAt : Date.parse(spec.createdAt);
  const createdAt = typeof spec.createdAt === 'number' ? new Date(spec.createdAt).toISOString() : spec.createdAt;
  const uri = `at://${spec.author.did}/app.bsky.feed.post/${tid(createdMs, spec.clock ?? 0)}`;
  const ref = (rkey: string, collection = 'app.bsky.feed.post', owner = did(9999)): { uri: string; cid: string } => ({
    uri: `at://${owner}/${collection}/${rkey}`,
    cid: `bafyreib${rkey}`,
  });
  const view: PostView = {
    uri,
    cid: `bafyreia${tid(createdMs, spec.clock ?? 0)}`,
    author: spec.author,
    record: { $type: 'app.bsky.feed.post', text: spec.text, createdAt, langs: spec.langs ?? ['id'] },
    indexedAt: new Date(createdMs + (spec.indexLagSeconds ?? 2) * 1000).toISOString(),
  };
  if (spec.facets !== false) {
    const facets = [...tagFacets(spec.text), ...mentionFacets(spec.text, spec.mentions ?? [])];
    if (facets.length > 0) view.record.facets = facets.sort((a, b) => a.index.byteStart - b.index.byteStart);
  }
  if (spec.tags) view.record.tags = spec.tags;
  if (spec.reply || spec.replyTo)
    view.record.reply = { root: ref('3kroot', undefined, spec.replyTo?.did), parent: ref('3kparent', undefined, spec.replyTo?.did) };
  if (spec.embed === 'quote') {
    const quoted = ref('3kquoted', undefined, spec.quoteOf?.did);
    view.record.embed = { $type: 'app.bsky.embed.record', record: quoted };
    if (spec.quoteOf)
      view.embed = {
        $type: 'app.bsky.embed.record#view',
        record: { $type: 'app.bsky.embed.record#viewRecord', uri: quoted.uri, cid: quoted.cid, author: spec.quoteOf },
      } as PostView['embed'];
  }
  if (spec.embed === 'quote+media') {
    view.record.embed = {
      $type: 'app.bsky.embed.recordWithMedia',
      record: { $type: 'app.bsky.embed.record', record: ref('3kquoted') },
      media: { $type: 'app.bsky.embed.images' },
    };
  }
  if (spec.embed === 'list') view.record.embed = { $type: 'app.bsky.embed.record', record: ref('3klist', 'app.bsky.graph.list') };
  if (spec.embed === 'images') view.record.embed = { $type: 'app.bsky.embed.images' };
  const c = spec.counts ?? {};
  if (c.like !== undefined) view.likeCount = c.like;
  if (c.repost !== undefined) view.repostCount = c.repost;
  if (c.reply !== undefined) view.replyCount = c.reply;
  if (c.quote !== undefined) view.quoteCount = c.quote;
  return view;
}

const CITIES = ['Jambi', 'Makassar', 'Pangkalpinang', 'Samarinda', 'Kupang', 'Ternate', 'Gorontalo', 'Manokwari'];
const TOPICS = ['literasi digital', 'hoaks', 'UMKM jualan online', 'keamanan digital', 'internet sehat', 'privasi data'];

export interface GeneratedData {
  posts: PostView[];
  profiles: ProfileViewDetailed[];
}

/**
 * `count` campaign posts, newest first, from `newestMs` back by `stepMs` for every `perInstant`
 * posts (so several posts can share one millisecond), by `authors` authors (`firstAuthor` on).
 * Every post has `#SocMed4SocGood` (in varying case); every 6th also `#LiterasiDigital`.
 */
export function generatePosts(opts: {
  count: number;
  newestMs: number;
  stepMs?: number;
  perInstant?: number;
  authors?: number;
  firstAuthor?: number;
}): GeneratedData {
  const authors = opts.authors ?? 20;
  const first = opts.firstAuthor ?? 1;
  const profiles = Array.from({ length: authors }, (_, i) => profile(first + i));
  const posts = Array.from({ length: opts.count }, (_, i) => {
    const n = first * 1000 + i;
    const author = profiles[(i * 7) % authors] ?? profile(first);
    const tag = i % 3 === 0 ? '#socmed4socgood' : '#SocMed4SocGood';
    const extra = i % 6 === 0 ? ' #LiterasiDigital' : '';
    return postView({
      author: basic(author),
      createdAt: opts.newestMs - Math.floor(i / (opts.perInstant ?? 1)) * (opts.stepMs ?? 60_000),
      clock: n % 1024,
      text: `Belajar ${TOPICS[n % TOPICS.length]} di ${CITIES[n % CITIES.length]} bersama relawan ${tag}${extra} (${n})`,
      reply: i % 7 === 3,
      embed: i % 11 === 5 ? 'quote' : undefined,
      langs: i % 5 === 0 ? ['id', 'en'] : ['id'],
      counts: { like: (n * 13) % 50, repost: (n * 7) % 10, reply: (n * 3) % 6, quote: i % 5 === 2 ? undefined : n % 3 },
    });
  });
  return { posts, profiles };
}

/** A campaign on #SocMed4SocGood that started 6 days ago, collected from Bluesky. */
export function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return makeCampaign({
    id: 'c-bsky',
    hashtags: ['#SocMed4SocGood'],
    startsAt: new Date(Date.now() - 6 * 24 * HOUR).toISOString(),
    endsAt: null,
    timeZone: 'Asia/Makassar',
    sources: [{ type: 'bluesky' }],
    ...overrides,
  });
}
