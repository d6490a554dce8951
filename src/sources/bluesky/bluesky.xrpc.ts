import type { Logger } from 'pino';
import { fetchOnce, isNoAnswer, snippet, type FetchedResponse, type NoAnswer } from '../platform-fetch.js';
import { platformLink, requestWithRetries, type Answer, type RateWindow } from '../platform-request.js';
import type { XrpcErrorBody } from './bluesky.types.js';

/**
 * One XRPC request over fetch, sent through the platforms' retry loop (platform-request.ts), with
 * a clear error for a 4xx or a body that is not JSON. Sessions and tokens are the caller's
 * business (bluesky.client).
 */

interface XrpcCall {
  method: 'GET' | 'POST';
  /** The lexicon method id, such as `app.bsky.feed.searchPosts`. */
  nsid: string;
  params?: URLSearchParams;
  body?: unknown;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
}

export interface XrpcOptions {
  /** The XRPC root, such as `https://bsky.social/xrpc/`. */
  baseUrl: string;
  timeoutMs: number;
  logger?: Logger;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** For the backoff jitter; tests may pin it. */
  random?: () => number;
}

/** Sends one call and returns its parsed JSON body; throws XrpcError for a 4xx. */
export type XrpcSend = (call: XrpcCall, signal?: AbortSignal) => Promise<unknown>;

/** A 4xx answer, with the XRPC error name (`ExpiredToken`, `AuthenticationRequired`…) and message. */
export class XrpcError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly detail: string,
    readonly what: string,
  ) {
    super(`Bluesky rejected ${what} (HTTP ${status} ${error}): ${detail}`);
    this.name = 'XrpcError';
  }
}

/**
 * Builds the sender. Its calls share one link: a window the server said was used up holds back
 * every method, as the headers do not say whether a limit is the method's or the account's.
 */
export function createXrpcSender(opts: XrpcOptions): XrpcSend {
  const base = opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`;
  const link = platformLink('bluesky', 'Bluesky', { log: opts.logger, now: opts.now, sleep: opts.sleep, random: opts.random });

  return async (call, signal) => {
    const what = `${call.method} ${call.nsid}`;
    const url = new URL(call.nsid, base);
    if (call.params) url.search = call.params.toString();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (call.token !== undefined) headers.authorization = `Bearer ${call.token}`;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const res = await requestWithRetries(link, {
      what: `Bluesky request ${what}`,
      endpoint: call.nsid,
      signal,
      attempt: async (signal) => classify(await fetchOnce(url, { method: call.method, headers, body, timeoutMs: opts.timeoutMs, signal }), what),
    });
    return parseJson(res.text, what, res.status);
  };
}

/** What an XRPC answer means: its body, a wait, a retry, or an XrpcError for the client to read. */
function classify(res: FetchedResponse | NoAnswer, what: string): Answer<FetchedResponse> {
  if (isNoAnswer(res)) return { kind: 'retry', status: res.status, reason: res.reason };
  const { status } = res;
  const window = rateWindowOf(res.headers);
  if (status >= 200 && status < 300) return { kind: 'ok', status, value: res, window };
  if (status === 429) return { kind: 'rate-limited', status, window };
  if (status >= 500) return { kind: 'retry', status, reason: `HTTP ${status}`, window };
  return { kind: 'fail', status, error: errorOf(status, res.text, what), window };
}

/** `RateLimit-Reset` is in epoch seconds; `RateLimit-Policy` reads like `3000;w=300`. */
function rateWindowOf(headers: Headers): RateWindow {
  const num = (name: string): number | undefined => {
    const raw = headers.get(name);
    const value = raw === null || raw.trim() === '' ? NaN : Number(raw);
    return Number.isFinite(value) ? value : undefined;
  };
  const reset = num('ratelimit-reset');
  const window = /;\s*w=(\d+)/.exec(headers.get('ratelimit-policy') ?? '')?.[1];
  return {
    remaining: num('ratelimit-remaining'),
    resetAtMs: reset !== undefined && reset > 0 ? reset * 1000 : undefined,
    lengthMs: window === undefined ? undefined : Number(window) * 1000,
  };
}

function parseJson(text: string, what: string, status: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`Bluesky returned a malformed response to ${what} (HTTP ${status}): the body is not valid JSON: ${snippet(text)}`);
  }
}

function errorOf(status: number, text: string, what: string): XrpcError {
  let body: XrpcErrorBody | undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null) body = parsed as XrpcErrorBody;
  } catch {
    // A proxy's page rather than an XRPC error: report what it said.
  }
  const error = typeof body?.error === 'string' ? body.error : 'UnknownError';
  const detail = typeof body?.message === 'string' ? body.message : body ? 'no message given' : snippet(text);
  return new XrpcError(status, error, detail, what);
}
