import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { CampaignPost } from '../../src/domain/campaign.js';
import type { Author, StoredPost } from '../../src/domain/post.js';
import { migrate, MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { EnrichedBatch } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT, PAPUA, asStoredBeforePostDimensions } from '../fixtures/metrics-fixtures.js';
import { latestState, referenceMetrics } from '../helpers/reference-metrics.js';
import { ALL_GROUPINGS } from './store.contract.js';

/**
 * Migration 8: imported posts and authors per campaign. A database of schema 6 holds an imported
 * post (and its author) ONCE, shared by the two campaigns that imported it. After the migration
 * each campaign has its own copy with the same fields, so every figure is what it was, and a
 * later import into one campaign no longer changes the other.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'kk-m7-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const tempFile = () => path.join(dir, `m7-${process.pid}-${n++}.sqlite`);

const T1 = '2015-01-14T06:00:00.000Z';
const shared: StoredPost = {
  platform: 'import',
  publishedOn: 'instagram',
  postId: 'instagram:C1',
  url: 'https://instagram.example/p/C1',
  text: 'kelas literasi #SocMed4SocGood #LiterasiPapua',
  createdAt: '2015-01-14T10:00:00.000Z',
  kind: 'original',
  authorId: 'instagram:ani',
  hashtags: ['socmed4socgood', 'literasipapua'],
  counts: { likes: 10, reposts: 5 },
  observedAt: T1,
  engagement: 15,
  impressions: 300,
  impressionsSource: 'estimated',
};
const sharedAuthor: Author = { platform: 'import', authorId: 'instagram:ani', handle: 'ani', name: 'Ani', followers: 300, observedAt: T1 };
const member = (campaignId: string, cityCode: string): CampaignPost => ({
  campaignId,
  publishedOn: 'instagram',
  language: 'id',
  sentiment: 'neutral',
  sentimentSource: 'auto',
  platform: 'import',
  postId: shared.postId,
  authorId: shared.authorId,
  createdAt: shared.createdAt,
  day: '2015-01-14',
  hour: '2015-01-14T17',
  cityCode,
  provinceCode: cityCode.slice(0, 2),
  locationMethod: 'geo',
  topics: ['education'],
  hashtags: ['socmed4socgood'],
});
/** The fixtures, and one imported post and author held by both campaigns. */
const BATCHES: EnrichedBatch[] = [
  ...FIXTURE_BATCHES,
  { posts: [shared], authors: [sharedAuthor], memberships: [member(JKT, '73.71'), member(PAPUA, '91.71')] },
];

/** A database of schema 6 holding BATCHES as that schema stored them: one row per (platform, id). */
async function schema6Database(): Promise<string> {
  const current = tempFile();
  const store = createSqliteStore({ file: current });
  for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
  for (const b of BATCHES) await store.saveBatch(b);
  await store.close();
  const old = tempFile();
  const db = new Database(old);
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= 6),
  );
  db.prepare('ATTACH DATABASE ? AS src').run(current);
  const columns = (table: string) => (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).join(', ');
  // Both campaigns' copies are equal here, so DISTINCT makes them the one shared row schema 6 had.
  for (const table of ['campaigns', 'posts', 'authors', 'data_versions', 'checkpoints']) {
    db.exec(`INSERT INTO main.${table} (${columns(table)}) SELECT DISTINCT ${columns(table)} FROM src.${table}`);
  }
  db.exec('INSERT INTO main.author_keys (platform, author_id) SELECT DISTINCT platform, author_id FROM src.campaign_posts ORDER BY 1, 2');
  const cp = columns('campaign_posts')
    .split(', ')
    .filter((c) => c !== 'author_key');
  db.exec(`INSERT INTO main.campaign_posts (${cp.join(', ')}, author_key)
    SELECT ${cp.map((c) => `s.${c}`).join(', ')}, k.key FROM src.campaign_posts AS s
    JOIN main.author_keys AS k ON k.platform = s.platform AND k.author_id = s.author_id`);
  db.exec('DETACH DATABASE src');
  expect(db.prepare("SELECT COUNT(*) FROM posts WHERE platform = 'import' AND post_id = ?").pluck().get(shared.postId)).toBe(1);
  expect(db.prepare("SELECT COUNT(*) FROM authors WHERE platform = 'import' AND author_id = ?").pluck().get(shared.authorId)).toBe(1);
  db.close();
  return old;
}

/** Per campaign: posts, engagement and impressions as the attributions of any schema hold them. */
function totals(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT campaign_id, COUNT(*) AS posts, SUM(engagement) AS engagement, SUM(impressions_reported + impressions_estimated) AS impressions
         FROM campaign_posts GROUP BY campaign_id ORDER BY campaign_id`,
      )
      .all();
  } finally {
    db.close();
  }
}

describe('sqlite migration 8: imported posts per campaign', () => {
  it('turns a shared imported post into one copy per campaign, every figure unchanged', async () => {
    const file = await schema6Database();
    const before = totals(file);
    const store = createSqliteStore({ file });
    expect(totals(file)).toEqual(before);
    const data = latestState(asStoredBeforePostDimensions(BATCHES));
    for (const campaignId of [JKT, PAPUA]) {
      for (const groupBy of ALL_GROUPINGS) {
        const q = { campaignId, filter: {}, groupBy };
        expect(await store.queryMetrics(q), `${campaignId} by ${groupBy.join(', ')}`).toEqual(referenceMetrics(data, q));
      }
      const own = (await store.campaignPosts(campaignId)).find((r) => r.post.postId === shared.postId);
      // Migration 12 reads an imported post's mentions from its text (none here).
      expect(own?.post).toEqual({ ...shared, references: { mentions: [] } });
      expect(own?.author).toEqual(sharedAuthor);
    }

    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.at(-1)?.version);
    expect(db.prepare('SELECT scope FROM posts WHERE post_id = ? ORDER BY scope').pluck().all(shared.postId)).toEqual([PAPUA, JKT].sort());
    expect(db.prepare('SELECT scope FROM authors WHERE author_id = ? ORDER BY scope').pluck().all(shared.authorId)).toEqual([PAPUA, JKT].sort());
    expect(db.prepare("SELECT COUNT(DISTINCT scope) FROM posts WHERE platform <> 'import'").pluck().get()).toBe(1);
    // Each campaign's attribution names its own author key; the foreign keys all resolve.
    expect(db.prepare('SELECT COUNT(DISTINCT author_key) FROM campaign_posts WHERE post_id = ?').pluck().get(shared.postId)).toBe(2);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    db.close();

    // From now on an import into PAPUA moves PAPUA's copy only (the figures trigger follows the scope).
    const [jktBefore] = await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: [] });
    const bigger = {
      ...shared,
      counts: { likes: 1_000_000, reposts: 4 },
      engagement: 1_000_004,
      url: 'https://phishing.example/',
      observedAt: '2015-01-15T00:00:00.000Z',
    };
    await store.saveBatch({
      posts: [bigger],
      authors: [{ ...sharedAuthor, followers: 9, observedAt: bigger.observedAt }],
      memberships: [member(PAPUA, '91.71')],
    });
    expect((await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: [] }))[0]).toEqual(jktBefore);
    expect((await store.campaignPosts(JKT)).find((r) => r.post.postId === shared.postId)?.post).toEqual({ ...shared, references: { mentions: [] } });
    expect((await store.campaignPosts(PAPUA)).find((r) => r.post.postId === shared.postId)?.post).toEqual(bigger);
    await store.close();
  });
});
