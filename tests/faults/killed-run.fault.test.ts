import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { generateDemoData } from '../../src/demo/x-demo-data.js';
import { startAllInOne, type AllInOne } from '../../src/process/all-in-one.js';
import { createFakeXApi, type RunningFakeXApi } from '../helpers/fake-x-api.js';
import { freePort, spawnNode, waitForHttp, within, type NodeChild } from '../helpers/processes.js';
import { silentLog } from '../helpers/queues.js';
import { expectSameAsClean } from '../helpers/campaign-figures.js';
import { startService, TEST_TOKEN } from '../helpers/service.js';

/**
 * The embedded service (`npm start`, SQLite and the in-process runner) killed with SIGKILL in the
 * middle of an X collection, when the third page is asked for (two pages of 100 posts stored),
 * then started again on the same DATA_DIR. Afterwards every figure equals a clean run's (the same
 * collections, nobody killed), the budget holds and no run is left running.
 */
const HOUR = 3_600_000;
const SEARCH = '/2/tweets/search/recent';
const data = generateDemoData({ hashtag: 'SocMed4SocGood', start: new Date(Date.now() - 30 * HOUR), days: 1, posts: 450, seed: 44 });
const STARTS_AT = new Date(Date.now() - 48 * HOUR).toISOString();
/** No slot before the test ends: only the collections asked for run. */
const fields = (monthlyReadBudget: number | null) => ({
  name: 'Killed',
  hashtags: ['#SocMed4SocGood'],
  startsAt: STARTS_AT,
  sources: [{ type: 'x' }],
  monthlyReadBudget,
  schedule: '0 0 1 1 *',
});

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Killed {
  dir: string;
  fake: RunningFakeXApi;
  campaignId: string;
  env: Record<string, string>;
}

/** Starts `npm start` on a fresh DATA_DIR, creates a campaign and collects until the third page is asked for, then kills it. */
async function killMidCollection(monthlyReadBudget: number | null): Promise<Killed> {
  const fake = await createFakeXApi(data).start();
  cleanups.push(() => fake.close());
  const dir = mkdtempSync(path.join(tmpdir(), 'kk-killed-run-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const env = { DATA_DIR: dir, ADMIN_TOKEN: TEST_TOKEN, DEMO: 'false', X_BEARER_TOKEN: fake.bearerToken, X_API_BASE_URL: fake.baseUrl };
  const port = await freePort();
  const child: NodeChild = spawnNode('src/main.ts', { ...env, PORT: String(port), LOG_LEVEL: 'warn' });
  cleanups.push(() => void child.child.kill('SIGKILL'));
  const base = `http://127.0.0.1:${port}/api/v1/campaigns`;
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, child);
  const headers = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };
  const created = await fetch(base, { method: 'POST', headers, body: JSON.stringify(fields(monthlyReadBudget)) });
  expect(created.status, await created.clone().text()).toBe(201);
  const campaignId = ((await created.json()) as { campaign: { id: string } }).campaign.id;
  let searches = 0;
  fake.setHandler((req) => {
    // Pages are asked for one after the other, each once the one before is stored.
    if (req.path === SEARCH && ++searches === 3) child.child.kill('SIGKILL');
    return undefined;
  });
  expect((await fetch(`${base}/${campaignId}/collect`, { method: 'POST', headers })).status).toBe(202);
  await within(60_000, 'the service to be killed', child.exited);
  fake.setHandler(undefined);
  return { dir, fake, campaignId, env };
}

async function restart(killed: Killed): Promise<AllInOne> {
  const app = await startAllInOne(loadConfig({ ...killed.env, LOG_LEVEL: 'silent' }), silentLog, { listen: { port: 0, host: '127.0.0.1' }, scheduler: false });
  cleanups.push(() => app.close());
  return app;
}

/** The same campaign on a fresh service reading the same fake API, collected `collections` times, nobody killed. */
async function cleanRun(fake: RunningFakeXApi, monthlyReadBudget: number | null, collections: number) {
  const svc = await startService({ env: { X_BEARER_TOKEN: fake.bearerToken, X_API_BASE_URL: fake.baseUrl } });
  cleanups.push(() => svc.close());
  const created = await svc.api('/api/v1/campaigns', { method: 'POST', json: fields(monthlyReadBudget) });
  expect(created.status, await created.clone().text()).toBe(201);
  const campaignId = ((await created.json()) as { campaign: { id: string } }).campaign.id;
  for (let i = 0; i < collections; i++) {
    expect((await svc.api(`/api/v1/campaigns/${campaignId}/collect`, { method: 'POST' })).status).toBe(202);
    await within(90_000, 'a clean collection', svc.idle());
  }
  return svc.rt;
}

describe('an X collection killed with SIGKILL half-way', () => {
  it('counts what the killed run read against the monthly budget, so the budget holds after a restart', { timeout: 180_000 }, async () => {
    const killed = await killMidCollection(350);
    const app = await restart(killed);
    const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)).toISOString();
    // The two stored pages are counted, as they happened.
    expect(await app.runtime.store.countPosts()).toBe(200);
    expect(await app.runtime.store.postsReadSince(killed.campaignId, 'x', monthStart)).toBe(200);

    // Three more collections: whatever the restart resumes, no more than the budget is read.
    for (let i = 0; i < 3; i++) {
      await app.runtime.queue.add('collect', { campaignId: killed.campaignId, source: 'x' });
      await within(90_000, 'a collection after the restart', app.idle());
    }
    const runs = await app.runtime.store.listRuns(killed.campaignId, 10);
    expect(runs.reduce((sum, r) => sum + r.postsRead, 0)).toBe(350);
    expect(await app.runtime.store.postsReadSince(killed.campaignId, 'x', monthStart)).toBe(350);
    expect(await app.runtime.store.countPosts()).toBe(350);
    await expectSameAsClean(app.runtime, await cleanRun(killed.fake, 350, 4));
  });

  it('closes the killed run as interrupted with what it did, and resumes its work at the restart', { timeout: 180_000 }, async () => {
    const killed = await killMidCollection(null);
    const app = await restart(killed);
    const store = app.runtime.store;
    // Closed at start-up (the resumed run may be running already).
    const cut = (await store.listRuns(killed.campaignId, 10)).at(-1);
    expect(cut).toMatchObject({ status: 'interrupted', pages: 2, postsRead: 200, newPosts: 200 });
    expect(cut!.notes.at(-1)).toMatch(/stopped before it ended/);

    // Nobody asked for another collection: the restart resumed it.
    await within(90_000, 'the resumed collection', app.idle());
    const runs = await store.listRuns(killed.campaignId, 10);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'interrupted']);
    expect(runs[0]).toMatchObject({ kind: 'collect', postsRead: 250, newPosts: 250 });
    expect(await store.countPosts()).toBe(data.tweets.length);
    expect(await store.runningRuns()).toEqual([]);
    const view = await app.runtime.http.campaigns.view((await store.getCampaign(killed.campaignId))!);
    expect(view.collection.x?.outcome).toBe('succeeded');
    await expectSameAsClean(app.runtime, await cleanRun(killed.fake, null, 1));
  });
});
