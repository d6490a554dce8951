import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Campaign } from '../../src/domain/campaign.js';
import { enrichBatch, prepareCampaign } from '../../src/enrich/enrich.js';
import { startAllInOne, type AllInOne } from '../../src/process/all-in-one.js';
import { OPERATOR } from '../../src/services/auth/principal.js';
import { freePort, spawnNode, waitForHttp, within, type NodeChild } from '../helpers/processes.js';
import { REDIS_URL, silentLog, uniquePrefix } from '../helpers/queues.js';
import { expectSameAsClean } from '../helpers/campaign-figures.js';
import { TEST_TOKEN } from '../helpers/service.js';

/**
 * Follow-up work (re-attribution, rollup days) is recorded with the change that needs it, and a
 * restarted service does it without being asked again: the job asked for after the change may
 * be lost with the process or the queue. Afterwards every figure of every campaign equals a clean
 * run's (the same steps, nothing lost) and no run is left running.
 */

const HASHTAG = '#SocMed4SocGood';
const FIELDS = { name: 'Outbox', hashtags: [HASHTAG], startsAt: '2015-01-13T00:00:00+07:00', cities: ['73.71', '53.71'] };
/** The days the posts are on: an hourly series up to now would be eleven years long. */
const WINDOW = { from: '2015-01-13', to: '2015-01-20' };

/** `n` posts over three days; every third mentions floods (`banjir`), a topic no default has. */
function csv(n: number, likes: (i: number) => number): string {
  const rows = ['platform,post_id,created_at,text,author_id,likes,city'];
  for (let i = 0; i < n; i++) {
    const day = 14 + (i % 3);
    const text = i % 3 === 0 ? `Banjir lagi di kota kami ${HASHTAG}` : `Kegiatan relawan ${HASHTAG}`;
    rows.push(
      `instagram,p${i},2015-01-${day}T${String(8 + (i % 10)).padStart(2, '0')}:00:00+07:00,${text},ig-${i % 50},${likes(i)},${i % 2 ? '73.71' : '53.71'}`,
    );
  }
  return `${rows.join('\n')}\n`;
}

const dirs: string[] = [];
const open: AllInOne[] = [];
const children: NodeChild[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.child.kill('SIGKILL');
  for (const a of open.splice(0)) await a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'kk-outbox-'));
  dirs.push(d);
  return d;
}

/** The embedded service (`npm start`) on a DATA_DIR, without the scheduler. */
async function embedded(dir: string): Promise<AllInOne> {
  const app = await startAllInOne(loadConfig({ DATA_DIR: dir, ADMIN_TOKEN: TEST_TOKEN, LOG_LEVEL: 'silent', DEMO: 'false' }), silentLog, {
    listen: { port: 0, host: '127.0.0.1' },
    scheduler: false,
  });
  open.push(app);
  return app;
}

async function closeEmbedded(app: AllInOne): Promise<void> {
  open.splice(open.indexOf(app), 1);
  await app.close();
}

async function importCsv(app: AllInOne, campaign: Campaign, text: string): Promise<void> {
  const res = await fetch(new URL(`api/v1/campaigns/${campaign.id}/import`, app.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'text/csv; charset=utf-8' },
    body: text,
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** Additive figures of the summary (from the posts) and of the daily series (from the rollups). */
async function seriesAndSummary(app: AllInOne, campaign: Campaign) {
  const m = app.runtime.http.metrics;
  const summary = await m.summary(campaign, {});
  const { points } = await m.timeseries(campaign, 'day', { from: '2015-01-13', to: '2015-01-20' });
  const sum = (f: 'posts' | 'engagement') => points.reduce((s, p) => s + p[f], 0);
  return { summary: { posts: summary.posts, engagement: summary.engagement }, series: { posts: sum('posts'), engagement: sum('engagement') } };
}

async function topicPosts(app: AllInOne, campaign: Campaign, topic: string): Promise<number> {
  const rows = await app.runtime.store.queryMetrics({ campaignId: campaign.id, filter: { topics: [topic] }, groupBy: [] });
  return rows[0]?.posts ?? 0;
}

describe('follow-up work survives the process and the queue that were to do it', () => {
  it('re-attributes after a restart when the process died right after a PATCH committed and its queue lost the job', async () => {
    const dir = dataDir();
    let app = await embedded(dir);
    const campaign = await app.runtime.http.campaigns.create(OPERATOR, FIELDS);
    await importCsv(
      app,
      campaign,
      csv(300, () => 1),
    );
    await app.idle();
    await closeEmbedded(app);

    // The API alone, on a queue no worker reads: the PATCH commits and asks for its job, which
    // never runs; then the process is killed and the queue's data is gone (here: not used again).
    const prefix = uniquePrefix('outbox-patch');
    const port = await freePort();
    const api = spawnNode('src/server.ts', { DATA_DIR: dir, PORT: String(port), ADMIN_TOKEN: TEST_TOKEN, LOG_LEVEL: 'warn', REDIS_URL, QUEUE_PREFIX: prefix });
    children.push(api);
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, api);
    const topics = { ...campaign.topics, floods: ['banjir'] };
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/campaigns/${campaign.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ topics }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    api.child.kill('SIGKILL');
    await within(30_000, 'the killed API to exit', api.exited);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();

    app = await embedded(dir);
    await within(60_000, 'the restarted service to be idle', app.idle());
    const stored = await app.runtime.store.getCampaign(campaign.id);
    expect(stored?.topics.floods).toEqual(['banjir']);
    expect(await topicPosts(app, stored!, 'floods')).toBe(100);
    expect(await app.runtime.store.pendingReattributions()).toEqual([]);

    // Clean: the same import and PATCH on a service nobody killed.
    const clean = await embedded(dataDir());
    const cleanCampaign = await clean.runtime.http.campaigns.create(OPERATOR, FIELDS);
    await importCsv(
      clean,
      cleanCampaign,
      csv(300, () => 1),
    );
    await clean.runtime.http.campaigns.update(OPERATOR, cleanCampaign.id, { topics });
    await within(60_000, 'the clean service to be idle', clean.idle());
    await expectSameAsClean(app.runtime, clean.runtime, WINDOW);
  });

  it('rebuilds pending rollup days at start-up, with no job asked for (a process killed after it stored a page)', { timeout: 120_000 }, async () => {
    const dir = dataDir();
    let app = await embedded(dir);
    const campaign = await app.runtime.http.campaigns.create(OPERATOR, FIELDS);
    await importCsv(
      app,
      campaign,
      csv(300, () => 2),
    );
    await app.idle();
    // What a process killed between storing a page and asking for its metrics job leaves: the
    // page, its pending days, no job.
    const rt = app.runtime;
    const stored = await rt.store.campaignPosts(campaign.id);
    const grown = stored.map(({ post }) => ({
      ...post,
      counts: { ...post.counts, likes: (post.counts.likes ?? 0) + 10 },
      engagement: post.engagement + 10,
      observedAt: '2030-01-01T00:00:00.000Z',
    }));
    await rt.store.saveBatch(enrichBatch({ posts: grown, authors: [] }, [prepareCampaign(campaign)], rt.gazetteer, new Date('2030-01-01T00:00:00Z')));
    expect(await rt.store.pendingRollupDays(campaign.id)).toEqual(['2015-01-14', '2015-01-15', '2015-01-16']);
    const stale = await seriesAndSummary(app, campaign);
    expect(stale.series.engagement).not.toBe(stale.summary.engagement);
    await closeEmbedded(app);

    app = await embedded(dir);
    await within(60_000, 'the restarted service to be idle', app.idle());
    const after = await seriesAndSummary(app, campaign);
    expect(after.series).toEqual(after.summary);
    expect(after.summary.engagement).toBe(300 * 12);
    expect(await app.runtime.store.pendingRollupDays(campaign.id)).toEqual([]);

    // Clean: the same posts with the same counts, stored and rolled up in one go.
    const clean = await embedded(dataDir());
    const cleanCampaign = await clean.runtime.http.campaigns.create(OPERATOR, FIELDS);
    await importCsv(
      clean,
      cleanCampaign,
      csv(300, () => 2),
    );
    await clean.idle();
    const cleanPosts = (await clean.runtime.store.campaignPosts(cleanCampaign.id)).map(({ post }) => ({
      ...post,
      counts: { ...post.counts, likes: (post.counts.likes ?? 0) + 10 },
      engagement: post.engagement + 10,
      observedAt: '2030-01-01T00:00:00.000Z',
    }));
    await clean.runtime.store.saveBatch(
      enrichBatch({ posts: cleanPosts, authors: [] }, [prepareCampaign(cleanCampaign)], clean.runtime.gazetteer, new Date('2030-01-01T00:00:00Z')),
    );
    await clean.runtime.queue.add('metrics', { campaignId: cleanCampaign.id, days: ['2015-01-14', '2015-01-15', '2015-01-16'] });
    await within(60_000, 'the clean service to be idle', clean.idle());
    await expectSameAsClean(app.runtime, clean.runtime, WINDOW);
  });

  it("keeps both campaigns' daily series equal to their summaries when a re-import into one changes its posts", { timeout: 120_000 }, async () => {
    const app = await embedded(dataDir());
    const a = await app.runtime.http.campaigns.create(OPERATOR, { ...FIELDS, name: 'A' });
    const b = await app.runtime.http.campaigns.create(OPERATOR, { ...FIELDS, name: 'B' });
    await importCsv(
      app,
      a,
      csv(1_000, (i) => i % 7),
    );
    await importCsv(
      app,
      b,
      csv(1_000, (i) => i % 7),
    );
    await app.idle();
    // The same posts again, each with 1,000 more likes, into A only.
    await importCsv(
      app,
      a,
      csv(1_000, (i) => (i % 7) + 1_000),
    );
    await app.idle();
    // Imported posts are each campaign's own (issue 13.1): A's re-import changes A, series and
    // summary alike, and leaves B's figures as B imported them.
    const figuresA = await seriesAndSummary(app, a);
    expect(figuresA.series).toEqual(figuresA.summary);
    expect(figuresA.summary.engagement).toBeGreaterThan(1_000_000);
    const figuresB = await seriesAndSummary(app, b);
    expect(figuresB.summary.posts).toBe(1_000);
    expect(figuresB.series).toEqual(figuresB.summary);
    expect(figuresB.summary.engagement).toBeLessThan(10_000);

    // Clean: A imported once with its final counts, B as it was.
    const clean = await embedded(dataDir());
    const cleanA = await clean.runtime.http.campaigns.create(OPERATOR, { ...FIELDS, name: 'A' });
    const cleanB = await clean.runtime.http.campaigns.create(OPERATOR, { ...FIELDS, name: 'B' });
    await importCsv(
      clean,
      cleanA,
      csv(1_000, (i) => (i % 7) + 1_000),
    );
    await importCsv(
      clean,
      cleanB,
      csv(1_000, (i) => i % 7),
    );
    await within(60_000, 'the clean service to be idle', clean.idle());
    await expectSameAsClean(app.runtime, clean.runtime, WINDOW);
  });
});
