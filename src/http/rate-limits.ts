import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors.js';

/**
 * Limits on guessing and on heavy use of one credential. Counted per API process (memory): with
 * several API replicas each keeps its own count, which loosens the limits by that factor and no
 * more.
 *
 * Password guesses (sign-in, and the current password of POST /me/password) are never refused by
 * account alone: that would let anyone lock the owner out from anywhere. They are refused per
 * account *and* address, per address, and slowed down per account (a delay that grows with the
 * account's failures from every address, capped), so the owner signing in from their own address
 * still gets in, only later.
 */
export interface RateLimitSettings {
  /** Sign-in attempts per client address in `windowSeconds`. */
  signInPerAddress: number;
  /** Failed password checks of one account from one address in `windowSeconds`; then that address is refused for that account. */
  signInFailuresPerEmail: number;
  /** Requests with a credential that does not check out, per client address in `windowSeconds`. */
  badCredentialsPerAddress: number;
  windowSeconds: number;
  /** Requests per minute with one API token or share link. */
  perCredentialPerMinute: number;
  /** Failed password checks from one address, any account, in `windowSeconds` (default 100). */
  signInFailuresPerAddress?: number;
  /** Failures of one account (every address) answered without delay; each further one doubles the delay (default 5). */
  accountFailuresBeforeDelay?: number;
  /** The longest delay before checking a password of an account under attack, in milliseconds (default 10,000). */
  accountDelayMaxMs?: number;
}

const DEFAULT_RATE_LIMITS: Required<RateLimitSettings> = {
  signInPerAddress: 60,
  signInFailuresPerEmail: 10,
  badCredentialsPerAddress: 300,
  windowSeconds: 900,
  perCredentialPerMinute: 1200,
  signInFailuresPerAddress: 100,
  accountFailuresBeforeDelay: 5,
  accountDelayMaxMs: 10_000,
};

/** The first delay once an account has used its free failures; it doubles with each further one. */
const FIRST_DELAY_MS = 250;

const tooMany = (seconds: number) => {
  const e = new AppError(429, 'rate_limited', `Too many attempts; try again in ${Math.max(1, Math.ceil(seconds))} seconds.`);
  return Object.assign(e, { retryAfter: Math.max(1, Math.ceil(seconds)) });
};

export function createRateLimits(settings: RateLimitSettings = DEFAULT_RATE_LIMITS) {
  const s: Required<RateLimitSettings> = { ...DEFAULT_RATE_LIMITS, ...settings };
  const signIn = new RateLimiterMemory({ keyPrefix: 'sign-in', points: s.signInPerAddress, duration: s.windowSeconds });
  const pairFailures = new RateLimiterMemory({ keyPrefix: 'pw-fail-pair', points: s.signInFailuresPerEmail, duration: s.windowSeconds });
  const addressFailures = new RateLimiterMemory({ keyPrefix: 'pw-fail-address', points: s.signInFailuresPerAddress, duration: s.windowSeconds });
  const accountFailures = new RateLimiterMemory({ keyPrefix: 'pw-fail-account', points: Number.MAX_SAFE_INTEGER, duration: s.windowSeconds });
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
  const pair = (address: string, email: string) => `${email}\n${address}`;

  /**
   * Before a password is checked: refused (429) once this address has failed too often, for this
   * account or for any; then held back as long as the account's failures say. The slow hash runs
   * only after this, so a flood that is refused costs no hashing.
   */
  async function passwordCheck(address: string, email: string): Promise<void> {
    await Promise.all([
      refuseIfSpent(pairFailures, s.signInFailuresPerEmail, pair(address, email)),
      refuseIfSpent(addressFailures, s.signInFailuresPerAddress, address),
    ]);
    const over = ((await accountFailures.get(email))?.consumedPoints ?? 0) - s.accountFailuresBeforeDelay;
    if (over > 0) await sleep(Math.min(s.accountDelayMaxMs, FIRST_DELAY_MS * 2 ** Math.min(over - 1, 30)));
  }

  return {
    /** A sign-in: counts the attempt per address, then as passwordCheck. */
    signInAttempt: async (address: string, email: string) => {
      await take(signIn, address);
      await passwordCheck(address, email);
    },
    passwordCheck,
    /** A wrong password (or an unknown address) for this account from this address. */
    signInFailed: async (address: string, email: string) => {
      await Promise.all([pairFailures.penalty(pair(address, email)), addressFailures.penalty(address), accountFailures.penalty(email)]);
    },
    /** The right password clears this address's failures for the account; the account's delay wears off with the window. */
    signInSucceeded: (address: string, email: string) => pairFailures.delete(pair(address, email)).then(() => undefined),
    /** Counts a credential that did not check out; past the limit, the 401 becomes a 429. */
    badCredential: (address: string) => take(badCredentials, address),
    credentialUse: (key: string) => take(perCredential, key),
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;
