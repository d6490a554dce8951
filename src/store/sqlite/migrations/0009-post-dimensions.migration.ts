import { backfillReadings } from '../backfill.sql.js';
import type { Migration } from './migration.types.js';

/** Not shipped yet: once it ships, never edit (tests/unit/sqlite-migrations.test.ts pins its text). */
export const migration9: Migration = {
  version: 9,
  name: 'where a post was published, its language and sentiment',
  sql: `
      -- A post's platform (where it was published, API.md 1.1) beside its source (how it came in,
      -- the key's platform column). NULL on posts means "the source itself"; an imported post's
      -- id already starts with the platform of its import row ('instagram:C1a2B3').
      ALTER TABLE posts ADD COLUMN published_on TEXT;
      UPDATE posts SET published_on = substr(post_id, 1, instr(post_id, ':') - 1)
      WHERE platform = 'import' AND substr(post_id, 1, instr(post_id, ':') - 1) IN ('x', 'mastodon', 'bluesky', 'instagram',
        'facebook', 'tiktok', 'whatsapp', 'youtube', 'threads', 'linkedin', 'telegram', 'other');
      UPDATE posts SET published_on = 'other' WHERE platform = 'import' AND published_on IS NULL;

      -- The attribution carries it, as it carries city and topics: the platform dimension reads
      -- campaign_posts alone. The default only serves this ALTER; every write names the column.
      ALTER TABLE campaign_posts ADD COLUMN published_on TEXT NOT NULL DEFAULT 'other';
      UPDATE campaign_posts SET published_on = CASE
        WHEN platform IN ('x', 'mastodon', 'bluesky') THEN platform
        ELSE COALESCE((SELECT p.published_on FROM posts AS p WHERE p.platform = campaign_posts.platform
          AND p.post_id = campaign_posts.post_id), 'other')
      END;

      -- The language and sentiment of each attribution (per campaign: detected Malay is Indonesian
      -- in an Indonesian time zone). Only code can read them: the backfill fills the rows left NULL.
      ALTER TABLE campaign_posts ADD COLUMN language TEXT;
      ALTER TABLE campaign_posts ADD COLUMN sentiment TEXT CHECK (sentiment IN ('positive', 'neutral', 'negative'));
      ALTER TABLE campaign_posts ADD COLUMN sentiment_source TEXT CHECK (sentiment_source IN ('auto', 'manual'));
    `,
  backfill: backfillReadings,
};
