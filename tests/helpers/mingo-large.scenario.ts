import type { CampaignPost } from '../../src/domain/campaign.js';
import type { Author, StoredPost } from '../../src/domain/post.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { reattributeProcessor } from '../../src/jobs/reattribute.processor.js';
import type { JobQueue } from '../../src/queue/jobs.js';
import type { BulkOp } from '../../src/store/mongo/mongo-db.port.js';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import { authorBaseDoc, membershipDoc, postDoc } from '../../src/store/mongo/post.docs.js';
import type { Store } from '../../src/store/store.port.js';
import { makeCampaign } from './campaigns.js';
import { createMingoDb, type MingoDb } from './mingo-db.js';
import { silentLog } from './queues.js';

/**
 * Issue 14, items 17–18: a campaign of `n` memberships over the mingo harness, its daily refresh
 * and a re-attribution, each measured (largest command, live heap growth, time). It runs in a
 * process of its own started with --expose-gc (mingo-large.child.ts), so the heap is measured
 * after full collections, not guessed from samples full of garbage;
 * tests/integration/mongo-mingo.large.test.ts asserts on what it reports.
 */

export const DAYS = 90;
export const AUTHORS = 5_000;
const MB = 1024 * 1024;

const dayOf = (i: number) => new Date(Date.UTC(2015, 0, 1) + (i % DAYS) * 86_400_000).toISOString().slice(0, 10);

export function postOf(i: number, observedAt: string, likes = i % 50): StoredPost {
  const day = dayOf(i);
  return {
    platform: 'x',
    postId: `p${i}`,
    url: `https://x.com/i/status/p${i}`,
    text: `Ayo #SocMed4SocGood ${i % 3 === 0 ? 'sekolah' : 'pasar'} ${i}`,
    createdAt: `${day}T03:00:00.000Z`,
    kind: 'original',
    authorId: `a${i % AUTHORS}`,
    hashtags: ['socmed4socgood'],
    counts: { likes, reposts: 1, replies: 0, quotes: 0, bookmarks: 0 },
    observedAt,
    engagement: likes + 1,
  };
}

export function membershipOf(campaignId: string, p: StoredPost, i: number): CampaignPost {
  return {
    campaignId,
    platform: 'x',
    postId: p.postId,
    publishedOn: 'x',
    language: 'id',
    sentiment: 'neutral',
    sentimentSource: 'auto',
    authorId: p.authorId,
    createdAt: p.createdAt,
    day: dayOf(i),
    hour: `${dayOf(i)}T10`,
    cityCode: i % 2 === 0 ? '73.71' : '53.71',
    provinceCode: i % 2 === 0 ? '73' : '53',
    locationMethod: 'hashtag',
    topics: ['other'],
    hashtags: ['socmed4socgood'],
  };
}

/** Writes the authors, posts and memberships straight through the port, 10,000 documents a command. */
export async function seed(db: MingoDb, campaignId: string, n: number): Promise<void> {
  const at = '2015-04-01T00:00:00.000Z';
  const insert = (docs: Array<Record<string, unknown>>): BulkOp[] => docs.map((document) => ({ insertOne: { document } }));
  const authors: Author[] = Array.from({ length: AUTHORS }, (_, a) => ({
    platform: 'x',
    authorId: `a${a}`,
    handle: `h${a}`,
    name: `Nama ${a}`,
    observedAt: at,
  }));
  await db.bulkWrite('authors', insert(authors.map((a, k) => ({ ...authorBaseDoc(a, ''), followers: 100 + k, followersObservedAt: new Date(at) }))));
  for (let from = 0; from < n; from += 10_000) {
    const posts = Array.from({ length: Math.min(10_000, n - from) }, (_, k) => postOf(from + k, at));
    await db.bulkWrite('posts', insert(posts.map((p) => postDoc(p, ''))));
    await db.bulkWrite('campaign_posts', insert(posts.map((p, k) => membershipDoc(membershipOf(campaignId, p, from + k)))));
  }
}

export interface Measured {
  /** The largest command sent, in BSON bytes. */
  commandBytes: number;
  /**
   * Growth of the live heap, in MB: the highest heapUsed right after a full collection (before
   * every `gcEvery`-th command and at the end) over the same measure before the work.
   */
  heapMb: number;
  /** Growth of heapUsed as sampled (every few ms and at each command), garbage included, in MB. */
  rawHeapMb: number;
  ms: number;
  /** CPU time of the process (user + system), in ms: on a loaded machine, steadier than `ms`. */
  cpuMs: number;
}

export interface LargeReport {
  memberships: number;
  seedMs: number;
  /** Live heap after seeding, in MB: the documents and indexes the harness holds. */
  seededHeapMb: number;
  /** The uncached queries a person waits for, read from campaign_posts alone (issue 14 item 19). */
  queries: Measured & { summaryPosts: number };
  /**
   * The top 10 contributors alone, by engagement and by reach, with the author documents each
   * looked up: by engagement only the page's, by reach every author of the campaign, since the
   * follower count that ranks them lives on the author (docs/architecture.md).
   */
  contributors: Record<'engagement' | 'reach', Measured & { lookedUp: number }>;
  refresh: Measured & { recentIds: number; pendingDays: number };
  reattribution: Measured;
  /** Posts per topic after the re-attribution, and the re-attributions still pending. */
  byTopic: Record<string, number>;
  pendingReattributions: number;
}

function collect(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the large-campaign scenario measures the live heap: run node with --expose-gc');
  gc();
  return process.memoryUsage().heapUsed;
}

async function measure(db: MingoDb, work: () => Promise<void>): Promise<Measured> {
  const baseline = collect();
  db.resetStats();
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const cpu = process.cpuUsage(cpu0);
  const ms = Math.round(performance.now() - t0);
  const live = Math.max(db.stats.peakLiveHeapUsed, collect());
  peak = Math.max(peak, db.stats.peakHeapUsed);
  return {
    commandBytes: db.stats.largestCommand.bytes,
    heapMb: Math.round((live - baseline) / MB),
    rawHeapMb: Math.round((peak - baseline) / MB),
    ms,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  };
}

/** `gcEvery`: a live-heap sample (a full collection) before every so many commands. */
export async function runLargeCampaign(n: number, gcEvery = 50): Promise<LargeReport> {
  const db = createMingoDb({ liveHeapEvery: gcEvery });
  const store: Store = createMongoStore(db);
  const campaign = makeCampaign({ id: 'c-large', timeZone: 'UTC' });
  await store.createCampaign(campaign);
  const t0 = performance.now();
  await seed(db, campaign.id, n);
  const seedMs = Math.round(performance.now() - t0);
  const seededHeapMb = Math.round(collect() / MB);

  // The figures of the whole campaign and by day and city, the top contributors and the top posts.
  let summaryPosts = 0;
  const queries = await measure(db, async () => {
    const [summary] = await store.queryMetrics({ campaignId: campaign.id, filter: {}, groupBy: [] });
    summaryPosts = summary?.posts ?? 0;
    await store.queryMetrics({ campaignId: campaign.id, filter: {}, groupBy: ['day', 'city'] });
    await store.topContributors({ campaignId: campaign.id, filter: {}, sort: 'engagement', limit: 10 });
    await store.topContributors({ campaignId: campaign.id, filter: {}, sort: 'reach', limit: 10 });
    await store.listPosts({ campaignId: campaign.id, filter: {}, sort: 'engagement', limit: 50 });
  });

  const contributors = async (sort: 'engagement' | 'reach') => {
    const m = await measure(db, async () => {
      await store.topContributors({ campaignId: campaign.id, filter: {}, sort, limit: 10 });
    });
    return { ...m, lookedUp: db.stats.lookedUp };
  };
  const byEngagement = await contributors('engagement');
  const byReach = await contributors('reach');

  // The daily refresh: last week's ids from the attributions alone, re-read pages of 100 saved
  // with newer counts, then the rollups of the days they changed.
  let recentIds = 0;
  let pendingDays = 0;
  const refresh = await measure(db, async () => {
    const since = new Date(Date.UTC(2015, 0, 1) + (DAYS - 7) * 86_400_000).toISOString();
    const ids = await store.recentPostIds(campaign.id, 'x', since);
    recentIds = ids.length;
    for (let at = 0; at < ids.length; at += 100) {
      const page = ids.slice(at, at + 100).map((id) => Number(id.slice(1)));
      const posts = page.map((i) => postOf(i, '2015-04-02T00:00:00.000Z', (i % 50) + 1));
      await store.saveBatch(
        { posts, authors: [], memberships: posts.map((p, k) => membershipOf(campaign.id, p, page[k] as number)) },
        { campaignId: campaign.id, source: 'x', value: { page: at } },
      );
    }
    const pending = await store.pendingRollupDays(campaign.id);
    pendingDays = pending.length;
    await store.refreshRollups(campaign.id, pending);
  });

  // A re-attribution after the topics changed, as the job runs it.
  await store.updateCampaign({ ...campaign, topics: { sekolah: ['sekolah'] } }, { reattribute: true });
  const gazetteer = await loadGazetteer();
  const queue = { kind: 'inline', add: async () => ({ id: 'x' }), counts: async () => ({}), onIdle: async () => undefined } as unknown as JobQueue;
  const reattribution = await measure(db, async () => {
    await reattributeProcessor({ campaignId: campaign.id }, { store, queue, sources: new Map(), gazetteer, log: silentLog, now: () => new Date() });
  });

  const byTopic = await store.queryMetrics({ campaignId: campaign.id, filter: {}, groupBy: ['topic'] });
  return {
    memberships: n,
    seedMs,
    seededHeapMb,
    queries: { ...queries, summaryPosts },
    contributors: { engagement: byEngagement, reach: byReach },
    refresh: { ...refresh, recentIds, pendingDays },
    reattribution,
    byTopic: Object.fromEntries(byTopic.map((r) => [String(r.keys[0]), r.posts])),
    pendingReattributions: (await store.pendingReattributions()).length,
  };
}
