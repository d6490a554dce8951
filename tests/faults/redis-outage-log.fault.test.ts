import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { generateDemoData } from '../../src/demo/x-demo-data.js';
import { collectJobId } from '../../src/queue/jobs.js';
import { OPERATOR } from '../../src/services/auth/principal.js';
import { createFakeXApi, type RunningFakeXApi } from '../helpers/fake-x-api.js';
import { freePort, spawnNode, within, type NodeChild } from '../helpers/processes.js';
import { silentLog, uniquePrefix, waitFor } from '../helpers/queues.js';

/** How long a worker stopped during an outage may take to exit (it waited for Redis forever). */
const STOP_WITHIN_MS = 30_000;

/**
 * A Redis outage flooded the worker's log (192 lines in 15 s: every reconnection attempt of every
 * connection). Now one warning per outage and one line when Redis is back. The Redis here is the
 * test's own redis-server on its own port; during the outage a server on that port accepts and
 * drops every connection, so the test can wait for a number of reconnection attempts instead of
 * sleeping.
 */
const ATTEMPTS = 40;

function startRedis(port: number): { proc: ChildProcess; exited: Promise<void> } {
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  return { proc, exited: new Promise((resolve) => proc.on('exit', () => resolve())) };
}

async function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1', () => {
      socket.write('PING\r\n');
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
    });
  });
}

describe('a Redis outage under a worker', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kk-fault-outage-'));
  const cleanup: Array<() => void> = [];
  /** The first test's worker and Redis, for the second. */
  let worker: NodeChild | undefined;
  let redis: { proc: ChildProcess; exited: Promise<void> } | undefined;
  let fake: RunningFakeXApi;
  let rt: Runtime | undefined;
  let env: Record<string, string>;
  beforeAll(async () => {
    fake = await createFakeXApi(generateDemoData({ hashtag: 'Antre', start: new Date(Date.now() - 3_600_000), days: 1, posts: 50, seed: 3 })).start();
  });
  afterAll(async () => {
    for (const c of cleanup.reverse()) c();
    await rt?.close();
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs one warning per outage and one line when Redis is back', { timeout: 120_000 }, async () => {
    const port = await freePort();
    redis = startRedis(port);
    cleanup.push(() => redis?.proc.kill('SIGKILL'));
    await waitFor(() => redisAnswers(port), 20_000, 'redis-server');

    env = {
      DATA_DIR: dataDir,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      QUEUE_PREFIX: uniquePrefix('outage'),
      ADMIN_TOKEN: 'fault-outage-token-0123456789',
      X_BEARER_TOKEN: fake.bearerToken,
      X_API_BASE_URL: fake.baseUrl,
      LOG_LEVEL: 'info',
    };
    worker = spawnNode('workers/worker.ts', env, { captureStdout: true });
    const w = worker;
    cleanup.push(() => w.child.kill('SIGKILL'));
    await waitFor(() => w.stdout().includes('"worker running"'), 60_000, 'the worker to start');
    const before = w.stdout().length;
    const stderrBefore = w.stderr().length;

    // The outage: Redis dies; whatever connects to its port is dropped at once.
    redis.proc.kill('SIGKILL');
    await redis.exited;
    let attempts = 0;
    const dropper: Server = createServer((socket) => {
      attempts += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => dropper.listen(port, '127.0.0.1', resolve));
    await waitFor(() => attempts >= ATTEMPTS, 60_000, `${ATTEMPTS} reconnection attempts`);
    await new Promise<void>((resolve) => dropper.close(() => resolve()));

    redis = startRedis(port);
    await waitFor(() => w.stdout().slice(before).includes('Redis reachable again'), 60_000, 'the worker to see Redis again');

    const lines = w
      .stdout()
      .slice(before)
      .split('\n')
      .filter((l) => l.trim() !== '');
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toEqual(['Redis unreachable; reconnecting', 'Redis reachable again']);
    expect(w.stderr().slice(stderrBefore)).toBe('');
    expect(w.child.exitCode).toBeNull();
  });

  it('stops on SIGTERM during an outage with a job in hand, exiting 0 in bounded time', { timeout: 120_000 }, async () => {
    const w = worker!;
    expect(w.child.exitCode, 'the first test left its worker running').toBeNull();
    // A collection in hand: the fake platform holds its first request unanswered (the X client
    // cannot abort a request, so the job goes on for the request's time limit).
    fake.setDelay(Infinity);
    rt = await createRuntime(loadConfig({ ...env, LOG_LEVEL: 'silent' }), silentLog);
    const campaign = await rt.http.campaigns.create(OPERATOR, {
      name: 'Outage',
      hashtags: ['#Antre'],
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      sources: [{ type: 'x' }],
    });
    await rt.queue.add('collect', { campaignId: campaign.id, source: 'x', slot: 'outage' }, { jobId: collectJobId(campaign.id, 'x', 'outage') });
    await waitFor(() => fake.requests.length > 0, 60_000, 'the worker to take the collection');

    const before = w.stdout().length;
    redis!.proc.kill('SIGKILL');
    await redis!.exited;
    // A second outage is a second warning: the worker has seen it before it is stopped.
    await waitFor(() => w.stdout().slice(before).includes('Redis unreachable; reconnecting'), 60_000, 'the worker to see the outage');

    // The job in hand cannot be marked done in Redis: the worker must not wait for Redis to return.
    w.child.kill('SIGTERM');
    const exit = await within(STOP_WITHIN_MS, 'the worker to exit', w.exited);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(w.stdout().slice(before)).toContain('"shutting down"');
  });
});
