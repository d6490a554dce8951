import { createRuntime } from '../src/app.js';
import { boot } from '../src/process/boot.js';
import { serveMetrics } from '../src/process/metrics-server.js';
import { startReconciler } from '../src/queue/reconciler.js';
import { startScheduler } from '../src/queue/scheduler.js';
import { holdDataDir } from '../src/store/open-store.js';

/**
 * The `scheduler` process of the production shape: enqueues scheduled collections, and the
 * follow-up work the store records as pending (the reconciler), nothing else.
 */
void boot('scheduler', async (config, log) => {
  if (config.queue !== 'bullmq') throw new Error('REDIS_URL is not set: a separate scheduler needs the BullMQ queue (use `npm start` for the embedded runner)');
  // One scheduler per embedded DATA_DIR (the lock dies with the process).
  const lock = holdDataDir(config, 'scheduler');
  const rt = await createRuntime(config, log);
  const scheduler = startScheduler({ store: rt.store, queue: rt.queue, log, reloadSeconds: config.schedulerReloadSeconds });
  await scheduler.reload();
  const reconciler = startReconciler({
    store: rt.store,
    queue: rt.queue,
    log,
    intervalSeconds: config.reconcileSeconds,
    extra: () => rt.closeAbandonedRuns(),
  });
  await reconciler.reconcile().catch((err: unknown) => log.warn({ err }, 'reconciling pending follow-up work at start-up failed; retrying later'));
  const metrics = await serveMetrics(config, rt.adminToken);
  log.info({ metrics: metrics?.url }, 'scheduler running');
  return async () => {
    await metrics?.close();
    await scheduler.close();
    await reconciler.close();
    await rt.close();
    lock?.release();
  };
});
