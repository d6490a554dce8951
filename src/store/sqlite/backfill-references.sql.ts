import type { Database } from 'better-sqlite3';
import { IMPORT_SOURCE, mentionsInText } from '../../domain/post.js';
import { asRow, num, str } from './row-read.js';

/**
 * Migration 10's code step: an imported post's references are the `@handles` of its text (an
 * import file says nothing of replies or quotes, import.map.ts), so they can be filled in exactly
 * for the rows stored before. A collected post's references come from the platform's JSON, which
 * is not kept: they stay NULL until its next observation. Pages by rowid.
 */

const PAGE = 2000;

export function backfillImportedReferences(db: Database): number {
  const page = db.prepare(`SELECT rowid AS rid, text FROM posts WHERE rowid > ? AND platform = ? AND refs IS NULL ORDER BY rowid LIMIT ${PAGE}`);
  const update = db.prepare('UPDATE posts SET refs = ? WHERE rowid = ?');
  let after = 0;
  let done = 0;
  for (;;) {
    const rows = page.all(after, IMPORT_SOURCE).map(asRow);
    for (const row of rows) update.run(JSON.stringify({ mentions: mentionsInText(str(row, 'text')) }), num(row, 'rid'));
    done += rows.length;
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return done;
    after = num(last, 'rid');
  }
}
