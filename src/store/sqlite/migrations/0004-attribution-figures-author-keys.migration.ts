import type { Migration } from './migration.types.js';

/** Shipped: never edit (tests/unit/sqlite-migrations.test.ts pins its text); add a new migration instead. */
export const migration4: Migration = {
  version: 4,
  name: 'attributions carry their post figures and an author key; covering index for metrics',
  sql: `
      -- A metrics query reads every attribution of its set. Joining each one to its post, and
      -- telling authors apart by two strings, was most of a cold 1M-post query. An attribution
      -- now carries its post's additive figures (kept equal to the post's by the trigger below,
      -- and copied by every membership write) and its author as a small integer.
      CREATE TABLE author_keys (
        key INTEGER PRIMARY KEY,
        platform TEXT NOT NULL CHECK (platform IN ('x', 'mastodon', 'bluesky', 'import')),
        author_id TEXT NOT NULL,
        UNIQUE (platform, author_id)
      ) STRICT;
      INSERT INTO author_keys (platform, author_id) SELECT DISTINCT platform, author_id FROM campaign_posts;

      -- Rebuilt rather than altered: the new columns have no default, so a write that forgets
      -- them fails instead of counting zeros.
      CREATE TABLE campaign_posts_v4 (
        campaign_id TEXT NOT NULL REFERENCES campaigns (id),
        platform TEXT NOT NULL CHECK (platform IN ('x', 'mastodon', 'bluesky', 'import')),
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
};
