import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { CollectionRun } from '../domain/campaign.js';

/**
 * Which process runs a run, and whether that process is gone. A run records its owner
 * (`host/pid/boot`) and a heartbeat its process moves every HEARTBEAT_MS. A run is abandoned when
 * its owner was on this host and that process no longer exists (or this very pid belongs to a new
 * boot: a restarted container), or when its heartbeat is older than STALE_MS (another host).
 */

export const HEARTBEAT_MS = 30_000;
/** Ten heartbeats missed: long enough for a loaded machine, short enough to resume the same hour. */
export const STALE_MS = 10 * HEARTBEAT_MS;

const BOOT = randomUUID().slice(0, 8);

/** This process's owner id; the same for every runtime in it. */
export function thisProcess(): string {
  return `${hostname()}/${process.pid}/${BOOT}`;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function isAbandoned(run: Pick<CollectionRun, 'owner' | 'heartbeatAt' | 'startedAt'>, me: string, now: Date): boolean {
  if (run.owner === me) return false;
  const [host, pidText, boot] = (run.owner ?? '').split('/');
  const pid = Number(pidText);
  const [myHost, myPid, myBoot] = me.split('/');
  if (run.owner && host === myHost && Number.isInteger(pid) && pid > 0) {
    if (String(pid) === myPid) return boot !== myBoot;
    if (!processExists(pid)) return true;
  }
  const last = Date.parse(run.heartbeatAt ?? run.startedAt);
  return !(now.getTime() - last <= STALE_MS);
}

/**
 * Runs of this process whose end the store refused (a full disk, a database locked past the busy
 * timeout), by id, with the store's reason. Nothing will run them again in this process, yet their
 * record says `running` and their owner is alive, so the sweep of abandoned runs would never close
 * them; it closes these as soon as the store writes again (jobs/abandoned-runs.ts).
 */
const unrecordedEnds = new Map<string, string>();

export function endNotRecorded(runId: string, err: unknown): void {
  unrecordedEnds.set(runId, err instanceof Error ? err.message : String(err));
}

/** The store's reason when this process could not record the run's end; undefined otherwise. */
export function unrecordedEnd(runId: string): string | undefined {
  return unrecordedEnds.get(runId);
}

export function endRecorded(runId: string): void {
  unrecordedEnds.delete(runId);
}
