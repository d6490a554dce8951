import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import cron from 'node-cron';
import { afterEach, describe, expect, it } from 'vitest';
import { BullmqQueue } from '../../src/queue/bullmq/bullmq.queue.js';
import { createRedis } from '../../src/queue/bullmq/redis.connection.js';
import { collectJobId, refreshJobId, slotOf } from '../../src/queue/jobs.js';
import { enqueueSlot, isCollecting, startScheduler, type Scheduler, type ScheduleCron } from '../../src/queue/scheduler.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { Store } from '../../src/store/store.port.js';
import { makeCampaign } from '../helpers/campaigns.js';
import { REDIS_URL, silentLog, uniquePrefix } from '../helpers/queues.js';

describe('scheduler on BullMQ (real Redis)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup() {
    const prefix = uniquePrefix('sched');
    const redis: Redis = createRedis(REDIS_URL);
    const store: Store = createSqliteStore({ file: ':memory:' });
    const queues = [new BullmqQueue(redis, prefix), new BullmqQueue(redis, prefix)];
    const inspect = new Queue('collect', { connection: redis, prefix });
    cleanups.push(async () => {
      await inspect.close();
      for (const q of queues) await q.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await store.close();
    });
    return { store, queues, inspect, redis };
  }

  it('two replicas enqueue one job per slot and source', async () => {
    const { queues, inspect } = await setup();
    const campaign = makeCampaign({ sources: [{ type: 'x' }, { type: 'mastodon' }] });
    const at = new Date('2026-11-22T10:15:00Z');
    // Both replicas tick at once, then one ticks again (a restart within the slot).
    await Promise.all(queues.map((q) => enqueueSlot(q, campaign, at)));
    const late = await enqueueSlot(queues[0]!, campaign, at);
    const jobs = await inspect.getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(jobs.map((j) => j.id).sort()).toEqual([collectJobId(campaign.id, 'mastodon', slotOf(at)), collectJobId(campaign.id, 'x', slotOf(at))].sort());
    expect(late.map((r) => r.duplicate)).toEqual([true, true]);
  });

  it('adds one refresh per campaign, source and day, whatever the number of slots', async () => {
    const { queues, redis } = await setup();
    const campaign = makeCampaign();
    for (const at of ['2026-11-22T10:15:00Z', '2026-11-22T10:30:00Z', '2026-11-23T00:00:00Z']) await enqueueSlot(queues[0]!, campaign, new Date(at));
    const refresh = new Queue('refresh', { connection: redis, prefix: queues[0]!.prefix });
    const ids = (await refresh.getJobs(['waiting', 'delayed'])).map((j) => j.id).sort();
    await refresh.close();
    expect(ids).toEqual([refreshJobId(campaign.id, 'x', new Date('2026-11-22T00:00:00Z')), refreshJobId(campaign.id, 'x', new Date('2026-11-23T00:00:00Z'))]);
  });

  it('two running schedulers collect each tick once', async () => {
    const { store, queues, inspect } = await setup();
    const campaign = makeCampaign({ sources: [{ type: 'x' }, { type: 'mastodon' }] });
    await store.createCampaign(campaign);
    // A cron the test fires itself: every task either replica made, at the same instants.
    const made: Array<{ expression: string; timeZone: string; tick: (at: Date) => Promise<void>; destroyed: boolean }> = [];
    const schedule: ScheduleCron = (expression, timeZone, _name, tick) => {
      const task = { expression, timeZone, tick, destroyed: false };
      made.push(task);
      return {
        destroy() {
          task.destroyed = true;
        },
      };
    };
    const schedulers: Scheduler[] = queues.map((queue) => startScheduler({ store, queue, log: silentLog, reloadSeconds: 3600, schedule }));
    cleanups.push(async () => {
      for (const s of schedulers) await s.close();
    });
    await Promise.all(schedulers.map((s) => s.reload()));
    expect(made.map((t) => [t.expression, t.timeZone])).toEqual([
      [campaign.schedule, campaign.timeZone],
      [campaign.schedule, campaign.timeZone],
    ]);

    const ticks = ['2026-11-22T10:15:00Z', '2026-11-22T10:30:00Z', '2026-11-22T10:45:00Z'].map((t) => new Date(t));
    for (const at of ticks) await Promise.all(made.map((t) => t.tick(at)));
    const jobs = await inspect.getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(jobs.map((j) => j.id).sort()).toEqual(
      ticks.flatMap((at) => (['mastodon', 'x'] as const).map((source) => collectJobId(campaign.id, source, slotOf(at)))).sort(),
    );
    for (const s of schedulers) await s.close();
    expect(made.every((t) => t.destroyed)).toBe(true);
  });

  it('runs on node-cron: firing the campaign’s task enqueues the slot of the instant it runs', async () => {
    const { store, queues, inspect } = await setup();
    // Once a year: it never comes due by itself while the test runs.
    const campaign = makeCampaign({ schedule: '0 0 1 1 *' });
    await store.createCampaign(campaign);
    const scheduler = startScheduler({ store, queue: queues[0]!, log: silentLog, reloadSeconds: 3600 });
    cleanups.push(() => scheduler.close());
    await scheduler.reload();
    const named = () => [...cron.getTasks().values()].filter((t) => t.name === `campaign-${campaign.id}`);
    const [task] = named();
    expect(task?.getPattern()).toBe(campaign.schedule);
    const before = slotOf(new Date());
    await task!.execute();
    const after = slotOf(new Date());
    const [job, ...more] = await inspect.getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(more).toEqual([]);
    const slot = (job?.data as { slot: string }).slot;
    expect(before <= slot && slot <= after, `${slot} in [${before}, ${after}]`).toBe(true);
    expect(job?.id).toBe(collectJobId(campaign.id, 'x', slot));
    await scheduler.close();
    expect(named()).toEqual([]);
  });

  it('skips archived campaigns and those ended more than 7 days ago', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    expect(isCollecting(makeCampaign(), now)).toBe(true);
    expect(isCollecting(makeCampaign({ status: 'archived' }), now)).toBe(false);
    expect(isCollecting(makeCampaign({ endsAt: '2026-11-20T00:00:00Z' }), now)).toBe(true);
    expect(isCollecting(makeCampaign({ endsAt: '2026-11-01T00:00:00Z' }), now)).toBe(false);
    expect(isCollecting(makeCampaign({ sources: [] }), now)).toBe(false);
  });
});
