import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { generateDemoData } from '../../src/demo/x-demo-data.js';
import { collectJobId } from '../../src/queue/jobs.js';
import { parseCheckpoint } from '../../src/sources/x/x.checkpoint.js';
import { OPERATOR } from '../../src/services/auth/principal.js';
import { createFakeXApi, type RunningFakeXApi } from '../helpers/fake-x-api.js';
import { REDIS_URL, silentLog, uniquePrefix, waitFor } from '../helpers/queues.js';

/**
 * The production shape in miniature: a real worker process on BullMQ and Redis, killed with
 * SIGKILL in the middle of a run, then started again. Nothing may be lost or counted twice.
 */
const HOUR = 3_600_000;
const data = generateDemoData({ hashtag: 'SocMed4SocGood', start: new Date(Date.now() - 30 * HOUR), days: 1, posts: 600, seed: 21 });

describe('a worker killed mid-run', () => {
  let fake: RunningFakeXApi;
  let env: Record<string, string>;
  let rt: Runtime;
  let dataDir: string;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    fake = await createFakeXApi(data).start();
    dataDir = mkdtempSync(path.join(tmpdir(), 'kk-kill-'));
    env = {
      DATA_DIR: dataDir,
      REDIS_URL,
      QUEUE_PREFIX: uniquePrefix('kill'),
      X_BEARER_TOKEN: fake.bearerToken,
      X_API_BASE_URL: fake.baseUrl,
      ADMIN_TOKEN: 'kill-test-token-0123456789',
      LOG_LEVEL: 'warn',
    };
    // This process plays the API: it owns the campaign and enqueues; the worker does the rest.
    rt = await createRuntime(loadConfig(env), silentLog);
  });

  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await rt?.close();
    await fake?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function startWorker(): { child: ChildProcess; exited: Promise<number | null> } {
    // node itself with tsx's loader, not the tsx CLI, which would leave its node child behind a SIGKILL.
    const child = spawn(process.execPath, ['--import', 'tsx', 'workers/worker.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: 'ignore',
    });
    workers.push(child);
    return { child, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
  }

  it('loses nothing and doubles nothing when killed after two pages and restarted', async () => {
    const campaign = await rt.http.campaigns.create(OPERATOR, {
      name: 'Kill',
      hashtags: ['#SocMed4SocGood'],
      startsAt: new Date(Date.now() - 48 * HOUR).toISOString(),
      sources: [{ type: 'x' }],
    });
    const first = startWorker();
    // The third search request kills the worker before X answers it: pages 1 and 2 are stored.
    let searches = 0;
    fake.setHandler((req) => {
      if (req.path === '/2/tweets/search/recent' && ++searches === 3) first.child.kill('SIGKILL');
      return undefined;
    });
    await rt.queue.add('collect', { campaignId: campaign.id, source: 'x', slot: 's1' }, { jobId: collectJobId(campaign.id, 'x', 's1') });
    await first.exited;
    fake.setHandler(undefined);

    const afterKill = parseCheckpoint(await rt.store.getCheckpoint(campaign.id, 'x'));
    expect(afterKill.pending).toBeDefined();
    expect(await rt.store.countPosts()).toBe(200);

    // The restarted worker takes the next slot, which resumes below the stored page.
    const second = startWorker();
    const before = fake.requests.length;
    await rt.queue.add('collect', { campaignId: campaign.id, source: 'x', slot: 's2' }, { jobId: collectJobId(campaign.id, 'x', 's2') });
    await waitFor(
      async () => (await rt.store.listRuns(campaign.id, 10)).some((r) => r.jobId.endsWith('.s2') && r.status === 'succeeded'),
      60_000,
      'the resumed run',
    );

    const resumed = fake.requests.slice(before).filter((r) => r.path === '/2/tweets/search/recent');
    expect(resumed[0]!.query.until_id).toBe(afterKill.pending!.untilId);
    expect(await rt.store.countPosts()).toBe(data.tweets.length);
    const ids = (await rt.store.campaignPosts(campaign.id)).map((r) => r.post.postId);
    expect(new Set(ids).size).toBe(data.tweets.length);
    expect(parseCheckpoint(await rt.store.getCheckpoint(campaign.id, 'x'))).toEqual({ sinceId: data.tweets[0]!.id });
    const [summary] = await rt.store.queryMetrics({ campaignId: campaign.id, filter: {}, groupBy: [] });
    expect(summary!.posts).toBe(data.tweets.length);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
