import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { QueueUnavailableError } from '../../errors.js';
import { jobFields } from '../inline/inline.queue.js';
import {
  JOB_NAMES,
  JOB_OPTIONS,
  shutdownReason,
  type AddResult,
  type JobContext,
  type JobName,
  type JobOptions,
  type JobPayloads,
  type JobQueue,
  type Processors,
} from '../jobs.js';

/** How long a request waits for Redis to take its job before answering 503. */
export const ENQUEUE_TIMEOUT_MS = 5_000;

/**
 * The production runner: one BullMQ queue per job name under a configurable key prefix, so
 * several deployments (or test runs) can share one Redis.
 */
export class BullmqQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly queues: Map<JobName, Queue>;

  constructor(
    private readonly connection: Redis,
    readonly prefix: string,
    /** How long an add waits for Redis before it fails (QueueUnavailableError). */
    private readonly enqueueTimeoutMs = ENQUEUE_TIMEOUT_MS,
    /** Attempts and backoff per job name (jobs.ts jobOptions: DELIVERY_RETRY_BASE_MS). */
    private readonly options: Readonly<Record<JobName, JobOptions>> = JOB_OPTIONS,
  ) {
    this.queues = new Map(JOB_NAMES.map((name) => [name, new Queue(name, { connection: connection as ConnectionOptions, prefix })]));
  }

  /**
   * With Redis away, ioredis keeps the commands until it is back (BullMQ needs that), so an add
   * would never answer: it gives up after ENQUEUE_TIMEOUT_MS with QueueUnavailableError. The
   * command may still reach Redis later; job ids keep a late one from running twice.
   */
  async add<N extends JobName>(name: N, payload: JobPayloads[N], opts: { jobId?: string; delayMs?: number } = {}): Promise<AddResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new QueueUnavailableError(this.enqueueTimeoutMs)), this.enqueueTimeoutMs);
    });
    const adding = this.addNow(name, payload, opts);
    adding.catch(() => undefined); // a late failure after the timeout answered
    try {
      return await Promise.race([adding, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async addNow<N extends JobName>(name: N, payload: JobPayloads[N], opts: { jobId?: string; delayMs?: number }): Promise<AddResult> {
    const queue = this.queues.get(name)!;
    const o = this.options[name];
    if (opts.jobId) {
      // BullMQ silently keeps the existing job when the id is taken; tell the caller.
      const existing = await queue.getJob(opts.jobId);
      if (existing) return { jobId: opts.jobId, duplicate: true };
    }
    // BullMQ's own ids count per queue ("1", "2"…), so two queues would hand out the same id.
    const jobId = opts.jobId ?? `${name}.${randomUUID()}`;
    const job = await queue.add(name, payload, {
      jobId,
      ...(opts.delayMs ? { delay: opts.delayMs } : {}),
      attempts: o.attempts,
      backoff: { type: 'exponential', delay: o.backoffMs },
      removeOnComplete: { age: o.keepCompletedSeconds },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
    return { jobId: job.id ?? jobId, duplicate: false };
  }

  /** Jobs waiting, delayed or active, per queue. */
  async counts(): Promise<Record<JobName, number>> {
    const out = {} as Record<JobName, number>;
    for (const [name, q] of this.queues) {
      const c = await q.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
      out[name] = Object.values(c).reduce((a, b) => a + b, 0);
    }
    return out;
  }

  /**
   * BullMQ's drained events are per queue, need a connection each and miss delayed retries, so
   * this asks the counts, backing off from 10 ms to half a second. A job's processor adds the
   * jobs it leads to (collect → metrics) before it completes, so two quiet reads in a row mean
   * nothing is left.
   */
  async onIdle(): Promise<void> {
    let quiet = 0;
    for (let wait = 10; ; wait = Math.min(wait * 2, 500)) {
      const depth = Object.values(await this.counts()).reduce((a, b) => a + b, 0);
      quiet = depth === 0 ? quiet + 1 : 0;
      if (quiet === 2) return;
      await delay(wait);
    }
  }

  /** The BullMQ queues themselves, for the operators' queue board. */
  bullQueues(): Queue[] {
    return [...this.queues.values()];
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

/** BullMQ's own default lock (JOB_LOCK_MS). */
export const JOB_LOCK_MS = 30_000;

/**
 * Runs the processors as BullMQ workers; the only place that builds `Worker`s. Closing waits for
 * the jobs in hand to finish (a SIGTERM'd worker releases nothing half-done).
 *
 * `lockMs` (JOB_LOCK_MS) is each job's lock, renewed every half of it while the job runs. A job
 * whose worker died keeps its lock until it lapses; the stalled-job check, run every `lockMs` too
 * (BullMQ's defaults are equal), first marks the active jobs, then at its next pass puts back those
 * whose lock is gone. So a killed worker's jobs run again within about two to three `lockMs`.
 */
export function startBullmqWorkers(
  connection: Redis,
  prefix: string,
  processors: Processors,
  log: Logger,
  { concurrency = 2, lockMs = JOB_LOCK_MS }: { concurrency?: number; lockMs?: number } = {},
): { close(): Promise<void> } {
  // Aborted by close(): jobs in hand stop at once (a source keeps its last stored checkpoint) rather than hold the shutdown.
  const shutdown = new AbortController();
  // BullMQ leaves a connection it was given open: these are ours to close.
  const connections: Redis[] = [];
  const workers = JOB_NAMES.map((name) => {
    const processor = processors[name] as (p: JobPayloads[JobName], ctx: JobContext) => Promise<void>;
    const worker = new Worker(
      name,
      async (job: Job) => {
        await processor(job.data as JobPayloads[JobName], { jobId: job.id ?? '', attempt: job.attemptsMade + 1, signal: shutdown.signal });
      },
      {
        connection: own(quietDuplicate(connection)) as ConnectionOptions,
        prefix,
        concurrency: name === 'collect' ? concurrency : name === 'deliver' ? 4 : 1,
        lockDuration: lockMs,
        stalledInterval: lockMs,
      },
    );
    worker.on('failed', (job, err) =>
      log.warn({ job: name, jobId: job?.id, attempt: job?.attemptsMade, ...(job ? jobFields(job.data as JobPayloads[JobName]) : {}), err }, 'job failed'),
    );
    // A lost connection is the connection's own one warning per outage (redis.connection.ts): each
    // worker's reconnection attempts would otherwise log a line each, several a second.
    worker.on('error', (err) => {
      if (connection.status !== 'ready' || isConnectionError(err)) return;
      log.error({ job: name, err }, 'worker error');
    });
    return worker;
  });
  function own(c: Redis): Redis {
    connections.push(c);
    return c;
  }
  return {
    async close() {
      shutdown.abort(shutdownReason());
      await Promise.all(workers.map((w) => w.close()));
      // QUIT needs a live connection; one to an unreachable Redis would otherwise retry forever.
      await Promise.all(connections.map((c) => (c.status === 'ready' ? c.quit().catch(() => c.disconnect()) : c.disconnect())));
    },
  };
}

/** A worker's own connection: its errors are the outage the main connection already reports once. */
function quietDuplicate(connection: Redis): Redis {
  const copy = connection.duplicate();
  copy.on('error', () => undefined);
  return copy;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

function isConnectionError(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return (typeof code === 'string' && NETWORK_CODES.has(code)) || /connection is closed|socket closed|connect E[A-Z]+/i.test(err.message);
}
