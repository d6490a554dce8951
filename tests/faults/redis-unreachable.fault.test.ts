import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, within } from '../helpers/processes.js';
import { uniquePrefix } from '../helpers/queues.js';
import { startService, type RunningService } from '../helpers/service.js';

/**
 * With Redis unreachable, a request that enqueues work hung with no answer (ioredis keeps the
 * command until Redis is back). It now answers 503 `queue_unavailable` within the enqueue timeout,
 * saying what happened. Redis here is a port nothing listens on.
 */
describe('a request that enqueues while Redis is unreachable', () => {
  let svc: RunningService;
  beforeAll(async () => {
    // X has a token, so that collecting queues its job (a source without credentials is skipped, not queued).
    svc = await startService({
      env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, QUEUE_PREFIX: uniquePrefix('no-redis'), X_BEARER_TOKEN: 'test-token' },
    });
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('answers 503 queue_unavailable in bounded time instead of hanging', { timeout: 60_000 }, async () => {
    const created = await svc.api('/api/v1/campaigns', {
      method: 'POST',
      json: { name: 'No queue', hashtags: ['#Antre'], startsAt: '2026-01-01T00:00:00+07:00', sources: [{ type: 'x' }] },
    });
    expect(created.status).toBe(201);
    const { campaign } = (await created.json()) as { campaign: { id: string } };

    const started = Date.now();
    const res = await within(30_000, 'an answer to POST …/collect', svc.api(`/api/v1/campaigns/${campaign.id}/collect`, { method: 'POST' }));
    const waited = Date.now() - started;
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await res.json()).toEqual({
      error: {
        code: 'queue_unavailable',
        message:
          'The job queue (Redis) is unreachable: the work this request asks for could not be queued within 5 seconds. Retry once the queue is back; /healthz reports it.',
        details: [],
      },
    });
    // The enqueue timeout (5 s) plus what the request itself takes on a loaded machine.
    expect(waited).toBeGreaterThanOrEqual(4_900);

    const health = await within(10_000, '/healthz', fetch(new URL('/healthz', svc.url)));
    expect(health.status).toBe(503);
    expect(((await health.json()) as { error: string }).error).toMatch(/^queue \(bullmq\) unreachable/);
  });
});
