import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { telemetry } from '../../observability/telemetry.js';
import type { XrpcErrorBody } from './bluesky.types.js';
import { backoff } from '../backoff.js';

/**
 * One XRPC request over fetch with what every Bluesky call needs: a per-request timeout, retries
 * of 5xx and network failures with backoff, waits for rate-limit resets, and a clear error for a
 * 4xx or a body that is not JSON. Sessions and tokens are the caller's business (bluesky.client).
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

/** Retries of a 5xx, a timeout or a network failure before the run gives up (the next run resumes). */
const XRPC_MAX_RETRIES = 5;
/** The server floors RateLimit-Reset to the second, so the window may end up to 1 s after it. */
const RATE_LIMIT_MARGIN_MS = 1_000;
/** Without a reset header, wait one window of the policy, or Bluesky's usual 5 minutes. */
const RATE_LIMIT_FALLBACK_MS = 5 * 60_000;
/** A reset further away than this is a daily cap (sign-ins: 300 a day), not a window: fail the run. */
const RATE_LIMIT_MAX_WAIT_MS = 10 * 60_000;
const MAX_RATE_LIMIT_WAITS = 10;

type Failure = { kind: 'retry'; reason: string } | { kind: 'rate-limit'; resetMs: number | undefined; windowMs: number | undefined };

/**
 * Builds the sender. It remembers a window the server said was used up, for every method: the
 * headers do not say whether a limit is the method's or the account's, and guessing wrong would
 * spend a request on a certain 429.
 */
export function createXrpcSender(opts: XrpcOptions): XrpcSend {
  const base = opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`;
  const log = opts.logger;
  const random = opts.random ?? Math.random;
  const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> => (opts.sleep ? opts.sleep(ms) : delay(ms, undefined, signal ? { signal } : {}));
  let blockedUntilMs = 0;

  async function attempt(call: XrpcCall, what: string, signal: AbortSignal | undefined): Promise<{ body: unknown } | Failure> {
    const url = new URL(call.nsid, base);
    if (call.params) url.search = call.params.toString();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (call.token !== undefined) headers.authorization = `Bearer ${call.token}`;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(opts.timeoutMs);
    let status: number;
    let text: string;
    let resHeaders: Headers;
    try {
      const res = await fetch(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? null : JSON.stringify(call.body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      text = await res.text();
      status = res.status;
      resHeaders = res.headers;
    } catch (err) {
      signal?.throwIfAborted();
      if (timeout.aborted) return { kind: 'retry', reason: `no answer within ${opts.timeoutMs} ms` };
      return { kind: 'retry', reason: `network error: ${describeNetworkError(err)}` };
    }
    const limit = rateLimitOf(resHeaders);
    if (status === 429) return { kind: 'rate-limit', resetMs: limit.resetMs, windowMs: limit.windowMs };
    if (limit.remaining !== undefined && limit.remaining <= 0 && limit.resetMs !== undefined) {
      const until = limit.resetMs + RATE_LIMIT_MARGIN_MS;
      // A far reset is a daily cap; the 429 that follows reports it (rateLimitWait).
      if (until - opts.now().getTime() <= RATE_LIMIT_MAX_WAIT_MS) blockedUntilMs = Math.max(blockedUntilMs, until);
    }
    if (status >= 500) return { kind: 'retry', reason: `HTTP ${status}` };
    if (status >= 200 && status < 300) return { body: parseJson(text, what, status) };
    throw errorOf(status, text, what);
  }

  return async (call, signal) => {
    const what = `${call.method} ${call.nsid}`;
    let failures = 0;
    let rateLimitWaits = 0;
    for (;;) {
      signal?.throwIfAborted();
      const blockedMs = blockedUntilMs - opts.now().getTime();
      if (blockedMs > 0) {
        log?.info({ nsid: call.nsid, waitMs: blockedMs }, 'Bluesky rate-limit window used up; waiting for its reset');
        telemetry.rateLimitWait('bluesky', blockedMs);
        await sleep(blockedMs, signal);
      }
      const outcome = await attempt(call, what, signal).catch((err: unknown) => {
        // A 4xx or a body that is not JSON: counted, then reported to the run.
        telemetry.platformRequest('bluesky', call.nsid, 'error');
        throw err;
      });
      telemetry.platformRequest('bluesky', call.nsid, 'body' in outcome ? 200 : outcome.kind === 'rate-limit' ? 429 : 'retry');
      if ('body' in outcome) return outcome.body;
      if (outcome.kind === 'rate-limit') {
        rateLimitWaits += 1;
        if (rateLimitWaits > MAX_RATE_LIMIT_WAITS) throw new Error(`Bluesky kept answering HTTP 429 to ${what} after ${MAX_RATE_LIMIT_WAITS} waits`);
        const nowMs = opts.now().getTime();
        const waitMs = rateLimitWait(outcome, nowMs, what);
        log?.warn(
          { nsid: call.nsid, waitMs, resetAt: outcome.resetMs && new Date(outcome.resetMs).toISOString() },
          'Bluesky rate limit reached; waiting for the reset',
        );
        telemetry.rateLimitWait('bluesky', waitMs);
        // Through blockedUntilMs, so that no other call goes out before the reset either.
        blockedUntilMs = Math.max(blockedUntilMs, nowMs + waitMs);
        continue;
      }
      failures += 1;
      if (failures > XRPC_MAX_RETRIES) throw new Error(`Bluesky request ${what} failed after ${XRPC_MAX_RETRIES} retries: ${outcome.reason}`);
      const waitMs = backoff(failures, random);
      log?.warn({ nsid: call.nsid, attempt: failures, waitMs, reason: outcome.reason }, 'Bluesky request failed; retrying');
      await sleep(waitMs, signal);
    }
  };
}

function rateLimitWait(failure: Extract<Failure, { kind: 'rate-limit' }>, nowMs: number, what: string): number {
  if (failure.resetMs === undefined) return failure.windowMs ?? RATE_LIMIT_FALLBACK_MS;
  const waitMs = failure.resetMs + RATE_LIMIT_MARGIN_MS - nowMs;
  if (waitMs > RATE_LIMIT_MAX_WAIT_MS) {
    throw new Error(`Bluesky rate limit reached for ${what}: no request is allowed before ${new Date(failure.resetMs).toISOString()}`);
  }
  return Math.max(0, waitMs);
}

/** `RateLimit-Reset` is in epoch seconds; `RateLimit-Policy` reads like `3000;w=300`. */
function rateLimitOf(headers: Headers): { remaining?: number; resetMs?: number; windowMs?: number } {
  const num = (name: string): number | undefined => {
    const raw = headers.get(name);
    const value = raw === null || raw.trim() === '' ? NaN : Number(raw);
    return Number.isFinite(value) ? value : undefined;
  };
  const reset = num('ratelimit-reset');
  const window = /;\s*w=(\d+)/.exec(headers.get('ratelimit-policy') ?? '')?.[1];
  return {
    remaining: num('ratelimit-remaining'),
    resetMs: reset !== undefined && reset > 0 ? reset * 1000 : undefined,
    windowMs: window === undefined ? undefined : Number(window) * 1000,
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

function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 80)}…` : flat);
}
