import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue, type ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { generateDemoData } from '../../src/demo/x-demo-data.js';
import { collectJobId } from '../../src/queue/jobs.js';
import { OPERATOR } from '../../src/services/auth/principal.js';
import { createFakeXApi, type RunningFakeXApi } from '../helpers/fake-x-api.js';
import { freePort, within } from '../helpers/processes.js';
import { silentLog, waitFor } from '../helpers/queues.js';

/**
 * Redis stops in the middle of a collection and starts again (its own redis-server on a free
 * port, with an append-only file, never the shared one). The run in hand finishes, a job
 * enqueued while Redis was down runs once Redis is back, nothing fails for good, and the stored
 * posts and figures are those of the data: no job lost, none run twice to a different result.
 */
const HOUR = 3_600_000;
const data = generateDemoData({ hashtag: 'SocMed4SocGood', start: new Date(Date.now() - 30 * HOUR), days: 1, posts: 1_500, seed: 44 });
const fields = { name: 'Redis', hashtags: ['#SocMed4SocGood'], startsAt: new Date(Date.now() - 48 * HOUR).toISOString(), sources: [{ type: 'x' as const }] };

describe('Redis stopped and started again during a run', () => {
  let redisDir: string;
  let dataDir: string;
  let port: number;
  let redis: ChildProcess | undefined;
  let fake: RunningFakeXApi;
  let rt: Runtime;

  async function startRedis(): Promise<void> {
    // appendfsync always: what a job write returned is on disk when Redis is killed.
    redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', redisDir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'],
      { stdio: 'ignore' },
    );
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: null });
    // Refused until the server listens; the retry strategy tries again.
    probe.on('error', () => undefined);
    await within(10_000, 'redis-server to start', probe.ping());
    probe.disconnect();
  }

  async function stopRedis(): Promise<void> {
    const r = redis;
    if (!r || r.exitCode !== null) return;
    const exited = new Promise((resolve) => r.once('exit', resolve));
    r.kill('SIGTERM');
    await within(10_000, 'redis-server to stop', exited);
  }

  beforeAll(async () => {
    redisDir = mkdtempSync(path.join(tmpdir(), 'kk-fault-redis-'));
    dataDir = mkdtempSync(path.join(tmpdir(), 'kk-fault-redis-data-'));
    port = await freePort();
    await startRedis();
    fake = await createFakeXApi(data).start();
    const config = loadConfig({
      DATA_DIR: dataDir,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      X_BEARER_TOKEN: fake.bearerToken,
      X_API_BASE_URL: fake.baseUrl,
      ADMIN_TOKEN: 'fault-redis-token-0123456789',
      LOG_LEVEL: 'silent',
    });
    rt = await createRuntime(config, silentLog);
    rt.startProcessing();
  });

  afterAll(async () => {
    await rt?.close();
    await fake?.close();
    await stopRedis();
    rmSync(redisDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the run, runs the job enqueued meanwhile, and loses or doubles nothing', { timeout: 120_000 }, async () => {
    const first = await rt.http.campaigns.create(OPERATOR, fields);
    const second = await rt.http.campaigns.create(OPERATOR, { ...fields, name: 'Redis 2' });
    // 15 pages of 100, each answered 150 ms late: the run is mid-way when Redis goes.
    fake.setDelay(150);
    const firstJob = collectJobId(first.id, 'x', 'r1');
    await rt.queue.add('collect', { campaignId: first.id, source: 'x', slot: 'r1' }, { jobId: firstJob });
    await waitFor(async () => (await rt.store.countPosts()) >= 300, 30_000, 'three stored pages');

    await stopRedis();
    expect(await rt.store.countPosts(), 'Redis went down after the run ended').toBeLessThan(data.tweets.length);
    // Enqueued while Redis is down: ioredis holds the command until it is back.
    const secondJob = collectJobId(second.id, 'x', 'r1');
    const enqueued = rt.queue.add('collect', { campaignId: second.id, source: 'x', slot: 'r1' }, { jobId: secondJob });
    // Redis stays away until the service itself finds the queue unreachable.
    await expect(within(10_000, 'the health check to fail', rt.http.checkHealth())).rejects.toThrow(/queue \(bullmq\) unreachable/);
    await startRedis();
    expect((await within(20_000, 'the enqueue to go through', enqueued)).jobId).toBe(secondJob);

    for (const c of [first, second]) {
      await waitFor(async () => (await rt.store.listRuns(c.id, 10)).some((r) => r.status === 'succeeded'), 60_000, `the run of ${c.name}`);
      // A metrics job whose lock went with Redis runs again once BullMQ finds it stalled (30 s).
      await waitFor(async () => (await rt.store.pendingRollupDays(c.id)).length === 0, 60_000, `the metrics job of ${c.name}`);
    }
    fake.setDelay(0);

    // Each job ran to success; a job run again (after a lost lock) must have ended the same way.
    await within(30_000, 'the queue to drain', rt.queue.onIdle());
    const collect = new Queue('collect', { connection: { host: '127.0.0.1', port } as ConnectionOptions, prefix: rt.config.queuePrefix });
    expect(await collect.getJobCounts('failed')).toEqual({ failed: 0 });
    await collect.close();
    for (const [c, jobId] of [
      [first, firstJob],
      [second, secondJob],
    ] as const) {
      const runs = (await rt.store.listRuns(c.id, 10)).filter((r) => r.jobId === jobId);
      expect(runs.length).toBeGreaterThanOrEqual(1);
      expect(runs.every((r) => r.status === 'succeeded' || r.status === 'running')).toBe(true);
      const posts = (await rt.store.campaignPosts(c.id)).map((r) => r.post.postId);
      expect(new Set(posts).size).toBe(data.tweets.length);
      expect(posts.length).toBe(data.tweets.length);
      const summary = await rt.http.metrics.summary(c, {});
      const days = await rt.http.metrics.timeseries(c, 'day', {});
      expect(summary.posts).toBe(data.tweets.length);
      expect(days.points.reduce((n, p) => n + p.posts, 0)).toBe(data.tweets.length);
    }
    expect(await rt.store.countPosts()).toBe(data.tweets.length);
  });
});
