import type { Database } from 'better-sqlite3';
import type { SourceType } from '../../domain/post.js';
import { asRow, num, str } from './row-read.js';
import { iso } from './rows.js';

/**
 * The daily refresh's post ids: a range of the creation index (campaign_posts_by_created), whose
 * rows also hold the platform; only the ids in range are read from the table.
 */
export const RECENT_POST_IDS_SQL = `
  SELECT post_id FROM campaign_posts
  WHERE campaign_id = ? AND platform = ? AND created_at >= ?
  ORDER BY created_at`;

/**
 * A read budget's spending: a range of runs_by_source (migration 5). The source is written as the
 * index writes it, `json_extract(doc, '$.source')`, or SQLite would not use the index.
 */
export const POSTS_READ_SINCE_SQL = `
  SELECT COALESCE(SUM(json_extract(doc, '$.postsRead')), 0) AS n FROM runs
  WHERE campaign_id = ? AND json_extract(doc, '$.source') = ? AND started_at >= ?`;

/** Two targeted reads the jobs make, so they never load a whole campaign's posts or runs. */
export function createJobReads(db: Database) {
  const stmt = { recentPostIds: db.prepare(RECENT_POST_IDS_SQL), postsReadSince: db.prepare(POSTS_READ_SINCE_SQL) };
  return {
    // Instants are stored as toISOString(), so text order is time order once `since` has that form too.
    recentPostIds(campaignId: string, platform: SourceType, since: string): string[] {
      return stmt.recentPostIds.all(campaignId, platform, iso(since)).map((raw) => str(asRow(raw), 'post_id'));
    },
    postsReadSince(campaignId: string, source: SourceType, since: string): number {
      return num(asRow(stmt.postsReadSince.get(campaignId, source, iso(since))), 'n');
    },
  };
}
