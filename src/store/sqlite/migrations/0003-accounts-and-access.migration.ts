import type { Migration } from './migration.types.js';

/** Shipped: never edit (tests/unit/sqlite-migrations.test.ts pins its text); add a new migration instead. */
export const migration3: Migration = {
  version: 3,
  name: 'accounts and access',
  sql: `
      -- Each row keeps its document exactly as given (doc, like campaigns and runs) beside the
      -- columns SQL looks up, filters and sorts on. Instants in those columns are toISOString(),
      -- so that text order is time order whatever offset the document was written with.
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        -- normalised (domain/account.ts normalizeEmail) before it gets here: plain text equality
        email TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'participant', 'viewer')),
        status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
        created_at TEXT NOT NULL,
        doc TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT;
      CREATE INDEX users_by_created ON users (created_at, id);

      -- Keyed by the SHA-256 of the cookie: a request finds its session in one lookup.
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        doc TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT;
      CREATE INDEX sessions_by_user ON sessions (user_id);
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);

      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        doc TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT;
      CREATE INDEX api_tokens_by_created ON api_tokens (created_at, id);
      CREATE INDEX api_tokens_by_user ON api_tokens (user_id, created_at, id);

      -- A user's place in a campaign (not campaign_posts, a post's place in one).
      CREATE TABLE memberships (
        campaign_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        added_at TEXT NOT NULL,
        doc TEXT NOT NULL CHECK (json_valid(doc)),
        PRIMARY KEY (campaign_id, user_id)
      ) STRICT;
      CREATE INDEX memberships_by_user ON memberships (user_id);

      CREATE TABLE share_links (
        id TEXT PRIMARY KEY,
        campaign_id TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        doc TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT;
      CREATE INDEX share_links_by_campaign ON share_links (campaign_id, created_at, id);

      -- Read newest first, a page at a time (keyset on at, id), the whole log or one target's.
      CREATE TABLE audit_log (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        target_type TEXT NOT NULL CHECK (target_type IN ('campaign', 'user', 'token', 'share-link', 'membership', 'session')),
        target_id TEXT NOT NULL,
        doc TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT;
      CREATE INDEX audit_log_newest ON audit_log (at, id);
      CREATE INDEX audit_log_by_target ON audit_log (target_type, target_id, at, id);
    `,
};
