import type { Migration } from './migration.types.js';

/** Shipped: never edit (tests/unit/sqlite-migrations.test.ts pins its text); add a new migration instead. */
export const migration5: Migration = {
  version: 5,
  name: 'no platform list in the tables',
  sql: `
      -- The platform (and a checkpoint's source) was checked against a list in five tables, so a
      -- new platform meant rebuilding them all. The edge validates platforms (zod, the sources
      -- registry); the tables now take any text. SQLite cannot drop a CHECK: each table is
      -- rebuilt without it, every other CHECK, key, STRICT and WITHOUT ROWID kept. Rows are
      -- copied in key order, so the table and its key's index are both written front to back
      -- (a quarter less CPU than keeping the rowids, which nothing reads).
      --
      -- Order matters with foreign_keys on (which cannot change inside this transaction): the new
      -- campaign_posts references posts_v5, and the old campaign_posts is dropped before posts,
      -- so dropping posts deletes nothing through ON DELETE CASCADE; renaming posts_v5 to posts
      -- then renames the reference with it.
      CREATE TABLE posts_v5 (
        platform TEXT NOT NULL,
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
      INSERT INTO posts_v5 (platform, post_id, url, text, created_at, lang, kind, author_id, hashtags, likes, reposts,
        replies, quotes, bookmarks, reported_impressions, place_name, place_full_name, place_country_code, engagement,
        impressions, impressions_source, observed_at)
      SELECT platform, post_id, url, text, created_at, lang, kind, author_id, hashtags, likes, reposts,
        replies, quotes, bookmarks, reported_impressions, place_name, place_full_name, place_country_code, engagement,
        impressions, impressions_source, observed_at
      FROM posts ORDER BY platform, post_id;

      CREATE TABLE campaign_posts_v5 (
        campaign_id TEXT NOT NULL REFERENCES campaigns (id),
        platform TEXT NOT NULL,
        post_id TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_key INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        hour TEXT NOT NULL CHECK (hour GLOB ('[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' || 'T[0-9][0-9]')),
        city_code TEXT,
        province_code TEXT,
        location_method TEXT NOT NULL CHECK (location_method IN ('geo', 'hashtag', 'profile', 'none')),
        topics TEXT NOT NULL CHECK (json_valid(topics) AND json_type(topics) = 'array'),
        hashtags TEXT NOT NULL CHECK (json_valid(hashtags) AND json_type(hashtags) = 'array'),
        engagement INTEGER NOT NULL,
        impressions_reported INTEGER NOT NULL,
        impressions_estimated INTEGER NOT NULL,
        PRIMARY KEY (campaign_id, platform, post_id),
        FOREIGN KEY (platform, post_id) REFERENCES posts_v5 (platform, post_id) ON DELETE CASCADE
      ) STRICT;
      INSERT INTO campaign_posts_v5 (campaign_id, platform, post_id, author_id, author_key, created_at, day, hour,
        city_code, province_code, location_method, topics, hashtags, engagement, impressions_reported, impressions_estimated)
      SELECT campaign_id, platform, post_id, author_id, author_key, created_at, day, hour,
        city_code, province_code, location_method, topics, hashtags, engagement, impressions_reported, impressions_estimated
      FROM campaign_posts ORDER BY campaign_id, platform, post_id;

      DROP TABLE campaign_posts;
      DROP TABLE posts;
      ALTER TABLE posts_v5 RENAME TO posts;
      ALTER TABLE campaign_posts_v5 RENAME TO campaign_posts;
      -- Indexes are built after the copy: one sort each instead of a million scattered inserts.
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

      CREATE TABLE authors_v5 (
        platform TEXT NOT NULL,
        author_id TEXT NOT NULL,
        handle TEXT NOT NULL,
        name TEXT NOT NULL,
        followers INTEGER,
        followers_observed_at TEXT,
        location TEXT,
        observed_at TEXT NOT NULL,
        PRIMARY KEY (platform, author_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO authors_v5 (platform, author_id, handle, name, followers, followers_observed_at, location, observed_at)
      SELECT platform, author_id, handle, name, followers, followers_observed_at, location, observed_at
      FROM authors ORDER BY platform, author_id;
      DROP TABLE authors;
      ALTER TABLE authors_v5 RENAME TO authors;

      CREATE TABLE author_keys_v5 (
        key INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        author_id TEXT NOT NULL,
        UNIQUE (platform, author_id)
      ) STRICT;
      INSERT INTO author_keys_v5 (key, platform, author_id) SELECT key, platform, author_id FROM author_keys ORDER BY key;
      DROP TABLE author_keys;
      ALTER TABLE author_keys_v5 RENAME TO author_keys;

      CREATE TABLE checkpoints_v5 (
        campaign_id TEXT NOT NULL,
        source TEXT NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, source)
      ) STRICT;
      INSERT INTO checkpoints_v5 (campaign_id, source, value, updated_at)
      SELECT campaign_id, source, value, updated_at FROM checkpoints ORDER BY campaign_id, source;
      DROP TABLE checkpoints;
      ALTER TABLE checkpoints_v5 RENAME TO checkpoints;
    `,
};
