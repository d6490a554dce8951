import { mkdtempSync, rmSync } from 'node:fs';
import type { Logger } from 'pino';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Runtime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { OutboundTestHooks } from '../../src/net/outbound-fetch.js';
import type { RateLimitSettings } from '../../src/http/rate-limits.js';
import { startAllInOne } from '../../src/process/all-in-one.js';
import { silentLog } from './queues.js';

export const TEST_TOKEN = 'test-admin-token-0123456789';

/** Limits no test reaches, for tests that send many credentials from one address on purpose. */
export const NO_RATE_LIMITS: RateLimitSettings = {
  signInPerAddress: 1e6,
  signInFailuresPerEmail: 1e6,
  badCredentialsPerAddress: 1e6,
  windowSeconds: 900,
  perCredentialPerMinute: 1e6,
  signInFailuresPerAddress: 1e6,
  accountFailuresBeforeDelay: 1e6,
};

export interface RunningService {
  url: string;
  rt: Runtime;
  dataDir: string;
  /** fetch against the service with the admin token. */
  api(pathname: string, init?: RequestInit & { json?: unknown; token?: string | null }): Promise<Response>;
  /** Resolves when the queue has no job left. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole service in this process, started as `npm start` starts it (process/all-in-one.ts), on a
 * fresh embedded store and a free port. Without the scheduler: a tick would add runs no test asked for.
 */
export async function startService(
  opts: {
    /** An existing DATA_DIR (a restart), left in place at close; by default a fresh one, removed at close. */
    dataDir?: string;
    demo?: boolean;
    env?: Record<string, string>;
    /** Where the service logs (silent by default). */ log?: Logger;
    /** Tighter or looser than the defaults. */ rateLimits?: RateLimitSettings;
    /** A resolver and dispatcher for requests to servers users chose (net/outbound-fetch.ts). */ outbound?: OutboundTestHooks;
  } = {},
): Promise<RunningService> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'kk-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', ADMIN_TOKEN: TEST_TOKEN, LOG_LEVEL: 'silent', DEMO: String(opts.demo ?? false), ...opts.env });
  const app = await startAllInOne(config, opts.log ?? silentLog, {
    listen: { port: 0, host: '127.0.0.1' },
    scheduler: false,
    ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}),
    ...(opts.outbound ? { outbound: opts.outbound } : {}),
  });
  // The demo's figures are complete before the first request.
  if (config.demo) await app.idle();
  return {
    url: app.url,
    rt: app.runtime,
    dataDir,
    idle: () => app.idle(),
    api(pathname, init = {}) {
      const { json, token = TEST_TOKEN, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token !== null) headers.set('authorization', `Bearer ${token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(new URL(pathname, app.url), { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
    },
    async close() {
      await app.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
