import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnNode, type NodeChild } from '../helpers/processes.js';
import { uniquePrefix, waitFor } from '../helpers/queues.js';

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
  afterAll(() => {
    for (const c of cleanup.reverse()) c();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs one warning per outage and one line when Redis is back', { timeout: 120_000 }, async () => {
    const port = await freePort();
    let redis = startRedis(port);
    cleanup.push(() => redis.proc.kill('SIGKILL'));
    await waitFor(() => redisAnswers(port), 20_000, 'redis-server');

    const worker: NodeChild = spawnNode(
      'workers/worker.ts',
      {
        DATA_DIR: dataDir,
        REDIS_URL: `redis://127.0.0.1:${port}`,
        QUEUE_PREFIX: uniquePrefix('outage'),
        ADMIN_TOKEN: 'fault-outage-token-0123456789',
        LOG_LEVEL: 'info',
      },
      { captureStdout: true },
    );
    cleanup.push(() => worker.child.kill('SIGKILL'));
    await waitFor(() => worker.stdout().includes('"worker running"'), 60_000, 'the worker to start');
    const before = worker.stdout().length;
    const stderrBefore = worker.stderr().length;

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
    await waitFor(() => worker.stdout().slice(before).includes('Redis reachable again'), 60_000, 'the worker to see Redis again');

    const lines = worker
      .stdout()
      .slice(before)
      .split('\n')
      .filter((l) => l.trim() !== '');
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toEqual(['Redis unreachable; reconnecting', 'Redis reachable again']);
    expect(worker.stderr().slice(stderrBefore)).toBe('');
    expect(worker.child.exitCode).toBeNull();
  });
});
