import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { CampaignPost, LocationMethod } from '../../src/domain/campaign.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import { POSTS_READ_SINCE_SQL, RECENT_POST_IDS_SQL } from '../../src/store/sqlite/job-reads.sql.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { StoreUnavailableError } from '../../src/store/sqlite/sqlite-errors.js';
import type { EnrichedBatch, Store } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT } from '../fixtures/metrics-fixtures.js';
import { accountStoreContract } from './account-store.contract.js';
import { storeContract } from './store.contract.js';
import { storeOutboxContract } from './store-outbox.contract.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kk-sqlite-'));
let n = 0;
const tempFile = () => path.join(dir, `store-${process.pid}-${n++}.sqlite`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('sqlite :memory:', async () => createSqliteStore({ file: ':memory:' }));
storeContract('sqlite file (WAL)', async () => createSqliteStore({ file: tempFile() }));
accountStoreContract('sqlite :memory:', async () => createSqliteStore({ file: ':memory:' }));
accountStoreContract('sqlite file (WAL)', async () => createSqliteStore({ file: tempFile() }));

describe('sqlite store specifics', () => {
  const B1 = FIXTURE_BATCHES[0] as EnrichedBatch;

  async function seeded(file = ':memory:'): Promise<Store> {
    const store = createSqliteStore({ file });
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    return store;
  }

  it('writes nothing of a batch that fails midway, checkpoint included', async () => {
    const store = await seeded();
    const bad = { ...(B1.memberships[2] as CampaignPost), locationMethod: 'telepathy' as LocationMethod };
    const batch = { ...B1, memberships: [B1.memberships[0] as CampaignPost, bad] };
    await expect(store.saveBatch(batch, { campaignId: JKT, source: 'x', value: { sinceId: '9' } })).rejects.toThrow(/CHECK constraint/);
    expect(await store.countPosts()).toBe(0);
    expect(await store.campaignPosts(JKT)).toEqual([]);
    expect(await store.getCheckpoint(JKT, 'x')).toBeNull();
    // The same batch, corrected, then goes through whole.
    expect(await store.saveBatch(B1, { campaignId: JKT, source: 'x', value: { sinceId: '9' } })).toMatchObject({ inserted: 4 });
    expect(await store.getCheckpoint(JKT, 'x')).toEqual({ sinceId: '9' });
    await store.close();
  });

  it('rejects a membership of an unknown campaign, writing nothing', async () => {
    const store = await seeded();
    const stray = { ...(B1.memberships[0] as CampaignPost), campaignId: 'nope' };
    await expect(store.saveBatch({ ...B1, memberships: [stray] })).rejects.toThrow(/FOREIGN KEY/);
    expect(await store.countPosts()).toBe(0);
    await store.close();
  });

  it('migrates once, keeps data across reopening, and runs in WAL mode', async () => {
    const file = tempFile();
    const store = await seeded(file);
    await store.saveBatch(B1);
    await store.close();
    const reopened = createSqliteStore({ file });
    expect(await reopened.countPosts()).toBe(4);
    expect(await reopened.getCampaign(JKT)).toEqual(FIXTURE_CAMPAIGNS[0]);
    await reopened.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it("reads the refresh's post ids and the read budget's runs through an index range, not a scan", async () => {
    const file = tempFile();
    await createSqliteStore({ file }).close();
    const raw = new Database(file, { readonly: true });
    const plan = (sql: string) =>
      raw
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all('c', 'x', '2015-01-01T00:00:00.000Z')
        .map((r) => (r as { detail: string }).detail);
    expect(plan(RECENT_POST_IDS_SQL)).toEqual([
      expect.stringMatching(/^SEARCH campaign_posts USING INDEX campaign_posts_by_created \(campaign_id=\? AND created_at>\?\)$/),
    ]);
    expect(plan(POSTS_READ_SINCE_SQL)).toEqual([
      expect.stringMatching(/^SEARCH runs USING INDEX runs_by_source \(campaign_id=\? AND <expr>=\? AND started_at>\?\)$/),
    ]);
    raw.close();
  });

  it('says a full disk in words on an account write, storing nothing of it', async () => {
    const file = tempFile();
    await createSqliteStore({ file }).close();
    const raw = new Database(file);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const pages = Number(raw.pragma('page_count', { simple: true }));
    raw.close();
    const store = createSqliteStore({ file, maxPageCount: pages });
    const big = {
      id: 'a1',
      at: '2030-01-01T00:00:00.000Z',
      actor: { type: 'operator' as const, userId: null, via: 'admin-token', label: 'operator' },
      action: 'campaign.update',
      target: { type: 'campaign' as const, id: 'c1' },
      details: { text: 'x'.repeat(1 << 20) },
    };
    const err = await store.accounts.appendAudit(big).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect(err).toMatchObject({ code: 'SQLITE_FULL' });
    expect(await store.accounts.listAudit({ limit: 10 })).toEqual([]);
    await store.close();
  });

  it('rejects a write after close', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    await store.close();
    await expect(store.countPosts()).rejects.toThrow();
    await expect(store.ping()).rejects.toThrow();
  });
});

storeOutboxContract(
  'sqlite file (WAL)',
  async () => {
    const file = tempFile();
    const store = createSqliteStore({ file });
    return {
      store,
      // A trigger written by a second connection: the store's own statements fail, as on a full disk.
      async failWrites(table) {
        const other = new Database(file);
        for (const op of ['INSERT', 'UPDATE'])
          other.exec(`CREATE TRIGGER fail_${op.toLowerCase()}_${table} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
        other.close();
      },
      close: () => store.close(),
    };
  },
  { atomic: true },
);
