import { createRuntime } from '../src/app.js';
import { boot } from '../src/process/boot.js';

/** The `worker` process of the production shape: runs the BullMQ jobs. */
void boot('worker', async (config, log) => {
  if (config.queue !== 'bullmq') throw new Error('REDIS_URL is not set: a separate worker needs the BullMQ queue (use `npm start` for the embedded runner)');
  const rt = await createRuntime(config, log);
  rt.startProcessing();
  log.info('worker running');
  return () => rt.close();
});
