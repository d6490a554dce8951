import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { telemetry } from '../../observability/telemetry.js';
import { VERSION } from '../../version.js';
import { SourceAuthError } from '../source.port.js';
import { parseLinkHeader, parseRateLimit, type MastodonLinks } from './mastodon.headers.js';
import { instanceHost } from './mastodon.map.js';
import { parseTimeline } from './mastodon.response.js';
import type { MastodonStatus } from './mastodon.types.js';
import { backoff } from '../backoff.js';

export interface MastodonClientOptions {
  /** A host name (`mastodon.social`, reached over https) or a base URL (`http://127.0.0.1:8080`). */
  instance: string;
  /** Bearer token for instances that refuse anonymous reads of their hashtag timelines. */
  accessToken?: string;
  logger?: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** For the backoff jitter; tests may pin it. */
  random?: () => number;
  /** Per-request time limit, body included. */
  timeoutMs?: number;
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
  /** Lower-case host (with the port when the base URL has one): the instance's key. */
  readonly host: string;
  readonly baseUrl: string;
  /** One page of `GET /api/v1/timelines/tag/:hashtag`; `hashtag` may carry its `#`. */
  tagTimeline(hashtag: string, params: MastodonTimelineParams, signal?: AbortSignal): Promise<MastodonTimelinePage>;
}

/** Retries of a 5xx, a timeout or a network failure before the run gives up. */
const MASTODON_MAX_RETRIES = 5;
const MASTODON_TIMEOUT_MS = 30_000;
/** The instance's clock is not ours: wait a little past its reset. */
const RATE_LIMIT_MARGIN_MS = 1_000;
/** Mastodon's API windows are 5 minutes; without a usable Reset, wait one. */
const RATE_LIMIT_FALLBACK_MS = 5 * 60_000;
/** Its longest window (paging) is 15 minutes: a reset further away is not a throttle to sit out. */
const RATE_LIMIT_MAX_WAIT_MS = 16 * 60_000;
const MAX_RATE_LIMIT_WAITS = 10;

type Failure = { kind: 'retry'; reason: string } | { kind: 'rate-limit'; resetMs: number | undefined };

/** The base URL of an instance entry: the entry itself when it is an http(s) URL, else `https://<host>`. */
export function instanceBaseUrl(instance: string): string {
  const trimmed = instance.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    const url = new URL(trimmed);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  return `https://${trimmed.replace(/\/+$/, '').toLowerCase()}`;
}

/** A fetch-based client of one instance's REST API. */
export function createMastodonClient(opts: MastodonClientOptions): MastodonClient {
  const baseUrl = instanceBaseUrl(opts.instance);
  const host = instanceHost(opts.instance);
  const log = opts.logger?.child({ module: 'mastodon.client', instance: host });
  const now = opts.now ?? (() => new Date());
  const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> => (opts.sleep ? opts.sleep(ms) : delay(ms, undefined, signal ? { signal } : {}));
  const random = opts.random ?? Math.random;
  const timeoutMs = opts.timeoutMs ?? MASTODON_TIMEOUT_MS;
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': `kabar-kampanye/${VERSION}` };
  if (opts.accessToken) headers.authorization = `Bearer ${opts.accessToken}`;
  // Set when a response said the window is used up: the next request waits for the reset
  // rather than spend a request on a certain 429.
  let blockedUntilMs = 0;

  async function get(path: string, query: URLSearchParams, signal: AbortSignal | undefined): Promise<MastodonTimelinePage> {
    const url = `${baseUrl}${path}${query.size > 0 ? `?${query.toString()}` : ''}`;
    const what = `Mastodon instance ${host}: GET ${path}`;
    let failures = 0;
    let rateLimitWaits = 0;
    for (;;) {
      signal?.throwIfAborted();
      const blockedMs = blockedUntilMs - now().getTime();
      if (blockedMs > 0) {
        log?.info({ path, waitMs: blockedMs }, 'Mastodon rate-limit window used up; waiting for its reset');
        telemetry.rateLimitWait('mastodon', blockedMs);
        await sleep(blockedMs, signal);
      }
      const sent = await send(url, signal);
      telemetry.platformRequest('mastodon', 'timelines/tag', 'kind' in sent ? 'network' : sent.res.status);
      let outcome: Failure;
      if ('kind' in sent) outcome = sent;
      else {
        const { res, body } = sent;
        const limit = parseRateLimit(res.headers);
        if (res.ok) {
          // Remaining 0 with a reset in the near future: the next request waits for it.
          const resetMs = limit.resetMs;
          const exhausted = limit.remaining === 0 && resetMs !== undefined && resetMs - now().getTime() < RATE_LIMIT_MAX_WAIT_MS;
          blockedUntilMs = exhausted ? resetMs + RATE_LIMIT_MARGIN_MS : 0;
          const statuses = parseTimeline(parseJson(body, res.status, what), what);
          return { statuses, ...parseLinkHeader(res.headers.get('link')) };
        }
        outcome = classify(res.status, body, limit.resetMs, host, path, opts.accessToken !== undefined);
      }
      if (outcome.kind === 'rate-limit') {
        rateLimitWaits += 1;
        if (rateLimitWaits > MAX_RATE_LIMIT_WAITS) throw new Error(`${what} kept answering HTTP 429 after ${MAX_RATE_LIMIT_WAITS} waits`);
        const waitMs = rateLimitWait(outcome.resetMs, now().getTime(), what);
        log?.warn({ path, waitMs, resetAt: outcome.resetMs && new Date(outcome.resetMs).toISOString() }, 'Mastodon rate limit reached; waiting for the reset');
        telemetry.rateLimitWait('mastodon', waitMs);
        blockedUntilMs = now().getTime() + waitMs;
        continue;
      }
      failures += 1;
      if (failures > MASTODON_MAX_RETRIES) throw new Error(`${what} failed after ${MASTODON_MAX_RETRIES} retries: ${outcome.reason}`);
      const waitMs = backoff(failures, random);
      log?.warn({ path, attempt: failures, waitMs, reason: outcome.reason }, 'Mastodon request failed; retrying');
      await sleep(waitMs, signal);
    }
  }

  /** The response with its whole body, or the failure to retry (a timeout, a dropped connection). */
  async function send(url: string, signal: AbortSignal | undefined): Promise<{ res: Response; body: string } | Failure> {
    try {
      const res = await fetch(url, { headers, signal: requestSignal(timeoutMs, signal) });
      return { res, body: await res.text() };
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      return networkFailure(err);
    }
  }

  return {
    host,
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

/** The caller's signal (a cancelled job) and the per-request time limit, whichever fires first. */
function requestSignal(timeoutMs: number, signal: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

function parseJson(body: string, status: number, what: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new Error(`${what} returned a malformed response (HTTP ${status}): the body is not valid JSON: ${snippet(body)}`);
  }
}

/** Decides what a non-2xx response means: wait, retry, or a thrown error a person can act on. */
function classify(status: number, body: string, resetMs: number | undefined, host: string, path: string, hadToken: boolean): Failure {
  if (status === 429) return { kind: 'rate-limit', resetMs };
  if (status >= 500) return { kind: 'retry', reason: `HTTP ${status}` };
  const said = errorText(body);
  // 422 is how Mastodon refuses a token whose user cannot read (unconfirmed, disabled, pending).
  if (status === 401 || status === 403 || status === 422) {
    const fix = hadToken ? 'check its access token in MASTODON_ACCESS_TOKENS' : 'set an access token for it in MASTODON_ACCESS_TOKENS';
    const detail = said === undefined ? '' : ` (the instance said: ${JSON.stringify(said)})`;
    throw new SourceAuthError('mastodon', `Mastodon instance ${host} refused the request (HTTP ${status}): ${fix}${detail}`);
  }
  throw new Error(`Mastodon instance ${host} rejected GET ${path} (HTTP ${status}): ${said ?? snippet(body)}`);
}

function networkFailure(err: unknown): Failure {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return { kind: 'retry', reason: 'request timed out' };
  if (err instanceof TypeError) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return { kind: 'retry', reason: `network error: ${err.message}${cause}` };
  }
  throw err;
}

function rateLimitWait(resetMs: number | undefined, nowMs: number, what: string): number {
  if (resetMs === undefined) return RATE_LIMIT_FALLBACK_MS;
  const waitMs = resetMs + RATE_LIMIT_MARGIN_MS - nowMs;
  if (waitMs > RATE_LIMIT_MAX_WAIT_MS) throw new Error(`${what} is rate-limited until ${new Date(resetMs).toISOString()}`);
  // A reset already past means our clock runs ahead of the instance's: still leave it a moment.
  return Math.max(RATE_LIMIT_MARGIN_MS, waitMs);
}

/** Mastodon's `{"error": "..."}`, when the body is one. */
function errorText(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed && typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON: the caller shows a snippet
  }
  return undefined;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 80)}…` : flat);
}
