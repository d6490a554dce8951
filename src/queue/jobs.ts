import { deliveryAttempts } from '../domain/alert-rules.js';
import type { SourceType } from '../domain/post.js';

/**
 * Every job the service runs, declared once (DESIGN.md principle 5): names, payloads and
 * default options. Processors are plain functions of (payload, context); only the runners in
 * queue/bullmq and queue/inline know how jobs travel.
 */

export interface JobPayloads {
  /** Collect one source of one campaign. `slot` is the schedule tick (`YYYYMMDDTHHmmss`, UTC) or absent for a manual run. */
  collect: { campaignId: string; source: SourceType; slot?: string };
  /** Recompute the rollups of these days of a campaign. */
  metrics: { campaignId: string; days: string[] };
  /** Re-read the counts of a campaign's posts younger than 7 days on one platform. */
  refresh: { campaignId: string; source: SourceType };
  /** Re-attribute a campaign's stored posts after its topics, cities or hashtags changed. */
  reattribute: { campaignId: string };
  /** Send one alert delivery (its id is the job id, and X-Kabar-Delivery). */
  deliver: { campaignId: string; deliveryId: string };
  /** Raise one digest rule's event for one slot of its schedule (`YYYYMMDDTHHmmss`, UTC). */
  digest: { campaignId: string; alertId: string; slot: string };
}

export type JobName = keyof JobPayloads;
export const JOB_NAMES: readonly JobName[] = ['collect', 'refresh', 'metrics', 'reattribute', 'deliver', 'digest'];

export interface JobOptions {
  attempts: number;
  /** Exponential backoff: the first retry waits `backoffMs`, each next one twice as long. */
  backoffMs: number;
  /** Completed jobs are kept this long, so a repeated job id within it is recognised and dropped. */
  keepCompletedSeconds: number;
}

export const JOB_OPTIONS: Readonly<Record<JobName, JobOptions>> = Object.freeze({
  collect: { attempts: 5, backoffMs: 5_000, keepCompletedSeconds: 2 * 24 * 3600 },
  refresh: { attempts: 3, backoffMs: 60_000, keepCompletedSeconds: 2 * 24 * 3600 },
  metrics: { attempts: 3, backoffMs: 1_000, keepCompletedSeconds: 3600 },
  reattribute: { attempts: 3, backoffMs: 1_000, keepCompletedSeconds: 3600 },
  // The processor ends the retries when the 24-hour window is over (domain/alert-rules.ts); the
  // runner's backoff starts at DELIVERY_RETRY_BASE_MS (queue options), these are the defaults.
  deliver: { attempts: deliveryAttempts(30_000), backoffMs: 30_000, keepCompletedSeconds: 2 * 24 * 3600 },
  digest: { attempts: 3, backoffMs: 60_000, keepCompletedSeconds: 8 * 24 * 3600 },
});

/** A runner's job options with a deployment's own delivery backoff (DELIVERY_RETRY_BASE_MS). */
export function jobOptions(deliveryRetryBaseMs?: number): Readonly<Record<JobName, JobOptions>> {
  if (deliveryRetryBaseMs === undefined) return JOB_OPTIONS;
  return { ...JOB_OPTIONS, deliver: { ...JOB_OPTIONS.deliver, attempts: deliveryAttempts(deliveryRetryBaseMs), backoffMs: deliveryRetryBaseMs } };
}

export interface JobContext {
  jobId: string;
  /** 1 on the first attempt. */
  attempt: number;
  /**
   * Aborted when the runner shuts down (SIGTERM): a source stops at once instead of finishing its
   * request or its wait, and the checkpoint of its last stored page is where the next run resumes.
   */
  signal?: AbortSignal;
}

/** Why a job in hand was stopped by a shutdown; a run cut off this way says so. */
export function shutdownReason(): Error {
  return new Error('The service shut down during the run; the next run resumes after the last stored page.');
}

type Processor<N extends JobName> = (payload: JobPayloads[N], ctx: JobContext) => Promise<void>;
export type Processors = { [N in JobName]: Processor<N> };

export interface AddResult {
  jobId: string;
  /**
   * True when a job with this id was already queued, running or recently done, so nothing was
   * added. Two producers racing on one id may both read false; the queue still holds one job.
   */
  duplicate: boolean;
}

/** The producer side, the same for both runners. */
export interface JobQueue {
  readonly kind: 'inline' | 'bullmq';
  /** `delayMs`: run it no sooner than this (a collection rescheduled for a rate-limit reset). */
  add<N extends JobName>(name: N, payload: JobPayloads[N], opts?: { jobId?: string; delayMs?: number }): Promise<AddResult>;
  /**
   * Jobs waiting, running or delayed (a retry's backoff), keyed as the runner reports them: per
   * job name, and for the inline runner `running` and `retrying` (the kk_queue_depth gauge).
   */
  counts(): Promise<Record<string, number>>;
  /**
   * Resolves once no job is waiting, running or delayed for a retry (a job out of attempts is
   * done). Jobs of other processes count too on BullMQ, and nothing drains before processing starts.
   */
  onIdle(): Promise<void>;
  /** Rejects when the queue's backend cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A schedule slot as used in job ids: the scheduled second of the tick in UTC, `YYYYMMDDTHHmmss`. */
export function slotOf(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/[-:]/g, '');
}

/**
 * The id of a scheduled collection: the same for every scheduler replica and after a restart,
 * so a slot is collected once. BullMQ reserves `:` in ids, hence the dots.
 */
export function collectJobId(campaignId: string, source: SourceType, slot: string): string {
  return `collect.${campaignId}.${source}.${slot}`;
}

/** One job per campaign and version of its pending re-attribution (Store.pendingReattributions). */
export function reattributeJobId(campaignId: string, version: number): string {
  return `reattribute.${campaignId}.v${version}`;
}

/** One refresh per campaign, source and UTC day, however many slots that day has. */
export function refreshJobId(campaignId: string, source: SourceType, at: Date): string {
  return `refresh.${campaignId}.${source}.${at.toISOString().slice(0, 10).replace(/-/g, '')}`;
}

/** The job of a delivery is the delivery's own id: re-enqueueing it (the reconciler, a restart) is the same job. */
export function deliverJobId(deliveryId: string): string {
  return deliveryId;
}

/** One digest per rule and slot, so two schedulers (or a restart within the slot) send one digest. */
export function digestJobId(alertId: string, slot: string): string {
  return `digest.${alertId}.${slot}`;
}
