import type { Logger } from 'pino';
import type { ReconcileStore } from '../store/store.port.js';
import { deliverJobId, reattributeJobId, type JobQueue } from './jobs.js';

export { reattributeJobId } from './jobs.js';

/**
 * Follow-up work is recorded with the change that needs it (the store's outbox: pending
 * re-attributions and pending rollup days); a job asked for after the change can be lost with
 * the process or the queue. The reconciler turns what is recorded into jobs, at start-up and
 * every `intervalSeconds`. Job ids are derived from what is pending, so reconcilers in several
 * processes, or one running again before the job did, enqueue each piece of work once; the job
 * clears the record when done and a repeated job finds nothing to do.
 */
export interface Reconciler {
  /** Enqueues what is pending now; resolves to the jobs it added (duplicates excluded). */
  reconcile(): Promise<string[]>;
  close(): Promise<void>;
}

/** One job per campaign and state of its data: every new pending day moves the campaign's data version. */
export function pendingMetricsJobId(campaignId: string, dataVersion: string): string {
  return `metrics.${campaignId}.pending.${dataVersion}`;
}

/** Unfinished deliveries one pass re-enqueues at most (oldest first); the next pass takes the rest. */
export const UNFINISHED_DELIVERIES_PER_PASS = 500;

export interface ReconcileExtra {
  /** More work to turn into jobs on each pass (closing runs whose process is gone). */
  (): Promise<string[]>;
}

export function startReconciler(deps: { store: ReconcileStore; queue: JobQueue; log: Logger; intervalSeconds: number; extra?: ReconcileExtra }): Reconciler {
  const log = deps.log.child({ module: 'reconciler' });
  let running: Promise<string[]> | undefined;

  const pass = async (): Promise<string[]> => {
    const added: string[] = [];
    for (const p of await deps.store.pendingReattributions()) {
      const res = await deps.queue.add('reattribute', { campaignId: p.campaignId }, { jobId: reattributeJobId(p.campaignId, p.version) });
      if (!res.duplicate) added.push(res.jobId);
    }
    for (const campaignId of await deps.store.campaignsWithPendingRollups()) {
      const { version } = await deps.store.dataStamp(campaignId);
      const res = await deps.queue.add('metrics', { campaignId, days: [] }, { jobId: pendingMetricsJobId(campaignId, version) });
      if (!res.duplicate) added.push(res.jobId);
    }
    // Alert deliveries recorded but not finished: their job may have died with an in-process runner.
    // The job id is the delivery's, so one still queued (or waiting for its retry) is not doubled.
    for (const d of (await deps.store.alerts?.unfinishedDeliveries(UNFINISHED_DELIVERIES_PER_PASS)) ?? []) {
      const res = await deps.queue.add('deliver', { campaignId: d.campaignId, deliveryId: d.id }, { jobId: deliverJobId(d.id) });
      if (!res.duplicate) added.push(res.jobId);
    }
    if (deps.extra) added.push(...(await deps.extra()));
    if (added.length > 0) log.info({ jobs: added }, 'pending follow-up work enqueued');
    return added;
  };

  // One pass at a time: a slow queue must not pile passes up.
  const reconcile = () => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };

  const timer = setInterval(() => {
    reconcile().catch((err: unknown) => log.warn({ err }, 'reconciling pending follow-up work failed; retrying on the next pass'));
  }, deps.intervalSeconds * 1000);
  timer.unref();

  return {
    reconcile,
    async close() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
