import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  JOB_OPTIONS,
  shutdownReason,
  type AddResult,
  type JobName,
  type JobOptions,
  type JobContext,
  type JobPayloads,
  type JobQueue,
  type Processors,
} from '../jobs.js';

interface Entry {
  name: JobName;
  payload: JobPayloads[JobName];
  jobId: string;
  attempt: number;
}

/**
 * The embedded runner: the same processors as BullMQ, run one job at a time in this process.
 * Job ids are remembered for the job's keep time, so a repeated id is dropped as BullMQ drops it.
 * Jobs queued when the process stops are lost; the scheduler's next slot collects again from the
 * stored checkpoint, so nothing is lost from the platform's side.
 */
export class InlineQueue implements JobQueue {
  readonly kind = 'inline' as const;
  private readonly pending: Entry[] = [];
  private readonly seen = new Map<string, number>();
  private processors: Processors | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Jobs added with a delay, waiting for their time. */
  private readonly delayed = new Set<NodeJS.Timeout>();
  private idleWaiters: Array<() => void> = [];
  /** Aborted by close(): the job in hand stops at once rather than hold the shutdown. */
  private readonly shutdown = new AbortController();

  constructor(
    private readonly log: Logger,
    /** Attempts and backoff per job name (jobs.ts jobOptions: DELIVERY_RETRY_BASE_MS). */
    private readonly options: Readonly<Record<JobName, JobOptions>> = JOB_OPTIONS,
  ) {}

  /** Starts running jobs with these processors. */
  start(processors: Processors): void {
    this.processors = processors;
    this.kick();
  }

  async add<N extends JobName>(name: N, payload: JobPayloads[N], opts: { jobId?: string; delayMs?: number } = {}): Promise<AddResult> {
    if (this.closed) throw new Error('queue is closed');
    const jobId = opts.jobId ?? `${name}.${randomUUID()}`;
    this.forgetExpired();
    if (this.seen.has(jobId)) return { jobId, duplicate: true };
    this.seen.set(jobId, Date.now() + (opts.delayMs ?? 0) + this.options[name].keepCompletedSeconds * 1000);
    const entry = { name, payload, jobId, attempt: 1 };
    if (opts.delayMs && opts.delayMs > 0) {
      // Not a retry: onIdle does not wait for it (a rate-limit reset minutes away).
      const timer = setTimeout(() => {
        this.delayed.delete(timer);
        this.pending.push(entry);
        this.kick();
      }, opts.delayMs);
      timer.unref();
      this.delayed.add(timer);
      return { jobId, duplicate: false };
    }
    this.pending.push(entry);
    this.kick();
    return { jobId, duplicate: false };
  }

  async ping(): Promise<void> {}

  /** Jobs queued, running or waiting for a retry, per job name (kk_queue_depth). */
  async counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const e of this.pending) out[e.name] = (out[e.name] ?? 0) + 1;
    if (this.running) out.running = 1;
    if (this.timers.size > 0) out.retrying = this.timers.size;
    if (this.delayed.size > 0) out.delayed = this.delayed.size;
    return out;
  }

  /** Resolves when no job is queued, running or waiting for a retry. */
  onIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of [...this.timers, ...this.delayed]) clearTimeout(t);
    this.timers.clear();
    this.delayed.clear();
    this.pending.length = 0;
    this.shutdown.abort(shutdownReason());
    await this.running;
  }

  private isIdle(): boolean {
    return this.pending.length === 0 && !this.running && this.timers.size === 0;
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [id, until] of this.seen) if (until < now) this.seen.delete(id);
  }

  private kick(): void {
    if (this.running || !this.processors || this.closed) return;
    const next = this.pending.shift();
    if (!next) {
      if (this.isIdle()) for (const w of this.idleWaiters.splice(0)) w();
      return;
    }
    this.running = this.run(next).finally(() => {
      this.running = undefined;
      this.kick();
    });
  }

  private async run(entry: Entry): Promise<void> {
    const processor = this.processors![entry.name] as (p: JobPayloads[JobName], ctx: JobContext) => Promise<void>;
    // These lines are logged outside the job's own log context, so they name it themselves.
    const log = this.log.child({ job: entry.name, jobId: entry.jobId, attempt: entry.attempt, ...jobFields(entry.payload) });
    try {
      await processor(entry.payload, { jobId: entry.jobId, attempt: entry.attempt, signal: this.shutdown.signal });
    } catch (err) {
      const opts = this.options[entry.name];
      if (entry.attempt >= opts.attempts || this.closed) {
        log.error({ err }, 'job failed, no attempts left');
        return;
      }
      const delay = opts.backoffMs * 2 ** (entry.attempt - 1);
      log.warn({ err, retryInMs: delay }, 'job failed, will retry');
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.pending.push({ ...entry, attempt: entry.attempt + 1 });
        this.kick();
      }, delay);
      this.timers.add(timer);
    }
  }
}

/** The campaign and, for source jobs, the source a job's payload names. */
export function jobFields(payload: JobPayloads[JobName]): { campaignId: string; source?: string } {
  return 'source' in payload ? { campaignId: payload.campaignId, source: payload.source } : { campaignId: payload.campaignId };
}
