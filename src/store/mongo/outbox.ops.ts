import type { PendingReattribution } from '../store.port.js';
import { date, num, str } from './doc-read.js';
import type { BulkOp, Doc } from './mongo-db.port.js';

/**
 * The outbox of re-attributions on MongoDB (see Store.updateCampaign), as pure data. Without a
 * multi-document transaction the mark is written BEFORE the campaign changes and cleared AFTER the
 * memberships are written: a crash in between re-attributes once more (harmless), never never.
 * Versions never repeat (a done one is kept as `doneVersion`), so job ids derived from them never
 * collide with an old job's.
 */

/** One document per campaign; every change moves its version on. */
export function markReattributionOp(campaignId: string, at: Date): BulkOp {
  return {
    updateOne: {
      filter: { _id: campaignId },
      update: [{ $set: { version: { $add: [{ $ifNull: ['$version', 0] }, 1] }, requestedAt: at } }],
      upsert: true,
    },
  };
}

/** Marks the version done, only when no later change moved it on. */
export function clearReattributionOp(campaignId: string, version: number): BulkOp {
  return { updateOne: { filter: { _id: campaignId, version }, update: [{ $set: { doneVersion: version } }] } };
}

/** Marks with a version not yet done. */
export const PENDING_REATTRIBUTIONS: Doc = { $expr: { $gt: ['$version', { $ifNull: ['$doneVersion', 0] }] } };

export function readPendingReattribution(d: Doc): PendingReattribution {
  return { campaignId: str(d, '_id'), version: num(d, 'version'), requestedAt: date(d, 'requestedAt').toISOString() };
}
