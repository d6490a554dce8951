import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Campaign } from '../domain/campaign.js';
import { isCollected } from '../sources/registry.js';
import type { ScheduleStore } from '../store/store.port.js';
import type { Alert } from '../domain/alerts.js';
import { collectJobId, digestJobId, refreshJobId, slotOf, type JobQueue } from './jobs.js';

/**
 * Schedulers only enqueue (DESIGN.md principle 6). Each tick of a campaign's cron schedule adds
 * one collect job per source with an id derived from campaign, source and slot, so two
 * scheduler replicas, or one restarted within a slot, never double a run.
 */
export interface Scheduler {
  /** Re-reads the campaigns now; also runs every `reloadSeconds`. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Enqueues the collections of one slot of one campaign, and the day's refresh of recent posts'
 * counts, which the first slot of each UTC day adds and the others find already there.
 */
export async function enqueueSlot(queue: JobQueue, campaign: Campaign, at: Date): Promise<Array<{ source: string; jobId: string; duplicate: boolean }>> {
  const slot = slotOf(at);
  const out = [];
  for (const { type } of campaign.sources.filter((s) => isCollected(s.type))) {
    const res = await queue.add('collect', { campaignId: campaign.id, source: type, slot }, { jobId: collectJobId(campaign.id, type, slot) });
    out.push({ source: type, ...res });
    await queue.add('refresh', { campaignId: campaign.id, source: type }, { jobId: refreshJobId(campaign.id, type, at) });
  }
  return out;
}

/** Calls `tick` with each instant `expression` names in `timeZone`, until destroyed. */
export type ScheduleCron = (expression: string, timeZone: string, name: string, tick: (at: Date) => Promise<void>) => { destroy(): void | Promise<void> };

/** node-cron: the instant a tick gets is the one scheduled, so every replica sees the same slot. */
const scheduleNodeCron: ScheduleCron = (expression, timezone, name, tick) =>
  cron.schedule(expression, (ctx) => tick(ctx.date), { timezone, name, noOverlap: true });

/** `schedule` is node-cron unless a test fires the ticks itself, at instants of its choosing. */
export function startScheduler(deps: { store: ScheduleStore; queue: JobQueue; log: Logger; reloadSeconds: number; schedule?: ScheduleCron }): Scheduler {
  const schedule = deps.schedule ?? scheduleNodeCron;
  const log = deps.log.child({ module: 'scheduler' });
  const tasks = new Map<string, { key: string; task: ReturnType<ScheduleCron> }>();
  const digestTasks = new Map<string, { key: string; task: ReturnType<ScheduleCron> }>();

  const reload = async () => {
    const campaigns = (await deps.store.listCampaigns()).filter((c) => isCollecting(c, new Date()));
    const wanted = new Map(campaigns.map((c) => [c.id, c]));
    for (const [id, t] of tasks) {
      const c = wanted.get(id);
      if (!c || t.key !== taskKey(c)) {
        await t.task.destroy();
        tasks.delete(id);
      }
    }
    for (const c of campaigns) {
      if (tasks.has(c.id)) continue;
      const task = schedule(c.schedule, c.timeZone, `campaign-${c.id}`, async (at) => {
        // The campaign may have changed since the task was made: enqueue what is stored now.
        const current = await deps.store.getCampaign(c.id);
        if (!current || current.status !== 'active') return;
        const jobs = await enqueueSlot(deps.queue, current, at);
        log.info({ campaignId: c.id, jobs }, 'slot enqueued');
      });
      tasks.set(c.id, { key: taskKey(c), task });
    }
    await reloadDigests();
  };

  /**
   * Each enabled digest rule of an active campaign ticks at its local time in the campaign's zone;
   * a tick enqueues one digest job whose id is the rule's and the slot's, so two schedulers (or a
   * restart within the slot) send one digest.
   */
  const reloadDigests = async () => {
    if (!deps.store.alerts) return;
    const rules = await deps.store.alerts.enabledAlerts(['digest']);
    const zones = new Map<string, string>();
    for (const c of await deps.store.listCampaigns()) if (c.status === 'active') zones.set(c.id, c.timeZone);
    const wanted = new Map(rules.flatMap((a) => (zones.has(a.campaignId) ? [[a.id, { alert: a, key: digestKey(a, zones.get(a.campaignId)!) }] as const] : [])));
    for (const [id, t] of digestTasks) {
      if (wanted.get(id)?.key !== t.key) {
        await t.task.destroy();
        digestTasks.delete(id);
      }
    }
    for (const [id, { alert, key }] of wanted) {
      if (digestTasks.has(id)) continue;
      const task = schedule(digestCron(alert), zones.get(alert.campaignId)!, `digest-${id}`, async (at) => {
        const slot = slotOf(at);
        const res = await deps.queue.add('digest', { campaignId: alert.campaignId, alertId: id, slot }, { jobId: digestJobId(id, slot) });
        log.info({ campaignId: alert.campaignId, alertId: id, jobId: res.jobId, duplicate: res.duplicate }, 'digest enqueued');
      });
      digestTasks.set(id, { key, task });
    }
  };

  const timer = setInterval(() => {
    reload().catch((err: unknown) => log.error({ err }, 'scheduler reload failed'));
  }, deps.reloadSeconds * 1000);
  timer.unref();

  return {
    reload,
    async close() {
      clearInterval(timer);
      for (const t of tasks.values()) await t.task.destroy();
      tasks.clear();
      for (const t of digestTasks.values()) await t.task.destroy();
      digestTasks.clear();
    },
  };
}

/** Posts keep being refreshed for 7 days after a campaign ends (METRICS.md); after that there is nothing to collect. */
export function isCollecting(c: Campaign, now: Date): boolean {
  const refreshUntil = c.endsAt ? Date.parse(c.endsAt) + 7 * 86_400_000 : Infinity;
  return c.status === 'active' && c.sources.some((s) => isCollected(s.type)) && now.getTime() < refreshUntil;
}

function taskKey(c: Campaign): string {
  return `${c.schedule}|${c.timeZone}|${c.sources.map((s) => s.type).join(',')}`;
}

/** A digest rule's cron expression: `mm HH * * *` daily, `mm HH * * d` weekly (1 Monday … 7 Sunday, cron's 0 being Sunday). */
export function digestCron(alert: Alert): string {
  if (alert.kind !== 'digest') throw new RangeError(`${alert.kind} is not a digest`);
  const p = alert.params as { cadence: 'daily' | 'weekly'; at: string; weekday?: number };
  const [hh, mm] = p.at.split(':').map(Number);
  return `${mm} ${hh} * * ${p.cadence === 'weekly' ? (p.weekday ?? 1) % 7 : '*'}`;
}

function digestKey(alert: Alert, timeZone: string): string {
  return `${digestCron(alert)}|${timeZone}`;
}
