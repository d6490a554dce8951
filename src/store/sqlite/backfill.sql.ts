import type { Database } from 'better-sqlite3';
import { readingsOf } from '../../enrich/enrich.js';
import { asRow, num, optStr, str } from './row-read.js';

/**
 * Fills what enrichment computes per attribution for rows stored before it did (migration 7's
 * code step): the language and automatic sentiment of each campaign's view of a post, as enrich.ts
 * attribute() gives them (readingsOf).
 * Pages by rowid so that memory holds one page whatever the size of the database.
 */

const PAGE = 2000;

export function backfillReadings(db: Database): number {
  const zones = new Map<string, string | undefined>();
  for (const raw of db.prepare('SELECT id, doc FROM campaigns').all()) {
    const row = asRow(raw);
    const doc: unknown = JSON.parse(str(row, 'doc'));
    const zone = typeof doc === 'object' && doc !== null && 'timeZone' in doc && typeof doc.timeZone === 'string' ? doc.timeZone : undefined;
    zones.set(str(row, 'id'), zone);
  }
  const page = db.prepare(`SELECT cp.rowid AS rid, cp.campaign_id, p.text, p.lang
    FROM campaign_posts AS cp JOIN posts AS p ON p.scope = cp.scope AND p.platform = cp.platform AND p.post_id = cp.post_id
    WHERE cp.rowid > ? AND (cp.language IS NULL OR cp.sentiment IS NULL) ORDER BY cp.rowid LIMIT ${PAGE}`);
  const update = db.prepare('UPDATE campaign_posts SET language = ?, sentiment = ?, sentiment_source = ? WHERE rowid = ?');
  let after = 0;
  let done = 0;
  for (;;) {
    const rows = page.all(after).map(asRow);
    for (const row of rows) {
      const r = readingsOf({ text: str(row, 'text'), lang: optStr(row, 'lang') }, zones.get(str(row, 'campaign_id')));
      update.run(r.language, r.sentiment, r.sentimentSource, num(row, 'rid'));
    }
    done += rows.length;
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return done;
    after = num(last, 'rid');
  }
}
