import { boot } from './process/boot.js';
import { startAllInOne } from './process/all-in-one.js';

/**
 * `npm start`: the whole service in one process — API and dashboard, job processing and the
 * scheduler — on the embedded store and runner unless MONGODB_URI / REDIS_URL say otherwise.
 */
void boot('kabar-kampanye', async (config, log) => {
  const app = await startAllInOne(config, log);
  const { store, queue, adminToken } = app.runtime;
  const tokenNote = config.adminToken ? 'sign in with ADMIN_TOKEN' : `admin token in ${config.dataDir}/admin-token`;
  process.stdout.write(
    `\nKabar Kampanye is running (store: ${store.kind}, queue: ${queue.kind}).\n` +
      `  Dashboard: ${app.url}#token=${encodeURIComponent(adminToken)}\n` +
      `  API:       ${app.url}api/v1  (Authorization: Bearer <token>; ${tokenNote})\n\n`,
  );
  return () => app.close();
});
