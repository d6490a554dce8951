import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';

/**
 * Migration 7 gives every stored post and attribution the platform it was published on. From a
 * database of schema 6 holding collected and imported posts: an imported Instagram post comes out
 * on `instagram` (its id says so), a collected one on its source, an id naming no platform on
 * `other`; and the store reads them back through the API's dimension.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'kk-m7-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const V6 = MIGRATIONS.filter((m) => m.version <= 6);

const CAMPAIGN = {
  id: 'c1',
  name: 'Lama',
  hashtags: ['#SocMed4SocGood'],
  startsAt: '2015-01-01T00:00:00.000Z',
  endsAt: null,
  timeZone: 'Asia/Jakarta',
  cities: [],
  cityHashtags: {},
  topics: {},
  sources: [{ type: 'x' }, { type: 'import' }],
  schedule: '*/15 * * * *',
  monthlyReadBudget: null,
  status: 'active',
  demo: false,
  createdAt: '2015-01-01T00:00:00.000Z',
  updatedAt: '2015-01-01T00:00:00.000Z',
};

/** A schema-6 database with one campaign and these posts (source, id, text, platform's language tag), each in the campaign. */
function schema6(file: string, posts: Array<[string, string, string, string | null]>): void {
  const db = new Database(file);
  migrate(db, V6);
  db.prepare('INSERT INTO campaigns (id, status, created_at, doc) VALUES (?, ?, ?, ?)').run('c1', 'active', CAMPAIGN.createdAt, JSON.stringify(CAMPAIGN));
  const insertPost = db.prepare(`INSERT INTO posts (platform, post_id, url, text, created_at, kind, author_id, hashtags, engagement, observed_at, lang)
    VALUES (?, ?, '', ?, '2015-01-14T03:00:00.000Z', 'original', ?, '["socmed4socgood"]', 1, '2015-01-15T00:00:00.000Z', ?)`);
  const insertKey = db.prepare('INSERT INTO author_keys (platform, author_id) VALUES (?, ?) RETURNING key').pluck();
  const insertMembership = db.prepare(`INSERT INTO campaign_posts (campaign_id, platform, post_id, author_id, author_key, created_at, day, hour,
      city_code, province_code, location_method, topics, hashtags, engagement, impressions_reported, impressions_estimated)
    VALUES ('c1', ?, ?, ?, ?, '2015-01-14T03:00:00.000Z', '2015-01-14', '2015-01-14T10', NULL, NULL, 'none', '["other"]', '["socmed4socgood"]', 1, 0, 0)`);
  posts.forEach(([source, id, text, lang], i) => {
    const author = `${id.split(':')[0]}:u${i}`;
    insertPost.run(source, id, text, author, lang);
    insertMembership.run(source, id, author, insertKey.get(source, author));
  });
  db.close();
}

describe('sqlite migration 7: where a post was published', () => {
  const file = path.join(dir, 'v6.sqlite');
  schema6(file, [
    // X tags Indonesian `in`.
    ['x', '1001', 'Workshop literasi digital hari ini seru sekali #SocMed4SocGood', 'in'],
    ['import', 'instagram:C1a2B3', 'Thank you everyone who joined the digital literacy workshop in Makassar today #SocMed4SocGood', null],
    ['import', 'tiktok:7301', 'Sampun rawuh wonten ing pelatihan, matur nuwun sanget kangge panjenengan sedaya #SocMed4SocGood', null],
    ['import', 'friendster:9', '#SocMed4SocGood', null],
    ['import', 'whatsapp:55', 'Kecewa banget, pelatihannya dibatalkan lagi tanpa kabar #SocMed4SocGood', null],
  ]);

  it('gives every post and attribution its platform from its source or its import id, and its language and sentiment', () => {
    const db = new Database(file);
    expect(migrate(db)).toContain(7);
    const posts = db.prepare('SELECT platform, post_id, published_on FROM posts ORDER BY platform, post_id').all();
    expect(posts).toEqual([
      { platform: 'import', post_id: 'friendster:9', published_on: 'other' },
      { platform: 'import', post_id: 'instagram:C1a2B3', published_on: 'instagram' },
      { platform: 'import', post_id: 'tiktok:7301', published_on: 'tiktok' },
      { platform: 'import', post_id: 'whatsapp:55', published_on: 'whatsapp' },
      { platform: 'x', post_id: '1001', published_on: null },
    ]);
    const memberships = db.prepare('SELECT post_id, published_on, language, sentiment, sentiment_source AS source FROM campaign_posts ORDER BY post_id').all();
    expect(memberships).toEqual([
      { post_id: '1001', published_on: 'x', language: 'id', sentiment: 'positive', source: 'auto' },
      // Nothing but a hashtag: too short to tell.
      { post_id: 'friendster:9', published_on: 'other', language: 'und', sentiment: 'neutral', source: 'auto' },
      { post_id: 'instagram:C1a2B3', published_on: 'instagram', language: 'en', sentiment: 'positive', source: 'auto' },
      { post_id: 'tiktok:7301', published_on: 'tiktok', language: 'jv', sentiment: 'positive', source: 'auto' },
      { post_id: 'whatsapp:55', published_on: 'whatsapp', language: 'id', sentiment: 'negative', source: 'auto' },
    ]);
    db.close();
  });

  it('answers the platform dimension and the posts from the migrated rows', async () => {
    const store = createSqliteStore({ file });
    try {
      const rows = await store.queryMetrics({ campaignId: 'c1', filter: {}, groupBy: ['platform'] });
      expect(rows.map((r) => [r.keys[0], r.posts])).toEqual([
        ['instagram', 1],
        ['other', 1],
        ['tiktok', 1],
        ['whatsapp', 1],
        ['x', 1],
      ]);
      const bySentiment = await store.queryMetrics({ campaignId: 'c1', filter: { sentiments: ['negative'] }, groupBy: ['sentiment'] });
      expect(bySentiment.map((r) => [r.keys[0], r.posts])).toEqual([['negative', 1]]);
      const listed = await store.listPosts({ campaignId: 'c1', filter: { platforms: ['instagram'] }, sort: 'recent', limit: 10 });
      expect(listed.map((l) => [l.post.platform, l.post.publishedOn, l.membership.publishedOn])).toEqual([['import', 'instagram', 'instagram']]);
    } finally {
      await store.close();
    }
  });
});
