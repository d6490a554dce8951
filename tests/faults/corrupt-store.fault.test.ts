import { copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { quickCheck } from '../../src/store/sqlite/integrity.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import { expectSameAsClean } from '../helpers/campaign-figures.js';
import { makeCampaign } from '../helpers/campaigns.js';
import { freePort, seededRandom, spawnNode, within } from '../helpers/processes.js';
import { silentLog } from '../helpers/queues.js';
import { startService } from '../helpers/service.js';

/**
 * A damaged database must not start a service whose /healthz says ok while posts, export and
 * import fail: start-up runs PRAGMA quick_check (bounded in time) and stops naming the file,
 * DATA_DIR and how to restore. A file that is not a database at all says the same instead of
 * SQLite's bare "file is not a database". The backup put back as it says, the service starts with
 * the figures a store that was never damaged gives.
 */
const TOKEN = 'fault-corrupt-token-0123456789';

function garbage(bytes: number, seed: number): Buffer {
  const random = seededRandom(seed);
  return Buffer.from(Array.from({ length: bytes }, () => Math.floor(random() * 256)));
}

describe('a corrupt or garbage database file', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'kk-fault-corrupt-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A store with some campaigns, checkpointed into the main file and closed. */
  async function healthyStore(name: string): Promise<{ dataDir: string; file: string }> {
    const dataDir = path.join(root, name);
    mkdirSync(dataDir);
    const file = path.join(dataDir, 'campaigns.sqlite');
    const store = createSqliteStore({ file });
    for (let i = 0; i < 40; i++) await store.createCampaign(makeCampaign({ id: `c-${i}`, name: `Campaign ${i} ${'x'.repeat(200)}` }));
    await store.close();
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return { dataDir, file };
  }

  /** Overwrites the root page of the campaigns table with noise: the schema still reads, the table does not. */
  function corruptCampaignsPage(file: string): void {
    const db = new Database(file, { readonly: true });
    const root = (db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'campaigns'").get() as { rootpage: number }).rootpage;
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    db.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, garbage(pageSize, 7), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);
  }

  it('corrupted pages: start-up stops naming the file and DATA_DIR, and says how to restore', { timeout: 60_000 }, async () => {
    const { dataDir, file } = await healthyStore('pages');
    copyFileSync(file, `${file}.backup`);
    corruptCampaignsPage(file);
    const before = readFileSync(file);
    const started = createRuntime(loadConfig({ DATA_DIR: dataDir, ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'silent' }), silentLog);
    // A page too damaged to walk fails the check itself (SQLITE_CORRUPT); a subtler one is listed by quick_check.
    await expect(started).rejects.toThrow(`The SQLite store ${file} (in DATA_DIR ${dataDir}) is corrupt or not a database (`);
    await expect(started).rejects.toThrow(/is corrupt or not a database \((quick_check|SQLITE_CORRUPT)/);
    await expect(started).rejects.toThrow(/restore the last backup in its place \(docs\/recovery\.md\)/);
    // Nothing was written into the damaged file (no migration, no repair attempt).
    expect(readFileSync(file).equals(before)).toBe(true);

    // The last backup in its place (docs/recovery.md): the figures of a store never damaged.
    copyFileSync(`${file}.backup`, file);
    const restored = await startService({ dataDir });
    const clean = await startService({ dataDir: (await healthyStore('pages-clean')).dataDir });
    try {
      await expectSameAsClean(restored.rt, clean.rt, { from: '2015-01-13', to: '2015-01-20' });
    } finally {
      await restored.close();
      await clean.close();
    }
  });

  it('a garbage file: the API process exits naming the file and DATA_DIR', { timeout: 60_000 }, async () => {
    const dataDir = path.join(root, 'garbage');
    mkdirSync(dataDir);
    const file = path.join(dataDir, 'campaigns.sqlite');
    writeFileSync(file, garbage(64 * 1024, 11));
    const api = spawnNode('src/server.ts', { DATA_DIR: dataDir, PORT: String(await freePort()), ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'silent' });
    expect((await within(45_000, 'start-up to stop', api.exited)).code).toBe(1);
    expect(api.stderr()).toContain(`${file} (in DATA_DIR ${dataDir}) is corrupt or not a database (SQLITE_NOTADB: file is not a database)`);
    expect(api.stderr()).toContain('docs/recovery.md');
  });

  it('a database too large for the time budget is checked table by table, and says how far it got', async () => {
    const { file } = await healthyStore('partial');
    const db = new Database(file);
    // Every file counts as large here (0 bytes): checked table by table.
    expect(quickCheck(db, file, 0, 0)).toMatchObject({ complete: false, checked: 0 });
    const full = quickCheck(db, file, 60_000, 0);
    expect(full.complete).toBe(true);
    expect(full.checked).toBe(full.tables);
    db.close();
    corruptCampaignsPage(file);
    const damaged = new Database(file, { readonly: true });
    expect(() => quickCheck(damaged, file, 60_000, 0)).toThrow(/is corrupt or not a database \((quick_check|SQLITE_CORRUPT)/);
    damaged.close();
  });
});
