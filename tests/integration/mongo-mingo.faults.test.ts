import { describe, expect, it } from 'vitest';
import type { CampaignPost } from '../../src/domain/campaign.js';
import type { Dimension } from '../../src/domain/dimensions.js';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import type { CheckpointUpdate, EnrichedBatch, Store } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT, PAPUA } from '../fixtures/metrics-fixtures.js';
import { createMingoDb, type MingoDb } from '../helpers/mingo-db.js';
import { latestState, referenceMetrics, referenceRollups } from '../helpers/reference-metrics.js';

/**
 * Issue 14, items 14–16 over the mingo harness (tests/helpers/mingo-db.ts), which emulates the
 * server's transactions: a failure injected at each write command of saveBatch, of a membership
 * update and of a rollup refresh in turn. A transient one (a lost primary, a write conflict) is
 * retried inside the transaction and the call succeeds; any other one fails the call and leaves
 * the database exactly as it was. After the retry, every figure and rollup equals the reference.
 */

const CAMPAIGN_IDS = [JKT, PAPUA];
const GROUPINGS: Dimension[][] = [[], ['city'], ['topic', 'day'], ['source', 'province']];
const CJ = FIXTURE_CAMPAIGNS.find((c) => c.id === JKT) as (typeof FIXTURE_CAMPAIGNS)[number];
const LAST = FIXTURE_BATCHES[FIXTURE_BATCHES.length - 1] as EnrichedBatch;
const SETUP = FIXTURE_BATCHES.slice(0, -1);
const CHECKPOINT: CheckpointUpdate = { campaignId: JKT, source: 'x', value: { sinceId: 'p9' } };

/** JKT's memberships as a re-attribution to new topics and a moved city would write them. */
function reattributed(memberships: CampaignPost[]): CampaignPost[] {
  return memberships.filter((m) => m.campaignId === JKT).map((m, i) => ({ ...m, topics: [i % 2 === 0 ? 'sungai' : 'hutan'], cityCode: '73.71' }));
}

async function expectReference(store: Store, batches: EnrichedBatch[]): Promise<void> {
  const data = latestState(batches);
  for (const campaignId of CAMPAIGN_IDS) {
    for (const groupBy of GROUPINGS) {
      const q = { campaignId, filter: {}, groupBy };
      expect(await store.queryMetrics(q), `${campaignId} by ${groupBy.join(',')}`).toEqual(referenceMetrics(data, q));
    }
    // The pending days recorded with the writes are what brings the rollups up to date.
    await store.refreshRollups(campaignId, await store.pendingRollupDays(campaignId));
    expect(await store.pendingRollupDays(campaignId)).toEqual([]);
    expect(await store.readRollups(campaignId), `rollups of ${campaignId}`).toEqual(referenceRollups(data, campaignId));
  }
}

interface Case {
  name: string;
  /** Brings a fresh store to the state before the operation; resolves to what the operation needs. */
  setup(store: Store): Promise<void>;
  operation(store: Store): Promise<unknown>;
  /** The batches whose latest state the figures must equal afterwards. */
  expected: EnrichedBatch[];
  after?(store: Store): Promise<void>;
}

async function refreshedSetup(store: Store, batches: EnrichedBatch[]): Promise<void> {
  for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
  for (const b of batches) await store.saveBatch(b);
  for (const id of CAMPAIGN_IDS) await store.refreshRollups(id, await store.pendingRollupDays(id));
}

const changed = reattributed(latestState(FIXTURE_BATCHES).memberships);
/** p1 is collected (x), held by JKT only: dropping its membership leaves its post stored and uncounted. */
const notP1 = (m: CampaignPost) => !(m.campaignId === JKT && m.postId === 'p1');

const CASES: Case[] = [
  {
    name: 'saveBatch',
    setup: (store) => refreshedSetup(store, SETUP),
    operation: (store) =>
      store.saveBatch(LAST, CHECKPOINT, (saved) => ({
        id: 'run-f',
        campaignId: JKT,
        source: 'x',
        kind: 'collect',
        jobId: 'collect.f',
        status: 'running',
        startedAt: '2015-01-20T00:00:00.000Z',
        finishedAt: null,
        pages: 1,
        postsRead: LAST.posts.length,
        usersRead: 0,
        newPosts: saved.inserted,
        updatedPosts: saved.updated,
        error: null,
        notes: [],
      })),
    expected: FIXTURE_BATCHES,
    async after(store) {
      expect(await store.getCheckpoint(JKT, 'x')).toEqual(CHECKPOINT.value);
      expect(await store.postsReadSince(JKT, 'x', '2015-01-01T00:00:00.000Z')).toBe(LAST.posts.length);
    },
  },
  {
    name: 'updateMemberships',
    async setup(store) {
      await refreshedSetup(store, FIXTURE_BATCHES);
      await store.updateCampaign({ ...CJ, topics: { sungai: ['sungai'], hutan: ['hutan'] } }, { reattribute: true });
    },
    operation: (store) => store.updateMemberships(JKT, changed, 1),
    expected: [...FIXTURE_BATCHES, { posts: [], authors: [], memberships: changed }],
    async after(store) {
      expect(await store.pendingReattributions()).toEqual([]);
    },
  },
  {
    name: 'replaceMemberships',
    setup: (store) => refreshedSetup(store, FIXTURE_BATCHES),
    // Keeps every JKT post but p1, re-attributed: the rest are found page by page and deleted by id.
    operation: (store) => store.replaceMemberships(JKT, changed.filter(notP1)),
    expected: [
      ...FIXTURE_BATCHES.map((b) => ({ ...b, memberships: b.memberships.filter(notP1) })),
      { posts: [], authors: [], memberships: changed.filter(notP1) },
    ],
  },
  {
    name: 'refreshRollups',
    async setup(store) {
      for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
      for (const b of FIXTURE_BATCHES) await store.saveBatch(b);
    },
    operation: async (store) => store.refreshRollups(JKT, await store.pendingRollupDays(JKT)),
    expected: FIXTURE_BATCHES,
  },
];

async function fresh(): Promise<{ db: MingoDb; store: Store }> {
  const db = createMingoDb();
  return { db, store: createMongoStore(db) };
}

describe.each(CASES)('mongo over mingo: a failure at each write of $name', (c) => {
  it('is retried inside its transaction when transient, and ends with the reference figures', async () => {
    const probe = await fresh();
    await c.setup(probe.store);
    const before = probe.db.stats.writes;
    await c.operation(probe.store);
    const writes = probe.db.stats.writes - before;
    expect(writes).toBeGreaterThan(0);
    await expectReference(probe.store, c.expected);
    await c.after?.(probe.store);

    for (let at = 0; at < writes; at++) {
      const { db, store } = await fresh();
      await c.setup(store);
      db.failWrite({ at, transient: true });
      await c.operation(store);
      expect(db.stats.retries, `write ${at}`).toBeGreaterThanOrEqual(1);
      await expectReference(store, c.expected);
      await c.after?.(store);
    }
  });

  it('changes nothing when it fails for good, and a retry ends with the reference figures', async () => {
    const probe = await fresh();
    await c.setup(probe.store);
    const before = probe.db.stats.writes;
    await c.operation(probe.store);
    const writes = probe.db.stats.writes - before;

    for (let at = 0; at < writes; at++) {
      const { db, store } = await fresh();
      await c.setup(store);
      const snapshot = db.collections;
      db.failWrite({ at, transient: false });
      await expect(c.operation(store), `write ${at}`).rejects.toThrow(/injected failure/);
      expect(db.collections, `write ${at}`).toEqual(snapshot);
      await c.operation(store);
      await expectReference(store, c.expected);
      await c.after?.(store);
    }
  });
});

describe('mongo over mingo: concurrent work on one campaign', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'two refreshes, a collection and a re-attribution at once (interleaving %i) end with the reference figures',
    async (interleave) => {
      const db = createMingoDb({ interleave });
      const store = createMongoStore(db);
      // The re-attribution moves the posts of the first batches; the collection saves the last one.
      const setup = FIXTURE_BATCHES.slice(0, 2);
      const collected = FIXTURE_BATCHES.slice(2);
      const inCollected = new Set(collected.flatMap((b) => b.memberships.map((m) => `${m.campaignId}|${m.platform}|${m.postId}`)));
      const moved = reattributed(latestState(setup).memberships).filter((m) => !inCollected.has(`${m.campaignId}|${m.platform}|${m.postId}`));
      expect(moved.length).toBeGreaterThan(2);
      for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
      for (const b of setup) await store.saveBatch(b);
      const days = ['2015-01-13', '2015-01-14', '2015-01-15'];
      await Promise.all([
        store.refreshRollups(JKT, days),
        store.refreshRollups(JKT, days),
        (async () => {
          for (const b of collected) await store.saveBatch(b);
        })(),
        (async () => {
          // In batches, as re-attribution writes them.
          for (let i = 0; i < moved.length; i += 2) await store.updateMemberships(JKT, moved.slice(i, i + 2));
        })(),
      ]);
      // What the writes left pending is all that needs refreshing.
      await expectReference(store, [...setup, ...collected, { posts: [], authors: [], memberships: moved }]);
    },
  );
});

describe('mongo over mingo: a refresh overtaken at the worst moment', () => {
  /** A db whose first rollup aggregation waits, after computing, until `release` is called. */
  function gated() {
    const db = createMingoDb();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let computed!: () => void;
    const reached = new Promise<void>((resolve) => (computed = resolve));
    let gate = true;
    const store = createMongoStore({
      ...db,
      async aggregate(collection, pipeline, options) {
        const out = await db.aggregate(collection, pipeline, options);
        const isRollup = collection === 'campaign_posts' && pipeline.some((s) => '$group' in s && JSON.stringify(s).includes('"source":"$platform"'));
        if (gate && isRollup) {
          gate = false;
          computed();
          await released;
        }
        return out;
      },
    });
    return { db, store, reached, release };
  }
  const setup = FIXTURE_BATCHES.slice(0, 2);
  const days = ['2015-01-13', '2015-01-14', '2015-01-15'];

  it('starts over when another refresh committed after it computed, never leaving its older cells', async () => {
    const { store, reached, release } = gated();
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    for (const b of setup) await store.saveBatch(b);
    const slow = store.refreshRollups(JKT, days);
    await reached;
    // Meanwhile: newer posts, and a refresh that sees them and clears their pending days.
    for (const b of FIXTURE_BATCHES.slice(2)) await store.saveBatch(b);
    await store.refreshRollups(JKT, days);
    release();
    await slow;
    expect(await store.pendingRollupDays(JKT)).toEqual([]);
    expect(await store.readRollups(JKT)).toEqual(referenceRollups(latestState(FIXTURE_BATCHES), JKT));
  });

  it('leaves pending the days changed after it read their marks', async () => {
    const { store, reached, release } = gated();
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    for (const b of setup) await store.saveBatch(b);
    const slow = store.refreshRollups(JKT, days);
    await reached;
    for (const b of FIXTURE_BATCHES.slice(2)) await store.saveBatch(b);
    release();
    await slow;
    // The slow refresh did not see the last batches: their days stay pending, and refreshing them
    // brings the rollups to the reference.
    const pending = await store.pendingRollupDays(JKT);
    expect(pending).toEqual(['2015-01-14', '2015-01-15']);
    await store.refreshRollups(JKT, pending);
    expect(await store.readRollups(JKT)).toEqual(referenceRollups(latestState(FIXTURE_BATCHES), JKT));
  });
});
