import type { Redis } from 'ioredis';
import { setTimeout as delay } from 'node:timers/promises';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Keeps a platform's request window across every campaign — and, on Redis, across every worker
 * process — so the app's quota (X: 450 recent searches per 15 minutes) is shared, not multiplied.
 */
export interface RequestLimiter {
  /** Resolves when one more request of this kind may be sent; waits for the window otherwise. */
  acquire(kind: string, signal?: AbortSignal): Promise<void>;
}

export interface WindowLimit {
  requests: number;
  windowSeconds: number;
}

/** X API v2 app-auth limits (developer.x.com rate limits): per 15 minutes. */
export const X_LIMITS: Readonly<Record<string, WindowLimit>> = Object.freeze({
  'x:search': { requests: 450, windowSeconds: 900 },
  'x:lookup': { requests: 3_500, windowSeconds: 900 },
});

export function createRequestLimiter(opts: { limits: Readonly<Record<string, WindowLimit>>; redis?: Redis; keyPrefix: string }): RequestLimiter {
  const limiters = new Map<string, RateLimiterAbstract>();
  for (const [kind, limit] of Object.entries(opts.limits)) {
    const common = { keyPrefix: `${opts.keyPrefix}:limit:${kind}`, points: limit.requests, duration: limit.windowSeconds };
    limiters.set(kind, opts.redis ? new RateLimiterRedis({ ...common, storeClient: opts.redis }) : new RateLimiterMemory(common));
  }
  return {
    async acquire(kind, signal) {
      const limiter = limiters.get(kind);
      if (!limiter) throw new Error(`no request limit declared for ${kind}`);
      for (;;) {
        signal?.throwIfAborted();
        try {
          await limiter.consume('app');
          return;
        } catch (res) {
          // A rejection is either "over the limit" (wait and try again) or a store error.
          if (!(res instanceof RateLimiterRes)) throw res;
          await delay(Math.max(1, res.msBeforeNext), undefined, signal ? { signal } : {});
        }
      }
    },
  };
}
