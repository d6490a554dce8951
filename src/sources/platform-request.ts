import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { telemetry } from '../observability/telemetry.js';
import { backoff } from './backoff.js';

/**
 * The one retry loop every platform client sends through: it waits out rate-limit windows, retries
 * 5xx answers, timeouts and network failures with backoff, and gives up within the limits below.
 * A client only says how to send one request and what an answer means (`Answer`).
 */

/** The limits of every platform's loop, declared once. */
export const RETRY_LIMITS = Object.freeze({
  /** Retries of a 5xx, a timeout or a network failure before the run gives up (the next run resumes). */
  maxRetries: 5,
  /** 429s in a row for one request before the run gives up. */
  maxRateLimitWaits: 10,
  /**
   * A reset further away than this is a usage cap (X's monthly cap, Bluesky's 300 sign-ins a day),
   * not a window: the run fails saying until when, rather than hang. The longest window of the
   * platforms we read is 15 minutes.
   */
  maxResetWaitMs: 16 * 60_000,
  /** Resets come in whole seconds from a clock that is not ours: wait a little past them. */
  resetMarginMs: 1_000,
  /** A 429 that gives neither a reset nor its window's length: wait one usual window (Mastodon's and Bluesky's are 5 minutes). */
  fallbackWaitMs: 5 * 60_000,
});

/** What a response said about the platform's request window; each field only when it said it. */
export interface RateWindow {
  remaining?: number;
  /** When the window resets, ms since the epoch. */
  resetAtMs?: number;
  /** How long the platform's window is, for a 429 that gives no reset. */
  lengthMs?: number;
}

/**
 * What a client makes of one answer: `status` is the HTTP status, or why there was none
 * (`timeout`, `network`), for kk_platform_requests_total.
 */
export type Answer<T> =
  | { kind: 'ok'; status: number | string; value: T; window?: RateWindow }
  /** HTTP 429: wait for the window's reset and send the same request again. */
  | { kind: 'rate-limited'; status: number | string; window?: RateWindow }
  /** A 5xx, a timeout, a dropped connection: worth another try after a backoff. */
  | { kind: 'retry'; status: number | string; reason: string; window?: RateWindow }
  /** Another try will not help: the error says what a person can do (SourceAuthError for credentials). */
  | { kind: 'fail'; status: number | string; error: Error; window?: RateWindow };

export interface PlatformRequest<T> {
  /** Names the request in errors and logs: `X request GET tweets/search/recent`. */
  what: string;
  /** The `endpoint` label of kk_platform_requests_total. */
  endpoint: string;
  /**
   * Sends the request once and classifies the answer. It throws only when `signal` aborts (or on a
   * bug); every answer of the platform, good or bad, is an `Answer`. Here is where a per-request
   * check of the outbound address or a cap on the response size belongs (see platform-fetch.ts).
   */
  attempt(signal: AbortSignal | undefined): Promise<Answer<T>>;
  /** The caller's signal (a cancelled job): honoured before every send and during every wait. */
  signal?: AbortSignal;
}

export interface PlatformClock {
  now(): number;
  /** Rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
  /** For the backoff jitter. */
  random(): number;
}

/**
 * What one client keeps between its requests: the platform it speaks for, its clock, and the time
 * before which no request may go out because the platform said its window is used up. Every
 * request of the client honours that, since headers do not say whether a limit is the endpoint's
 * or the account's, and guessing wrong would spend a request on a certain 429.
 */
export interface PlatformLink {
  /** `x`, `mastodon`, `bluesky`: the `platform` label of the telemetry. */
  readonly platform: string;
  /** How log lines name it: `X`, `Mastodon`, `Bluesky`. */
  readonly name: string;
  readonly log: Logger | undefined;
  readonly clock: PlatformClock;
  blockedUntilMs: number;
  /**
   * The longest rate-limit wait a run sits through; a longer one ends the run with a
   * RateLimitWaitError, so the job can be rescheduled for the reset instead of holding its runner.
   */
  readonly maxWaitMs: number;
}

/** A link with the real clock unless tests pin `now`, `sleep` or `random` (no real waiting in tests). */
export function platformLink(
  platform: string,
  name: string,
  opts: { log?: Logger; now?: () => Date; sleep?: (ms: number) => Promise<void>; random?: () => number; maxWaitMs?: number } = {},
): PlatformLink {
  const { now, sleep, random } = opts;
  return {
    platform,
    name,
    log: opts.log,
    clock: {
      now: now ? () => now().getTime() : Date.now,
      sleep: sleep ? (ms) => sleep(ms) : realSleep,
      random: random ?? Math.random,
    },
    blockedUntilMs: 0,
    maxWaitMs: opts.maxWaitMs ?? RETRY_LIMITS.maxResetWaitMs,
  };
}

async function realSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : {});
  } catch (err) {
    // The job's own reason ("job cancelled"), not the timer's AbortError.
    signal?.throwIfAborted();
    throw err;
  }
}

/** The platform allows no request before `until`, further away than a run waits. */
export class RateLimitError extends Error {
  constructor(
    what: string,
    readonly until: Date,
  ) {
    super(`${what} is rate-limited until ${until.toISOString()}: that is a usage cap, not a window; the next run tries again`);
    this.name = 'RateLimitError';
  }
}

/** The platform's window resets at `until`, later than a run waits: the collection continues then, in a job of its own. */
export class RateLimitWaitError extends Error {
  constructor(
    what: string,
    readonly until: Date,
  ) {
    super(`${what} is rate-limited: waiting until ${until.toISOString()}, when the collection continues.`);
    this.name = 'RateLimitWaitError';
  }
}

/** Sends `request` until the platform answers it, waiting and retrying within RETRY_LIMITS. */
export async function requestWithRetries<T>(link: PlatformLink, request: PlatformRequest<T>): Promise<T> {
  const { clock, log } = link;
  const { signal, what } = request;
  let failures = 0;
  let rateLimitWaits = 0;
  for (;;) {
    signal?.throwIfAborted();
    await waitForWindow(link, request);
    const answer = await request.attempt(signal);
    telemetry.platformRequest(link.platform, request.endpoint, answer.status);
    const nowMs = clock.now();
    if (answer.kind !== 'rate-limited') noteWindow(link, answer.window, nowMs);
    switch (answer.kind) {
      case 'ok':
        return answer.value;
      case 'fail':
        throw answer.error;
      case 'rate-limited': {
        rateLimitWaits += 1;
        if (rateLimitWaits > RETRY_LIMITS.maxRateLimitWaits) throw new Error(`${what} kept answering HTTP 429 after ${RETRY_LIMITS.maxRateLimitWaits} waits`);
        const untilMs = rateLimitedUntil(answer.window, nowMs, what);
        if (untilMs - nowMs > link.maxWaitMs) throw new RateLimitWaitError(what, new Date(untilMs));
        log?.warn({ what, waitMs: untilMs - nowMs, resetAt: new Date(untilMs).toISOString() }, `${link.name} rate limit reached; waiting for the reset`);
        // Through the link, so that no other request of this client goes out before it either.
        link.blockedUntilMs = Math.max(link.blockedUntilMs, untilMs);
        break;
      }
      case 'retry': {
        failures += 1;
        if (failures > RETRY_LIMITS.maxRetries) throw new Error(`${what} failed after ${RETRY_LIMITS.maxRetries} retries: ${answer.reason}`);
        const waitMs = backoff(failures, clock.random);
        log?.warn({ what, attempt: failures, waitMs, reason: answer.reason }, `${link.name} request failed; retrying`);
        await pause(link, waitMs, signal);
        break;
      }
    }
  }
}

/**
 * Waits until the window the platform said was used up has reset. This and `pause` are the only
 * places a run sleeps: an overall time budget per run would end the run here ("waiting until …")
 * instead of sleeping.
 */
async function waitForWindow(link: PlatformLink, request: PlatformRequest<unknown>): Promise<void> {
  const waitMs = link.blockedUntilMs - link.clock.now();
  if (waitMs <= 0) return;
  if (waitMs > link.maxWaitMs) throw new RateLimitWaitError(request.what, new Date(link.blockedUntilMs));
  link.log?.info({ what: request.what, waitMs }, `${link.name} rate-limit window used up; waiting for its reset`);
  telemetry.rateLimitWait(link.platform, waitMs);
  await pause(link, waitMs, request.signal);
}

async function pause(link: PlatformLink, ms: number, signal: AbortSignal | undefined): Promise<void> {
  await link.clock.sleep(ms, signal);
  // An injected sleep may not know the signal: a job cancelled meanwhile stops here.
  signal?.throwIfAborted();
}

/**
 * A response that used the window up (remaining 0) with a near reset: the next request waits for
 * the reset rather than provoke a 429. A far reset is a usage cap, reported by the 429 that follows.
 */
function noteWindow(link: PlatformLink, window: RateWindow | undefined, nowMs: number): void {
  if (window?.remaining === undefined || window.remaining > 0 || window.resetAtMs === undefined) return;
  const untilMs = window.resetAtMs + RETRY_LIMITS.resetMarginMs;
  if (untilMs - nowMs <= RETRY_LIMITS.maxResetWaitMs) link.blockedUntilMs = Math.max(link.blockedUntilMs, untilMs);
}

/** When to send again after a 429; throws RateLimitError when that is further than a run waits. */
function rateLimitedUntil(window: RateWindow | undefined, nowMs: number, what: string): number {
  if (window?.resetAtMs === undefined) return nowMs + (window?.lengthMs ?? RETRY_LIMITS.fallbackWaitMs);
  // A reset already past means our clock runs ahead of the platform's: still leave it the margin.
  const untilMs = Math.max(window.resetAtMs, nowMs) + RETRY_LIMITS.resetMarginMs;
  if (untilMs - nowMs > RETRY_LIMITS.maxResetWaitMs) throw new RateLimitError(what, new Date(window.resetAtMs));
  return untilMs;
}
