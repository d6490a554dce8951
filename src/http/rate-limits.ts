import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors.js';

/**
 * Limits on guessing and on heavy use of one credential. Counted per API process (memory): with
 * several API replicas each keeps its own count, which loosens the limits by that factor and no
 * more.
 */
export interface RateLimitSettings {
  /** Sign-in attempts per client address in `windowSeconds`. */
  signInPerAddress: number;
  /** Failed sign-ins per e-mail address in `windowSeconds`. */
  signInFailuresPerEmail: number;
  /** Requests with a credential that does not check out, per client address in `windowSeconds`. */
  badCredentialsPerAddress: number;
  windowSeconds: number;
  /** Requests per minute with one API token or share link. */
  perCredentialPerMinute: number;
}

const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  signInPerAddress: 60,
  signInFailuresPerEmail: 10,
  badCredentialsPerAddress: 300,
  windowSeconds: 900,
  perCredentialPerMinute: 1200,
};

const tooMany = (seconds: number) => {
  const e = new AppError(429, 'rate_limited', `Too many attempts; try again in ${Math.max(1, Math.ceil(seconds))} seconds.`);
  return Object.assign(e, { retryAfter: Math.max(1, Math.ceil(seconds)) });
};

export function createRateLimits(s: RateLimitSettings = DEFAULT_RATE_LIMITS) {
  const signIn = new RateLimiterMemory({ keyPrefix: 'sign-in', points: s.signInPerAddress, duration: s.windowSeconds });
  const signInFailures = new RateLimiterMemory({ keyPrefix: 'sign-in-fail', points: s.signInFailuresPerEmail, duration: s.windowSeconds });
  const badCredentials = new RateLimiterMemory({ keyPrefix: 'bad-credential', points: s.badCredentialsPerAddress, duration: s.windowSeconds });
  const perCredential = new RateLimiterMemory({ keyPrefix: 'credential', points: s.perCredentialPerMinute, duration: 60 });

  /** Consumes a point; a limiter with none left becomes a 429 carrying Retry-After. */
  const take = async (limiter: RateLimiterMemory, key: string) => {
    try {
      await limiter.consume(key);
    } catch (res) {
      if (res instanceof RateLimiterRes) throw tooMany(res.msBeforeNext / 1000);
      throw res;
    }
  };
  /** Refuses while the key has used up its points, without using one. */
  const refuseIfSpent = async (limiter: RateLimiterMemory, points: number, key: string) => {
    const res = await limiter.get(key);
    if (res && res.consumedPoints >= points) throw tooMany(res.msBeforeNext / 1000);
  };

  return {
    signInAttempt: (address: string, email: string) => Promise.all([take(signIn, address), refuseIfSpent(signInFailures, s.signInFailuresPerEmail, email)]),
    signInFailed: (email: string) => signInFailures.penalty(email).then(() => undefined),
    signInSucceeded: (email: string) => signInFailures.delete(email).then(() => undefined),
    /** Counts a credential that did not check out; past the limit, the 401 becomes a 429. */
    badCredential: (address: string) => take(badCredentials, address),
    credentialUse: (key: string) => take(perCredential, key),
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;
