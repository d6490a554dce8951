import { describe, expect, it } from 'vitest';
import { startService } from '../helpers/service.js';
import { uniquePrefix } from '../helpers/queues.js';

describe('GET /healthz when a part is down', () => {
  it('answers 503 naming the store when the store cannot be reached', async () => {
    const svc = await startService();
    try {
      await svc.rt.store.close();
      const res = await svc.api('/healthz', { token: null });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', store: 'sqlite', error: expect.stringMatching(/^store \(sqlite\) unreachable/) });
    } finally {
      await svc.close().catch(() => undefined);
    }
  });

  it('answers 503 naming the queue, within its timeout, when Redis does not answer', async () => {
    // Nothing listens on port 9 of the loopback: ioredis keeps retrying, the probe must not hang.
    const svc = await startService({ env: { REDIS_URL: 'redis://127.0.0.1:9', QUEUE_PREFIX: uniquePrefix('health') } });
    try {
      const res = await svc.api('/healthz', { token: null });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', queue: 'bullmq', error: expect.stringMatching(/^queue \(bullmq\) unreachable/) });
    } finally {
      await svc.close();
    }
  });
});
