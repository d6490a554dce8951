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
   * would never answer: it gives up after ENQUEUE_TIMEOUT_MS with QueueUnavailableError. A command
   * kept that long would still reach Redis when it returns, and run work the caller was told had
   * failed: so the add's own commands are sent only once Redis has answered a PING, and the
   * PING is all a Redis that returns late receives. (Redis going away between the PING's answer
   * and the add is the one window left; job ids keep such a late job from running twice.)
   */
  async add<N extends JobName>(name: N, payload: JobPayloads[N], opts: { jobId?: string; delayMs?: number } = {}): Promise<AddResult> {
    const deadline = Date.now() + this.enqueueTimeoutMs;
    if (!(await settlesWithin(this.connection.ping(), this.enqueueTimeoutMs))) throw new QueueUnavailableError(this.enqueueTimeoutMs);
    const adding = this.addNow(name, payload, opts);
    adding.catch(() => undefined); // a late failure after the timeout answered
    if (!(await settlesWithin(adding, Math.max(0, deadline - Date.now())))) throw new QueueUnavailableError(this.enqueueTimeoutMs);
    return adding;
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
 * Runs the processors as BullMQ workers; the only place that builds `Worker`s. Closing aborts the
 * jobs in hand and waits for them to stop (each page is stored in one transaction, so nothing is
 * left half-written), for at most CLOSE_GRACE_MS, then for the workers to close, as long again.
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
  // The processors running now, for close() to wait for them (not for Redis).
  const inHand = new Set<Promise<void>>();
  // BullMQ leaves a connection it was given open: these are ours to close.
  const connections: Redis[] = [];
  const workers = JOB_NAMES.map((name) => {
    const processor = processors[name] as (p: JobPayloads[JobName], ctx: JobContext) => Promise<void>;
    const worker = new Worker(
      name,
      async (job: Job) => {
        const running = processor(job.data as JobPayloads[JobName], { jobId: job.id ?? '', attempt: job.attemptsMade + 1, signal: shutdown.signal });
        inHand.add(running);
        try {
          await running;
        } finally {
          inHand.delete(running);
        }
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
      // Aborted, the processors stop and record how their runs ended (in the store, not in Redis);
      // one in a request it cannot abort (the X client) is not waited for past the grace.
      await settlesWithin(Promise.allSettled(inHand), CLOSE_GRACE_MS);
      // A graceful close records the end of each job in Redis, and so waited for an unreachable
      // Redis to return, holding SIGTERM for ever. Without Redis the workers are closed by force: a
      // job whose end went unrecorded is taken again as stalled once Redis is back, and a run left
      // `running` is closed as interrupted by the sweep. Redis going away during the close is bounded the same way.
      const reachable = await settlesWithin(connection.ping(), PING_TIMEOUT_MS);
      if (!reachable) log.warn('Redis unreachable at shutdown: the workers stop without recording the end of their jobs in Redis');
      if (!(await settlesWithin(Promise.all(workers.map((w) => w.close(!reachable))), CLOSE_GRACE_MS)) && reachable) {
        log.warn('Redis stopped answering during the shutdown: the workers stop without recording the end of their jobs in Redis');
      }
      // QUIT needs a live connection; one to an unreachable Redis would otherwise retry forever.
      await Promise.all(connections.map((c) => (c.status === 'ready' ? c.quit().catch(() => c.disconnect()) : c.disconnect())));
    },
  };
}

/** How long a shutdown asks Redis whether it is there. */
const PING_TIMEOUT_MS = 1_000;
/** How long a shutdown waits for the jobs in hand to stop, then for the workers to close. */
const CLOSE_GRACE_MS = 10_000;

/** Whether `promise` settles (either way) within `ms`; it is left to run on if not. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
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
