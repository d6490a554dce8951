import { createRuntime } from './app.js';
import { loadDemo } from './demo/demo.loader.js';
import { createApp } from './http/create-app.js';
import { boot } from './process/boot.js';
import { listen, SHUTDOWN_REFUSE_MS } from './process/serve.js';
import { startScheduler } from './queue/scheduler.js';

/**
 * `npm start`: the whole service in one process — API and dashboard, job processing and the
 * scheduler — on the embedded store and runner unless MONGODB_URI / REDIS_URL say otherwise.
 */
void boot('kabar-kampanye', async (config, log) => {
  const rt = await createRuntime(config, log);
  rt.startProcessing();
  if (config.demo) {
    await loadDemo({ ...rt, campaigns: rt.http.campaigns, now: () => new Date() });
  }
  const scheduler = startScheduler({ store: rt.store, queue: rt.queue, log, reloadSeconds: config.schedulerReloadSeconds });
  await scheduler.reload();
  const http = await listen(createApp(rt.http), config.port, config.host, { refuseNewForMs: SHUTDOWN_REFUSE_MS });
  const tokenNote = config.adminToken ? 'sign in with ADMIN_TOKEN' : `admin token in ${config.dataDir}/admin-token`;
  process.stdout.write(
    `\nKabar Kampanye is running (store: ${rt.store.kind}, queue: ${rt.queue.kind}).\n` +
      `  Dashboard: ${http.url}#token=${encodeURIComponent(rt.adminToken)}\n` +
      `  API:       ${http.url}api/v1  (Authorization: Bearer <token>; ${tokenNote})\n\n`,
  );
  return async () => {
    await http.close();
    await scheduler.close();
    await rt.close();
  };
});
