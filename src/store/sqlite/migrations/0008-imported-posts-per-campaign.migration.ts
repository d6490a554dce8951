import type { Migration } from './migration.types.js';

/** Shipped: never edit (tests/unit/sqlite-migrations.test.ts pins its text); add a new migration instead. */
export const migration8: Migration = {
  version: 8,
  name: 'imported posts and authors per campaign',
  sql: `
      -- Posts and authors were stored once per (platform, id), so an import into one campaign
      -- overwrote a post another campaign held. A collected post stays the platform's truth,
      -- shared (scope ''); an imported one is its campaign's own assertion (scope = campaign id).
      -- Every imported post, author and author key held by several campaigns becomes one copy
      -- per campaign, each with the same fields as before, so no campaign's figures move.
      -- The order of the drops and renames is migration 5's (foreign keys stay on).
      CREATE TABLE posts_v7 (
        scope TEXT NOT NULL,
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
        PRIMARY KEY (scope, platform, post_id)
      ) STRICT;
      INSERT INTO posts_v7 (scope, platform, post_id, url, text, created_at, lang, kind, author_id, hashtags, likes, reposts,
        replies, quotes, bookmarks, reported_impressions, place_name, place_full_name, place_country_code, engagement,
        impressions, impressions_source, observed_at)
      SELECT s.scope, p.platform, p.post_id, p.url, p.text, p.created_at, p.lang, p.kind, p.author_id, p.hashtags, p.likes,
        p.reposts, p.replies, p.quotes, p.bookmarks, p.reported_impressions, p.place_name, p.place_full_name,
        p.place_country_code, p.engagement, p.impressions, p.impressions_source, p.observed_at
      FROM posts AS p
      JOIN (
        SELECT '' AS scope, platform, post_id FROM posts
        WHERE platform <> 'import'
          OR NOT EXISTS (SELECT 1 FROM campaign_posts AS cp WHERE cp.platform = posts.platform AND cp.post_id = posts.post_id)
        UNION ALL
        SELECT campaign_id, platform, post_id FROM campaign_posts WHERE platform = 'import'
      ) AS s ON s.platform = p.platform AND s.post_id = p.post_id
      ORDER BY s.scope, p.platform, p.post_id;

      CREATE TABLE authors_v7 (
        scope TEXT NOT NULL,
        platform TEXT NOT NULL,
        author_id TEXT NOT NULL,
        handle TEXT NOT NULL,
        name TEXT NOT NULL,
        followers INTEGER,
        followers_observed_at TEXT,
        location TEXT,
        observed_at TEXT NOT NULL,
        PRIMARY KEY (scope, platform, author_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO authors_v7 (scope, platform, author_id, handle, name, followers, followers_observed_at, location, observed_at)
      SELECT s.scope, a.platform, a.author_id, a.handle, a.name, a.followers, a.followers_observed_at, a.location, a.observed_at
      FROM authors AS a
      JOIN (
        SELECT '' AS scope, platform, author_id FROM authors
        WHERE platform <> 'import'
          OR NOT EXISTS (SELECT 1 FROM campaign_posts AS cp WHERE cp.platform = authors.platform AND cp.author_id = authors.author_id)
        UNION
        SELECT campaign_id, platform, author_id FROM campaign_posts WHERE platform = 'import'
      ) AS s ON s.platform = a.platform AND s.author_id = a.author_id
      ORDER BY s.scope, a.platform, a.author_id;

      -- Shared authors keep their keys (the attributions hold them); each campaign's imported
      -- authors get keys of their own after them.
      CREATE TABLE author_keys_v7 (
        key INTEGER PRIMARY KEY,
        scope TEXT NOT NULL,
        platform TEXT NOT NULL,
        author_id TEXT NOT NULL,
        UNIQUE (scope, platform, author_id)
      ) STRICT;
      INSERT INTO author_keys_v7 (key, scope, platform, author_id)
      SELECT key, '', platform, author_id FROM author_keys WHERE platform <> 'import' ORDER BY key;
      INSERT INTO author_keys_v7 (scope, platform, author_id)
      SELECT DISTINCT campaign_id, platform, author_id FROM campaign_posts WHERE platform = 'import'
      ORDER BY campaign_id, platform, author_id;

      CREATE TABLE campaign_posts_v7 (
        campaign_id TEXT NOT NULL REFERENCES campaigns (id),
        scope TEXT NOT NULL,
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
        FOREIGN KEY (scope, platform, post_id) REFERENCES posts_v7 (scope, platform, post_id) ON DELETE CASCADE
      ) STRICT;
      INSERT INTO campaign_posts_v7 (campaign_id, scope, platform, post_id, author_id, author_key, created_at, day, hour,
        city_code, province_code, location_method, topics, hashtags, engagement, impressions_reported, impressions_estimated)
      SELECT cp.campaign_id, k.scope, cp.platform, cp.post_id, cp.author_id, k.key, cp.created_at, cp.day, cp.hour,
        cp.city_code, cp.province_code, cp.location_method, cp.topics, cp.hashtags, cp.engagement, cp.impressions_reported,
        cp.impressions_estimated
      FROM campaign_posts AS cp
      JOIN author_keys_v7 AS k ON k.scope = CASE WHEN cp.platform = 'import' THEN cp.campaign_id ELSE '' END
        AND k.platform = cp.platform AND k.author_id = cp.author_id
      ORDER BY cp.campaign_id, cp.platform, cp.post_id;

      DROP TABLE campaign_posts;
      DROP TABLE posts;
      DROP TABLE authors;
      DROP TABLE author_keys;
      ALTER TABLE posts_v7 RENAME TO posts;
      ALTER TABLE authors_v7 RENAME TO authors;
      ALTER TABLE author_keys_v7 RENAME TO author_keys;
      ALTER TABLE campaign_posts_v7 RENAME TO campaign_posts;
      CREATE INDEX campaign_posts_by_created ON campaign_posts (campaign_id, created_at, author_key, platform, day, hour,
        city_code, province_code, engagement, impressions_reported, impressions_estimated);
      CREATE INDEX campaign_posts_by_day ON campaign_posts (campaign_id, day);
      CREATE INDEX campaign_posts_by_post ON campaign_posts (scope, platform, post_id);

      CREATE TRIGGER posts_figures_to_campaign_posts
      AFTER UPDATE OF engagement, impressions, impressions_source ON posts
      WHEN OLD.engagement IS NOT NEW.engagement OR OLD.impressions IS NOT NEW.impressions
        OR OLD.impressions_source IS NOT NEW.impressions_source
      BEGIN
        UPDATE campaign_posts SET
          engagement = NEW.engagement,
          impressions_reported = CASE WHEN NEW.impressions_source = 'reported' THEN COALESCE(NEW.impressions, 0) ELSE 0 END,
          impressions_estimated = CASE WHEN NEW.impressions_source = 'estimated' THEN COALESCE(NEW.impressions, 0) ELSE 0 END
        WHERE scope = NEW.scope AND platform = NEW.platform AND post_id = NEW.post_id;
      END;
    `,
};
