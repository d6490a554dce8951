import express from 'express';
import type { Config } from '../config.js';
import { metricsEndpoint } from '../http/metrics.endpoint.js';
import { listen } from './serve.js';

/**
 * GET /metrics for a process without an API (worker, scheduler): their job durations, platform
 * requests and runs live in their own registry. Behind the same Bearer token as the API; only
 * when METRICS_PORT is set.
 */
export async function serveMetrics(config: Config, adminToken: string): Promise<{ url: string; close(): Promise<void> } | undefined> {
  if (config.metricsPort === undefined) return undefined;
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metricsEndpoint(adminToken));
  return listen(app, config.metricsPort, config.host);
}
