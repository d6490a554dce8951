import type { Database } from 'better-sqlite3';
import type { PendingReattribution } from '../store.port.js';
import { asRow, num, str } from './row-read.js';

/**
 * The outbox of follow-up work (migration 7, and rollup_pending of migration 2): what must follow
 * a change is written by these statements inside the change's own transaction, so it survives
 * any crash, queue outage or lost queue data; the reconciler (queue/reconciler.ts) turns it into jobs.
 */
export function createOutbox(db: Database) {
  const stmt = {
    markReattribution: db.prepare(`INSERT INTO reattributions (campaign_id, version, requested_at) VALUES (?, 1, ?)
      ON CONFLICT (campaign_id) DO UPDATE SET version = version + 1, requested_at = excluded.requested_at`),
    clearReattribution: db.prepare('UPDATE reattributions SET done_version = version WHERE campaign_id = ? AND version = ?'),
    pendingReattributions: db.prepare(
      'SELECT campaign_id, version, requested_at FROM reattributions WHERE version > done_version ORDER BY requested_at, campaign_id',
    ),
    campaignsWithPendingRollups: db.prepare('SELECT DISTINCT campaign_id FROM rollup_pending ORDER BY campaign_id').pluck(),
  };
  return {
    /** Inside the transaction of the campaign change. */
    markReattribution(campaignId: string, at: Date): void {
      stmt.markReattribution.run(campaignId, at.toISOString());
    },
    /** Inside the transaction of the re-attribution's memberships. */
    clearReattribution(campaignId: string, version: number): void {
      stmt.clearReattribution.run(campaignId, version);
    },
    pendingReattributions(): PendingReattribution[] {
      return stmt.pendingReattributions.all().map((raw) => {
        const row = asRow(raw);
        return { campaignId: str(row, 'campaign_id'), version: num(row, 'version'), requestedAt: str(row, 'requested_at') };
      });
    },
    campaignsWithPendingRollups(): string[] {
      return stmt.campaignsWithPendingRollups.all() as string[];
    },
  };
}
