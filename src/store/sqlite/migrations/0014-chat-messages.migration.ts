import type { Migration } from './migration.types.js';

/** Not shipped yet: once it ships, never edit (tests/unit/sqlite-migrations.test.ts pins its text). */
export const migration14: Migration = {
  version: 14,
  name: 'support channel chat',
  sql: `
      -- A campaign's WhatsApp support channel (API.md 1.1, chat-import; docs/whatsapp.md). Names and
      -- phone numbers are never stored: authors are keyed hashes (HMAC-SHA-256 with the campaign's
      -- secret, kept here and never answered by the API). Text only when the campaign keeps it.
      CREATE TABLE chat_secrets (
        campaign_id TEXT PRIMARY KEY,
        secret TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      -- key: a keyed hash of author, minute, text and occurrence, so an overlapping export adds nothing twice.
      CREATE TABLE chat_messages (
        campaign_id TEXT NOT NULL,
        key TEXT NOT NULL,
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        day TEXT NOT NULL,
        question INTEGER NOT NULL CHECK (question IN (0, 1)),
        media INTEGER NOT NULL CHECK (media IN (0, 1)),
        text TEXT,
        imported_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, key)
      ) STRICT;
      CREATE INDEX chat_messages_by_time ON chat_messages (campaign_id, at, key);

      CREATE TABLE chat_facilitators (
        campaign_id TEXT NOT NULL,
        author TEXT NOT NULL,
        PRIMARY KEY (campaign_id, author)
      ) STRICT;
    `,
};
