import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { parseCsvImport } from '../../src/import/import.parse.js';
import { REATTRIBUTE_BATCH, reattributeProcessor } from '../../src/jobs/reattribute.processor.js';
import type { JobQueue } from '../../src/queue/jobs.js';
import { OPERATOR } from '../../src/services/auth/principal.js';
import { createImportService } from '../../src/services/import.service.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { Store } from '../../src/store/store.port.js';
import { makeCampaign } from '../helpers/campaigns.js';
import { silentLog } from '../helpers/queues.js';

/**
 * Issue 14.11: a re-attribution writes its posts in batches (Store.updateMemberships, one
 * transaction each) and lets the event loop run between them; one replaceMemberships of every post
 * held the embedded process (and its API) for the whole campaign.
 */
describe('re-attribution in batches', () => {
  it('writes at most REATTRIBUTE_BATCH posts per transaction, yields between batches, and ends with every figure right', async () => {
    const gazetteer = await loadGazetteer();
    const store = createSqliteStore({ file: ':memory:' });
    const campaign = makeCampaign({ id: 'c-batches' });
    await store.createCampaign(campaign);
    const n = 1_200;
    const rows = Array.from(
      { length: n },
      (_, i) =>
        `instagram,r-${i},2015-01-${String(14 + (i % 10)).padStart(2, '0')}T10:00:00+07:00,#SocMed4SocGood ${i % 3 === 0 ? 'sekolah' : 'pasar'} ${i},a-${i % 90}`,
    );
    const parsed = parseCsvImport(`platform,post_id,created_at,text,author_id\n${rows.join('\n')}\n`, {
      timeZone: campaign.timeZone,
      city: (c) => gazetteer.city(c),
    });
    const queue = { kind: 'inline', add: async () => ({ id: 'x' }), counts: async () => ({}), onIdle: async () => undefined } as unknown as JobQueue;
    const imports = createImportService({ store, queue, audit: { record: async () => undefined }, gazetteer, now: () => new Date('2015-02-01T00:00:00Z') });
    expect((await imports.importPosts(OPERATOR, campaign, parsed)).imported).toBe(n);

    const changed = { ...campaign, topics: { sekolah: ['sekolah'] } };
    // The change records its pending re-attribution, as the campaign service's PATCH does.
    await store.updateCampaign(changed, { reattribute: true });
    const batches: number[] = [];
    const watched = new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'updateMemberships')
          return (...args: Parameters<Store['updateMemberships']>) => {
            batches.push(args[1].length);
            return target.updateMemberships(...args);
          };
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    // Counts the event loop's turns while the job runs: a job that never yields lets none through.
    let running = true;
    let turns = 0;
    const tick = () => {
      if (!running) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    await reattributeProcessor({ campaignId: campaign.id }, { store: watched, queue, sources: new Map(), gazetteer, log: silentLog, now: () => new Date() });
    running = false;

    expect(batches).toEqual([REATTRIBUTE_BATCH, REATTRIBUTE_BATCH, n - 2 * REATTRIBUTE_BATCH]);
    expect(turns).toBeGreaterThanOrEqual(batches.length);
    // The last batch cleared the pending re-attribution with its memberships.
    expect(await store.pendingReattributions()).toEqual([]);
    const byTopic = await store.queryMetrics({ campaignId: campaign.id, filter: {}, groupBy: ['topic'] });
    expect(Object.fromEntries(byTopic.map((r) => [r.keys[0], r.posts]))).toEqual({ sekolah: n / 3, other: n - n / 3 });
    expect(await store.pendingRollupDays(campaign.id)).toEqual([]);
    expect((await store.readRollups(campaign.id)).reduce((s, r) => s + r.posts, 0)).toBe(n);
    await store.close();
  });
});
