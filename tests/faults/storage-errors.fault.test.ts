import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageUnavailableError } from '../../src/errors.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import { expectSameAsClean } from '../helpers/campaign-figures.js';
import { makeCampaign } from '../helpers/campaigns.js';
import { startService, type RunningService } from '../helpers/service.js';

/**
 * Storage failures reached API clients as a generic 500. They now answer 503
 * `storage_unavailable` with what it means for an operator, and /healthz says the same, with real
 * SQLite errors: a database locked by another process (SQLITE_BUSY) under a running service, and a
 * database that may not grow (SQLITE_FULL, max_page_count) under the store.
 */
const campaignInput = { name: 'Locked out', hashtags: ['#Kunci'], startsAt: '2026-01-01T00:00:00+07:00', sources: [{ type: 'x' }] };

describe('storage errors', () => {
  let svc: RunningService;
  let open = false;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kk-fault-locked-'));
  beforeAll(async () => {
    svc = await startService({ dataDir });
    open = true;
  });
  afterAll(async () => {
    if (open) await svc.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a database locked by another process: 503 with the reason, /healthz says so, and writes resume once it is released', { timeout: 60_000 }, async () => {
    expect((await svc.api('/api/v1/campaigns', { method: 'POST', json: campaignInput })).status).toBe(201);

    const other = new Database(path.join(svc.dataDir, 'campaigns.sqlite'));
    other.exec('BEGIN EXCLUSIVE');
    try {
      const res = await svc.api('/api/v1/campaigns', { method: 'POST', json: { ...campaignInput, name: 'Refused' } });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toEqual({
        error: {
          code: 'storage_unavailable',
          message: 'The database is locked by another process and was not freed in time; retry in a moment.',
          details: [],
        },
      });
      const health = await fetch(new URL('/healthz', svc.url));
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({
        status: 'unavailable',
        store: 'sqlite',
        problem: 'busy',
        error: 'store (sqlite): The database is locked by another process and was not freed in time; retry in a moment.',
      });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await svc.api('/api/v1/campaigns', { method: 'POST', json: { ...campaignInput, name: 'After' } })).status).toBe(201);
    const { campaigns } = (await (await svc.api('/api/v1/campaigns')).json()) as { campaigns: Array<{ name: string }> };
    expect(campaigns.map((c) => c.name).sort()).toEqual(['After', 'Locked out']);

    // Restarted, the service holds what a clean one given the same two campaigns holds.
    open = false;
    await svc.close();
    const restarted = await startService({ dataDir });
    const clean = await startService();
    try {
      for (const name of ['Locked out', 'After'])
        expect((await clean.api('/api/v1/campaigns', { method: 'POST', json: { ...campaignInput, name } })).status).toBe(201);
      await expectSameAsClean(restarted.rt, clean.rt, { from: '2026-01-01', to: '2026-01-08' });
    } finally {
      await restarted.close();
      await clean.close();
    }
  });

  it('a full database: the error says the disk of DATA_DIR is full, for clients and for the run records', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kk-fault-full-'));
    try {
      const file = path.join(dir, 'campaigns.sqlite');
      const setup = createSqliteStore({ file });
      await setup.close();
      const raw = new Database(file);
      raw.pragma('wal_checkpoint(TRUNCATE)');
      const pages = Number(raw.pragma('page_count', { simple: true }));
      raw.close();
      const store = createSqliteStore({ file, maxPageCount: pages });
      const err = await store.createCampaign(makeCampaign({ id: 'c-full', name: 'x'.repeat(1 << 20) })).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StorageUnavailableError);
      expect(err).toMatchObject({ problem: 'disk_full', reason: 'The disk of DATA_DIR is full: nothing can be stored until an operator frees some space.' });
      expect((err as Error).message).toMatch(/is full: the disk under DATA_DIR has no space left \(SQLITE_FULL/);
      // This disk has room: the file was full by its page limit only, so health does not report a full disk.
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
