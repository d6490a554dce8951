import type { Logger } from 'pino';
import { VERSION } from '../../version.js';
import type { OutboundFetch } from '../../net/outbound-fetch.js';
import { fetchOnce, isNoAnswer, type FetchedResponse, type NoAnswer } from '../platform-fetch.js';
import { platformLink, requestWithRetries, type Answer, type RateWindow } from '../platform-request.js';
import { SourceAuthError } from '../source.port.js';
import { parseLinkHeader, parseRateLimit, type MastodonLinks } from './mastodon.headers.js';
import { instanceHost } from './mastodon.map.js';
import { parseTimeline } from './mastodon.response.js';
import type { MastodonStatus } from './mastodon.types.js';

export interface MastodonClientOptions {
  /** A host name (`mastodon.social`, reached over https) or a base URL (`http://127.0.0.1:8080`). */
  instance: string;
  /** Bearer token for instances that refuse anonymous reads of their hashtag timelines. */
  accessToken?: string;
  /** The guarded fetch (net/outbound-fetch.ts): an instance is an address a user chose. */
  fetch: OutboundFetch;
  logger?: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** For the backoff jitter; tests may pin it. */
  random?: () => number;
  /** Per-request time limit, body included. */
  timeoutMs?: number;
  /** The longest rate-limit wait inside a run (MASTODON_MAX_WAIT_MS by default); a longer one ends the run as waiting. */
  maxWaitMs?: number;
}

/** Paging parameters of a timeline read; Mastodon ignores `sinceId` when `minId` is given. */
interface MastodonTimelineParams {
  /** 1 to 40; Mastodon's default is 20. */
  limit?: number;
  maxId?: string;
  sinceId?: string;
  minId?: string;
}

/** One page of a timeline: statuses newest first, and the `Link` header's cursors. */
export interface MastodonTimelinePage extends MastodonLinks {
  statuses: MastodonStatus[];
}

/** The reads this service makes from one Mastodon instance, with retries and rate-limit waits built in. */
export interface MastodonClient {
  /** Lower-case host (with the port when the base URL has one): what author ids and the instance's name in messages use. */
  readonly host: string;
  /** The host, plus the base path when the instance entry has one: the key of its checkpoint streams. */
  readonly key: string;
  readonly baseUrl: string;
  /** One page of `GET /api/v1/timelines/tag/:hashtag`; `hashtag` may carry its `#`. */
  tagTimeline(hashtag: string, params: MastodonTimelineParams, signal?: AbortSignal): Promise<MastodonTimelinePage>;
}

export const MASTODON_TIMEOUT_MS = 30_000;
/**
 * An instance's window is 5 minutes: a run waits up to 30 s for it, and a longer wait ends the run
 * as "waiting until" and reschedules the collection, so the runner goes on with other jobs.
 */
export const MASTODON_MAX_WAIT_MS = 30_000;

/** The base URL of an instance entry: the entry itself when it is an http(s) URL, else `https://<host>`. */
export function instanceBaseUrl(instance: string): string {
  const trimmed = instance.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    const url = new URL(trimmed);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  return `https://${trimmed.replace(/\/+$/, '').toLowerCase()}`;
}

/**
 * What tells instances apart in a checkpoint: the host, and the base path when there is one (two
 * campaigns, or one, may read two paths of one host). A host-only entry keeps the plain host.
 */
export function instanceKey(baseUrl: string): string {
  const url = new URL(baseUrl);
  return url.pathname === '/' ? url.host : `${url.host}${url.pathname}`;
}

/**
 * Whether the operator's token for `host` may go to this base URL: only over https, and only to the
 * instance itself (its origin, no base path a user picked), so it never crosses the network in
 * clear or reaches another application on the same host.
 */
export function mayCarryToken(baseUrl: string): boolean {
  const url = new URL(baseUrl);
  return url.protocol === 'https:' && url.pathname === '/';
}

/** A fetch-based client of one instance's REST API. */
export function createMastodonClient(opts: MastodonClientOptions): MastodonClient {
  const baseUrl = instanceBaseUrl(opts.instance);
  const host = instanceHost(opts.instance);
  // One link per instance: a window one request used up holds back the next.
  const log = opts.logger?.child({ module: 'mastodon.client', instance: host });
  const link = platformLink('mastodon', 'Mastodon', {
    log,
    now: opts.now,
    sleep: opts.sleep,
    random: opts.random,
    maxWaitMs: opts.maxWaitMs ?? MASTODON_MAX_WAIT_MS,
  });
  const timeoutMs = opts.timeoutMs ?? MASTODON_TIMEOUT_MS;
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': `kabar-kampanye/${VERSION}` };
  if (opts.accessToken !== undefined && !mayCarryToken(baseUrl))
    throw new RangeError(`An access token is sent only to an https instance without a base path, not to ${baseUrl}`);
  if (opts.accessToken) headers.authorization = `Bearer ${opts.accessToken}`;

  async function get(path: string, query: URLSearchParams, signal: AbortSignal | undefined): Promise<MastodonTimelinePage> {
    const url = `${baseUrl}${path}${query.size > 0 ? `?${query.toString()}` : ''}`;
    const what = `Mastodon instance ${host}: GET ${path}`;
    const answer = await requestWithRetries(link, {
      what,
      endpoint: 'timelines/tag',
      signal,
      attempt: async (signal) =>
        classify(await fetchOnce(url, { headers, timeoutMs, signal, fetch: opts.fetch }), host, path, opts.accessToken !== undefined, mayCarryToken(baseUrl)),
    });
    const statuses = parseTimeline(parseJson(answer.text, answer.status, what), what);
    return { statuses, ...parseLinkHeader(answer.headers.get('link')) };
  }

  return {
    host,
    key: instanceKey(baseUrl),
    baseUrl,
    tagTimeline: (hashtag, params, signal) => {
      const tag = hashtag.replace(/^[#＃]/, '');
      if (tag === '') throw new RangeError('A Mastodon hashtag timeline needs a hashtag');
      const query = new URLSearchParams();
      if (params.limit !== undefined) query.set('limit', String(params.limit));
      if (params.maxId !== undefined) query.set('max_id', params.maxId);
      if (params.sinceId !== undefined) query.set('since_id', params.sinceId);
      if (params.minId !== undefined) query.set('min_id', params.minId);
      return get(`/api/v1/timelines/tag/${encodeURIComponent(tag)}`, query, signal);
    },
  };
}

/** The run record says what happened, never what the instance sent: a user chose the instance, and viewers read the runs. */
function parseJson(body: string, status: number, what: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new Error(`${what} answered HTTP ${status} with a page that is not JSON.`);
  }
}

/** What an instance's answer means: the page, a wait, a retry, or an error a person can act on. */
function classify(res: FetchedResponse | NoAnswer, host: string, path: string, hadToken: boolean, tokenPossible: boolean): Answer<FetchedResponse> {
  if (isNoAnswer(res)) return { kind: 'retry', status: res.status, reason: res.reason };
  const { status } = res;
  const window = mastodonWindow(res.headers);
  if (status >= 200 && status < 300) return { kind: 'ok', status, value: res, window };
  if (status === 429) return { kind: 'rate-limited', status, window };
  if (status >= 500) return { kind: 'retry', status, reason: `HTTP ${status}`, window };
  // 422 is how Mastodon refuses a token whose user cannot read (unconfirmed, disabled, pending).
  if (status === 401 || status === 403 || status === 422) {
    const fix = hadToken
      ? 'check its access token in MASTODON_ACCESS_TOKENS'
      : tokenPossible
        ? 'set an access token for it in MASTODON_ACCESS_TOKENS'
        : 'it needs an access token, and tokens are sent only to an https instance given by its host name (like kupang.social)';
    return { kind: 'fail', status, error: new SourceAuthError('mastodon', `Mastodon instance ${host} refused the request (HTTP ${status}): ${fix}.`) };
  }
  // Its body is not repeated: the instance is a user's choice, and the run is shown to viewers.
  return { kind: 'fail', status, error: new Error(`Mastodon instance ${host} rejected GET ${path} (HTTP ${status}).`) };
}

/** rack-attack's X-RateLimit-* headers; its windows are 5 minutes (the loop's fallback). */
function mastodonWindow(headers: Headers): RateWindow {
  const limit = parseRateLimit(headers);
  return { remaining: limit.remaining, resetAtMs: limit.resetMs };
}
