import { AsyncLocalStorage } from 'node:async_hooks';
import type { JobContext, JobName, JobPayloads, Processors } from '../queue/jobs.js';
import { telemetry } from './telemetry.js';

/**
 * The job a piece of code runs for, carried through every await (AsyncLocalStorage). The logger
 * adds it to every line (src/logger.ts), so each line a job logs, whichever module logs it (the
 * X client, the store, the queue), names the campaign, the source and the job id.
 */
export interface JobLogContext {
  job: JobName;
  jobId: string;
  campaignId: string;
  source?: string;
}

const storage = new AsyncLocalStorage<JobLogContext>();

/** The fields of the job in hand, or nothing outside a job. */
export function jobLogFields(): Partial<JobLogContext> {
  return storage.getStore() ?? {};
}

export function runInJob<T>(context: JobLogContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(context, fn);
}

/** Each processor, run inside its job's log context and timed into kk_job_duration_seconds. */
export function instrumentProcessors(processors: Processors): Processors {
  const wrap = <N extends JobName>(name: N) => {
    const processor = processors[name];
    return async (payload: JobPayloads[N], ctx: JobContext): Promise<void> => {
      const context: JobLogContext = { job: name, jobId: ctx.jobId, campaignId: payload.campaignId };
      if ('source' in payload) context.source = payload.source;
      const started = performance.now();
      let outcome: 'succeeded' | 'failed' = 'failed';
      try {
        await runInJob(context, () => processor(payload, ctx));
        outcome = 'succeeded';
      } finally {
        telemetry.jobDone(name, outcome, (performance.now() - started) / 1000);
      }
    };
  };
  return {
    collect: wrap('collect'),
    refresh: wrap('refresh'),
    metrics: wrap('metrics'),
    reattribute: wrap('reattribute'),
    deliver: wrap('deliver'),
    digest: wrap('digest'),
  };
}
