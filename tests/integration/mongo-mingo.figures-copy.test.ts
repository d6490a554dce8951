import { describe, expect, it } from 'vitest';
import type { CampaignPost } from '../../src/domain/campaign.js';
import type { Dimension } from '../../src/domain/dimensions.js';
import type { StoredPost } from '../../src/domain/post.js';
import { backfillMembershipFigures } from '../../src/store/mongo/figures-backfill.ops.js';
import { COLLECTIONS, type BulkOp, type Doc } from '../../src/store/mongo/mongo-db.port.js';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import { membershipDoc, postDoc } from '../../src/store/mongo/post.docs.js';
import type { EnrichedBatch, Store } from '../../src/store/store.port.js';
import { makeCampaign } from '../helpers/campaigns.js';
import { createMingoDb, type MingoDb } from '../helpers/mingo-db.js';
import { latestState, referenceMetrics, referenceRollups, referenceTopContributors } from '../helpers/reference-metrics.js';

/**
 * Issue 14, item 19: a membership keeps its post's figures and kind (post.docs.ts postCopy), so
 * metrics read campaign_posts alone. The copies must follow the post: a re-read of shared posts
 * into one campaign with new figures updates the copies of every campaign holding them, in the
 * same transaction as the posts (a failure at any write leaves everything as it was), in commands
 * of at most 1,000 operations. Older memberships get their copy from a start-up backfill.
 */

const A = 'kampanye-a';
const B = 'kampanye-b';
const DAYS = ['2015-01-13', '2015-01-14', '2015-01-15'];

function postOf(i: number, observedAt: string, likes: number): StoredPost {
  return {
    platform: 'x',
    postId: `p${i}`,
    url: `https://x.com/i/status/p${i}`,
    text: `Ayo #SocMed4SocGood ${i}`,
    createdAt: `${DAYS[i % DAYS.length]}T03:00:00.000Z`,
    kind: i % 4 === 0 ? 'reply' : 'original',
    authorId: `a${i % 7}`,
    hashtags: ['socmed4socgood'],
    counts: { likes, reposts: 1, replies: 0, quotes: 0, bookmarks: 0 },
    observedAt,
    engagement: likes + 1,
    ...(i % 3 === 0 ? { impressions: 10 * likes, impressionsSource: 'reported' as const } : {}),
  };
}

function membershipOf(campaignId: string, p: StoredPost, i: number): CampaignPost {
  const day = p.createdAt.slice(0, 10);
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
    day,
    hour: `${day}T10`,
    cityCode: i % 2 === 0 ? '73.71' : null,
    provinceCode: i % 2 === 0 ? '73' : null,
    locationMethod: i % 2 === 0 ? 'hashtag' : 'none',
    topics: ['other'],
    hashtags: ['socmed4socgood'],
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const batchOf = (campaignId: string, posts: StoredPost[]): EnrichedBatch => ({
  posts,
  authors: [],
  memberships: posts.map((p, i) => membershipOf(campaignId, p, i)),
});

/** A holds n shared posts, B the same posts; then a re-read into A alone with +1,000 likes each. */
function scenario(n: number) {
  const first = range(n).map((i) => postOf(i, '2015-01-16T00:00:00.000Z', i % 50));
  const later = range(n).map((i) => postOf(i, '2015-01-17T00:00:00.000Z', (i % 50) + 1000));
  const setup = [batchOf(A, first), batchOf(B, first)];
  const reread = batchOf(A, later);
  return { setup, reread, expected: [...setup, reread] };
}

async function prepared(setup: EnrichedBatch[]): Promise<{ db: MingoDb; store: Store }> {
  const db = createMingoDb();
  const store = createMongoStore(db);
  for (const id of [A, B]) await store.createCampaign(makeCampaign({ id, timeZone: 'UTC' }));
  for (const b of setup) await store.saveBatch(b);
  for (const id of [A, B]) await store.refreshRollups(id, await store.pendingRollupDays(id));
  return { db, store };
}

const GROUPINGS: Dimension[][] = [[], ['day'], ['city', 'source']];

async function expectReference(store: Store, batches: EnrichedBatch[]): Promise<void> {
  const data = latestState(batches);
  for (const campaignId of [A, B]) {
    for (const groupBy of GROUPINGS) {
      const q = { campaignId, filter: {}, groupBy };
      expect(await store.queryMetrics(q), `${campaignId} by ${groupBy.join(',')}`).toEqual(referenceMetrics(data, q));
    }
    const top = { campaignId, filter: {}, sort: 'engagement' as const, limit: 5 };
    expect(await store.topContributors(top), `top contributors of ${campaignId}`).toEqual(referenceTopContributors(data, top));
    await store.refreshRollups(campaignId, await store.pendingRollupDays(campaignId));
    expect(await store.readRollups(campaignId), `rollups of ${campaignId}`).toEqual(referenceRollups(data, campaignId));
  }
}

/** The copies B's memberships hold, by post id. */
function copiesOf(db: MingoDb, campaignId: string): Record<string, unknown> {
  const docs = (db.collections.get(COLLECTIONS.campaignPosts) ?? []).filter((d) => d.campaignId === campaignId);
  return Object.fromEntries(docs.map((d) => [d.postId, [d.engagement, d.impressionsReported, d.impressionsEstimated, d.kind]]));
}

describe('mongo over mingo: each membership keeps its post figures', () => {
  it('a re-read into one campaign updates the copies of every campaign holding the posts, with their pending days', async () => {
    const { setup, reread, expected } = scenario(12);
    const { db, store } = await prepared(setup);
    const before = copiesOf(db, B);
    expect(before.p3).toEqual([4, 30, 0, 'original']);
    await store.saveBatch(reread);
    const after = copiesOf(db, B);
    expect(after.p3).toEqual([1004, 10030, 0, 'original']);
    expect(after.p4).toEqual([1005, 0, 0, 'reply']);
    expect(copiesOf(db, A)).toEqual(after);
    // B's figures moved, so are its rollups' days pending.
    expect(await store.pendingRollupDays(B)).toEqual(DAYS);
    await expectReference(store, expected);
  });

  it(
    'updates the copies in the same transaction: a failure at any write leaves everything as it was, a transient one is retried',
    { timeout: 300_000 },
    async () => {
      const { setup, reread, expected } = scenario(6);
      const probe = await prepared(setup);
      const start = probe.db.stats.writes;
      await probe.store.saveBatch(reread);
      const writes = probe.db.stats.writes - start;
      expect(writes).toBeGreaterThan(3);
      for (let at = 0; at < writes; at++) {
        const { db, store } = await prepared(setup);
        const snapshot = db.collections;
        db.failWrite({ at, transient: false });
        await expect(store.saveBatch(reread), `write ${at}`).rejects.toThrow(/injected failure/);
        expect(db.collections, `write ${at}`).toEqual(snapshot);
        db.failWrite({ at, transient: true });
        await store.saveBatch(reread);
        expect(db.stats.retries, `write ${at}`).toBeGreaterThanOrEqual(1);
        expect(copiesOf(db, B), `write ${at}`).toEqual(copiesOf(probe.db, B));
        await expectReference(store, expected);
      }
    },
  );

  it('sends the copy updates of a large page in commands of at most 1,000 operations', { timeout: 300_000 }, async () => {
    const { setup, reread, expected } = scenario(1_100);
    const { db } = await prepared(setup);
    const sizes: number[] = [];
    const counted = <T extends { bulkWrite: MingoDb['bulkWrite'] }>(ops: T): T => ({
      ...ops,
      bulkWrite: (collection: Parameters<MingoDb['bulkWrite']>[0], list: BulkOp[]) => {
        if (collection === COLLECTIONS.campaignPosts) sizes.push(list.length);
        return ops.bulkWrite(collection, list);
      },
    });
    const store = createMongoStore({ ...db, withTransaction: (work) => db.withTransaction((tx) => work(counted(tx))) });
    await store.saveBatch(reread);
    // A's 1,100 upserts and B's 1,100 copy updates, each in two commands.
    expect(sizes).toEqual([1000, 100, 1000, 100]);
    expect(Object.values(copiesOf(db, B)).every((c) => Array.isArray(c) && (c[0] as number) > 1000)).toBe(true);
    const data = latestState(expected);
    const q = { campaignId: B, filter: {}, groupBy: ['day'] as Dimension[] };
    expect(await store.queryMetrics(q)).toEqual(referenceMetrics(data, q));
  });
});

describe('mongo backfill of the memberships copy of their post', () => {
  /** Posts and memberships as stored before memberships kept a copy. */
  async function old(db: MingoDb, n: number): Promise<EnrichedBatch> {
    const posts = range(n).map((i) => postOf(i, '2015-01-16T00:00:00.000Z', i % 50));
    const batch = batchOf(A, posts);
    const insert = (docs: Doc[]): BulkOp[] => docs.map((document) => ({ insertOne: { document } }));
    await db.bulkWrite(COLLECTIONS.campaigns, insert([{ _id: A, timeZone: 'UTC' }]));
    await db.bulkWrite(COLLECTIONS.posts, insert(posts.map((p) => postDoc(p, ''))));
    await db.bulkWrite(COLLECTIONS.campaignPosts, insert(batch.memberships.map(membershipDoc)));
    return batch;
  }

  it('completes every membership in pages, once, and the figures then equal the reference', { timeout: 120_000 }, async () => {
    const db = createMingoDb();
    const batch = await old(db, 2_300);
    const store = createMongoStore(db);
    const q = { campaignId: A, filter: {}, groupBy: ['day'] as Dimension[] };
    const reference = referenceMetrics(latestState([batch]), q);
    expect(await store.queryMetrics(q)).not.toEqual(reference);
    db.resetStats();
    expect(await backfillMembershipFigures(db)).toBe(2_300);
    expect(db.stats.commits).toBe(3);
    expect(await store.queryMetrics(q)).toEqual(reference);
    expect(await backfillMembershipFigures(db)).toBe(0);
  });

  it('leaves alone a copy written meanwhile', async () => {
    const db = createMingoDb();
    const batch = await old(db, 3);
    const store = createMongoStore(db);
    // A newer read of p1 writes its post and its membership's copy; the backfill completes the rest.
    const newer = postOf(1, '2015-01-18T00:00:00.000Z', 700);
    await store.saveBatch({ posts: [newer], authors: [], memberships: [membershipOf(A, newer, 1)] });
    expect(await backfillMembershipFigures(db)).toBe(2);
    expect(copiesOf(db, A)).toEqual({ p0: [1, 0, 0, 'reply'], p1: [701, 0, 0, 'original'], p2: [3, 0, 0, 'original'] });
    const q = { campaignId: A, filter: {}, groupBy: [] as Dimension[] };
    expect(await store.queryMetrics(q)).toEqual(referenceMetrics(latestState([batch, { posts: [newer], authors: [], memberships: [] }]), q));
  });
});
