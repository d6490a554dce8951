import type { DataStamp } from '../store.port.js';
import { date, num, str } from './doc-read.js';
import type { BulkOp, Doc } from './mongo-db.port.js';

/**
 * Pending rollup days and data versions of the Mongo store, as pure data (see DataStamp and
 * Store.pendingRollupDays). Without a multi-document transaction, the order of the writes is
 * what keeps them honest: pending days are written with the data, BEFORE the checkpoint moves;
 * versions move AFTER the data, so a reader can cache newer figures under an older version
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

/** One document per campaign and day; `at` lets a refresh drop only what it has seen. */
export function pendingDayOps(changedDays: Record<string, string[]>, at: Date): BulkOp[] {
  return Object.entries(changedDays).flatMap(([campaignId, days]) =>
    days.map((day): BulkOp => ({ replaceOne: { filter: { _id: `${campaignId}|${day}` }, replacement: { campaignId, day, at }, upsert: true } })),
  );
}

/** Pending days a refresh that started at `startedAt` has covered; later marks stay pending. */
export function coveredPendingFilter(campaignId: string, days: string[], startedAt: Date): Doc {
  return { campaignId, day: { $in: days }, at: { $lte: startedAt } };
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
