import type { Database } from 'better-sqlite3';
import type { MetricsFilter } from '../../domain/metrics-query.js';
import type { TermSource } from '../../domain/terms.js';
import { compileFilter } from './metrics.sql.js';
import { statementCache } from './statement-cache.js';

/**
 * Store.scanTermSources on SQLite: the filtered attributions (compiled as every metrics query is)
 * joined to their post's text and hashtags. Iterated row by row within one call: better-sqlite3 is
 * synchronous, so no other statement can interleave, and only one row is held at a time.
 * `author_key` (migration 4) is the author's small integer key, distinct per scope and platform.
 */
export function createTermSourceScanner(db: Database) {
  const statements = statementCache(db);
  return (q: { campaignId: string; filter: MetricsFilter }, visit: (post: TermSource) => void): void => {
    const where = compileFilter(q.campaignId, q.filter);
    const sql = `
SELECT p.text AS text, p.hashtags AS hashtags, cp.author_key AS author, cp.engagement AS engagement
FROM campaign_posts AS cp
JOIN posts AS p ON p.scope = cp.scope AND p.platform = cp.platform AND p.post_id = cp.post_id
WHERE ${where.sql}`;
    const stmt = statements.get(sql).raw(true);
    for (const row of stmt.iterate(...where.params) as IterableIterator<[string, string, number, number]>) {
      const [text, hashtags, author, engagement] = row;
      visit({ text, hashtags: JSON.parse(hashtags) as string[], author: String(author), engagement });
    }
  };
}
