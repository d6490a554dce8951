import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src/demo/x-demo-data.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { InlineQueue } from '../../src/queue/inline/inline.queue.js';
import { createXSource } from '../../src/sources/x/x.source.js';
import { StoreUnavailableError } from '../../src/store/sqlite/sqlite-errors.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import { collectProcessor } from '../../src/jobs/collect.processor.js';
import { makeCampaign } from '../helpers/campaigns.js';
import { createFakeXApi, type RunningFakeXApi } from '../helpers/fake-x-api.js';
import { expectSameAsClean } from '../helpers/campaign-figures.js';
import { freePort, spawnNode, within } from '../helpers/processes.js';
import { silentLog, waitFor } from '../helpers/queues.js';
import { startService, type RunningService } from '../helpers/service.js';

/**
 * DATA_DIR fails under the store. A full disk (simulated with SQLite's max_page_count: the file
 * may not grow) fails the run with a message that says so, stores nothing of the page, and the
 * next run after space is freed stores everything once. A database locked by another connection
 * in the middle of a collection fails the page and the run's end; the live service closes that run
 * as interrupted once the store writes again, and its retry collects the rest. A read-only
 * DATA_DIR stops the service at start-up, naming the setting, and leaves what is there untouched.
 * After each fault, every figure equals a clean run's and no run is left running.
 */
const HOUR = 3_600_000;
const data = generateDemoData({ hashtag: 'SocMed4SocGood', start: new Date(Date.now() - 30 * HOUR), days: 1, posts: 300, seed: 66 });
const campaign = makeCampaign({ id: 'c-disk', startsAt: new Date(Date.now() - 48 * HOUR).toISOString() });

describe('a DATA_DIR that fails under the store', () => {
  let fake: RunningFakeXApi;
  let dir: string;
  const services: RunningService[] = [];

  beforeAll(async () => {
    fake = await createFakeXApi(data).start();
    dir = mkdtempSync(path.join(tmpdir(), 'kk-fault-disk-'));
  });
  afterAll(async () => {
    for (const svc of services.splice(0)) await svc.close();
    await fake?.close();
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  async function collect(file: string, maxPageCount?: number) {
    const store = createSqliteStore({ file, maxPageCount });
    const queue = new InlineQueue(silentLog);
    const source = createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl, sleep: async () => undefined });
    const deps = { store, queue, sources: new Map([['x' as const, source]]), gazetteer: await loadGazetteer(), log: silentLog, now: () => new Date() };
    const outcome = await collectProcessor({ campaignId: campaign.id, source: 'x' }, { jobId: `disk-${maxPageCount ?? 'free'}`, attempt: 1 }, deps).then(
      () => undefined,
      (err: unknown) => err,
    );
    const result = {
      outcome,
      run: (await store.listRuns(campaign.id, 1))[0],
      posts: await store.countPosts(),
      checkpoint: await store.getCheckpoint(campaign.id, 'x'),
      pending: await store.pendingRollupDays(campaign.id),
    };
    await queue.close();
    await store.close();
    return result;
  }

  /** A DATA_DIR whose store holds the campaign. */
  async function dataDirWithCampaign(name: string): Promise<string> {
    const dataDir = path.join(dir, name);
    mkdirSync(dataDir);
    const setup = createSqliteStore({ file: path.join(dataDir, 'campaigns.sqlite') });
    await setup.createCampaign(campaign);
    await setup.close();
    return dataDir;
  }

  /** The service started again on a DATA_DIR, once it has done what the last process left pending. */
  async function restart(dataDir: string): Promise<RunningService> {
    const svc = await startService({ dataDir });
    services.push(svc);
    await within(60_000, 'the restarted service to be idle', svc.idle());
    return svc;
  }

  it('a full disk: the run fails saying so, nothing of the page is stored, the next run resumes', { timeout: 60_000 }, async () => {
    const cleanDir = await dataDirWithCampaign('clean');
    await collect(path.join(cleanDir, 'campaigns.sqlite'));

    const fullDir = await dataDirWithCampaign('full');
    const file = path.join(fullDir, 'campaigns.sqlite');
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = Number(db.pragma('page_count', { simple: true }));
    db.close();

    // Room for the run's record, not for a page of posts.
    const full = await collect(file, pages + 4);
    expect(full.outcome).toBeInstanceOf(StoreUnavailableError);
    expect(full.run).toMatchObject({ status: 'failed', pages: 0, newPosts: 0 });
    expect(full.run?.error).toMatch(/is full: the disk under DATA_DIR has no space left \(SQLITE_FULL/);
    expect({ posts: full.posts, checkpoint: full.checkpoint, pending: full.pending }).toEqual({ posts: 0, checkpoint: null, pending: [] });

    const freed = await collect(file);
    expect(freed.run).toMatchObject({ status: 'succeeded', newPosts: data.tweets.length });
    expect(freed.posts).toBe(data.tweets.length);
    await expectSameAsClean((await restart(fullDir)).rt, (await restart(cleanDir)).rt);
  });

  /** The embedded service collecting from the fake X API; the sweep of runs every 5 s (RECONCILE_SECONDS). */
  async function service(): Promise<RunningService> {
    const svc = await startService({ env: { X_BEARER_TOKEN: fake.bearerToken, X_API_BASE_URL: fake.baseUrl, RECONCILE_SECONDS: '5' } });
    services.push(svc);
    const created = await svc.api('/api/v1/campaigns', {
      method: 'POST',
      json: {
        name: 'Locked',
        hashtags: ['#SocMed4SocGood'],
        startsAt: campaign.startsAt,
        sources: [{ type: 'x' }],
        monthlyReadBudget: 1_000,
        schedule: '0 0 1 1 *',
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    return svc;
  }

  async function collectAll(svc: RunningService): Promise<void> {
    const [c] = await svc.rt.store.listCampaigns();
    expect((await svc.api(`/api/v1/campaigns/${c!.id}/collect`, { method: 'POST' })).status).toBe(202);
  }

  it('a database locked mid-run: the run whose end was refused is closed in the live process once the lock goes', { timeout: 120_000 }, async () => {
    const clean = await service();
    await collectAll(clean);
    await within(60_000, 'the clean collection', clean.idle());

    const svc = await service();
    const other = new Database(path.join(svc.dataDir, 'campaigns.sqlite'));
    let searches = 0;
    fake.setHandler((req) => {
      // The first page is stored; from the second on another connection holds the write lock.
      if (req.path === '/2/tweets/search/recent' && ++searches === 2) other.exec('BEGIN EXCLUSIVE');
      return undefined;
    });
    try {
      await collectAll(svc);
      // The page and then the run's end wait out the busy timeout and fail; the job waits for its retry.
      await waitFor(async () => ((await svc.rt.queue.counts()).retrying ?? 0) > 0, 60_000, 'the failed collection to wait for its retry');
      const [cut] = await svc.rt.store.runningRuns();
      expect(cut).toMatchObject({ status: 'running', pages: 1, postsRead: 100 });
      other.exec('ROLLBACK');
      await within(60_000, 'the retried collection', svc.idle());
      // No restart: the live service closes the run once the store writes again.
      await waitFor(async () => (await svc.rt.store.runningRuns()).length === 0, 30_000, 'the cut run to be closed');
      const closed = (await svc.rt.store.listRuns(cut!.campaignId, 10)).find((r) => r.id === cut!.id);
      expect(closed).toMatchObject({ status: 'interrupted', pages: 1, newPosts: 100 });
      expect(closed!.notes.at(-1)).toMatch(
        /^Its end could not be recorded: the SQLite store .* is locked by another connection or process.* What it stored is kept, and the queue retries its job while attempts remain\.$/,
      );
    } finally {
      fake.setHandler(undefined);
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
    await expectSameAsClean(svc.rt, clean.rt);
  });

  it('a read-only DATA_DIR: start-up stops naming it, and nothing in it changes', { timeout: 60_000 }, async () => {
    // A store that exists, then a directory and files nobody may write.
    const ro = path.join(dir, 'read-only');
    mkdirSync(ro);
    const setup = createSqliteStore({ file: path.join(ro, 'campaigns.sqlite') });
    await setup.createCampaign(campaign);
    await setup.close();
    const before = Object.fromEntries(readdirSync(ro).map((f) => [f, readFileSync(path.join(ro, f)).toString('base64')]));
    for (const f of readdirSync(ro)) chmodSync(path.join(ro, f), 0o444);
    chmodSync(ro, 0o555);

    // root writes anywhere: the service runs as `nobody` here, as a hardened container would.
    const asRoot = process.getuid?.() === 0;
    const api = spawnNode(
      'src/server.ts',
      { DATA_DIR: ro, PORT: String(await freePort()), ADMIN_TOKEN: 'fault-ro-token-0123456789', LOG_LEVEL: 'warn', HOME: tmpdir() },
      asRoot ? { uid: 65534, gid: 65534 } : {},
    );
    const exit = await within(30_000, 'the API to stop', api.exited);
    expect(exit.code).toBe(1);
    expect(api.stderr()).toMatch(/DATA_DIR .*read-only is not writable/);
    expect(Object.fromEntries(readdirSync(ro).map((f) => [f, readFileSync(path.join(ro, f)).toString('base64')]))).toEqual(before);

    // Made writable again, the service starts on it with what a clean one would hold.
    chmodSync(ro, 0o755);
    for (const f of readdirSync(ro)) chmodSync(path.join(ro, f), 0o644);
    await expectSameAsClean((await restart(ro)).rt, (await restart(await dataDirWithCampaign('read-only-clean'))).rt);
  });
});
