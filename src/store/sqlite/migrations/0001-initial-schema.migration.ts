import type { Migration } from './migration.types.js';

/** Shipped: never edit (tests/unit/sqlite-migrations.test.ts pins its text); add a new migration instead. */
export const migration1: Migration = {
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
        platform TEXT NOT NULL CHECK (platform IN ('x', 'mastodon', 'bluesky', 'import')),
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
        platform TEXT NOT NULL CHECK (platform IN ('x', 'mastodon', 'bluesky', 'import')),
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
        platform TEXT NOT NULL CHECK (platform IN ('x', 'mastodon', 'bluesky', 'import')),
        post_id TEXT NOT NULL,
        author_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        hour TEXT NOT NULL CHECK (hour GLOB ('[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' || 'T[0-9][0-9]')),
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
};
