import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRequestLimiter } from '../../src/sources/request-limiter.js';
import { REDIS_URL, uniquePrefix } from '../helpers/queues.js';

const redis = new Redis(REDIS_URL);
afterAll(async () => {
  await redis.quit();
});

/** The shared window is a correctness property: no request may go out beyond it, whoever sends it. */
describe.each(['memory', 'redis'])('request limiter (%s)', (kind) => {
  it('lets the window through at once and holds the rest until it rolls over, across limiter instances', async () => {
    const prefix = uniquePrefix('limit');
    const limits = { 'x:search': { requests: 3, windowSeconds: 1 } };
    // Two instances stand for two worker processes; in memory they cannot share, so one is used.
    const a = createRequestLimiter({ limits, keyPrefix: prefix, redis: kind === 'redis' ? redis : undefined });
    const b = kind === 'redis' ? createRequestLimiter({ limits, keyPrefix: prefix, redis }) : a;
    const times: number[] = [];
    const start = Date.now();
    await Promise.all(
      [a, b, a, b, a].map(async (l) => {
        await l.acquire('x:search');
        times.push(Date.now() - start);
      }),
    );
    times.sort((x, y) => x - y);
    // Never four within one window: the fourth waits until the first window has passed.
    expect(times).toHaveLength(5);
    expect(times[3]! - times[0]!).toBeGreaterThanOrEqual(950);
    if (kind === 'redis') {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
    }
  });

  it('refuses a kind of request it has no window for', async () => {
    const l = createRequestLimiter({ limits: {}, keyPrefix: uniquePrefix('limit'), redis: kind === 'redis' ? redis : undefined });
    await expect(l.acquire('x:search')).rejects.toThrow(/no request limit declared for x:search/);
  });
});
