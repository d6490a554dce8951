import { createRuntime } from '../src/app.js';
import { boot } from '../src/process/boot.js';
import { serveMetrics } from '../src/process/metrics-server.js';
import { startScheduler } from '../src/queue/scheduler.js';

/** The `scheduler` process of the production shape: enqueues scheduled collections, nothing else. */
void boot('scheduler', async (config, log) => {
  if (config.queue !== 'bullmq') throw new Error('REDIS_URL is not set: a separate scheduler needs the BullMQ queue (use `npm start` for the embedded runner)');
  const rt = await createRuntime(config, log);
  const scheduler = startScheduler({ store: rt.store, queue: rt.queue, log, reloadSeconds: config.schedulerReloadSeconds });
  await scheduler.reload();
  const metrics = await serveMetrics(config, rt.adminToken);
  log.info({ metrics: metrics?.url }, 'scheduler running');
  return async () => {
    await metrics?.close();
    await scheduler.close();
    await rt.close();
  };
});
