import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/alerts.js';
import { BullmqQueue } from '../../src/queue/bullmq/bullmq.queue.js';
import { createRedis } from '../../src/queue/bullmq/redis.connection.js';
import { deliverJobId, digestJobId, slotOf } from '../../src/queue/jobs.js';
import { startReconciler } from '../../src/queue/reconciler.js';
import { digestCron, startScheduler, type Scheduler, type ScheduleCron } from '../../src/queue/scheduler.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { Store } from '../../src/store/store.port.js';
import { makeCampaign } from '../helpers/campaigns.js';
import { REDIS_URL, silentLog, uniquePrefix } from '../helpers/queues.js';
import { alertOf, eventOf } from './alert-store.contract.js';

/** Digests on the scheduler, one job per rule and slot; unfinished deliveries back into the queue (real Redis). */

describe('alert jobs on BullMQ', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(name: 'digest' | 'deliver') {
    const prefix = uniquePrefix('alert-jobs');
    const redis: Redis = createRedis(REDIS_URL);
    const store: Store = createSqliteStore({ file: ':memory:' });
    const queues = [new BullmqQueue(redis, prefix), new BullmqQueue(redis, prefix)];
    const inspect = new Queue(name, { connection: redis, prefix });
    cleanups.push(async () => {
      await inspect.close();
      for (const q of queues) await q.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await store.close();
    });
    return { store, queues, inspect };
  }

  /** Closes these (schedulers, reconcilers) after the test, before the queues and the store they use. */
  function closedAfter<T extends { close(): Promise<void> }>(runners: T[]): T[] {
    cleanups.push(async () => {
      for (const r of runners) await r.close();
    });
    return runners;
  }

  it('turns a digest rule into a cron at its local time, and two schedulers enqueue one digest per slot', async () => {
    const { store, queues, inspect } = await setup('digest');
    const campaign = makeCampaign({ id: 'c1', schedule: '0 0 1 1 *', timeZone: 'Asia/Makassar' });
    await store.createCampaign(campaign);
    const weekly = alertOf('wk', 'c1', { kind: 'digest', params: { cadence: 'weekly', at: '07:30', weekday: 7 } } as Partial<Alert>);
    const daily = alertOf('dy', 'c1', { kind: 'digest', params: { cadence: 'daily', at: '18:05' } } as Partial<Alert>);
    const off = alertOf('off', 'c1', { kind: 'digest', params: { cadence: 'daily', at: '09:00' }, enabled: false } as Partial<Alert>);
    for (const a of [weekly, daily, off]) await store.alerts.createAlert(a, 20);
    expect(digestCron(weekly)).toBe('30 7 * * 0');
    expect(digestCron(daily)).toBe('5 18 * * *');

    const made: Array<{ expression: string; timeZone: string; name: string; tick: (at: Date) => Promise<void>; destroyed: boolean }> = [];
    const schedule: ScheduleCron = (expression, timeZone, name, tick) => {
      const task = { expression, timeZone, name, tick, destroyed: false };
      made.push(task);
      return {
        destroy() {
          task.destroyed = true;
        },
      };
    };
    const schedulers: Scheduler[] = closedAfter(queues.map((queue) => startScheduler({ store, queue, log: silentLog, reloadSeconds: 3600, schedule })));
    await Promise.all(schedulers.map((s) => s.reload()));
    const digests = made.filter((t) => t.name.startsWith('digest-'));
    expect(digests.map((t) => [t.name, t.expression, t.timeZone]).sort()).toEqual(
      [
        ['digest-dy', '5 18 * * *', 'Asia/Makassar'],
        ['digest-dy', '5 18 * * *', 'Asia/Makassar'],
        ['digest-wk', '30 7 * * 0', 'Asia/Makassar'],
        ['digest-wk', '30 7 * * 0', 'Asia/Makassar'],
      ].sort(),
    );
    const at = new Date('2026-11-29T23:30:00Z');
    // Both replicas fire the same instant, and one fires again (a restart within the slot).
    await Promise.all(digests.map((t) => t.tick(at)));
    await digests[0]!.tick(at);
    const jobs = await inspect.getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(jobs.map((j) => j.id).sort()).toEqual([digestJobId('dy', slotOf(at)), digestJobId('wk', slotOf(at))].sort());

    // A rule changed to another time gets a new task; the old one is destroyed.
    await store.alerts.updateAlert({ ...daily, params: { cadence: 'daily', at: '06:00' } } as Alert);
    await schedulers[0]!.reload();
    expect(made.filter((t) => t.name === 'digest-dy' && !t.destroyed).map((t) => t.expression)).toEqual(['5 18 * * *', '0 6 * * *']);
  });

  it('the reconciler re-enqueues unfinished deliveries under their own ids, once', async () => {
    const { store, queues, inspect } = await setup('deliver');
    const a = alertOf('a1', 'c1', { cooldownMinutes: 0 });
    await store.alerts.createAlert(a, 20);
    const e = eventOf(a, 'k', 1);
    await store.alerts.recordEvent(e.event, e.deliveries, 0);
    await store.alerts.updateDelivery({ ...e.deliveries[1]!, outcome: 'delivered', attempts: 1 });
    const reconcilers = closedAfter(queues.map((queue) => startReconciler({ store, queue, log: silentLog, intervalSeconds: 3600 })));
    // Two at once may both think they added it (AddResult.duplicate); the queue holds one job all the same.
    const added = await Promise.all(reconcilers.map((r) => r.reconcile()));
    expect(new Set(added.flat())).toEqual(new Set([deliverJobId(e.deliveries[0]!.id)]));
    expect(await reconcilers[0]!.reconcile()).toEqual([]);
    const jobs = await inspect.getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(jobs.map((j) => j.id)).toEqual([e.deliveries[0]!.id]);
  });
});
