import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app.js';
import type { Campaign } from '../../src/domain/campaign.js';
import { loadConfig } from '../../src/config.js';
import { generateDemoData } from '../../src/demo/x-demo-data.js';
import { collectJobId } from '../../src/queue/jobs.js';
import { OPERATOR } from '../../src/services/auth/principal.js';
import { createFakeXApi, type RunningFakeXApi } from '../helpers/fake-x-api.js';
import { seededRandom, spawnNode, within, type NodeChild } from '../helpers/processes.js';
import { REDIS_URL, silentLog, uniquePrefix, waitFor } from '../helpers/queues.js';
import { startService, type RunningService } from '../helpers/service.js';

/**
 * A real worker process (BullMQ on Redis, SQLite) killed with SIGKILL at 20 random points of a
 * collection, and started again each time: before a page is answered, or a random moment after
 * one was (while it is mapped, enriched, stored or committed). In the end every post of the fake
 * X API is stored exactly once, and every figure — summary, breakdowns, daily series from the
 * rollups — equals that of a clean run of the same data.
 */
const HOUR = 3_600_000;
const KILLS = 20;
const SEED = Number(process.env.FAULT_SEED ?? 20_241);
const data = generateDemoData({ hashtag: 'SocMed4SocGood', start: new Date(Date.now() - 30 * HOUR), days: 1, posts: 4_000, seed: 33 });
const fields = {
  name: 'Kill',
  hashtags: ['#SocMed4SocGood'],
  startsAt: new Date(Date.now() - 48 * HOUR).toISOString(),
  cities: ['15.71', '73.71', '19.01', '64.72', '53.71', '82.71'],
  sources: [{ type: 'x' as const }],
};
const SEARCH = '/2/tweets/search/recent';

/** Everything a campaign manager reads, without the instants that say when it was computed. */
async function figures(rt: Runtime, campaign: Campaign) {
  const m = rt.http.metrics;
  const { from: _f, to: _t, computedAt: _c, ...summary } = await m.summary(campaign, {});
  return {
    summary,
    cities: await m.breakdown(campaign, 'city', {}),
    topics: await m.breakdown(campaign, 'topic', {}),
    days: await m.timeseries(campaign, 'day', {}),
    hours: await m.timeseries(campaign, 'hour', {}),
  };
}

describe(`a worker killed with SIGKILL ${KILLS} times during a collection (seed ${SEED})`, () => {
  let fake: RunningFakeXApi;
  let cleanFake: RunningFakeXApi;
  let clean: RunningService;
  let rt: Runtime;
  let env: Record<string, string>;
  let dataDir: string;
  const workers: NodeChild[] = [];

  beforeAll(async () => {
    [fake, cleanFake] = await Promise.all([createFakeXApi(data).start(), createFakeXApi(data).start()]);
    dataDir = mkdtempSync(path.join(tmpdir(), 'kk-fault-kill-'));
    env = {
      DATA_DIR: dataDir,
      REDIS_URL,
      QUEUE_PREFIX: uniquePrefix('fault-kill'),
      X_BEARER_TOKEN: fake.bearerToken,
      X_API_BASE_URL: fake.baseUrl,
      ADMIN_TOKEN: 'fault-kill-token-0123456789',
      LOG_LEVEL: 'warn',
    };
    // This process plays the API: it owns the campaign and enqueues; the worker does the rest.
    rt = await createRuntime(loadConfig(env), silentLog);
    clean = await startService({ env: { X_BEARER_TOKEN: cleanFake.bearerToken, X_API_BASE_URL: cleanFake.baseUrl } });
  });

  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await rt?.close();
    await clean?.close();
    await fake?.close();
    await cleanFake?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function startWorker(): NodeChild {
    const w = spawnNode('workers/worker.ts', env);
    workers.push(w);
    return w;
  }

  it('stores every post once and computes the figures of a clean run', { timeout: 240_000 }, async () => {
    const reference = await clean.rt.http.campaigns.create(OPERATOR, fields);
    await clean.rt.queue.add('collect', { campaignId: reference.id, source: 'x' });
    await clean.idle();
    expect(await clean.rt.store.countPosts()).toBe(data.tweets.length);

    const campaign = await rt.http.campaigns.create(OPERATOR, fields);
    const random = seededRandom(SEED);
    const killedAt: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const worker = startWorker();
      // Kill when the k-th search request arrives (before X answers), or a random moment after
      // the k-th page was answered: while it is mapped, enriched, stored or committed.
      const k = 1 + Math.floor(random() * 3);
      const afterMs = random() < 0.5 ? undefined : Math.floor(random() * 120);
      killedAt.push(afterMs === undefined ? `request ${k}` : `${afterMs} ms after page ${k}`);
      let searches = 0;
      fake.setHandler((req) => {
        if (req.path === SEARCH && ++searches === k) {
          if (afterMs === undefined) worker.child.kill('SIGKILL');
          else setTimeout(() => worker.child.kill('SIGKILL'), afterMs);
        }
        return undefined;
      });
      const slot = `kill${i}`;
      await rt.queue.add('collect', { campaignId: campaign.id, source: 'x', slot }, { jobId: collectJobId(campaign.id, 'x', slot) });
      // A run with fewer than k pages left finishes before the kill: the worker is stopped then.
      const done = waitFor(
        async () => (await rt.store.listRuns(campaign.id, 100)).some((r) => r.jobId.endsWith(`.${slot}`) && r.status === 'succeeded'),
        60_000,
        `run ${slot}`,
      );
      await within(60_000, `kill ${i + 1} (${killedAt[i]})`, Promise.race([worker.exited, done]));
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    fake.setHandler(undefined);

    // A last worker, left alive: its run ends the pass, and its metrics job folds in every day
    // the killed runs left pending.
    const last = startWorker();
    await rt.queue.add('collect', { campaignId: campaign.id, source: 'x', slot: 'final' }, { jobId: collectJobId(campaign.id, 'x', 'final') });
    await waitFor(
      async () => (await rt.store.listRuns(campaign.id, 100)).some((r) => r.jobId.endsWith('.final') && r.status === 'succeeded'),
      90_000,
      'the final run',
    );
    await waitFor(async () => (await rt.store.pendingRollupDays(campaign.id)).length === 0, 30_000, 'the metrics job');

    const ids = (await rt.store.campaignPosts(campaign.id)).map((r) => r.post.postId);
    expect(ids.length, `kills: ${killedAt.join(', ')}`).toBe(data.tweets.length);
    expect(new Set(ids).size).toBe(data.tweets.length);
    expect(await rt.store.countPosts()).toBe(data.tweets.length);
    expect(await figures(rt, campaign)).toEqual(await figures(clean.rt, reference));

    last.child.kill('SIGTERM');
    expect((await within(30_000, 'the last worker to stop', last.exited)).code).toBe(0);
  });
});
