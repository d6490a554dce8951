import type { Logger } from 'pino';
import { createRuntime, type Runtime } from '../app.js';
import type { Config } from '../config.js';
import type { OutboundTestHooks } from '../net/outbound-fetch.js';
import { loadDemo } from '../demo/demo.loader.js';
import { createApp } from '../http/create-app.js';
import type { RateLimitSettings } from '../http/rate-limits.js';
import { startScheduler, type Scheduler } from '../queue/scheduler.js';
import { listen, SHUTDOWN_REFUSE_MS } from './serve.js';

export interface AllInOneOptions {
  /** Where to listen; by default the configuration's port and host, refusing new requests for SHUTDOWN_REFUSE_MS on close. */
  listen?: { port: number; host: string; refuseNewForMs?: number };
  /** Whether the scheduler enqueues the campaigns' slots (default true). Tests turn it off: a tick would add runs they did not ask for. */
  scheduler?: boolean;
  /** HTTP rate limits in place of the defaults. */
  rateLimits?: RateLimitSettings;
  /** Tests: the resolver and dispatcher of requests to servers users chose. */
  outbound?: OutboundTestHooks;
}

export interface AllInOne {
  /** The server's address, ending in `/`. */
  url: string;
  runtime: Runtime;
  /** Resolves when the queue has no job waiting, running or delayed for a retry. */
  idle(): Promise<void>;
  /** Stops accepting requests, then the scheduler, the jobs, the queue and the store. */
  close(): Promise<void>;
}

/**
 * The whole service in one process (`npm start`, and the tests' service): the runtime, job
 * processing, the demo campaign when DEMO is on, the scheduler, and the API and dashboard.
 */
export async function startAllInOne(config: Config, log: Logger, opts: AllInOneOptions = {}): Promise<AllInOne> {
  const runtime = await createRuntime(config, log, opts.outbound ? { outbound: opts.outbound } : {});
  let scheduler: Scheduler | undefined;
  try {
    runtime.startProcessing();
    if (config.demo) await loadDemo({ ...runtime, campaigns: runtime.http.campaigns, now: () => new Date() });
    if (opts.scheduler ?? true) {
      scheduler = startScheduler({ store: runtime.store, queue: runtime.queue, log, reloadSeconds: config.schedulerReloadSeconds });
      await scheduler.reload();
    }
    const where = opts.listen ?? { port: config.port, host: config.host, refuseNewForMs: SHUTDOWN_REFUSE_MS };
    const app = createApp({ ...runtime.http, ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}) });
    const http = await listen(app, where.port, where.host, { refuseNewForMs: where.refuseNewForMs ?? 0 });
    return {
      url: http.url,
      runtime,
      idle: () => runtime.queue.onIdle(),
      async close() {
        await http.close();
        await scheduler?.close();
        await runtime.close();
      },
    };
  } catch (err) {
    // A port in use, a demo that cannot load: what was started is stopped before the error goes up.
    await scheduler?.close();
    await runtime.close();
    throw err;
  }
}
