import { createRuntime } from './app.js';
import { createApp } from './http/create-app.js';
import { boot } from './process/boot.js';
import { listen, SHUTDOWN_REFUSE_MS } from './process/serve.js';

/** The `api` process of the production shape: HTTP only; jobs run in `workers/worker`. */
void boot('api', async (config, log) => {
  // It reads: a small page cache (store/sqlite/pragmas.ts); the worker writes with the default.
  const rt = await createRuntime(config, log, { sqliteCacheMb: 16 });
  const http = await listen(createApp(rt.http), config.port, config.host, { refuseNewForMs: SHUTDOWN_REFUSE_MS });
  log.info({ url: http.url }, 'api listening');
  return async () => {
    await http.close();
    await rt.close();
  };
});
