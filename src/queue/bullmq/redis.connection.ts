import { Redis } from 'ioredis';

/** BullMQ needs `maxRetriesPerRequest: null` so blocking commands wait through a Redis restart. */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}
