import type { Migration } from './migration.types.js';

/** Shipped: never edit (tests/unit/sqlite-migrations.test.ts pins its text); add a new migration instead. */
export const migration10: Migration = {
  version: 10,
  name: 'alert rules, events and deliveries',
  sql: `
      -- A campaign's alert rules; the document is the rule as the API stores it (with its secrets).
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        campaign_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX alerts_campaign ON alerts (campaign_id, created_at);
      CREATE INDEX alerts_kind ON alerts (kind) WHERE enabled = 1;

      -- One row per occurrence of a rule: (alert_id, key) is unique, so the same run, bucket or
      -- digest slot raises one event however often it is evaluated. at: the cooldown's clock.
      CREATE TABLE alert_events (
        id TEXT PRIMARY KEY,
        alert_id TEXT NOT NULL,
        campaign_id TEXT NOT NULL,
        key TEXT NOT NULL,
        at TEXT NOT NULL,
        doc TEXT NOT NULL,
        UNIQUE (alert_id, key)
      ) STRICT;
      CREATE INDEX alert_events_last ON alert_events (alert_id, at);

      -- One row per event and channel, written with the event: its id is X-Kabar-Delivery.
      CREATE TABLE alert_deliveries (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL,
        campaign_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        created_at TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX alert_deliveries_campaign ON alert_deliveries (campaign_id, created_at);
      CREATE INDEX alert_deliveries_unfinished ON alert_deliveries (created_at) WHERE outcome IN ('pending', 'retrying');
    `,
};
