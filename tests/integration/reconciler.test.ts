import { describe, expect, it } from 'vitest';
import type { EnrichedBatch } from '../../src/store/store.port.js';
import { InlineQueue } from '../../src/queue/inline/inline.queue.js';
import { startReconciler } from '../../src/queue/reconciler.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT, PAPUA } from '../fixtures/metrics-fixtures.js';
import { recordingProcessors, silentLog } from '../helpers/queues.js';

describe('the reconciler of pending follow-up work', () => {
  it('enqueues each pending re-attribution and rollup refresh once, under ids that change only with what is pending', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    const queue = new InlineQueue(silentLog);
    const { calls, processors } = recordingProcessors();
    queue.start(processors);
    const reconciler = startReconciler({ store, queue, log: silentLog, intervalSeconds: 3600 });
    try {
      expect(await reconciler.reconcile()).toEqual([]);
      await store.saveBatch(FIXTURE_BATCHES[0] as EnrichedBatch);
      const [jkt] = FIXTURE_CAMPAIGNS;
      await store.updateCampaign({ ...jkt!, topics: { lingkungan: ['hutan'] } }, { reattribute: true });
      const first = await reconciler.reconcile();
      expect(first.sort()).toEqual([`metrics.${JKT}.pending.1.0`, `metrics.${PAPUA}.pending.1.0`, `reattribute.${JKT}.v1`].sort());
      // Nothing was done yet (the recording processors do nothing): the same ids, nothing added.
      await queue.onIdle();
      expect(await reconciler.reconcile()).toEqual([]);
      expect(calls.map((c) => c.jobId).sort()).toEqual(first.sort());
      // A new change is new work.
      await store.updateCampaign({ ...jkt!, topics: { lingkungan: ['sungai'] } }, { reattribute: true });
      expect(await reconciler.reconcile()).toEqual([`reattribute.${JKT}.v2`]);
    } finally {
      await reconciler.close();
      await queue.close();
      await store.close();
    }
  });
});
