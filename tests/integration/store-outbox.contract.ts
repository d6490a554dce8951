import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignPost, CollectionRun } from '../../src/domain/campaign.js';
import type { StoredPost } from '../../src/domain/post.js';
import type { EnrichedBatch, Store } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT, PAPUA } from '../fixtures/metrics-fixtures.js';

/**
 * The outbox of follow-up work (pending re-attributions and rollup days): recorded with the
 * change that needs it, cleared by the work that did it. `failWrites` makes every later write to
 * one table (collection) fail, as a full disk or a lost connection would. `atomic`: the store
 * writes a change and its outbox in one transaction (SQLite), so a failed change records nothing;
 * without one (MongoDB without a replica set) the mark is written first, so a failed change may
 * leave a harmless mark but a committed one is never without it.
 */
export interface OutboxHarness {
  store: Store;
  failWrites(table: 'campaigns' | 'campaign_posts'): Promise<void>;
  close(): Promise<void>;
}

const [B1, B2] = FIXTURE_BATCHES as [EnrichedBatch, EnrichedBatch];
const [CJ] = FIXTURE_CAMPAIGNS as [(typeof FIXTURE_CAMPAIGNS)[number]];

export function storeOutboxContract(name: string, make: () => Promise<OutboxHarness>, opts: { atomic: boolean }): void {
  describe(`${name}: outbox of follow-up work`, () => {
    let h: OutboxHarness | undefined;
    const harness = async () => {
      h = await make();
      for (const c of FIXTURE_CAMPAIGNS) await h.store.createCampaign(c);
      return h;
    };
    afterEach(async () => {
      await h?.close();
      h = undefined;
    });

    it('records a pending re-attribution with a campaign change that asks for one, and moves its version with each', async () => {
      const { store } = await harness();
      expect(await store.pendingReattributions()).toEqual([]);
      expect(await store.updateCampaign({ ...CJ, name: 'renamed' })).toBe(true);
      expect(await store.pendingReattributions()).toEqual([]);
      expect(await store.updateCampaign({ ...CJ, topics: { lingkungan: ['hutan'] } }, { reattribute: true })).toBe(true);
      expect(await store.pendingReattributions()).toEqual([{ campaignId: JKT, version: 1, requestedAt: expect.any(String) }]);
      await store.updateCampaign({ ...CJ, topics: { lingkungan: ['sungai'] } }, { reattribute: true });
      expect((await store.pendingReattributions()).map((p) => [p.campaignId, p.version])).toEqual([[JKT, 2]]);
      // No campaign, no change, no mark.
      expect(await store.updateCampaign({ ...CJ, id: 'missing' }, { reattribute: true })).toBe(false);
      expect((await store.pendingReattributions()).map((p) => p.campaignId)).toEqual([JKT]);
    });

    it('clears a pending re-attribution with the memberships of its version, never of an older one', async () => {
      const { store } = await harness();
      await store.saveBatch(B1);
      await store.updateCampaign({ ...CJ, topics: { lingkungan: ['hutan'] } }, { reattribute: true });
      const held = (await store.campaignPosts(JKT)).map((r) => r.membership);
      // A job that read version 1 finishes after a second change: version 2 stays pending.
      await store.updateCampaign({ ...CJ, topics: { lingkungan: ['sungai'] } }, { reattribute: true });
      await store.replaceMemberships(JKT, held, 1);
      expect((await store.pendingReattributions()).map((p) => p.version)).toEqual([2]);
      await store.replaceMemberships(JKT, held, 2);
      expect(await store.pendingReattributions()).toEqual([]);
      // Versions never repeat (job ids derive from them); a plain replace clears nothing.
      await store.updateCampaign({ ...CJ, topics: { lingkungan: ['laut'] } }, { reattribute: true });
      await store.replaceMemberships(JKT, held);
      expect((await store.pendingReattributions()).map((p) => p.version)).toEqual([3]);
    });

    it('lists every campaign holding a changed shared post as having pending rollup days, until refreshed', async () => {
      const { store } = await harness();
      await store.saveBatch(B1);
      await store.saveBatch(B2);
      for (const id of [JKT, PAPUA]) await store.refreshRollups(id, await store.pendingRollupDays(id));
      expect(await store.campaignsWithPendingRollups()).toEqual([]);
      // A newer observation of p4, saved for JKT only (as an import into JKT would).
      const p4 = B2.posts.find((p) => p.postId === 'p4') as StoredPost;
      const m4 = B2.memberships.find((m) => m.postId === 'p4' && m.campaignId === JKT) as CampaignPost;
      await store.saveBatch({ posts: [{ ...p4, engagement: 1_003, observedAt: '2015-01-20T00:00:00.000Z' }], authors: [], memberships: [m4] });
      expect(await store.campaignsWithPendingRollups()).toEqual([JKT, PAPUA].sort());
      expect(await store.pendingRollupDays(PAPUA)).toEqual(['2015-01-14']);
      await store.refreshRollups(PAPUA, ['2015-01-14']);
      expect(await store.campaignsWithPendingRollups()).toEqual([JKT]);
    });

    it('never holds a committed campaign change without its re-attribution; a failed one changes nothing', async () => {
      const h = await harness();
      await h.failWrites('campaigns');
      await expect(h.store.updateCampaign({ ...CJ, topics: { lingkungan: ['hutan'] } }, { reattribute: true })).rejects.toThrow();
      expect(await h.store.getCampaign(JKT)).toEqual(CJ);
      if (opts.atomic) expect(await h.store.pendingReattributions()).toEqual([]);
    });

    it("stores a run's record with each page it saves, counted from what was saved", async () => {
      const { store } = await harness();
      const run: CollectionRun = {
        id: 'run-1',
        campaignId: JKT,
        source: 'x',
        kind: 'collect',
        jobId: 'collect.1',
        status: 'running',
        startedAt: '2015-01-20T00:00:00.000Z',
        finishedAt: null,
        pages: 0,
        postsRead: 0,
        usersRead: 0,
        newPosts: 0,
        updatedPosts: 0,
        error: null,
        notes: [],
      };
      await store.saveRun(run);
      const counted = (posts: number) => (saved: { inserted: number }) => ({ ...run, pages: 1, postsRead: posts, newPosts: saved.inserted });
      await store.saveBatch(B1, { campaignId: JKT, source: 'x', value: 'page-1' }, counted(100));
      expect(await store.listRuns(JKT, 5)).toEqual([{ ...run, pages: 1, postsRead: 100, newPosts: B1.posts.length }]);
      expect(await store.postsReadSince(JKT, 'x', '2015-01-01T00:00:00.000Z')).toBe(100);
    });

    it("lists the running runs of every campaign, and moves the heartbeat of one owner's only", async () => {
      const { store } = await harness();
      const base: CollectionRun = {
        id: 'r1',
        campaignId: JKT,
        source: 'x',
        kind: 'collect',
        jobId: 'collect.r1',
        status: 'running',
        startedAt: '2015-01-20T00:00:00.000Z',
        finishedAt: null,
        pages: 2,
        postsRead: 200,
        usersRead: 0,
        newPosts: 150,
        updatedPosts: 0,
        error: null,
        notes: [],
        owner: 'host/1/a',
        heartbeatAt: '2015-01-20T00:00:00.000Z',
      };
      const other = { ...base, id: 'r2', campaignId: PAPUA, startedAt: '2015-01-20T01:00:00.000Z', owner: 'host/2/b' };
      const done = { ...base, id: 'r3', status: 'succeeded' as const, finishedAt: '2015-01-20T00:30:00.000Z' };
      for (const r of [base, other, done]) await store.saveRun(r);
      expect(await store.runningRuns()).toEqual([base, other]);
      await store.touchRuns('host/1/a', '2015-01-20T02:00:00.000Z');
      expect(await store.runningRuns()).toEqual([{ ...base, heartbeatAt: '2015-01-20T02:00:00.000Z' }, other]);
      expect((await store.listRuns(JKT, 5)).find((r) => r.id === 'r3')).toEqual(done);
    });

    if (opts.atomic) {
      it("keeps a run's record as it was when its page fails", async () => {
        const h = await harness();
        const run = { id: 'run-2', campaignId: JKT, source: 'x' as const, kind: 'collect' as const, jobId: 'collect.2', status: 'running' as const };
        const record: CollectionRun = {
          ...run,
          startedAt: '2015-01-20T00:00:00.000Z',
          finishedAt: null,
          pages: 0,
          postsRead: 0,
          usersRead: 0,
          newPosts: 0,
          updatedPosts: 0,
          error: null,
          notes: [],
        };
        await h.store.saveRun(record);
        await h.failWrites('campaign_posts');
        await expect(h.store.saveBatch(B1, undefined, () => ({ ...record, pages: 1, postsRead: 100 }))).rejects.toThrow();
        expect(await h.store.listRuns(JKT, 5)).toEqual([record]);
      });

      it('records no pending day for a batch that failed, and the day with the batch that succeeds', async () => {
        const h = await harness();
        await h.failWrites('campaign_posts');
        await expect(h.store.saveBatch(B1)).rejects.toThrow();
        expect(await h.store.campaignsWithPendingRollups()).toEqual([]);
        expect(await h.store.countPosts()).toBe(0);
      });
    }
  });
}
