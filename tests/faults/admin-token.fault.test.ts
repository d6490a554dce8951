import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { expectSameAsClean } from '../helpers/campaign-figures.js';
import { freePort, spawnNode, within } from '../helpers/processes.js';
import { silentLog } from '../helpers/queues.js';
import { cleanSeededService, SEED_WINDOW, seedCampaign } from '../helpers/seed-campaign.js';
import { startService } from '../helpers/service.js';

/**
 * DATA_DIR/admin-token is the operator's credential when ADMIN_TOKEN is unset. Content the
 * setting would refuse (one character, nothing, whitespace, binary, 600 characters) started a
 * service nobody could sign in to, or one guarded by a guessable token; it now stops start-up
 * naming the file, having changed nothing in DATA_DIR.
 */
const BAD: Array<[string, string | Buffer, RegExp]> = [
  ['one character', 'x\n', /at least 16 characters/],
  ['empty', '', /at least 16 characters/],
  ['whitespace', '   \n\t \n', /printable ASCII characters without spaces/],
  ['binary', Buffer.from([0x00, 0xff, 0x10, 0x80, ...Array.from({ length: 20 }, (_, i) => 0xc0 + i)]), /printable ASCII/],
  ['600 characters', `${'k'.repeat(600)}\n`, /at most 512 characters/],
];

describe('the admin-token file', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  function dataDirWith(content: string | Buffer): { dataDir: string; file: string } {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kk-fault-token-'));
    dirs.push(dataDir);
    const file = path.join(dataDir, 'admin-token');
    writeFileSync(file, content, { mode: 0o600 });
    return { dataDir, file };
  }

  it.each(BAD)('%s: start-up stops naming the file', async (_what, content, reason) => {
    const { dataDir, file } = dataDirWith(content);
    const started = createRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), silentLog);
    await expect(started).rejects.toThrow(`The admin token file ${file} is not a usable token`);
    await expect(started).rejects.toThrow(reason);
  });

  it('a token as the service writes it, with its line break, is taken', async () => {
    const { dataDir } = dataDirWith('Abc-def_0123456789xyz\n');
    const rt = await createRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), silentLog);
    expect(rt.adminToken).toBe('Abc-def_0123456789xyz');
    await rt.close();
  });

  it("a refused token file leaves the store as it was: with a valid one, the figures equal a clean run's", { timeout: 60_000 }, async () => {
    const { dataDir, file } = dataDirWith('x\n');
    // The campaign stored by a service run with ADMIN_TOKEN (which never reads the file).
    const seeded = await startService({ dataDir });
    await seedCampaign(seeded.api);
    await seeded.idle();
    await seeded.close();
    await expect(createRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), silentLog)).rejects.toThrow(
      `The admin token file ${file} is not a usable token`,
    );

    writeFileSync(file, 'Abc-def_0123456789xyz\n');
    const rt = await createRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), silentLog);
    const clean = await cleanSeededService();
    try {
      await expectSameAsClean(rt, clean.rt, SEED_WINDOW);
    } finally {
      await rt.close();
      await clean.close();
    }
  });

  it('`npm start` exits with the file named on stderr', { timeout: 60_000 }, async () => {
    const { dataDir, file } = dataDirWith('x');
    const proc = spawnNode('src/main.ts', { DATA_DIR: dataDir, PORT: String(await freePort()), DEMO: 'false', LOG_LEVEL: 'silent' });
    expect((await within(45_000, 'start-up to stop', proc.exited)).code).toBe(1);
    expect(proc.stderr()).toContain(`The admin token file ${file} is not a usable token: it must be at least 16 characters.`);
  });
});
