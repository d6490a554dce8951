import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * BullMQ needs `maxRetriesPerRequest: null` so blocking commands wait through a Redis restart.
 * While Redis is away ioredis reconnects by itself; each failed attempt is logged (JSON, like
 * every line) instead of ioredis's "Unhandled error event" on the console.
 */
export function createRedis(url: string, log?: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
  let down = false;
  redis.on('error', (err: Error) => {
    // One warning per outage, not one per reconnection attempt.
    if (!down) log?.warn({ err: err.message }, 'Redis unreachable; reconnecting');
    down = true;
  });
  redis.on('ready', () => {
    if (down) log?.info('Redis reachable again');
    down = false;
  });
  return redis;
}
