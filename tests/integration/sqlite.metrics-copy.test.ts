import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { CampaignPost } from '../../src/domain/campaign.js';
import type { Dimension } from '../../src/domain/dimensions.js';
import { runMetricsQuery } from '../helpers/metrics-oracle.sql.js';
import { migrate, MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { EnrichedBatch, Store } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT, PAPUA, asStoredBeforePostDimensions } from '../fixtures/metrics-fixtures.js';
import { authorArb, CAMPAIGNS, campaigns, postArb, toBatches } from '../helpers/random-batches.js';
import { latestState, referenceMetrics } from '../helpers/reference-metrics.js';
import { ALL_GROUPINGS } from './store.contract.js';

/**
 * Migration 4 gave campaign_posts a copy of its post's figures and its author's key, which the
 * metrics scan reads instead of the posts and the author strings. These tests hold the copy to
 * the rows it copies, whatever the order of writes, and the scan to the plain SQL statement
 * over the posts (runMetricsQuery), on the same database.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'kk-copy-'));
let n = 0;
const tempFile = () => path.join(dir, `copy-${process.pid}-${n++}.sqlite`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Attributions whose copy differs from the post, or whose key names another author. */
const DRIFT = `
  SELECT cp.campaign_id, cp.platform, cp.post_id
  FROM campaign_posts AS cp
  LEFT JOIN posts AS p ON p.scope = cp.scope AND p.platform = cp.platform AND p.post_id = cp.post_id
  LEFT JOIN author_keys AS k ON k.key = cp.author_key
  WHERE cp.engagement IS NOT p.engagement
    OR cp.impressions_reported IS NOT (CASE WHEN p.impressions_source = 'reported' THEN COALESCE(p.impressions, 0) ELSE 0 END)
    OR cp.impressions_estimated IS NOT (CASE WHEN p.impressions_source = 'estimated' THEN COALESCE(p.impressions, 0) ELSE 0 END)
    OR k.scope IS NOT cp.scope OR k.platform IS NOT cp.platform OR k.author_id IS NOT cp.author_id`;

async function expectCopyHolds(store: Store, file: string, campaigns: string[], groupings: Dimension[][]): Promise<void> {
  const raw = new Database(file, { readonly: true });
  try {
    expect(raw.prepare(DRIFT).all()).toEqual([]);
    for (const campaignId of campaigns) {
      for (const groupBy of groupings) {
        const q = { campaignId, filter: {}, groupBy };
        expect(await store.queryMetrics(q)).toEqual(runMetricsQuery(raw, q));
      }
    }
  } finally {
    raw.close();
  }
}

const GROUPINGS: Dimension[][] = [[], ['city'], ['day', 'source'], ['topic']];

describe('sqlite: the attribution copy of post figures and author keys (migration 4)', () => {
  it('equals the posts and authors after any order of batches, refreshes and re-attributions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(postArb, { maxLength: 8 }),
        fc.array(authorArb, { maxLength: 5 }),
        fc.record({ keep: fc.nat({ max: 5 }), city: fc.option(fc.constantFrom('73.71', '91.71'), { nil: null }) }),
        async (posts, authors, reattribute) => {
          const file = tempFile();
          const store = createSqliteStore({ file });
          try {
            for (const c of campaigns) await store.createCampaign(c);
            for (const b of toBatches(posts, authors)) await store.saveBatch(b);
            await expectCopyHolds(store, file, CAMPAIGNS, GROUPINGS);
            // Re-attribution (a change of the campaign's cities): some kept, moved, the rest dropped.
            const [first] = CAMPAIGNS as [string];
            const held = (await store.campaignPosts(first)).map((r) => r.membership);
            const moved: CampaignPost[] = held.slice(0, reattribute.keep).map((m) => ({ ...m, cityCode: reattribute.city, topics: ['education'] }));
            await store.replaceMemberships(first, moved);
            await expectCopyHolds(store, file, CAMPAIGNS, GROUPINGS);
            // A later refresh of every post: new counts reach every campaign holding it.
            const counts = { likes: 99, reposts: undefined, replies: undefined, quotes: undefined, bookmarks: undefined };
            const refresh = toBatches(
              posts.map((p) => ({
                ...p,
                observations: [
                  { batch: 0, observedAt: '2015-01-18T00:00:00.000Z', counts, impressions: { n: 5, source: 'estimated' as const }, memberships: [] },
                ],
              })),
              [],
            );
            await store.saveBatch(refresh[0]!);
            await expectCopyHolds(store, file, CAMPAIGNS, GROUPINGS);
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is filled in by the migration from a database of schema 3, figures unchanged', async () => {
    // The fixtures stored by the current store, then copied into a database of migrations 1–3.
    const current = tempFile();
    const store = createSqliteStore({ file: current });
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    for (const b of FIXTURE_BATCHES) await store.saveBatch(b);
    await store.close();
    const old = tempFile();
    const db = new Database(old);
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 3),
    );
    db.prepare('ATTACH DATABASE ? AS src').run(current);
    const v3 = 'campaign_id, platform, post_id, author_id, created_at, day, hour, city_code, province_code, location_method, topics, hashtags';
    // The columns of schema 3 (no scope since migration 7): an imported post's copies in two campaigns are one row there.
    for (const table of ['campaigns', 'posts', 'authors', 'data_versions']) {
      const columns = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).join(', ');
      db.exec(`INSERT INTO main.${table} (${columns}) SELECT DISTINCT ${columns} FROM src.${table}`);
    }
    db.exec(`INSERT INTO main.campaign_posts (${v3}) SELECT ${v3} FROM src.campaign_posts ORDER BY rowid`);
    db.exec('DETACH DATABASE src');
    db.close();

    const migrated = createSqliteStore({ file: old });
    const data = latestState(asStoredBeforePostDimensions(FIXTURE_BATCHES));
    for (const campaignId of [JKT, PAPUA]) {
      for (const groupBy of ALL_GROUPINGS) {
        const q = { campaignId, filter: {}, groupBy };
        expect(await migrated.queryMetrics(q)).toEqual(referenceMetrics(data, q));
      }
    }
    await expectCopyHolds(migrated, old, [JKT, PAPUA], [[]]);
    await migrated.close();
    const check = new Database(old, { readonly: true });
    expect(check.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.at(-1)?.version);
    expect(check.prepare('SELECT COUNT(*) FROM campaign_posts').pluck().get()).toBe(data.memberships.length);
    check.close();
  });

  it('never reuses the key of an author whose batch rolled back', async () => {
    const file = tempFile();
    const store = createSqliteStore({ file });
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    const batchOf = (postId: string, authorId: string): EnrichedBatch => {
      const [post, membership] = [FIXTURE_BATCHES[0]!.posts[0]!, FIXTURE_BATCHES[0]!.memberships[0]!];
      return {
        posts: [{ ...post, postId, authorId }],
        authors: [{ platform: post.platform, authorId, handle: `@${authorId}`, name: authorId, observedAt: post.observedAt, followers: 10 }],
        memberships: [{ ...membership, campaignId: JKT, postId, authorId }],
      };
    };
    // Author a gets a key, then the batch fails (a membership of a post never stored): rolled back.
    const failing = batchOf('k1', 'a');
    await expect(
      store.saveBatch({ ...failing, memberships: [...failing.memberships, { ...failing.memberships[0]!, postId: 'never-stored' }] }),
    ).rejects.toThrow(/FOREIGN KEY/);
    // That key is free again: author b takes it. Author a must get another one.
    await store.saveBatch(batchOf('k2', 'b'));
    await store.saveBatch(batchOf('k3', 'a'));
    await expectCopyHolds(store, file, [JKT], [[]]);
    const [total] = await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: [] });
    expect(total).toMatchObject({ posts: 2, contributors: 2, reach: 20 });
    await store.close();
  });

  it('still refuses a membership of a post that is not stored, writing nothing', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    const b1 = FIXTURE_BATCHES[0]!;
    const stray = { ...b1.memberships[0]!, postId: 'never-stored' };
    await expect(store.saveBatch({ ...b1, memberships: [...b1.memberships, stray] })).rejects.toThrow(/FOREIGN KEY/);
    expect(await store.countPosts()).toBe(0);
    await store.saveBatch(b1);
    const held = (await store.campaignPosts(JKT)).map((r) => r.membership);
    await expect(store.replaceMemberships(JKT, [...held, { ...stray, campaignId: JKT }])).rejects.toThrow(/FOREIGN KEY/);
    expect((await store.campaignPosts(JKT)).map((r) => r.membership)).toEqual(held);
    await store.close();
  });
});
