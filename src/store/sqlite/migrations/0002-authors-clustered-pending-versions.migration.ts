import type { Migration } from './migration.types.js';

/** Shipped: never edit (tests/unit/sqlite-migrations.test.ts pins its text); add a new migration instead. */
export const migration2: Migration = {
  version: 2,
  name: 'authors clustered by key; pending rollups; data versions',
  sql: `
      -- Every collected page re-observes ~80 authors spread over the whole table: clustered on
      -- their key, each one dirties one b-tree page instead of two (the rows are small).
      CREATE TABLE authors_clustered (
        platform TEXT NOT NULL CHECK (platform IN ('x', 'mastodon', 'bluesky', 'import')),
        author_id TEXT NOT NULL,
        handle TEXT NOT NULL,
        name TEXT NOT NULL,
        followers INTEGER,
        followers_observed_at TEXT,
        location TEXT,
        observed_at TEXT NOT NULL,
        PRIMARY KEY (platform, author_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO authors_clustered SELECT platform, author_id, handle, name, followers, followers_observed_at, location, observed_at FROM authors;
      DROP TABLE authors;
      ALTER TABLE authors_clustered RENAME TO authors;

      -- Days whose rollups the metrics job has yet to recompute, written in the same transaction
      -- as the posts that changed them: a worker killed before it queued its metrics job leaves
      -- them here for the next one.
      CREATE TABLE rollup_pending (
        campaign_id TEXT NOT NULL,
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        PRIMARY KEY (campaign_id, day)
      ) STRICT, WITHOUT ROWID;

      -- A counter per campaign (and '*' for follower counts, which reach reads across campaigns)
      -- that moves in the same transaction as any change to the figures: what caches key on.
      CREATE TABLE data_versions (
        scope TEXT PRIMARY KEY,
        version INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
};
