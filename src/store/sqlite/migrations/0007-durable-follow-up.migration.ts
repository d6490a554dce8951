import type { Migration } from './migration.types.js';

/** Shipped: never edit (tests/unit/sqlite-migrations.test.ts pins its text); add a new migration instead. */
export const migration7: Migration = {
  version: 7,
  name: 'outbox of re-attributions; runs still running',
  sql: `
      -- Re-attributions a campaign change asked for, written in the same transaction as the change
      -- (version moves on). The job marks the version it did as done with its memberships, so a
      -- crash, a lost queue or a second change in between never leaves posts attributed by old
      -- settings. Versions never repeat, so job ids derived from them never collide with an old job.
      -- A reconciler turns what is pending (version > done_version) into jobs.
      CREATE TABLE reattributions (
        campaign_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        done_version INTEGER NOT NULL DEFAULT 0,
        requested_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      -- The runs still marked running: what the sweep of runs whose process is gone reads. A
      -- query uses it only when it writes the expression exactly so (store/sqlite/outbox.sql.ts).
      CREATE INDEX runs_running ON runs (started_at) WHERE json_extract(doc, '$.status') = 'running';
    `,
};
