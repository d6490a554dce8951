import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import { makeCampaign } from '../helpers/campaigns.js';

/** DATA_DIR holds the posts, the accounts' password hashes and the admin token: private to the service's user. */
const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

function capturingLog() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

describe('DATA_DIR permissions', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kk-perm-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a new DATA_DIR is created 0700, its database, write-ahead log and admin token 0600', async () => {
    const dataDir = path.join(root, 'fresh', 'data');
    const { log } = capturingLog();
    const rt = await createRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), log);
    await rt.store.createCampaign(makeCampaign({ id: 'c-perm' }));
    expect({
      dir: mode(dataDir),
      db: mode(path.join(dataDir, 'campaigns.sqlite')),
      wal: mode(path.join(dataDir, 'campaigns.sqlite-wal')),
      shm: mode(path.join(dataDir, 'campaigns.sqlite-shm')),
      token: mode(path.join(dataDir, 'admin-token')),
    }).toEqual({ dir: '700', db: '600', wal: '600', shm: '600', token: '600' });
    await rt.close();
  });

  it('an existing DATA_DIR readable by others is tightened at start-up, saying so', async () => {
    const dataDir = path.join(root, 'old');
    mkdirSync(dataDir);
    const old = createSqliteStore({ file: path.join(dataDir, 'campaigns.sqlite') });
    await old.createCampaign(makeCampaign({ id: 'c-old' }));
    await old.close();
    writeFileSync(path.join(dataDir, 'admin-token'), 'an-older-generated-token-0123456789\n');
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, 'campaigns.sqlite'), 0o644);
    chmodSync(path.join(dataDir, 'admin-token'), 0o644);

    const { log, lines } = capturingLog();
    const rt = await createRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'info' }), log);
    expect(await rt.store.getCampaign('c-old')).toMatchObject({ id: 'c-old' });
    expect({ dir: mode(dataDir), db: mode(path.join(dataDir, 'campaigns.sqlite')), token: mode(path.join(dataDir, 'admin-token')) }).toEqual({
      dir: '700',
      db: '600',
      token: '600',
    });
    const line = lines.find((l) => String(l.msg).includes('permissions were tightened'));
    expect(line?.tightened).toEqual([
      `${dataDir} (755 -> 700)`,
      `${path.join(dataDir, 'campaigns.sqlite')} (644 -> 600)`,
      `${path.join(dataDir, 'admin-token')} (644 -> 600)`,
    ]);
    await rt.close();
  });
});
