import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameAsClean } from '../helpers/campaign-figures.js';
import { freePort, spawnNode, waitForHttp, within, type NodeChild } from '../helpers/processes.js';
import { cleanSeededService, SEED_WINDOW, seedCampaign } from '../helpers/seed-campaign.js';
import { startService } from '../helpers/service.js';

/**
 * Two `npm start` processes on one DATA_DIR would each schedule every campaign (every slot run
 * twice) and fight over the database's write lock. The second is refused, naming DATA_DIR and the
 * holder's pid; once the holder is killed with SIGKILL, its lock is gone with it and a new process
 * starts without anyone cleaning up. The refused process wrote nothing: the figures then equal a
 * clean run's.
 */
const TOKEN = 'fault-lock-token-0123456789';

describe('two processes on one DATA_DIR', () => {
  let dataDir: string;
  const procs: NodeChild[] = [];

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'kk-fault-lock-'));
  });
  afterAll(() => {
    for (const p of procs) p.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<{ proc: NodeChild; port: number }> {
    const port = await freePort();
    const proc = spawnNode('src/main.ts', { DATA_DIR: dataDir, PORT: String(port), ADMIN_TOKEN: TOKEN, DEMO: 'false', LOG_LEVEL: 'warn' });
    procs.push(proc);
    return { proc, port };
  }

  it('refuses the second naming DATA_DIR and the holder, and takes over the lock of a killed holder', { timeout: 120_000 }, async () => {
    const first = await start();
    await waitForHttp(`http://127.0.0.1:${first.port}/healthz`, first.proc);
    await seedCampaign((p, init = {}) =>
      fetch(`http://127.0.0.1:${first.port}${p}`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${TOKEN}` } }),
    );

    const second = await start();
    const exit = await within(60_000, 'the second process to stop', second.proc.exited);
    expect(exit.code).toBe(1);
    expect(second.proc.stderr()).toContain(`DATA_DIR ${dataDir} is in use by another Kabar Kampanye process (pid ${first.proc.child.pid})`);
    // The holder is untouched.
    expect((await fetch(`http://127.0.0.1:${first.port}/healthz`)).status).toBe(200);

    first.proc.child.kill('SIGKILL');
    await first.proc.exited;
    const third = await start();
    await waitForHttp(`http://127.0.0.1:${third.port}/healthz`, third.proc, 60_000);
    third.proc.child.kill('SIGTERM');
    expect((await within(30_000, 'a clean stop', third.proc.exited)).code).toBe(0);

    const after = await startService({ dataDir });
    const clean = await cleanSeededService();
    try {
      await within(60_000, 'the restarted service to be idle', after.idle());
      await expectSameAsClean(after.rt, clean.rt, SEED_WINDOW);
    } finally {
      await after.close();
      await clean.close();
    }
  });
});
