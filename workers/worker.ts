import { createRuntime } from '../src/app.js';
import { boot } from '../src/process/boot.js';
import { serveMetrics } from '../src/process/metrics-server.js';

/** The `worker` process of the production shape: runs the BullMQ jobs. */
void boot('worker', async (config, log) => {
  if (config.queue !== 'bullmq') throw new Error('REDIS_URL is not set: a separate worker needs the BullMQ queue (use `npm start` for the embedded runner)');
  const rt = await createRuntime(config, log);
  rt.startProcessing();
  const metrics = await serveMetrics(config, rt.adminToken);
  log.info({ metrics: metrics?.url }, 'worker running');
  return async () => {
    await metrics?.close();
    await rt.close();
  };
});
