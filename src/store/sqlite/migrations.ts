import type { Database } from 'better-sqlite3';

/** One schema step. Versions only grow; a shipped migration is never edited, only followed. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const PLATFORM_CHECK = "CHECK (platform IN ('x', 'mastodon', 'bluesky', 'import'))";
const DAY_GLOB = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'";

/** The schema, in order. Tables are STRICT so a wrong type fails loudly instead of being coerced. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE campaigns (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('active', 'archived')),
        created_at TEXT NOT NULL,
        doc TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT;

      CREATE TABLE posts (
        platform TEXT NOT NULL ${PLATFORM_CHECK},
        post_id TEXT NOT NULL,
        url TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        lang TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('original', 'reply', 'quote')),
        author_id TEXT NOT NULL,
        hashtags TEXT NOT NULL CHECK (json_valid(hashtags) AND json_type(hashtags) = 'array'),
        likes INTEGER,
        reposts INTEGER,
        replies INTEGER,
        quotes INTEGER,
        bookmarks INTEGER,
        reported_impressions INTEGER,
        place_name TEXT,
        place_full_name TEXT,
        place_country_code TEXT,
        engagement INTEGER NOT NULL,
        impressions INTEGER,
        impressions_source TEXT CHECK (impressions_source IN ('reported', 'estimated')),
        observed_at TEXT NOT NULL,
        PRIMARY KEY (platform, post_id)
      ) STRICT;

      CREATE TABLE authors (
        platform TEXT NOT NULL ${PLATFORM_CHECK},
        author_id TEXT NOT NULL,
        handle TEXT NOT NULL,
        name TEXT NOT NULL,
        followers INTEGER,
        -- followers keep the latest KNOWN count: an observation without one does not erase it
        followers_observed_at TEXT,
        location TEXT,
        observed_at TEXT NOT NULL,
        PRIMARY KEY (platform, author_id)
      ) STRICT;

      CREATE TABLE campaign_posts (
        campaign_id TEXT NOT NULL REFERENCES campaigns (id),
        platform TEXT NOT NULL ${PLATFORM_CHECK},
        post_id TEXT NOT NULL,
        author_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        day TEXT NOT NULL CHECK (day GLOB ${DAY_GLOB}),
        hour TEXT NOT NULL CHECK (hour GLOB (${DAY_GLOB} || 'T[0-9][0-9]')),
        city_code TEXT,
        province_code TEXT,
        location_method TEXT NOT NULL CHECK (location_method IN ('geo', 'hashtag', 'profile', 'none')),
        topics TEXT NOT NULL CHECK (json_valid(topics) AND json_type(topics) = 'array'),
        hashtags TEXT NOT NULL CHECK (json_valid(hashtags) AND json_type(hashtags) = 'array'),
        PRIMARY KEY (campaign_id, platform, post_id),
        FOREIGN KEY (platform, post_id) REFERENCES posts (platform, post_id) ON DELETE CASCADE
      ) STRICT;
      CREATE INDEX campaign_posts_by_created ON campaign_posts (campaign_id, created_at);
      CREATE INDEX campaign_posts_by_day ON campaign_posts (campaign_id, day);
      CREATE INDEX campaign_posts_by_post ON campaign_posts (platform, post_id);

      CREATE TABLE checkpoints (
        campaign_id TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('x', 'mastodon', 'bluesky', 'import')),
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, source)
      ) STRICT;

      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        campaign_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        doc TEXT NOT NULL CHECK (json_valid(doc))
      ) STRICT;
      CREATE INDEX runs_by_campaign ON runs (campaign_id, started_at);

      CREATE TABLE daily_rollups (
        campaign_id TEXT NOT NULL,
        day TEXT NOT NULL,
        city_code TEXT NOT NULL,
        province_code TEXT NOT NULL,
        source TEXT NOT NULL,
        posts INTEGER NOT NULL,
        engagement INTEGER NOT NULL,
        impressions_reported INTEGER NOT NULL,
        impressions_estimated INTEGER NOT NULL,
        PRIMARY KEY (campaign_id, day, city_code, province_code, source)
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'authors clustered by key; pending rollups; data versions',
    sql: `
      -- Every collected page re-observes ~80 authors spread over the whole table: clustered on
      -- their key, each one dirties one b-tree page instead of two (the rows are small).
      CREATE TABLE authors_clustered (
        platform TEXT NOT NULL ${PLATFORM_CHECK},
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
        day TEXT NOT NULL CHECK (day GLOB ${DAY_GLOB}),
        PRIMARY KEY (campaign_id, day)
      ) STRICT, WITHOUT ROWID;

      -- A counter per campaign (and '*' for follower counts, which reach reads across campaigns)
      -- that moves in the same transaction as any change to the figures: what caches key on.
      CREATE TABLE data_versions (
        scope TEXT PRIMARY KEY,
        version INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
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
  },
  {
    version: 4,
    name: 'attributions carry their post figures and an author key; covering index for metrics',
    sql: `
      -- A metrics query reads every attribution of its set. Joining each one to its post, and
      -- telling authors apart by two strings, was most of a cold 1M-post query. An attribution
      -- now carries its post's additive figures (kept equal to the post's by the trigger below,
      -- and copied by every membership write) and its author as a small integer.
      CREATE TABLE author_keys (
        key INTEGER PRIMARY KEY,
        platform TEXT NOT NULL ${PLATFORM_CHECK},
        author_id TEXT NOT NULL,
        UNIQUE (platform, author_id)
      ) STRICT;
      INSERT INTO author_keys (platform, author_id) SELECT DISTINCT platform, author_id FROM campaign_posts;

      -- Rebuilt rather than altered: the new columns have no default, so a write that forgets
      -- them fails instead of counting zeros.
      CREATE TABLE campaign_posts_v4 (
        campaign_id TEXT NOT NULL REFERENCES campaigns (id),
        platform TEXT NOT NULL ${PLATFORM_CHECK},
        post_id TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_key INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        day TEXT NOT NULL CHECK (day GLOB ${DAY_GLOB}),
        hour TEXT NOT NULL CHECK (hour GLOB (${DAY_GLOB} || 'T[0-9][0-9]')),
        city_code TEXT,
        province_code TEXT,
        location_method TEXT NOT NULL CHECK (location_method IN ('geo', 'hashtag', 'profile', 'none')),
        topics TEXT NOT NULL CHECK (json_valid(topics) AND json_type(topics) = 'array'),
        hashtags TEXT NOT NULL CHECK (json_valid(hashtags) AND json_type(hashtags) = 'array'),
        engagement INTEGER NOT NULL,
        impressions_reported INTEGER NOT NULL,
        impressions_estimated INTEGER NOT NULL,
        PRIMARY KEY (campaign_id, platform, post_id),
        FOREIGN KEY (platform, post_id) REFERENCES posts (platform, post_id) ON DELETE CASCADE
      ) STRICT;
      INSERT INTO campaign_posts_v4
      SELECT cp.campaign_id, cp.platform, cp.post_id, cp.author_id, k.key, cp.created_at, cp.day, cp.hour, cp.city_code,
        cp.province_code, cp.location_method, cp.topics, cp.hashtags, COALESCE(p.engagement, 0),
        CASE WHEN p.impressions_source = 'reported' THEN COALESCE(p.impressions, 0) ELSE 0 END,
        CASE WHEN p.impressions_source = 'estimated' THEN COALESCE(p.impressions, 0) ELSE 0 END
      FROM campaign_posts AS cp
      JOIN author_keys AS k ON k.platform = cp.platform AND k.author_id = cp.author_id
      LEFT JOIN posts AS p ON p.platform = cp.platform AND p.post_id = cp.post_id
      ORDER BY cp.rowid;
      DROP TABLE campaign_posts;
      ALTER TABLE campaign_posts_v4 RENAME TO campaign_posts;

      -- The creation index, widened to hold everything a metrics query reads but topics and
      -- hashtags: a campaign's figures are one scan of it, without a table lookup. Same name and
      -- first columns as before, so every query that used it still does.
      CREATE INDEX campaign_posts_by_created ON campaign_posts (campaign_id, created_at, author_key, platform, day, hour,
        city_code, province_code, engagement, impressions_reported, impressions_estimated);
      CREATE INDEX campaign_posts_by_day ON campaign_posts (campaign_id, day);
      CREATE INDEX campaign_posts_by_post ON campaign_posts (platform, post_id);

      CREATE TRIGGER posts_figures_to_campaign_posts
      AFTER UPDATE OF engagement, impressions, impressions_source ON posts
      WHEN OLD.engagement IS NOT NEW.engagement OR OLD.impressions IS NOT NEW.impressions
        OR OLD.impressions_source IS NOT NEW.impressions_source
      BEGIN
        UPDATE campaign_posts SET
          engagement = NEW.engagement,
          impressions_reported = CASE WHEN NEW.impressions_source = 'reported' THEN COALESCE(NEW.impressions, 0) ELSE 0 END,
          impressions_estimated = CASE WHEN NEW.impressions_source = 'estimated' THEN COALESCE(NEW.impressions, 0) ELSE 0 END
        WHERE platform = NEW.platform AND post_id = NEW.post_id;
      END;
    `,
  },
  {
    version: 5,
    name: 'runs by campaign, source and start: the monthly read budget',
    sql: `
      -- The read budget sums the postsRead of one source's runs since the first of the month. The
      -- source lives in the run's JSON document, so the index is on that expression; a query uses
      -- it only when it writes the expression exactly so (store/sqlite/job-reads.sql.ts).
      CREATE INDEX runs_by_source ON runs (campaign_id, json_extract(doc, '$.source'), started_at);
    `,
  },
];

/** Applies the migrations the database has not seen yet, each in its own transaction. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const row: unknown = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get();
  const current = typeof row === 'object' && row !== null && 'v' in row && typeof row.v === 'number' ? row.v : 0;
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return applied;
}
