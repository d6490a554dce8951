import { mkdtempSync, rmSync } from 'node:fs';
import type { Logger } from 'pino';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRuntime, type Runtime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { loadDemo } from '../../src/demo/demo.loader.js';
import { createApp } from '../../src/http/create-app.js';
import type { RateLimitSettings } from '../../src/http/rate-limits.js';
import { listen } from '../../src/process/serve.js';
import { silentLog } from './queues.js';

export const TEST_TOKEN = 'test-admin-token-0123456789';

/** Limits no test reaches, for tests that send many credentials from one address on purpose. */
export const NO_RATE_LIMITS: RateLimitSettings = {
  signInPerAddress: 1e6,
  signInFailuresPerEmail: 1e6,
  badCredentialsPerAddress: 1e6,
  windowSeconds: 900,
  perCredentialPerMinute: 1e6,
};

export interface RunningService {
  url: string;
  rt: Runtime;
  dataDir: string;
  /** fetch against the service with the admin token. */
  api(pathname: string, init?: RequestInit & { json?: unknown; token?: string | null }): Promise<Response>;
  /** Resolves when the in-process runner has no job left. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** The whole service in this process on a fresh embedded store, listening on a free port. */
export async function startService(
  opts: {
    demo?: boolean;
    env?: Record<string, string>;
    /** Where the service logs (silent by default). */ log?: Logger;
    /** Tighter or looser than the defaults. */ rateLimits?: RateLimitSettings;
  } = {},
): Promise<RunningService> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kk-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', ADMIN_TOKEN: TEST_TOKEN, LOG_LEVEL: 'silent', DEMO: String(opts.demo ?? false), ...opts.env });
  const rt = await createRuntime(config, opts.log ?? silentLog);
  rt.startProcessing();
  const idle = () => rt.queue.onIdle();
  if (config.demo) {
    await loadDemo({ ...rt, campaigns: rt.http.campaigns, now: () => new Date() });
    await idle();
  }
  const http = await listen(createApp({ ...rt.http, ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}) }), 0, '127.0.0.1');
  return {
    url: http.url,
    rt,
    dataDir,
    idle,
    api(pathname, init = {}) {
      const { json, token = TEST_TOKEN, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token !== null) headers.set('authorization', `Bearer ${token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(new URL(pathname, http.url), { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
    },
    async close() {
      await http.close();
      await rt.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
