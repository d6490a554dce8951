import { randomUUID } from 'node:crypto';
import type { DataStamp } from '../store.port.js';
import { date, num, str } from './doc-read.js';
import type { BulkOp, Doc } from './mongo-db.port.js';

/**
 * Pending rollup days and data versions of the Mongo store, as pure data (see DataStamp and
 * Store.pendingRollupDays). They are written in the transaction of the change they describe; on a
 * server without transactions the order of the writes keeps them honest: pending days are written
 * with the data, BEFORE the checkpoint moves; versions move AFTER the data, so a reader can cache newer figures under an older version
 * (never read again), never older figures under a newer one.
 */

/** Follower counts feed every campaign's reach: a change there moves this shared scope. */
export const ALL_CAMPAIGNS_SCOPE = '*';

export function rollupScope(campaignId: string): string {
  return `rollups:${campaignId}`;
}

/** `$inc` as an update pipeline (the port's only update form); upserted at 1. */
export function bumpVersionOp(scope: string): BulkOp {
  return { updateOne: { filter: { _id: scope }, update: [{ $set: { version: { $add: [{ $ifNull: ['$version', 0] }, 1] } } }], upsert: true } };
}

/**
 * One document per campaign and day. Each write gives it a new `mark`, unique to that write: a
 * refresh deletes only the marks it read before computing, so a change committed after that read
 * stays pending (mongo.store.ts refreshDays). `at` is for people reading the collection.
 */
export function pendingDayOps(changedDays: Record<string, string[]>, at: Date): BulkOp[] {
  return Object.entries(changedDays).flatMap(([campaignId, days]) =>
    days.map((day): BulkOp => ({
      replaceOne: { filter: { _id: `${campaignId}|${day}` }, replacement: { campaignId, day, at, mark: randomUUID() }, upsert: true },
    })),
  );
}

/** The stamp from the version documents and the campaign's newest membership (if any). */
export function readStamp(campaignId: string, versions: Doc[], newest: Doc | undefined): DataStamp {
  const v = (scope: string) => {
    const d = versions.find((x) => x._id === scope);
    return d ? num(d, 'version') : 0;
  };
  return {
    version: `${v(campaignId)}.${v(ALL_CAMPAIGNS_SCOPE)}`,
    rollupVersion: String(v(rollupScope(campaignId))),
    newestPostAt: newest ? date(newest, 'createdAt').toISOString() : null,
  };
}

/** True when a stored author's follower count would be replaced by a different one. */
export function followersChange(stored: Doc, followers: number | undefined, observedAt: string): boolean {
  if (followers === undefined || stored.followers === followers) return false;
  const at = stored.followersObservedAt;
  return !(at instanceof Date) || at.getTime() < new Date(observedAt).getTime();
}

export function pendingDay(d: Doc): string {
  return str(d, 'day');
}
