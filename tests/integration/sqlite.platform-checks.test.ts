import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceType } from '../../src/domain/post.js';
import { migrate, MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { EnrichedBatch, Store } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT, PAPUA, asStoredBeforePostDimensions } from '../fixtures/metrics-fixtures.js';
import { latestState, referenceMetrics } from '../helpers/reference-metrics.js';
import { ALL_GROUPINGS } from './store.contract.js';

/**
 * Migration 5 rebuilds posts, authors, campaign_posts, author_keys and checkpoints without their
 * platform (source) CHECK. From a database of schema 4 holding data: every row and
 * every figure comes through unchanged, the tables keep everything else (other CHECKs, keys,
 * STRICT, WITHOUT ROWID, indexes, the figures trigger), and a new platform can be stored.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'kk-m5-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const V4 = MIGRATIONS.filter((m) => m.version <= 4);
/** Up to this migration and no further: later ones may add tables or indexes of their own. */
const V5 = MIGRATIONS.filter((m) => m.version <= 5);
const NEW_PLATFORM = 'threads' as SourceType;
const REBUILT = ['posts', 'authors', 'campaign_posts', 'author_keys', 'checkpoints'];

type Row = Record<string, unknown>;

/**
 * Every row of every table in a fixed order; with its rowid where the table has one and was not
 * rebuilt (the rebuilt ones are copied in key order, and nothing reads their rowids).
 */
function snapshot(db: Database.Database): Record<string, Row[]> {
  const tables = db.prepare("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Row[];
  const out: Record<string, Row[]> = {};
  for (const { name, wr } of tables) {
    if (name === 'schema_migrations') continue;
    const withRowid = !wr && !REBUILT.includes(String(name));
    const ncol =
      (db
        .prepare(`SELECT COUNT(*) FROM pragma_table_info('${String(name)}')`)
        .pluck()
        .get() as number) + (withRowid ? 1 : 0);
    const order = Array.from({ length: ncol }, (_, i) => i + 1).join(', ');
    out[String(name)] = db.prepare(`SELECT ${withRowid ? 'rowid AS _rowid, ' : ''}* FROM "${String(name)}" ORDER BY ${order}`).all() as Row[];
  }
  return out;
}

/** What a table is, short of its CHECKs: columns, STRICT and WITHOUT ROWID, keys, indexes. */
function shape(db: Database.Database): Row {
  const tables = db
    .prepare("SELECT name, type, ncol, wr, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Row[];
  return Object.fromEntries(
    tables.map((t) => {
      const name = String(t.name);
      const indexes = (db.prepare(`SELECT name, "unique", origin, partial FROM pragma_index_list('${name}') ORDER BY name`).all() as Row[]).map((ix) => ({
        ...ix,
        columns: db.prepare(`SELECT seqno, cid, name, "desc", coll, key FROM pragma_index_xinfo('${String(ix.name)}') ORDER BY seqno`).all(),
      }));
      return [
        name,
        {
          table: t,
          columns: db.prepare(`SELECT * FROM pragma_table_xinfo('${name}') ORDER BY cid`).all(),
          foreignKeys: db.prepare(`SELECT * FROM pragma_foreign_key_list('${name}') ORDER BY id, seq`).all(),
          indexes,
        },
      ];
    }),
  );
}

/** CREATE statements with the platform and source lists taken out, quotes and spacing evened out. */
function statements(db: Database.Database, dropPlatformChecks: boolean): Row[] {
  const rows = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type, name').all() as Row[];
  return rows.map((r) => {
    let sql = String(r.sql);
    if (dropPlatformChecks) sql = sql.replace(/ CHECK \((platform|source) IN \('x', 'mastodon', 'bluesky', 'import'\)\)/g, '');
    return { ...r, sql: sql.replaceAll('"', '').replace(/\s+/g, ' ') };
  });
}

/** The fixtures, their checkpoints and a re-attribution, in a database of schema 4. */
async function schema4File(): Promise<string> {
  // Written by the current store, then copied table by table: the columns did not change in 5.
  const current = path.join(dir, 'current.sqlite');
  const store = createSqliteStore({ file: current });
  for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
  for (const [i, b] of FIXTURE_BATCHES.entries()) await store.saveBatch(b, { campaignId: JKT, source: 'x', value: { page: i } });
  await store.saveBatch({ posts: [], authors: [], memberships: [] }, { campaignId: PAPUA, source: 'mastodon', value: { since: 'p4' } });
  const papua = (await store.campaignPosts(PAPUA)).map((r) => r.membership);
  await store.replaceMemberships(PAPUA, papua.slice(1));
  await store.replaceMemberships(PAPUA, papua);
  await store.close();

  const old = path.join(dir, 'schema-4.sqlite');
  const db = new Database(old);
  db.pragma('foreign_keys = ON');
  migrate(db, V4);
  db.prepare('ATTACH DATABASE ? AS src').run(current);
  db.transaction(() => {
    const tables = db
      .prepare("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' AND name != 'schema_migrations'")
      .all() as Row[];
    // Parents before children; rowids as they were.
    const order = ['campaigns', 'posts', ...tables.map((t) => String(t.name)).filter((n) => n !== 'campaigns' && n !== 'posts')];
    for (const name of order) {
      const wr = tables.find((t) => t.name === name)?.wr;
      const info = db.prepare(`SELECT name, type, pk FROM pragma_table_info('${name}')`).all() as Row[];
      const cols = info.map((c) => String(c.name)).join(', ');
      const keyed = info.filter((c) => Number(c.pk) > 0);
      const rowidAlias = keyed.length === 1 && keyed[0]!.type === 'INTEGER';
      const withRowid = wr || rowidAlias ? cols : `rowid, ${cols}`;
      db.exec(`INSERT INTO main."${name}" (${withRowid}) SELECT ${withRowid} FROM src."${name}"`);
    }
  })();
  db.exec('DETACH DATABASE src');
  db.close();
  return old;
}

describe('sqlite migration 5: no platform list in the tables', () => {
  let file: string;
  /** The same schema-4 database taken to migration 5 alone. */
  let file5: string;
  let before: { rows: Record<string, Row[]>; shape: Row; statements: Row[] };
  let store: Store;

  beforeAll(async () => {
    file = await schema4File();
    const db = new Database(file, { readonly: true });
    before = { rows: snapshot(db), shape: shape(db), statements: statements(db, true) };
    db.close();
    file5 = path.join(dir, 'schema-5.sqlite');
    copyFileSync(file, file5);
    const db5 = new Database(file5);
    db5.pragma('foreign_keys = ON');
    migrate(db5, V5);
    db5.close();
    store = createSqliteStore({ file });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('starts from a schema-4 database that holds every kind of row and refuses a new platform', () => {
    for (const table of [...REBUILT, 'campaigns', 'data_versions', 'rollup_pending']) expect(before.rows[table]?.length, table).toBeGreaterThan(0);
    const db = new Database(path.join(dir, 'fresh-4.sqlite'));
    migrate(db, V4);
    expect(() => db.prepare("INSERT INTO checkpoints (campaign_id, source, value, updated_at) VALUES ('c', ?, '{}', '2015-01-01')").run(NEW_PLATFORM)).toThrow(
      /CHECK constraint failed/,
    );
    db.close();
  });

  it('keeps every row and every table, index and key; only the platform CHECKs are gone', () => {
    const db = new Database(file5, { readonly: true });
    expect(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(5);
    expect(snapshot(db)).toEqual(before.rows);
    expect(shape(db)).toEqual(before.shape);
    expect(statements(db, false)).toEqual(before.statements);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE sql LIKE '%CHECK (platform IN%' OR sql LIKE '%CHECK (source IN%'").pluck().all()).toEqual([]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('answers every figure as before', async () => {
    const data = latestState(asStoredBeforePostDimensions(FIXTURE_BATCHES));
    for (const campaignId of [JKT, PAPUA]) {
      for (const groupBy of ALL_GROUPINGS) {
        const q = { campaignId, filter: {}, groupBy };
        expect(await store.queryMetrics(q), `${campaignId} by ${groupBy.join(' × ')}`).toEqual(referenceMetrics(data, q));
      }
    }
    expect(await store.getCheckpoint(JKT, 'x')).toEqual({ page: FIXTURE_BATCHES.length - 1 });
  });

  it('stores a post, author, attribution and checkpoint of a platform outside the old list', async () => {
    const [batch] = FIXTURE_BATCHES as [EnrichedBatch];
    const post = { ...batch.posts[0]!, platform: NEW_PLATFORM, postId: 't1', authorId: 'ta' };
    const saved: EnrichedBatch = {
      posts: [post],
      authors: [{ ...batch.authors[0]!, platform: NEW_PLATFORM, authorId: 'ta' }],
      memberships: [{ ...batch.memberships[0]!, campaignId: JKT, platform: NEW_PLATFORM, postId: 't1', authorId: 'ta' }],
    };
    await store.saveBatch(saved, { campaignId: JKT, source: NEW_PLATFORM, value: { since: 't1' } });
    // A later observation reaches the attribution through the figures trigger.
    await store.saveBatch({ ...saved, posts: [{ ...post, engagement: post.engagement + 7, observedAt: '2015-02-01T00:00:00.000Z' }] });
    const db = new Database(file, { readonly: true });
    for (const table of REBUILT) {
      const column = table === 'checkpoints' ? 'source' : 'platform';
      expect(db.prepare(`SELECT COUNT(*) FROM ${table} WHERE ${column} = ?`).pluck().get(NEW_PLATFORM), table).toBe(1);
    }
    expect(db.prepare('SELECT engagement FROM campaign_posts WHERE platform = ? AND post_id = ?').pluck().get(NEW_PLATFORM, 't1')).toBe(post.engagement + 7);
    db.close();
  });

  it('still deletes a post’s attributions with the post (the foreign key survived the rename)', () => {
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    const [first] = before.rows.campaign_posts as [Row];
    db.prepare('DELETE FROM posts WHERE platform = ? AND post_id = ?').run(first.platform, first.post_id);
    expect(db.prepare('SELECT COUNT(*) FROM campaign_posts WHERE platform = ? AND post_id = ?').pluck().get(first.platform, first.post_id)).toBe(0);
    db.close();
  });
});
