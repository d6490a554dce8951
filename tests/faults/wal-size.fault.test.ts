import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startAllInOne } from '../../src/process/all-in-one.js';
import { WAL_LIMIT_BYTES } from '../../src/store/sqlite/pragmas.js';
import { silentLog } from '../helpers/queues.js';
import { TEST_TOKEN } from '../helpers/service.js';

/**
 * The write-ahead log grew with every import and never shrank (2.7 MB per 10,000 rows, up to the
 * 40 MB autocheckpoint; a 20 MB volume filled). Now: after each 10,000-row import it stays within
 * journal_size_limit while the service runs, a clean stop leaves no log, and the database holds
 * every post, intact.
 */
const ROWS = 10_000;
const IMPORTS = 3;

function csv(batch: number): string {
  const lines = ['platform,post_id,created_at,text,author_id,likes,city'];
  for (let i = 0; i < ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(`instagram,b${batch}-p${i},2026-02-${day}T10:00:00+07:00,Literasi digital ${batch}-${i} #SocMed4SocGood,ig-${i % 700},${i % 50},73.71`);
  }
  return `${lines.join('\n')}\n`;
}

describe('the write-ahead log', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kk-fault-wal-'));
  const file = path.join(dataDir, 'campaigns.sqlite');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(`stays bounded over ${IMPORTS} imports of ${ROWS} rows and is gone after a clean stop`, { timeout: 240_000 }, async () => {
    const config = loadConfig({ DATA_DIR: dataDir, ADMIN_TOKEN: TEST_TOKEN, LOG_LEVEL: 'silent', DEMO: 'false' });
    const app = await startAllInOne(config, silentLog, { listen: { port: 0, host: '127.0.0.1' }, scheduler: false });
    const api = (p: string, init: RequestInit = {}) =>
      fetch(new URL(p, app.url), { ...init, headers: { authorization: `Bearer ${TEST_TOKEN}`, ...(init.headers as Record<string, string>) } });
    const created = await api('/api/v1/campaigns', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'WAL', hashtags: ['#SocMed4SocGood'], startsAt: '2026-01-01T00:00:00+07:00', cities: ['73.71'] }),
    });
    const { campaign } = (await created.json()) as { campaign: { id: string } };
    const walSizes: number[] = [];
    for (let b = 0; b < IMPORTS; b++) {
      const res = await api(`/api/v1/campaigns/${campaign.id}/import`, { method: 'POST', body: csv(b), headers: { 'content-type': 'text/csv' } });
      expect(((await res.json()) as { imported: number }).imported).toBe(ROWS);
      await app.idle();
      walSizes.push(statSync(`${file}-wal`).size);
    }
    for (const size of walSizes) expect(size).toBeLessThanOrEqual(WAL_LIMIT_BYTES);
    await app.close();

    // A clean stop checkpoints everything into the database: no log is left behind.
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT COUNT(*) AS n FROM posts').get()).toEqual({ n: IMPORTS * ROWS });
    db.close();
  });
});
