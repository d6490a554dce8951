import type { JobPayloads } from '../../src/queue/jobs.js';
import type { ProcessorDeps } from './deps.js';

/** Recomputes the daily rollups of the days a collection changed; idempotent. */
export async function metricsProcessor(payload: JobPayloads['metrics'], deps: ProcessorDeps): Promise<void> {
  await deps.store.refreshRollups(payload.campaignId, payload.days);
}
