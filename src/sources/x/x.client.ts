import type { Logger } from 'pino';
import { ApiPartialResponseError, ApiRequestError, ApiResponseError, TwitterApi } from 'twitter-api-v2';
import { cappedAgent, ResponseTooLargeError, snippet } from '../platform-fetch.js';
import { platformLink, requestWithRetries, type Answer } from '../platform-request.js';
import type { RequestLimiter } from '../request-limiter.js';
import { SourceAuthError } from '../source.port.js';
import { parseXResponse } from './x.response.js';
import type { XSearchResponse } from './x.types.js';

/** The fields and expansions every read asks for: exactly what `mapXResponse` uses. */
const X_FIELD_PARAMS: Readonly<Record<string, string>> = Object.freeze({
  expansions: 'author_id,geo.place_id,in_reply_to_user_id,referenced_tweets.id,referenced_tweets.id.author_id',
  'tweet.fields': 'created_at,public_metrics,entities,geo,lang,conversation_id,referenced_tweets,in_reply_to_user_id',
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
  /** The largest answer read (platform-fetch.ts MAX_RESPONSE_BYTES by default). */
  maxResponseBytes?: number;
}

/** The X API v2 reads this service makes, with retries and rate-limit waits built in. */
export interface XClient {
  /** One page of `GET tweets/search/recent`; the field parameters are added. */
  searchRecent(params: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<XSearchResponse>;
  /** `GET tweets?ids=` for at most 100 ids, to re-read counts; the field parameters are added. */
  lookupTweets(ids: readonly string[], signal?: AbortSignal): Promise<XSearchResponse>;
}

const REQUEST_TIMEOUT_MS = 30_000;
/** X's rate-limit windows are 15 minutes: a 429 without a reset waits one. */
const X_WINDOW_MS = 15 * 60_000;

/**
 * Builds the client on twitter-api-v2. Every request goes to `baseUrl` through the library's
 * per-request `prefix`, through an agent that stops reading an answer past MAX_RESPONSE_BYTES (the
 * library reads bodies itself; for a plain-http base, a local fake, it must be an http agent
 * anyway, because the library sends through `https.request`). Answers come uncompressed, so the
 * cap counts the bytes the library will hold.
 */
export function createXClient(opts: XClientOptions): XClient {
  const prefix = opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`;
  const base = new URL(prefix);
  const httpAgent = cappedAgent(base.protocol === 'http:' ? 'http:' : 'https:', base.origin, opts.maxResponseBytes);
  const api = new TwitterApi(opts.bearerToken, { httpAgent }).readOnly.v2;
  const link = platformLink('x', 'X', { log: opts.logger?.child({ module: 'x.client' }), now: opts.now, sleep: opts.sleep, random: opts.random });
  const timeoutMs = opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;

  async function get(kind: 'x:search' | 'x:lookup', path: string, query: Record<string, string>, signal: AbortSignal | undefined): Promise<XSearchResponse> {
    const body = await requestWithRetries<unknown>(link, {
      what: `X request GET ${path}`,
      endpoint: path,
      signal,
      attempt: async (signal) => {
        await opts.limiter?.acquire(kind, signal);
        try {
          const res = await api.get<unknown>(path, query, { prefix, fullResponse: true, timeout: timeoutMs, compression: false });
          const limit = res.rateLimit;
          return { kind: 'ok', status: 200, value: res.data, window: limit && { remaining: limit.remaining, resetAtMs: limit.reset * 1000 } };
        } catch (err) {
          return classify(err, path, timeoutMs);
        }
      },
    });
    return parseXResponse(body, `GET ${path}`);
  }

  return {
    searchRecent: (params, signal) => get('x:search', 'tweets/search/recent', { ...params, ...X_FIELD_PARAMS }, signal ?? opts.signal),
    lookupTweets: (ids, signal) => {
      if (ids.length === 0 || ids.length > 100) throw new RangeError(`X looks up 1 to 100 tweets at a time, not ${ids.length}`);
      return get('x:lookup', 'tweets', { ids: ids.join(','), ...X_FIELD_PARAMS }, signal ?? opts.signal);
    },
  };
}

/**
 * Why a request failed on the network. twitter-api-v2 (1.29) stores the cause as `error` but its
 * `requestError` getter reads another key, so it is always undefined: read both.
 */
function causeOf(err: ApiRequestError): string {
  const cause = causeError(err);
  return cause instanceof Error ? cause.message : err.message;
}

function causeError(err: ApiRequestError): unknown {
  const options: unknown = Reflect.get(err, '_options');
  return err.requestError ?? (typeof options === 'object' && options !== null ? Reflect.get(options, 'error') : undefined);
}

/** What a failed request means: wait, retry, or an error a person can act on. */
function classify(err: unknown, path: string, timeoutMs: number): Answer<never> {
  if (err instanceof ApiResponseError) {
    const status = err.code;
    if (status === 401 || status === 403) {
      return { kind: 'fail', status, error: new SourceAuthError('x', `The X token was refused (HTTP ${status}): check X_BEARER_TOKEN`) };
    }
    if (status === 429) return { kind: 'rate-limited', status, window: { resetAtMs: resetOf(err), lengthMs: X_WINDOW_MS } };
    if (status >= 500) return { kind: 'retry', status, reason: `HTTP ${status}` };
    return { kind: 'fail', status, error: new Error(`X rejected GET ${path} (HTTP ${status}): ${describe(err)}`) };
  }
  if (err instanceof ApiPartialResponseError) {
    const code = err.response.statusCode ?? 0;
    const status = err.response.statusCode ?? 'partial';
    // A body cut short, or garbage from a failing server, is worth another try; a complete
    // 2xx/4xx body that is not JSON will not get better.
    if (code >= 500 || !(err.responseError instanceof SyntaxError)) return { kind: 'retry', status, reason: err.message };
    const error = new Error(`X returned a malformed response to GET ${path} (HTTP ${code}): the body is not valid JSON: ${snippet(err.rawContent)}`);
    return { kind: 'fail', status, error };
  }
  if (err instanceof ApiRequestError) {
    const cause = causeError(err);
    // The agent stopped reading a too large answer: the same request would get it again.
    if (cause instanceof ResponseTooLargeError) return { kind: 'fail', status: 'too-large', error: cause };
    // A platform that hangs: say how long we waited, not the library's "Request timeout."
    if (/timeout/i.test(causeOf(err))) return { kind: 'retry', status: 'timeout', reason: `no answer within ${timeoutMs / 1000} s` };
    return { kind: 'retry', status: 'network', reason: `network error: ${causeOf(err)}` };
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
