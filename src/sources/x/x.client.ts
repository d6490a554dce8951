import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { ApiPartialResponseError, ApiRequestError, ApiResponseError, TwitterApi } from 'twitter-api-v2';
import { telemetry } from '../../observability/telemetry.js';
import type { RequestLimiter } from '../request-limiter.js';
import { SourceAuthError } from '../source.port.js';
import { parseXResponse } from './x.response.js';
import type { XSearchResponse } from './x.types.js';
import { backoff } from '../backoff.js';

/** The fields and expansions every read asks for: exactly what `mapXResponse` uses. */
const X_FIELD_PARAMS: Readonly<Record<string, string>> = Object.freeze({
  expansions: 'author_id,geo.place_id',
  'tweet.fields': 'created_at,public_metrics,entities,geo,lang,conversation_id,referenced_tweets',
  'user.fields': 'public_metrics,location,username,name,verified',
  'place.fields': 'full_name,name,country_code,place_type',
});

export interface XClientOptions {
  bearerToken: string;
  /** The v2 root every request goes to, such as `https://api.x.com/2/`. */
  baseUrl: string;
  logger?: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** For the backoff jitter; tests may pin it. */
  random?: () => number;
  signal?: AbortSignal;
  /** The app-wide request window, shared by every campaign and worker (see request-limiter.ts). */
  limiter?: RequestLimiter;
  /** How long one request may take before it counts as failed and is retried; 30 s by default. */
  requestTimeoutMs?: number;
}

/** The X API v2 reads this service makes, with retries and rate-limit waits built in. */
export interface XClient {
  /** One page of `GET tweets/search/recent`; the field parameters are added. */
  searchRecent(params: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<XSearchResponse>;
  /** `GET tweets?ids=` for at most 100 ids, to re-read counts; the field parameters are added. */
  lookupTweets(ids: readonly string[], signal?: AbortSignal): Promise<XSearchResponse>;
}

/** Retries of a 5xx or a network failure before the run gives up (the next run starts over). */
const X_MAX_RETRIES = 5;
/** X's reset is in whole seconds and its clock is not ours: wait a little past it. */
const RATE_LIMIT_MARGIN_MS = 1_000;
/** Without a reset header, wait one full 15-minute window. */
const RATE_LIMIT_FALLBACK_MS = 15 * 60_000;
/** A reset further away than this is a usage cap, not a window: fail the run instead of hanging. */
const RATE_LIMIT_MAX_WAIT_MS = 16 * 60_000;
const MAX_RATE_LIMIT_WAITS = 10;
const REQUEST_TIMEOUT_MS = 30_000;

type Failure = { kind: 'retry'; reason: string } | { kind: 'rate-limit'; resetMs: number | undefined };

/**
 * Builds the client on twitter-api-v2. Every request goes to `baseUrl` through the library's
 * per-request `prefix`; a plain-http base (a local fake) also needs an http agent, because the
 * library sends through `https.request`, which only accepts `http:` URLs with an http agent.
 */
export function createXClient(opts: XClientOptions): XClient {
  const prefix = opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`;
  const httpAgent = prefix.startsWith('http:') ? new http.Agent({ keepAlive: true }) : undefined;
  const api = new TwitterApi(opts.bearerToken, httpAgent ? { httpAgent } : {}).readOnly.v2;
  const log = opts.logger?.child({ module: 'x.client' });
  const now = opts.now ?? (() => new Date());
  const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> => (opts.sleep ? opts.sleep(ms) : delay(ms, undefined, signal ? { signal } : {}));
  const random = opts.random ?? Math.random;
  // Set when a response said the window is used up: the next request waits for its reset
  // rather than spend a request on a certain 429.
  let blockedUntilMs = 0;

  async function get(kind: 'x:search' | 'x:lookup', path: string, query: Record<string, string>, signal: AbortSignal | undefined): Promise<XSearchResponse> {
    let failures = 0;
    let rateLimitWaits = 0;
    for (;;) {
      signal?.throwIfAborted();
      const blockedMs = blockedUntilMs - now().getTime();
      if (blockedMs > 0) {
        log?.info({ path, waitMs: blockedMs }, 'X rate-limit window used up; waiting for its reset');
        telemetry.rateLimitWait('x', blockedMs);
        await sleep(blockedMs, signal);
      }
      await opts.limiter?.acquire(kind, signal);
      let outcome: Failure;
      try {
        const res = await api.get<unknown>(path, query, { prefix, fullResponse: true, timeout: opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS });
        telemetry.platformRequest('x', path, 200);
        const limit = res.rateLimit;
        blockedUntilMs =
          limit && limit.remaining <= 0 && limit.reset * 1000 - now().getTime() < RATE_LIMIT_MAX_WAIT_MS ? limit.reset * 1000 + RATE_LIMIT_MARGIN_MS : 0;
        return parseXResponse(res.data, `GET ${path}`);
      } catch (err) {
        telemetry.platformRequest('x', path, requestResult(err));
        outcome = classify(err, path, opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
      }
      if (outcome.kind === 'rate-limit') {
        rateLimitWaits += 1;
        if (rateLimitWaits > MAX_RATE_LIMIT_WAITS) throw new Error(`X kept answering HTTP 429 to GET ${path} after ${MAX_RATE_LIMIT_WAITS} waits`);
        const waitMs = rateLimitWait(outcome.resetMs, now().getTime(), path);
        log?.warn({ path, waitMs, resetAt: outcome.resetMs && new Date(outcome.resetMs).toISOString() }, 'X rate limit reached; waiting for the reset');
        telemetry.rateLimitWait('x', waitMs);
        if (waitMs > 0) await sleep(waitMs, signal);
        continue;
      }
      failures += 1;
      if (failures > X_MAX_RETRIES) throw new Error(`X request GET ${path} failed after ${X_MAX_RETRIES} retries: ${outcome.reason}`);
      const waitMs = backoff(failures, random);
      log?.warn({ path, attempt: failures, waitMs, reason: outcome.reason }, 'X request failed; retrying');
      await sleep(waitMs, signal);
    }
  }

  return {
    searchRecent: (params, signal) => get('x:search', 'tweets/search/recent', { ...params, ...X_FIELD_PARAMS }, signal ?? opts.signal),
    lookupTweets: (ids, signal) => {
      if (ids.length === 0 || ids.length > 100) throw new RangeError(`X looks up 1 to 100 tweets at a time, not ${ids.length}`);
      return get('x:lookup', 'tweets', { ids: ids.join(','), ...X_FIELD_PARAMS }, signal ?? opts.signal);
    },
  };
}

function rateLimitWait(resetMs: number | undefined, nowMs: number, path: string): number {
  if (resetMs === undefined) return RATE_LIMIT_FALLBACK_MS;
  const waitMs = resetMs + RATE_LIMIT_MARGIN_MS - nowMs;
  if (waitMs > RATE_LIMIT_MAX_WAIT_MS) {
    throw new Error(`X usage limit reached for GET ${path}: no request is allowed before ${new Date(resetMs).toISOString()}`);
  }
  return Math.max(0, waitMs);
}

/**
 * Why a request failed on the network. twitter-api-v2 (1.29) stores the cause as `error` but its
 * `requestError` getter reads another key, so it is always undefined: read both.
 */
function causeOf(err: ApiRequestError): string {
  const options: unknown = Reflect.get(err, '_options');
  const cause: unknown = err.requestError ?? (typeof options === 'object' && options !== null ? Reflect.get(options, 'error') : undefined);
  return cause instanceof Error ? cause.message : err.message;
}

/** What a failed request counts as in kk_platform_requests_total: its HTTP status, or why there was none. */
function requestResult(err: unknown): string | number {
  if (err instanceof ApiResponseError) return err.code;
  if (err instanceof ApiPartialResponseError) return err.response.statusCode ?? 'partial';
  if (err instanceof ApiRequestError) return /timeout/i.test(causeOf(err)) ? 'timeout' : 'network';
  return 'error';
}

/** Decides what a failed request means: wait, retry, or a thrown error a person can act on. */
function classify(err: unknown, path: string, timeoutMs: number): Failure {
  if (err instanceof ApiResponseError) {
    if (err.code === 401 || err.code === 403) {
      throw new SourceAuthError('x', `The X token was refused (HTTP ${err.code}): check X_BEARER_TOKEN`);
    }
    if (err.code === 429) return { kind: 'rate-limit', resetMs: resetOf(err) };
    if (err.code >= 500) return { kind: 'retry', reason: `HTTP ${err.code}` };
    throw new Error(`X rejected GET ${path} (HTTP ${err.code}): ${describe(err)}`);
  }
  if (err instanceof ApiPartialResponseError) {
    const status = err.response.statusCode ?? 0;
    // A body cut short, or garbage from a failing server, is worth another try; a complete
    // 2xx/4xx body that is not JSON will not get better.
    if (status >= 500 || !(err.responseError instanceof SyntaxError)) return { kind: 'retry', reason: err.message };
    throw new Error(`X returned a malformed response to GET ${path} (HTTP ${status}): the body is not valid JSON: ${snippet(err.rawContent)}`);
  }
  if (err instanceof ApiRequestError) {
    // A platform that hangs: say how long we waited, not the library's "Request timeout."
    if (/timeout/i.test(causeOf(err))) return { kind: 'retry', reason: `no answer within ${timeoutMs / 1000} s` };
    return { kind: 'retry', reason: `network error: ${causeOf(err)}` };
  }
  throw err;
}

function resetOf(err: ApiResponseError): number | undefined {
  const header = err.headers['x-rate-limit-reset'];
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

function describe(err: ApiResponseError): string {
  const details = (err.data.errors ?? []).map((e) => ('message' in e ? e.message : '')).filter((m) => m !== '');
  return details.length > 0 ? details.join('; ') : (err.data.detail ?? err.data.title ?? 'no detail given');
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 80)}…` : flat);
}
