import type { Migration } from './migration.types.js';

/** Shipped: never edit (tests/unit/sqlite-migrations.test.ts pins its text); add a new migration instead. */
export const migration6: Migration = {
  version: 6,
  name: 'runs by campaign, source and start: the monthly read budget',
  sql: `
      -- The read budget sums the postsRead of one source's runs since the first of the month. The
      -- source lives in the run's JSON document, so the index is on that expression; a query uses
      -- it only when it writes the expression exactly so (store/sqlite/job-reads.sql.ts).
      CREATE INDEX runs_by_source ON runs (campaign_id, json_extract(doc, '$.source'), started_at);
    `,
};
