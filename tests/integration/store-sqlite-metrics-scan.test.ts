import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Dimension } from '../../src/domain/dimensions.js';
import { ADDITIVE_FIGURES } from '../../src/domain/figures.js';
import type { MetricsQuery, MetricsRow } from '../../src/domain/metrics-query.js';
import { compareUtf8, compileMetricsScan, FOLLOWERS } from '../../src/store/sqlite/metrics-scan.js';
import { migrate } from '../../src/store/sqlite/migrations.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { EnrichedBatch } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT } from '../fixtures/metrics-fixtures.js';
import { latestState, referenceMetrics } from '../helpers/reference-metrics.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kk-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const q = (over: Partial<MetricsQuery> = {}): MetricsQuery => ({ campaignId: 'c1', filter: {}, groupBy: [], ...over });

/** A migrated database where the scan's aggregates exist (as stubs: only plans are looked at). */
function planner(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  for (const name of ['kk_metrics_authors', 'kk_metrics_groups']) db.aggregate(name, { start: 0, varargs: true, step: () => undefined });
  return db;
}
const planOf = (db: Database.Database, sql: string, params: unknown[]) =>
  db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => (r as { detail: string }).detail);

describe('compareUtf8', () => {
  it('orders strings as SQLite BINARY does: by UTF-8 bytes, not UTF-16 units', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(Math.sign(compareUtf8(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
      { numRuns: 2000 },
    );
    // The case UTF-16 order gets wrong: U+FF5E sorts before U+1F600 in UTF-8.
    expect(compareUtf8('\uff5e', '\u{1f600}')).toBeLessThan(0);
    expect('\uff5e' < '\u{1f600}').toBe(false);
  });
});

describe('compileMetricsScan', () => {
  it('binds every value as a parameter and splices only whitelisted dimensions', () => {
    const evil = "73.71') OR 1=1 --";
    const { sql, params } = compileMetricsScan(q({ campaignId: "c'1", filter: { cities: [evil], topics: ['x"y'] }, groupBy: ['city'] }));
    expect(sql).not.toContain(evil);
    expect(sql).not.toContain("c'1");
    // A filter's values travel as one JSON parameter: the SQL text never depends on how many there are.
    expect(params).toEqual(["c'1", JSON.stringify([evil]), JSON.stringify(['x"y'])]);
    expect((sql.match(/\?/g) ?? []).length).toBe(params.length);
    expect(() => compileMetricsScan(q({ groupBy: ['city; DROP TABLE posts' as Dimension] }))).toThrow(RangeError);
  });

  it.each([[[]], [['city']], [['day']], [['province', 'source']], [['hour']]] as Dimension[][][])(
    'by %j reads one index, without a table lookup, a join or a sort',
    (groupBy) => {
      const db = planner();
      const { sql, params } = compileMetricsScan(q({ groupBy, filter: { from: '2015-01-13T00:00:00Z', to: '2015-02-13T00:00:00Z' } }));
      expect(planOf(db, sql, params)).toEqual(['SEARCH cp USING COVERING INDEX campaign_posts_by_created (campaign_id=? AND created_at>? AND created_at<?)']);
      db.close();
    },
  );

  it('reads follower counts one primary-key lookup per author, never author × author', () => {
    const db = planner();
    expect(planOf(db, FOLLOWERS, ['[1, 2]'])).toEqual([
      'SCAN j VIRTUAL TABLE INDEX 1:',
      'SEARCH k USING INTEGER PRIMARY KEY (rowid=?)',
      'SEARCH a USING PRIMARY KEY (scope=? AND platform=? AND author_id=?)',
    ]);
    db.close();
  });
});

describe('the scan and the list of additive figures (src/domain/figures.ts)', () => {
  it('reads every figure of the list, with or without dimensions, as the reference sums it', async () => {
    for (const groupBy of [[], ['city']] as Dimension[][]) {
      const { sql } = compileMetricsScan(q({ groupBy }));
      for (const f of ADDITIVE_FIGURES) {
        // The count has no column: each row the scan sees is a post.
        if (f.perPost.kind !== 'count') expect(sql, `${f.name} in ${JSON.stringify(groupBy)}`).toContain(`cp.${f.sqlite}`);
      }
    }
    const store = createSqliteStore({ file: ':memory:' });
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    for (const b of FIXTURE_BATCHES as EnrichedBatch[]) await store.saveBatch(b);
    const data = latestState(FIXTURE_BATCHES as EnrichedBatch[]);
    for (const groupBy of [[], ['city'], ['topic', 'day']] as Dimension[][]) {
      const query = { campaignId: JKT, filter: {}, groupBy };
      const figuresOf = (rows: MetricsRow[]) => rows.map((r) => [r.keys, ...ADDITIVE_FIGURES.map((f) => r[f.name])]);
      const expected = referenceMetrics(data, query);
      expect(figuresOf(await store.queryMetrics(query))).toEqual(figuresOf(expected));
      // Every figure is non-zero somewhere in the fixtures, so a figure the scan left out cannot pass as 0.
      for (const f of ADDITIVE_FIGURES)
        expect(
          expected.some((r) => r[f.name] > 0),
          f.name,
        ).toBe(true);
    }
    await store.close();
  });
});

describe('the scan on stored data', () => {
  it('fails on a key of the wrong type, as reading the SQL rows did', async () => {
    const file = path.join(dir, 'wrong-key.sqlite');
    const store = createSqliteStore({ file });
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    await store.saveBatch(FIXTURE_BATCHES[0]!);
    const raw = new Database(file);
    raw.prepare("UPDATE campaign_posts SET topics = '[7]' WHERE campaign_id = ?").run(JKT);
    raw.close();
    await expect(store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: ['topic'] })).rejects.toThrow('key0: expected a string, got number');
    await expect(store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: ['topic', 'city'] })).rejects.toThrow('key0: expected a string, got number');
    await store.close();
  });

  it('runs its aggregates only inside queryMetrics', async () => {
    const file = path.join(dir, 'outside.sqlite');
    const store = createSqliteStore({ file });
    // Another connection has no such function; on the store's own, they are top-level only (directOnly).
    const raw = new Database(file);
    expect(() => raw.prepare('SELECT kk_metrics_authors(1)').get()).toThrow(/no such function/);
    raw.close();
    await store.close();
  });

  it('counts an author once in a group the scan leaves and comes back to', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    const [post, membership] = [FIXTURE_BATCHES[0]!.posts[0]!, FIXTURE_BATCHES[0]!.memberships[0]!];
    // In creation order: u1 in Makassar, u1 in Kupang, u2 in Makassar, u1 in Makassar again.
    const visits: Array<[string, string, string]> = [
      ['u1', '73.71', '01'],
      ['u1', '53.71', '02'],
      ['u2', '73.71', '03'],
      ['u1', '73.71', '04'],
    ];
    const batch: EnrichedBatch = { posts: [], authors: [], memberships: [] };
    for (const [authorId, cityCode, minute] of visits) {
      const postId = `re-${minute}`;
      const createdAt = `2015-01-13T05:${minute}:00.000Z`;
      batch.posts.push({ ...post, postId, authorId, createdAt });
      batch.memberships.push({ ...membership, campaignId: JKT, postId, authorId, createdAt, cityCode, provinceCode: cityCode.slice(0, 2) });
    }
    batch.authors.push(
      ...['u1', 'u2'].map((authorId, i) => ({
        platform: post.platform,
        authorId,
        handle: authorId,
        name: authorId,
        observedAt: post.observedAt,
        followers: 100 * (i + 1),
      })),
    );
    await store.saveBatch(batch);
    const data = latestState([batch]);
    for (const groupBy of [['city'], ['province'], ['city', 'source'], []] as Dimension[][]) {
      const q = { campaignId: JKT, filter: {}, groupBy };
      expect(await store.queryMetrics(q)).toEqual(referenceMetrics(data, q));
    }
    expect((await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: ['city'] })).map((r) => [r.keys[0], r.posts, r.contributors, r.reach])).toEqual([
      ['53.71', 1, 1, 100],
      ['73.71', 3, 2, 300],
    ]);
    await store.close();
  });

  it('handles author keys beyond the dense array', async () => {
    const file = path.join(dir, 'far-keys.sqlite');
    const store = createSqliteStore({ file });
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    for (const b of FIXTURE_BATCHES) await store.saveBatch(b);
    const expected = await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: ['city'] });
    const total = await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: [] });
    const raw = new Database(file);
    // Keys are dense from 1 in practice; far ones (a database of millions of authors) take the map.
    raw.exec('PRAGMA foreign_keys = OFF; UPDATE author_keys SET key = key + 100000000; UPDATE campaign_posts SET author_key = author_key + 100000000;');
    raw.close();
    expect(await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: ['city'] })).toEqual(expected);
    expect(await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: [] })).toEqual(total);
    await store.close();
  });
});
