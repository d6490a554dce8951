import type { Migration } from './migration.types.js';

/** Shipped: never edit (tests/unit/sqlite-migrations.test.ts pins its text); add a new migration instead. */
export const migration11: Migration = {
  version: 11,
  name: 'workshops and participants',
  sql: `
      -- A campaign's workshops (API.md 1.1). Each row keeps its document as given (doc, like the
      -- accounts) beside the columns SQL looks up and sorts on; starts_at is toISOString().
      CREATE TABLE workshops (
        campaign_id TEXT NOT NULL,
        id TEXT NOT NULL,
        starts_at TEXT NOT NULL,
        doc TEXT NOT NULL CHECK (json_valid(doc)),
        PRIMARY KEY (campaign_id, id)
      ) STRICT;
      CREATE INDEX workshops_by_start ON workshops (campaign_id, starts_at, id);

      -- Their participants: names and handles, read by managers and admins only.
      CREATE TABLE workshop_participants (
        campaign_id TEXT NOT NULL,
        workshop_id TEXT NOT NULL,
        id TEXT NOT NULL,
        added_at TEXT NOT NULL,
        doc TEXT NOT NULL CHECK (json_valid(doc)),
        PRIMARY KEY (campaign_id, id)
      ) STRICT;
      CREATE INDEX workshop_participants_by_workshop ON workshop_participants (campaign_id, workshop_id, added_at, id);
    `,
};
