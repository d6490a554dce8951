import type { Migration } from './migration.types.js';

/** Not shipped yet: once it ships, never edit (tests/unit/sqlite-migrations.test.ts pins its text). */
export const migration13: Migration = {
  version: 13,
  name: 'campaign logos',
  sql: `
      -- An organisation's logo for the report's header (docs/report.md): the bytes of a PNG, JPEG
      -- or WebP of at most 200 KB, one per campaign. The campaign's document says what it is
      -- (type, size, when), so reading a campaign never reads the image.
      CREATE TABLE campaign_logos (
        campaign_id TEXT PRIMARY KEY REFERENCES campaigns (id),
        content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
        bytes BLOB NOT NULL CHECK (length(bytes) <= 204800),
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
};
