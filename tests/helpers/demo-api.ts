import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startAllInOne } from '../../src/process/all-in-one.js';
import { freePort, spawnNode, waitForHttp, type NodeChild } from './processes.js';
import { silentLog } from './queues.js';

/**
 * A DATA_DIR holding the demo campaign with its figures computed, and the real API process
 * (`src/server.ts`, as the `api` container runs it) started on it: what the API fault tests load.
 */
export interface DemoApi {
  dataDir: string;
  /** Starts the API process on a free port and resolves once /healthz answers. */
  start(): Promise<{ api: NodeChild; port: number }>;
  /** Kills a process still running and removes the directory. */
  cleanUp(): void;
}

export async function demoApi(token: string, prefix: string): Promise<DemoApi> {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  // The service once, as `npm start` runs it, to load the demo campaign and compute its figures.
  const app = await startAllInOne(loadConfig({ DATA_DIR: dataDir, ADMIN_TOKEN: token, LOG_LEVEL: 'silent', DEMO: 'true' }), silentLog, {
    listen: { port: 0, host: '127.0.0.1' },
    scheduler: false,
  });
  await app.idle();
  await app.close();
  let api: NodeChild | undefined;
  return {
    dataDir,
    async start() {
      const port = await freePort();
      api = spawnNode('src/server.ts', { DATA_DIR: dataDir, PORT: String(port), ADMIN_TOKEN: token, LOG_LEVEL: 'warn' });
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, api);
      return { api, port };
    },
    cleanUp() {
      api?.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
