import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { within } from '../helpers/processes.js';

/** `npm start` as a newcomer runs it: the real entry point in a child process. */
const TSX = path.resolve('node_modules/.bin/tsx');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** The first match of `pattern` in the output, as soon as it is printed; rejects if the process ends first. */
  waitForOutput(pattern: RegExp): Promise<RegExpMatchArray>;
}

function start(env: Record<string, string>): Started {
  const child = spawn(TSX, ['src/main.ts'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const printed = new EventEmitter();
  const append = (d: Buffer) => {
    out += d.toString();
    printed.emit('data');
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitForOutput = (pattern: RegExp) =>
    within(
      60_000,
      `${pattern} in the output`,
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const check = () => {
          const m = out.match(pattern);
          if (!m) return;
          printed.off('data', check);
          resolve(m);
        };
        printed.on('data', check);
        check();
        // 'close', not 'exit': by then everything the process printed has been read.
        child.once('close', (code) => reject(new Error(`exited with ${code} before printing ${pattern}:\n${out}`)));
      }),
    );
  return { child, output: () => out, exited, waitForOutput };
}

describe('npm start', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterEach(async () => {
    // SIGTERM, which tsx passes on: a SIGKILL would kill tsx alone and leave the service running.
    await Promise.all(
      children
        .splice(0)
        .map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((resolve) => c.once('exit', resolve).kill('SIGTERM')))),
    );
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('starts on the embedded store with the demo campaign, prints a sign-in link, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kk-start-'));
    dirs.push(dataDir);
    const s = start({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' });
    children.push(s.child);
    const [, url, token] = await s.waitForOutput(/Dashboard: (http:\/\/127\.0\.0\.1:\d+\/)#token=(\S+)/);
    // The generated token is kept under DATA_DIR, so the link keeps working after a restart.
    expect(readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim()).toBe(decodeURIComponent(token!));
    const health = (await (await fetch(`${url}healthz`)).json()) as Record<string, string>;
    expect(health).toMatchObject({ status: 'ok', store: 'sqlite', queue: 'inline' });
    const res = await fetch(`${url}api/v1/campaigns`, { headers: { authorization: `Bearer ${decodeURIComponent(token!)}` } });
    const { campaigns } = (await res.json()) as { campaigns: Array<{ hashtags: string[]; demo: boolean }> };
    expect(campaigns).toEqual([expect.objectContaining({ hashtags: ['#SocMed4SocGood'], demo: true })]);
    expect((await fetch(url!)).headers.get('content-type')).toMatch(/text\/html/);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('DEMO=false starts with an empty store', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kk-start-'));
    dirs.push(dataDir);
    const s = start({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DEMO: 'false', ADMIN_TOKEN: 'a-token-of-sixteen-chars' });
    children.push(s.child);
    const [, url] = await s.waitForOutput(/Dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/);
    const res = await fetch(`${url}api/v1/campaigns`, { headers: { authorization: 'Bearer a-token-of-sixteen-chars' } });
    expect(await res.json()).toEqual({ campaigns: [] });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: /],
    [{ DEMO: 'sometimes' }, /DEMO: must be true or false/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL: must be a URL/],
  ])('stops at start-up on a bad setting %j, naming it', async (env, message) => {
    const s = start({ DATA_DIR: path.join(tmpdir(), 'kk-never-created'), ...env });
    children.push(s.child);
    expect(await s.exited).toBe(78);
    expect(s.output()).toMatch(message);
  });
});
