import { backfillImportedReferences } from '../backfill-references.sql.js';
import type { Migration } from './migration.types.js';

/** Not shipped yet: once it ships, never edit (tests/unit/sqlite-migrations.test.ts pins its text). */
export const migration12: Migration = {
  version: 12,
  name: 'whom a post mentions, replies to and quotes',
  sql: `
      -- The conversation network (METRICS.md, network) reads whom each post names: the handles it
      -- mentions and the authors it replies to and quotes, as the platform gave them, in one JSON
      -- text ({"mentions": [...], "replyTo": {"authorId", "handle"}, "quoteOf": {...}}). NULL on a
      -- collected post stored before: its next observation (collection, the daily refresh) fills
      -- it in. An imported post's are the @handles of its text: the backfill writes them.
      ALTER TABLE posts ADD COLUMN refs TEXT;
    `,
  backfill: backfillImportedReferences,
};
