import { instrumentProcessors } from '../observability/job-context.js';
import type { Processors } from '../queue/jobs.js';
import { collectProcessor } from './collect.processor.js';
import { deliverProcessor } from './deliver.processor.js';
import type { ProcessorDeps } from './deps.js';
import { metricsProcessor } from './metrics.processor.js';
import { reattributeProcessor } from './reattribute.processor.js';
import { refreshProcessor } from './refresh.processor.js';

export type { ProcessorDeps } from './deps.js';

/** Binds every job's processor to its dependencies; both runners take the result. */
export function createProcessors(deps: ProcessorDeps): Processors {
  // Each job runs in its log context (campaign, source, job id on every line) and is timed.
  return instrumentProcessors({
    collect: (payload, ctx) => collectProcessor(payload, ctx, deps),
    refresh: (payload, ctx) => refreshProcessor(payload, ctx, deps),
    metrics: (payload) => metricsProcessor(payload, deps),
    reattribute: (payload) => reattributeProcessor(payload, deps),
    deliver: async (payload, ctx) => {
      if (!deps.delivery) throw new Error('This process cannot send alert deliveries (no delivery settings); the delivery stays pending.');
      await deliverProcessor(payload, ctx, deps.delivery);
    },
    digest: async (payload) => {
      await deps.alerts?.digest(payload.campaignId, payload.alertId, payload.slot);
    },
  });
}
