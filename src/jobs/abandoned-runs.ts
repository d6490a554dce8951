import type { Logger } from 'pino';
import type { CollectionRun } from '../domain/campaign.js';
import type { JobQueue } from '../queue/jobs.js';
import type { RunSweepStore } from '../store/store.port.js';
import { endRecorded, HEARTBEAT_MS, isAbandoned, unrecordedEnd } from './run-owner.js';

export const INTERRUPTED_NOTE =
  'The process running this run stopped before it ended (killed or crashed); what it stored is kept and its work resumed in a new run.';

/** The note a run of a live process whose end the store refused is closed with, with the store's reason. */
export function endNotRecordedNote(reason: string): string {
  return `Its end could not be recorded: ${reason.replace(/\.?$/, '.')} What it stored is kept, and the queue retries its job while attempts remain.`;
}

/** The job that takes up an interrupted run's work; one per run, however many sweeps see it. */
export function resumeJobId(run: CollectionRun): string {
  return `${run.kind}.${run.campaignId}.${run.source}.resume-${run.id}`;
}

/**
 * Closes the runs whose process is gone as `interrupted`, with what they did (their counts are
 * stored page by page), and asks for their work again: the collection resumes from its
 * checkpoint, the refresh re-reads. An import is one write, done or not: nothing to resume.
 * Also closes this process's own runs whose end the store refused, once it writes again.
 * Resolves to the ids of the jobs it added.
 */
export async function closeAbandonedRuns(deps: { store: RunSweepStore; queue: JobQueue; owner: string; now: () => Date; log: Logger }): Promise<string[]> {
  const added: string[] = [];
  const now = deps.now();
  const running = await deps.store.runningRuns();
  const abandoned = running.filter((r) => isAbandoned(r, deps.owner, now));
  // This process's own runs whose end the store refused: nothing runs them any more, and the job
  // that ran them was retried by its queue, so there is nothing to resume.
  const unrecorded = running.filter((r) => r.owner === deps.owner && unrecordedEnd(r.id) !== undefined);
  const live = running.filter((r) => !abandoned.includes(r) && !unrecorded.includes(r));
  for (const run of unrecorded) {
    const note = endNotRecordedNote(unrecordedEnd(run.id)!);
    await deps.store.saveRun(interrupted(run, note, now));
    endRecorded(run.id);
    deps.log.warn(
      { runId: run.id, campaignId: run.campaignId, source: run.source, pages: run.pages },
      'run closed as interrupted: its end could not be recorded',
    );
  }
  for (const run of abandoned) {
    await deps.store.saveRun(interrupted(run, INTERRUPTED_NOTE, now));
    deps.log.warn(
      { runId: run.id, campaignId: run.campaignId, source: run.source, owner: run.owner, pages: run.pages },
      'run closed as interrupted: its process is gone',
    );
    // An import is one write, done or not. A live run of the same work (BullMQ hands a stalled
    // job to another worker) is already resuming it.
    if (run.kind === 'import' || live.some((r) => r.campaignId === run.campaignId && r.source === run.source && r.kind === run.kind)) continue;
    const res = await deps.queue.add(run.kind, { campaignId: run.campaignId, source: run.source }, { jobId: resumeJobId(run) });
    if (!res.duplicate) added.push(res.jobId);
  }
  return added;
}

/** A run closed as `interrupted` at its last heartbeat (or now, if it never beat), with why. */
function interrupted(run: CollectionRun, note: string, now: Date): CollectionRun {
  return { ...run, status: 'interrupted', finishedAt: run.heartbeatAt ?? now.toISOString(), notes: [...run.notes, note] };
}

/** Moves the heartbeat of this process's running runs until stopped. */
export function startRunHeartbeat(deps: { store: RunSweepStore; owner: string; now: () => Date; log: Logger }): () => void {
  const timer = setInterval(() => {
    deps.store
      .touchRuns(deps.owner, deps.now().toISOString())
      .catch((err: unknown) => deps.log.warn({ err }, 'could not record the heartbeat of running runs'));
  }, HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}
