import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { BullmqQueue, startBullmqWorkers } from '../../src/queue/bullmq/bullmq.queue.js';
import { createRedis } from '../../src/queue/bullmq/redis.connection.js';
import { InlineQueue } from '../../src/queue/inline/inline.queue.js';
import type { JobQueue, Processors } from '../../src/queue/jobs.js';
import { within } from '../helpers/processes.js';
import { recordingProcessors, REDIS_URL, silentLog, uniquePrefix, waitFor } from '../helpers/queues.js';

/** Both runners take the same processors and must behave the same for them. */
interface Harness {
  queue: JobQueue;
  start(processors: Processors): void;
  close(): Promise<void>;
}

const runners: Record<string, () => Harness> = {
  inline: () => {
    const queue = new InlineQueue(silentLog);
    return { queue, start: (p) => queue.start(p), close: () => queue.close() };
  },
  bullmq: () => {
    const redis: Redis = createRedis(REDIS_URL);
    const prefix = uniquePrefix('runner');
    const queue = new BullmqQueue(redis, prefix);
    let workers: { close(): Promise<void> } | undefined;
    return {
      queue,
      start: (p) => {
        workers = startBullmqWorkers(redis, prefix, p, silentLog);
      },
      close: async () => {
        await workers?.close();
        await queue.close();
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length) await redis.del(...keys);
        await redis.quit();
      },
    };
  },
};

describe.each(Object.keys(runners))('%s runner', (kind) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('runs a job with its payload', async () => {
    h = runners[kind]!();
    const { calls, processors } = recordingProcessors();
    h.start(processors);
    const res = await h.queue.add('metrics', { campaignId: 'c1', days: ['2015-01-13'] });
    expect(res.duplicate).toBe(false);
    await waitFor(() => calls.length === 1, 15_000, 'the job');
    expect(calls[0]).toMatchObject({ name: 'metrics', payload: { campaignId: 'c1', days: ['2015-01-13'] }, jobId: res.jobId, attempt: 1 });
  });

  it('drops a second job with the same id', async () => {
    h = runners[kind]!();
    const { calls, processors } = recordingProcessors();
    const a = await h.queue.add('collect', { campaignId: 'c1', source: 'x', slot: '20150113T000000' }, { jobId: 'collect.c1.x.20150113T000000' });
    const b = await h.queue.add('collect', { campaignId: 'c1', source: 'x', slot: '20150113T000000' }, { jobId: 'collect.c1.x.20150113T000000' });
    h.start(processors);
    await waitFor(() => calls.length >= 1, 15_000, 'the job');
    // A job done is remembered too: the same slot after completion is still a duplicate.
    const c = await h.queue.add('collect', { campaignId: 'c1', source: 'x', slot: '20150113T000000' }, { jobId: 'collect.c1.x.20150113T000000' });
    await within(15_000, 'the queue to drain', h.queue.onIdle());
    expect([a.duplicate, b.duplicate, c.duplicate]).toEqual([false, true, true]);
    expect(calls).toHaveLength(1);
  });

  it('counts the jobs waiting, and is idle only once every job and its retry are done', async () => {
    h = runners[kind]!();
    const { calls, processors } = recordingProcessors({ failFirst: 1 });
    await h.queue.add('metrics', { campaignId: 'c1', days: ['2015-01-13'] });
    await h.queue.add('metrics', { campaignId: 'c2', days: ['2015-01-13'] });
    const total = async () => Object.values(await h.queue.counts()).reduce((a, b) => a + b, 0);
    expect((await h.queue.counts()).metrics).toBe(2);
    expect(await total()).toBe(2);
    let idle = false;
    const drained = h.queue.onIdle().then(() => (idle = true));
    h.start(processors);
    // The first job fails: idle waits through its backoff (1 s for metrics) and its second attempt.
    await waitFor(() => calls.length >= 1, 15_000, 'the first attempt');
    expect(idle).toBe(false);
    await within(20_000, 'the queue to drain', drained);
    expect(calls.map((c) => c.attempt).sort()).toEqual([1, 1, 2]);
    expect(await total()).toBe(0);
    await within(5_000, 'an idle queue to say so', h.queue.onIdle());
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    h = runners[kind]!();
    const { calls, processors } = recordingProcessors({ failFirst: 1 });
    h.start(processors);
    await h.queue.add('metrics', { campaignId: 'c1', days: [] });
    await waitFor(() => calls.length === 2, 20_000, 'the retry');
    expect(calls.map((c) => c.attempt)).toEqual([1, 2]);
  });
});
