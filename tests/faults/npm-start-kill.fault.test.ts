import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, within } from '../helpers/processes.js';
import { waitFor } from '../helpers/queues.js';

/**
 * `npm start` ran the tsx CLI, which ran node as its own child: killing the npm process with
 * SIGKILL (or SIGTERM, on some npm versions) left that node server running, holding the port. Now
 * npm execs node with tsx's loader (one process), and that process stops when npm is gone. The
 * test kills npm and waits for the port to be free.
 */
const TOKEN = 'fault-npm-token-0123456789';

async function answers(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
  } catch {
    return false;
  }
}

describe('npm start killed', () => {
  const dirs: string[] = [];
  const procs: ChildProcess[] = [];
  afterAll(() => {
    for (const p of procs) p.kill('SIGKILL');
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function npmStart(): Promise<{ npm: ChildProcess; port: number; exited: Promise<unknown> }> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kk-fault-npm-'));
    dirs.push(dataDir);
    const port = await freePort();
    const npm = spawn('npm', ['start', '--silent'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATA_DIR: dataDir,
        PORT: String(port),
        ADMIN_TOKEN: TOKEN,
        DEMO: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    procs.push(npm);
    const exited = new Promise((resolve) => npm.on('exit', resolve));
    await waitFor(() => answers(port), 90_000, 'npm start to answer');
    return { npm, port, exited };
  }

  it.each(['SIGKILL', 'SIGTERM'] as const)('with %s: the server stops and frees its port', { timeout: 150_000 }, async (signal) => {
    const { npm, port, exited } = await npmStart();
    npm.kill(signal);
    await within(30_000, 'npm to exit', exited);
    await waitFor(async () => !(await answers(port)), 30_000, `port ${port} to be free`);
    expect(await answers(port)).toBe(false);
  });
});
