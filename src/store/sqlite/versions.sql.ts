import type { Database } from 'better-sqlite3';
import type { DataStamp } from '../store.port.js';
import { asRow, optStr } from './row-read.js';

/**
 * The data_versions counters (migration 2) behind Store.dataStamp: one row per campaign, one per
 * campaign's rollups, and one shared by every campaign for follower counts, which reach reads
 * across campaigns. Each moves inside the transaction that changes what it describes.
 */

export const ALL_CAMPAIGNS_SCOPE = '*';

export const BUMP_VERSION = 'INSERT INTO data_versions (scope, version) VALUES (?, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1';

export function rollupScope(campaignId: string): string {
  return `rollups:${campaignId}`;
}

const STAMP = `
  SELECT
    (SELECT version FROM data_versions WHERE scope = @campaign) AS campaign,
    (SELECT version FROM data_versions WHERE scope = @all) AS shared,
    (SELECT version FROM data_versions WHERE scope = @rollups) AS rollups,
    (SELECT MAX(created_at) FROM campaign_posts WHERE campaign_id = @campaign) AS newest`;

export function createStampReader(db: Database): (campaignId: string) => DataStamp {
  // One statement, so the counters and the newest post come from one snapshot.
  const stamp = db.prepare(STAMP);
  return (campaignId) => {
    const row = asRow(stamp.get({ campaign: campaignId, all: ALL_CAMPAIGNS_SCOPE, rollups: rollupScope(campaignId) }));
    const n = (v: unknown) => (typeof v === 'number' ? v : 0);
    return { version: `${n(row.campaign)}.${n(row.shared)}`, rollupVersion: String(n(row.rollups)), newestPostAt: optStr(row, 'newest') ?? null };
  };
}
