import type { Campaign } from '../../src/domain/campaign.js';
import { Agent } from 'undici';
import type { OutboundOptions } from '../../src/net/outbound-fetch.js';
import { createMastodonSource, type MastodonSourceOptions } from '../../src/sources/mastodon/mastodon.source.js';
import { TEST_TLS } from './fake-platform.js';
import type { MastodonStatus } from '../../src/sources/mastodon/mastodon.types.js';
import type { Source } from '../../src/sources/source.port.js';
import { mastodonId } from './fake-mastodon.js';
import { campaign, HOUR } from './x-source.fixtures.js';

// Statuses as Mastodon serializes them, and campaigns that collect from Mastodon, for the
// Mastodon source tests (the fake instance itself is fake-mastodon.ts).

/** What a test says about a status; `fakeStatus` fills in the rest as Mastodon would. */
export interface StatusSpec {
  /** The instance serving the JSON (decides whether the account is local). */
  server: string;
  /** The author's home instance; `server` by default. */
  origin?: string;
  username: string;
  displayName?: string;
  followers?: number;
  createdAt: Date;
  /** Distinguishes statuses created in the same millisecond. */
  seq?: number;
  /** Hashtags as written (`SocMed4SocGood`); they become `tags` and links in `content`. */
  tags?: string[];
  /** Text before the hashtags; HTML-escaped into `<p>`. */
  text?: string;
  /** Raw `content`, replacing the generated one. */
  html?: string;
  inReplyToId?: string;
  /** Whose status `inReplyToId` is (their home instance `origin`, else `server`): Mastodon mentions them too. */
  inReplyToAccount?: MentionSpec;
  /** Accounts mentioned (`Status::Mention`), their `@handles` written into the text as Mastodon does. */
  mentions?: MentionSpec[];
  /** The status quoted (Mastodon 4.4+ `Quote`, accepted). */
  quote?: MastodonStatus;
  language?: string | null;
  counts?: { replies?: number; reblogs?: number; favourites?: number };
}

/** An account a status mentions or replies to. */
export interface MentionSpec {
  username: string;
  origin?: string;
}

/** `Status::Mention` as `server` serializes it: its own account ids, `acct` with the domain only for a remote account. */
function mentionOf(spec: MentionSpec, server: string) {
  const origin = spec.origin ?? server;
  const local = origin === server;
  const acct = local ? spec.username : `${spec.username}@${origin}`;
  return { id: accountIdOn(server, spec.username, origin), username: spec.username, url: `https://${origin}/@${spec.username}`, acct };
}

/** The id `server` gives an account (as `fakeStatus` and `federatedCopy` make them). */
function accountIdOn(server: string, username: string, origin: string): string {
  return origin === server ? String(100_000 + smallHash(username)) : String(900_000 + smallHash(`${username}@${origin}`));
}

/**
 * A status as Mastodon serializes it. On its home instance its id is the origin's; on another
 * instance the same status (same `uri`) has a different local id, and its account a
 * `user@domain` acct, as federation makes them.
 */
export function fakeStatus(spec: StatusSpec): MastodonStatus {
  const origin = spec.origin ?? spec.server;
  const local = origin === spec.server;
  const ms = spec.createdAt.getTime();
  const originId = mastodonId(ms, spec.seq ?? 0);
  const tags = spec.tags ?? [];
  const tagLinks = tags.map((t) => `<a href="https://${spec.server}/tags/${t.toLowerCase()}" class="mention hashtag" rel="tag">#<span>${t}</span></a>`);
  const text = (spec.text ?? `Belajar literasi digital bareng ${spec.username}`).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const named = [...(spec.inReplyToAccount ? [spec.inReplyToAccount] : []), ...(spec.mentions ?? [])];
  const mentions = named.map((m) => mentionOf(m, spec.server));
  const mentionLinks = mentions.map((m) => `<span class="h-card"><a href="${m.url}" class="u-url mention">@<span>${m.username}</span></a></span>`);
  return {
    id: local ? originId : mastodonId(ms, (spec.seq ?? 0) ^ 0x5a5a),
    created_at: spec.createdAt.toISOString(),
    in_reply_to_id: spec.inReplyToId ?? null,
    in_reply_to_account_id: spec.inReplyToId ? (mentions[0]?.id ?? '1') : null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: spec.language === undefined ? 'id' : spec.language,
    uri: `https://${origin}/users/${spec.username}/statuses/${originId}`,
    url: `https://${origin}/@${spec.username}/${originId}`,
    replies_count: spec.counts?.replies ?? 0,
    reblogs_count: spec.counts?.reblogs ?? 0,
    favourites_count: spec.counts?.favourites ?? 0,
    edited_at: null,
    content: spec.html ?? `<p>${[...mentionLinks, text, ...tagLinks].join(' ')}</p>`,
    reblog: null,
    account: {
      // Account ids are per instance too.
      id: String((local ? 100_000 : 900_000) + smallHash(spec.username)),
      username: spec.username,
      acct: local ? spec.username : `${spec.username}@${origin}`,
      display_name: spec.displayName ?? '',
      locked: false,
      bot: false,
      group: false,
      created_at: '2023-01-01T00:00:00.000Z',
      note: '',
      url: `https://${origin}/@${spec.username}`,
      uri: `https://${origin}/users/${spec.username}`,
      followers_count: spec.followers ?? 10,
      following_count: 5,
      statuses_count: 100,
    },
    quote: spec.quote ? { state: 'accepted', quoted_status: spec.quote } : null,
    mentions,
    tags: tags.map((t) => ({ name: t.toLowerCase(), url: `https://${spec.server}/tags/${t.toLowerCase()}` })),
  };
}

/**
 * `status` as another instance serves it once federated: the same `uri` and `url`, a local id
 * of that instance (from the creation time, with other low bits), the author as a remote
 * account, and the counts that instance has seen, which lag behind the origin's.
 */
export function federatedCopy(status: MastodonStatus, server: string): MastodonStatus {
  const origin = new URL(status.uri).host;
  const lowBits = Number(BigInt(status.id) & 0xffffn);
  const acct = status.account.acct.includes('@') ? status.account.acct : `${status.account.acct}@${origin}`;
  const repliedTo = (status.mentions ?? []).find((m) => m.id === status.in_reply_to_account_id);
  return {
    ...status,
    id: mastodonId(Date.parse(status.created_at), lowBits ^ 0x5a5a),
    account: { ...status.account, id: String(900_000 + smallHash(acct)), acct },
    // The accounts it names, as this instance knows them: ids of its own, `acct` with the domain unless local here.
    mentions: (status.mentions ?? []).map((m) => mentionOf({ username: m.username, origin: new URL(m.url).host }, server)),
    in_reply_to_account_id: repliedTo
      ? mentionOf({ username: repliedTo.username, origin: new URL(repliedTo.url).host }, server).id
      : (status.in_reply_to_account_id ?? null),
    tags: (status.tags ?? []).map((t) => ({ ...t, url: `https://${server}/tags/${t.name}` })),
    favourites_count: Math.floor((status.favourites_count ?? 0) / 2),
  };
}

function smallHash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 99_991;
  return h;
}

/** The authors `tagged` cycles through. */
export const USERS = ['rinaw', 'budi', 'ani', 'yohanes', 'maria', 'dedi', 'siti'];

/** `count` statuses tagged #SocMed4SocGood, newest first, ten minutes apart from `hoursAgo` back. */
export function tagged(server: string, count: number, hoursAgo: number, opts: { seq?: number; tags?: string[] } = {}): MastodonStatus[] {
  const newest = Date.now() - hoursAgo * HOUR;
  return Array.from({ length: count }, (_, i) =>
    fakeStatus({
      server,
      username: USERS[i % USERS.length] ?? 'rinaw',
      createdAt: new Date(newest - i * 10 * 60_000),
      seq: (opts.seq ?? 0) + i,
      tags: opts.tags ?? ['SocMed4SocGood'],
      counts: { favourites: i % 5, reblogs: i % 3, replies: i % 2 },
    }),
  );
}

/** The X fixtures' campaign (#SocMed4SocGood, started 6 days ago), collecting from these instances. */
export function campaignOn(instances: string[], overrides: Partial<Campaign> = {}): Campaign {
  return campaign({ sources: [{ type: 'mastodon', instances }], ...overrides });
}

/** The fakes listen on 127.0.0.1: the tests that talk to them allow private targets, explicitly. */
export const LOCAL_FAKES = { allowPrivateTargets: true } as const;

/** LOCAL_FAKES that also trust the tests' certificate, for fakes started with `tls` (tokens go over https only). */
export const LOCAL_TLS_FAKES: OutboundOptions = {
  allowPrivateTargets: true,
  dispatcher: (options) => new Agent({ ...options, connect: { ca: TEST_TLS.cert } }),
};

/** The source under test; backoff sleeps return at once unless a test passes its own. */
export function mastodonSource(opts: Partial<MastodonSourceOptions> = {}): Source {
  return createMastodonSource({ accessTokens: {}, outbound: LOCAL_FAKES, sleep: async () => undefined, ...opts });
}

/** The checkpoint of a campaign on one instance and #SocMed4SocGood, with that stream in `state`. */
export function streamOf(host: string, state: object): { instances: Record<string, Record<string, object>> } {
  return { instances: { [host]: { socmed4socgood: state } } };
}

/** Status URIs (our post ids), sorted. */
export function urisOf(statuses: readonly MastodonStatus[]): string[] {
  return statuses.map((s) => s.uri).sort();
}
