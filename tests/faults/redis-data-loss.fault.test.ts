import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Campaign } from '../../src/domain/campaign.js';
import { generateDemoData } from '../../src/demo/x-demo-data.js';
import { createApp } from '../../src/http/create-app.js';
import { listen } from '../../src/process/serve.js';
import { campaignFigures } from '../helpers/campaign-figures.js';
import { createFakeXApi, type RunningFakeXApi } from '../helpers/fake-x-api.js';
import { freePort, spawnNode, within, type NodeChild } from '../helpers/processes.js';
import { silentLog, uniquePrefix, waitFor } from '../helpers/queues.js';
import { startService, TEST_TOKEN, type RunningService } from '../helpers/service.js';

/**
 * A Redis that loses its data (its own redis-server on a free port, with no persistence, killed
 * with SIGKILL and started again empty) under the BullMQ runtime: the API (this process, as
 * src/server.ts builds it), a worker and a scheduler (workers/, real processes on one DATA_DIR).
 * The data goes right after a PATCH of a campaign's topics and cities was answered (its
 * re-attribution job lost), right after an import committed (its metrics job lost), and in the
 * middle of a collection (the collect job and its lock lost), once with the worker running on
 * and once dying with Redis. The store's outbox and the scheduler's run sweep must bring the work
 * back: every figure of every campaign equals a clean run's on the same data (the embedded service
 * on a fresh DATA_DIR, the same steps without a fault), the monthly read budget holds, no run is
 * left running and nothing is stored twice.
 *
 * To lose a job before any worker takes it, without racing it, the worker is paused (SIGSTOP)
 * from just before the request until Redis is back empty.
 */
const HOUR = 3_600_000;
const NOW = Date.now();
const HASHTAG = '#SocMed4SocGood';
const SEARCH = '/2/tweets/search/recent';
const BUDGET = 300;
const data = generateDemoData({ hashtag: 'SocMed4SocGood', start: new Date(NOW - 30 * HOUR), days: 1, posts: 450, seed: 61 });
/** No schedule slot before the test ends: only the work the test asks for runs. */
const BASE = { hashtags: [HASHTAG], startsAt: new Date(NOW - 72 * HOUR).toISOString(), schedule: '0 0 1 1 *' };
const IMPORTED = { ...BASE, sources: [] as Array<{ type: 'x' }>, cities: ['73.71', '53.71'] };
const COLLECTED = { ...BASE, sources: [{ type: 'x' as const }], cities: ['15.71', '73.71', '19.01', '64.72', '53.71', '82.71'] };
/** The PATCH: a topic no default has (floods, `banjir`), and one more city. */
const PATCH = (c: Campaign) => ({ topics: { ...c.topics, floods: ['banjir'] }, cities: [...c.cities, '15.71'] });

/** `n` imported posts over the last two days; every third mentions floods. */
function csv(n: number, prefix: string, likes: (i: number) => number): string {
  const rows = ['platform,post_id,created_at,text,author_id,likes,city'];
  for (let i = 0; i < n; i++) {
    const at = new Date(NOW - (2 + (i % 45)) * HOUR).toISOString();
    const text = i % 3 === 0 ? `Banjir lagi di kota kami ${HASHTAG}` : `Kegiatan relawan ${HASHTAG} hari ke-${i % 7}`;
    rows.push(`instagram,${prefix}${i},${at},${text},ig-${i % 40},${likes(i)},${['73.71', '53.71', '15.71'][i % 3]}`);
  }
  return `${rows.join('\n')}\n`;
}
const CSV_A = csv(400, 'a', (i) => i % 9);
const CSV_B = csv(350, 'b', (i) => (i * 7) % 23);
const CSV_C = csv(300, 'c', (i) => (i * 5) % 17);
/** The 503 of a request whose change is stored (src/errors.ts, src/contracts/messages.id.ts). */
const SAVED = {
  en: 'The change is saved, but the job queue (Redis) is unreachable: the work that follows it is recorded and runs once the queue is back. Do not send this request again.',
  id: 'Perubahan sudah disimpan, tetapi antrean tugas (Redis) tidak dapat dihubungi: pekerjaan lanjutannya sudah dicatat dan berjalan setelah antrean kembali. Jangan kirim permintaan ini lagi.',
};

function monthStart(): string {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString();
}

describe('a Redis that loses its data under the BullMQ runtime (API, worker and scheduler)', () => {
  let redisPort: number;
  let redis: { proc: ChildProcess; exited: Promise<void> } | undefined;
  let dataDir: string;
  let env: Record<string, string>;
  let fake: RunningFakeXApi;
  let cleanFake: RunningFakeXApi;
  let clean: RunningService;
  let rt: Runtime;
  let api: { url: string; close(): Promise<void> };
  let worker: NodeChild;
  let scheduler: NodeChild;
  const children: NodeChild[] = [];
  /** Each faulted campaign with its clean twin, for the last check. */
  const pairs: Array<[Campaign, Campaign]> = [];

  /**
   * A new redis-server with no persistence starts empty. (Its key count is no proof: a worker that
   * is not paused reconnects and writes its own keys at once.)
   */
  async function startRedis(): Promise<void> {
    const proc = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    redis = { proc, exited: new Promise((resolve) => proc.once('exit', () => resolve())) };
    const probe = new Redis({ port: redisPort, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: null });
    probe.on('error', () => undefined);
    await within(10_000, 'redis-server to start', probe.ping());
    probe.disconnect();
  }

  /** SIGKILL: everything Redis held is gone (no persistence). */
  async function killRedis(): Promise<void> {
    const r = redis!;
    r.proc.kill('SIGKILL');
    await within(10_000, 'redis-server to die', r.exited);
  }

  /** SIGTERM: Redis stops as an operator stops it (and, with no persistence, comes back empty). */
  async function stopRedis(): Promise<void> {
    const r = redis!;
    r.proc.kill('SIGTERM');
    await within(10_000, 'redis-server to stop', r.exited);
  }

  async function loseRedisData(): Promise<void> {
    await killRedis();
    await startRedis();
  }

  function start(script: string, extra: Record<string, string> = {}): NodeChild {
    const child = spawnNode(script, { ...env, ...extra }, { captureStdout: true });
    children.push(child);
    return child;
  }

  async function running(child: NodeChild, line: string): Promise<void> {
    await waitFor(
      () => {
        if (child.child.exitCode !== null) throw new Error(`exited with ${child.child.exitCode}: ${child.stderr()}`);
        return child.stdout().includes(line);
      },
      // A loaded machine takes a while to load the code.
      180_000,
      line,
    );
  }

  /** A request to the API under test (`base` undefined) or to the clean service. */
  async function call(method: string, pathname: string, body?: string, base?: string): Promise<unknown> {
    const type = pathname.endsWith('/import') ? 'text/csv; charset=utf-8' : 'application/json';
    const res = await fetch(new URL(pathname, base ?? api.url), {
      method,
      headers: { authorization: `Bearer ${TEST_TOKEN}`, ...(body === undefined ? {} : { 'content-type': type }) },
      ...(body === undefined ? {} : { body }),
    });
    expect(res.status, `${method} ${pathname}: ${await res.clone().text()}`).toBeLessThan(300);
    return res.json();
  }

  /** A request to the API under test, whatever it answers. */
  async function send(method: string, pathname: string, body?: string, lang: 'en' | 'id' = 'en'): Promise<Response> {
    const type = pathname.endsWith('/import') ? 'text/csv; charset=utf-8' : 'application/json';
    return fetch(new URL(pathname, api.url), {
      method,
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'accept-language': lang, ...(body === undefined ? {} : { 'content-type': type }) },
      ...(body === undefined ? {} : { body }),
    });
  }

  /** Occurrences of a log message in a process's output since `from`. */
  function logged(child: NodeChild, from: number, msg: string): number {
    return child
      .stdout()
      .slice(from)
      .split('\n')
      .filter((l) => l.includes(`"msg":"${msg}"`)).length;
  }

  async function create(fields: object, base?: string): Promise<Campaign> {
    return ((await call('POST', 'api/v1/campaigns', JSON.stringify(fields), base)) as { campaign: Campaign }).campaign;
  }

  /** The same steps on the clean service, with no fault; resolves to its campaign once its work is done. */
  async function cleanRun(fields: object, steps: (c: Campaign) => Array<[method: string, pathname: string, body?: string]>): Promise<Campaign> {
    const c = await create(fields, clean.url);
    for (const [method, pathname, body] of steps(c)) {
      await call(method, pathname, body, clean.url);
      await clean.idle();
    }
    return (await clean.rt.store.getCampaign(c.id))!;
  }

  /** Nothing pending in the outbox for the campaign, and no job left in the queue. */
  async function settled(campaign: Campaign): Promise<void> {
    await waitFor(
      async () =>
        !(await rt.store.pendingReattributions()).some((p) => p.campaignId === campaign.id) &&
        (await rt.store.pendingRollupDays(campaign.id)).length === 0 &&
        (await rt.store.runningRuns()).length === 0 &&
        Object.values(await rt.queue.counts()).every((n) => n === 0),
      90_000,
      `the work of ${campaign.name} to be done`,
    );
  }

  beforeAll(async () => {
    redisPort = await freePort();
    await startRedis();
    [fake, cleanFake] = await Promise.all([createFakeXApi(data).start(), createFakeXApi(data).start()]);
    dataDir = mkdtempSync(path.join(tmpdir(), 'kk-fault-redis-loss-'));
    env = {
      DATA_DIR: dataDir,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      QUEUE_PREFIX: uniquePrefix('redis-loss'),
      X_BEARER_TOKEN: fake.bearerToken,
      X_API_BASE_URL: fake.baseUrl,
      ADMIN_TOKEN: TEST_TOKEN,
      LOG_LEVEL: 'info',
      // The reconciler and the run sweep every 5 s instead of 3 minutes: the test waits for them.
      RECONCILE_SECONDS: '5',
    };
    // This process is the API, as src/server.ts builds it.
    rt = await createRuntime(loadConfig({ ...env, LOG_LEVEL: 'silent' }), silentLog);
    api = await listen(createApp(rt.http), 0, '127.0.0.1');
    worker = start('workers/worker.ts');
    scheduler = start('workers/scheduler.ts');
    clean = await startService({ env: { X_BEARER_TOKEN: cleanFake.bearerToken, X_API_BASE_URL: cleanFake.baseUrl } });
    await Promise.all([running(worker, '"worker running"'), running(scheduler, '"scheduler running"')]);
  }, 300_000);

  afterAll(async () => {
    for (const c of children) {
      c.child.kill('SIGCONT');
      c.child.kill('SIGKILL');
    }
    await api?.close();
    await rt?.close();
    await clean?.close();
    await fake?.close();
    await cleanFake?.close();
    redis?.proc.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('re-attributes a campaign whose re-attribution job was lost right after the PATCH was answered', { timeout: 180_000 }, async () => {
    const fields = { ...IMPORTED, name: 'Patched' };
    const steps = (c: Campaign): Array<[string, string, string?]> => [
      ['POST', `api/v1/campaigns/${c.id}/import`, CSV_A],
      ['PATCH', `api/v1/campaigns/${c.id}`, JSON.stringify(PATCH(c))],
    ];
    const campaign = await create(fields);
    const [importA, patchA] = steps(campaign);
    await call(...importA!);
    await settled(campaign);

    worker.child.kill('SIGSTOP');
    await call(...patchA!);
    expect(await rt.queue.counts()).toMatchObject({ reattribute: 1 });
    // Redis comes back empty: the job is gone, the outbox still holds the work.
    await loseRedisData();
    expect((await rt.store.pendingReattributions()).map((p) => p.campaignId)).toContain(campaign.id);
    worker.child.kill('SIGCONT');

    await settled(campaign);
    const reference = await cleanRun(fields, steps);
    const stored = (await rt.store.getCampaign(campaign.id))!;
    expect(stored.topics.floods).toEqual(['banjir']);
    const got = await campaignFigures(rt, stored);
    const floods = (got.breakdowns.topic as { rows: Array<{ key: string; posts: number }> }).rows.find((r) => r.key === 'floods');
    expect(floods?.posts, 'the new topic holds its posts').toBe(134);
    expect(got).toEqual(await campaignFigures(clean.rt, reference));
    pairs.push([stored, reference]);
  });

  it('rebuilds the rollups of an import whose metrics job was lost right after the import committed', { timeout: 180_000 }, async () => {
    const fields = { ...IMPORTED, name: 'Imported' };
    const steps = (c: Campaign): Array<[string, string, string?]> => [['POST', `api/v1/campaigns/${c.id}/import`, CSV_B]];
    const campaign = await create(fields);

    worker.child.kill('SIGSTOP');
    await call(...steps(campaign)[0]!);
    // The import's own job (and perhaps the reconciler's, which runs every 5 s) waits for the paused worker.
    expect((await rt.queue.counts()).metrics).toBeGreaterThanOrEqual(1);
    expect((await rt.store.pendingRollupDays(campaign.id)).length).toBeGreaterThan(0);
    await loseRedisData();
    worker.child.kill('SIGCONT');

    await settled(campaign);
    const reference = await cleanRun(fields, steps);
    expect(await campaignFigures(rt, campaign)).toEqual(await campaignFigures(clean.rt, reference));
    pairs.push([campaign, reference]);
  });

  it('finishes a collection whose job and lock went with the data in the middle of the run', { timeout: 180_000 }, async () => {
    const fields = { ...COLLECTED, name: 'Collected' };
    const steps = (c: Campaign): Array<[string, string, string?]> => [['POST', `api/v1/campaigns/${c.id}/collect`]];
    const campaign = await create(fields);
    // When the third page is asked for (two pages of 100 stored), Redis loses its data; the worker goes on.
    let searches = 0;
    let lost: Promise<void> | undefined;
    fake.setHandler((req) => {
      if (req.path === SEARCH && ++searches === 3) lost = loseRedisData();
      return undefined;
    });
    await call(...steps(campaign)[0]!);
    await waitFor(() => lost !== undefined, 120_000, 'the third page to be asked for');
    await lost;
    fake.setHandler(undefined);

    await settled(campaign);
    const runs = await rt.store.listRuns(campaign.id, 10);
    expect(runs.map((r) => [r.status, r.postsRead])).toEqual([['succeeded', data.tweets.length]]);
    expect((await rt.http.campaigns.view(campaign)).collection.x?.outcome).toBe('succeeded');
    const reference = await cleanRun(fields, steps);
    expect(await campaignFigures(rt, campaign)).toEqual(await campaignFigures(clean.rt, reference));
    pairs.push([campaign, reference]);
  });

  it('closes as interrupted a collection whose worker died with Redis, resumes it and keeps the read budget', { timeout: 240_000 }, async () => {
    const fields = { ...COLLECTED, name: 'Cut', monthlyReadBudget: BUDGET };
    const steps = (c: Campaign): Array<[string, string, string?]> => [['POST', `api/v1/campaigns/${c.id}/collect`]];
    const campaign = await create(fields);
    // The machine goes down when the third page is asked for: the worker and Redis (no persistence) die together.
    let searches = 0;
    const dying = worker;
    fake.setHandler((req) => {
      if (req.path === SEARCH && ++searches === 3) {
        dying.child.kill('SIGKILL');
        redis!.proc.kill('SIGKILL');
      }
      return undefined;
    });
    await call(...steps(campaign)[0]!);
    await within(120_000, 'the worker to be killed', dying.exited);
    await within(10_000, 'redis-server to die', redis!.exited);
    fake.setHandler(undefined);
    await startRedis();
    worker = start('workers/worker.ts');
    await running(worker, '"worker running"');

    // The scheduler's sweep closes the run (its process is gone) and asks for its work again.
    await settled(campaign);
    const runs = await rt.store.listRuns(campaign.id, 10);
    expect(runs.map((r) => r.status)).toEqual(['failed', 'interrupted']);
    expect(runs[1]).toMatchObject({ status: 'interrupted', pages: 2, postsRead: 200 });
    expect(runs[0]!.error).toMatch(/read budget/);
    expect(runs[1]!.notes.at(-1)).toMatch(/stopped before it ended/);
    expect(runs.reduce((n, r) => n + r.postsRead, 0)).toBe(BUDGET);
    // The campaign says how its collection ended, not `running`.
    expect((await rt.http.campaigns.view(campaign)).collection.x).toMatchObject({ outcome: 'failed', error: runs[0]!.error });
    const read = await rt.store.postsReadSince(campaign.id, 'x', monthStart());
    expect(read).toBe(BUDGET);
    const reference = await cleanRun(fields, steps);
    expect(await clean.rt.store.postsReadSince(reference.id, 'x', monthStart())).toBe(BUDGET);
    expect(await campaignFigures(rt, campaign)).toEqual(await campaignFigures(clean.rt, reference));
    pairs.push([campaign, reference]);
  });

  it('refuses a second scheduler on the DATA_DIR naming the holder, and lets one take over once the holder is killed', { timeout: 240_000 }, async () => {
    const second = start('workers/scheduler.ts');
    const exit = await within(180_000, 'the second scheduler to stop', second.exited);
    expect(exit.code).toBe(1);
    expect(second.stderr()).toContain(`DATA_DIR ${dataDir} is in use by another Kabar Kampanye process (pid ${scheduler.child.pid})`);
    expect(scheduler.child.exitCode, 'the holder is untouched').toBeNull();

    scheduler.child.kill('SIGKILL');
    await within(10_000, 'the scheduler to die', scheduler.exited);
    // The lock died with its holder: a new scheduler starts, and its reconciler does the next test's work.
    scheduler = start('workers/scheduler.ts');
    await running(scheduler, '"scheduler running"');
  });

  it('answers 503 while Redis is stopped, keeps each change and does its work once Redis is back', { timeout: 300_000 }, async () => {
    const fields = { ...COLLECTED, cities: IMPORTED.cities, name: 'Stopped', monthlyReadBudget: 1_000 };
    const steps = (c: Campaign): Array<[string, string, string?]> => [
      ['POST', `api/v1/campaigns/${c.id}/import`, CSV_C],
      ['PATCH', `api/v1/campaigns/${c.id}`, JSON.stringify(PATCH(c))],
      ['POST', `api/v1/campaigns/${c.id}/collect`],
    ];
    const campaign = await create(fields);
    const [importC, patchC, collectC] = steps(campaign);
    const from = worker.stdout().length;
    await stopRedis();
    await waitFor(() => logged(worker, from, 'Redis unreachable; reconnecting') > 0, 60_000, 'the worker to see the outage');

    // Each request answers 503 with when to come back; the import and the PATCH say their change is saved.
    const answers = [await send(...importC!, 'id'), await send(...patchC!), await send(...collectC!)];
    expect(answers.map((r) => [r.status, r.headers.get('retry-after')])).toEqual([
      [503, '30'],
      [503, '30'],
      [503, '30'],
    ]);
    const [imported, patched, collected] = (await Promise.all(answers.map((r) => r.json()))) as Array<{ error: { code: string; message: string } }>;
    expect(imported!.error).toMatchObject({ code: 'queue_unavailable', message: SAVED.id });
    expect(patched!.error).toMatchObject({ code: 'queue_unavailable', message: SAVED.en });
    expect(collected!.error.code).toBe('queue_unavailable');
    expect(collected!.error.message).toMatch(/could not be queued within 5 seconds\. Retry once the queue is back/);

    // The changes are stored, audited and not reported failed; their work is in the outbox.
    const shown = (await call('GET', `api/v1/campaigns/${campaign.id}`)) as { campaign: Campaign };
    expect(shown.campaign.topics.floods).toEqual(['banjir']);
    expect(shown.campaign.cities).toContain('15.71');
    expect((await rt.store.listRuns(campaign.id, 10)).map((r) => [r.source, r.status])).toEqual([['import', 'succeeded']]);
    const audit = await rt.http.audit.list({ limit: 10, targetType: 'campaign', targetId: campaign.id });
    expect(audit.entries.map((e) => e.action)).toEqual(['campaign.update', 'campaign.import', 'campaign.create']);
    expect((await rt.store.pendingReattributions()).map((p) => p.campaignId)).toContain(campaign.id);
    expect((await rt.store.pendingRollupDays(campaign.id)).length).toBeGreaterThan(0);

    await startRedis();
    await waitFor(() => logged(worker, from, 'Redis reachable again') > 0, 60_000, 'the worker to see Redis again');
    await settled(campaign);
    // The collection refused while Redis was stopped did not run behind the caller's back when it came back.
    expect((await rt.store.listRuns(campaign.id, 10)).map((r) => r.source)).toEqual(['import']);
    // One warning for the outage in the worker's log, and one line when Redis was back.
    expect([logged(worker, from, 'Redis unreachable; reconnecting'), logged(worker, from, 'Redis reachable again')]).toEqual([1, 1]);

    // Asked again, as its 503 said, the collection runs.
    await call(...collectC!);
    await settled(campaign);
    expect((await rt.store.listRuns(campaign.id, 10)).map((r) => [r.source, r.status])).toEqual([
      ['x', 'succeeded'],
      ['import', 'succeeded'],
    ]);
    const reference = await cleanRun(fields, steps);
    const read = await rt.store.postsReadSince(campaign.id, 'x', monthStart());
    expect(read).toBe(await clean.rt.store.postsReadSince(reference.id, 'x', monthStart()));
    expect(read).toBeLessThanOrEqual(fields.monthlyReadBudget);
    const stored = (await rt.store.getCampaign(campaign.id))!;
    expect(await campaignFigures(rt, stored)).toEqual(await campaignFigures(clean.rt, reference));
    pairs.push([stored, reference]);
  });

  it('leaves every figure of every campaign equal to the clean run, and nothing stored twice', { timeout: 120_000 }, async () => {
    expect(pairs.map(([c]) => c.name)).toEqual(['Patched', 'Imported', 'Collected', 'Cut', 'Stopped']);
    for (const [campaign, reference] of pairs) {
      expect(await campaignFigures(rt, (await rt.store.getCampaign(campaign.id))!), campaign.name).toEqual(await campaignFigures(clean.rt, reference));
      const ids = (await rt.store.campaignPosts(campaign.id)).map((r) => `${r.post.platform}:${r.post.postId}`);
      expect(new Set(ids).size, campaign.name).toBe(ids.length);
    }
    expect(await rt.store.countPosts()).toBe(await clean.rt.store.countPosts());
    expect(await rt.store.runningRuns()).toEqual([]);
    expect(worker.child.exitCode).toBeNull();
    expect(scheduler.child.exitCode).toBeNull();
  });
});
