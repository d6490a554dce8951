import type { JobPayloads } from '../queue/jobs.js';
import type { RollupStore } from '../store/store.port.js';
import type { ProcessorDeps } from './deps.js';

/**
 * Recomputes the daily rollups of the days a collection changed, and of any day still pending
 * from a run that stopped before it could ask (a killed worker); idempotent.
 */
export async function metricsProcessor(payload: JobPayloads['metrics'], deps: ProcessorDeps<RollupStore>): Promise<void> {
  const pending = await deps.store.pendingRollupDays(payload.campaignId);
  const days = [...new Set([...payload.days, ...pending])].sort();
  await deps.store.refreshRollups(payload.campaignId, days);
  // Spikes, quiet and negative share are judged on the figures just made (issue 17); a rule that
  // cannot be judged is logged there and never fails the job.
  await deps.alerts?.afterMetrics(payload.campaignId).catch((err: unknown) => deps.log.warn({ err }, 'alert rules not judged after metrics'));
}
