import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The service's Prometheus metrics, one registry per process (prom-client). Counters live for the
 * process; GET /metrics (src/http/metrics.endpoint.ts) renders them. Modules record through the
 * typed helpers below rather than touching prom-client, so a label set is declared once.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'kk_' });

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_SECONDS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600];

const runs = new Counter({
  name: 'kk_collection_runs_total',
  help: 'Collection, refresh and import runs, by source, kind and outcome',
  labelNames: ['source', 'kind', 'outcome'],
  registers: [registry],
});
const posts = new Counter({
  name: 'kk_posts_collected_total',
  help: 'Posts stored by runs: new ones and newer observations of stored ones',
  labelNames: ['source', 'outcome'],
  registers: [registry],
});
const platformRequests = new Counter({
  name: 'kk_platform_requests_total',
  help: 'Requests to the platforms, by platform, endpoint and result (HTTP status, timeout or network)',
  labelNames: ['platform', 'endpoint', 'result'],
  registers: [registry],
});
const rateLimitWaits = new Counter({
  name: 'kk_platform_rate_limit_waits_total',
  help: 'Times a platform client waited for a rate-limit window',
  labelNames: ['platform'],
  registers: [registry],
});
const rateLimitSeconds = new Counter({
  name: 'kk_platform_rate_limit_wait_seconds_total',
  help: 'Seconds spent waiting for rate-limit windows',
  labelNames: ['platform'],
  registers: [registry],
});
const jobSeconds = new Histogram({
  name: 'kk_job_duration_seconds',
  help: 'Job run time, by job and outcome',
  labelNames: ['job', 'outcome'],
  buckets: JOB_SECONDS,
  registers: [registry],
});
const httpSeconds = new Histogram({
  name: 'kk_http_request_duration_seconds',
  help: 'API request latency by route pattern, method and status class',
  labelNames: ['method', 'route', 'status'],
  buckets: SECONDS,
  registers: [registry],
});
const storeSeconds = new Histogram({
  name: 'kk_store_operation_duration_seconds',
  help: 'Store call latency by operation and outcome',
  labelNames: ['store', 'operation', 'outcome'],
  buckets: SECONDS,
  registers: [registry],
});
const cacheLookups = new Counter({
  name: 'kk_metrics_cache_lookups_total',
  help: 'Lookups of the metrics answer cache, by kind (summary, breakdown, timeseries, matrix) and result',
  labelNames: ['kind', 'result'],
  registers: [registry],
});

/** Queue depth is read when scraped, from every queue this process has (usually one). */
const depthSources = new Set<() => Promise<Record<string, number>>>();
new Gauge({
  name: 'kk_queue_depth',
  help: 'Jobs waiting, delayed or running, per queue',
  labelNames: ['queue'],
  registers: [registry],
  async collect() {
    this.reset();
    for (const read of depthSources) {
      // A queue that cannot answer (Redis down) leaves its gauge out rather than failing the scrape.
      const counts = await read().catch(() => ({}));
      for (const [queue, n] of Object.entries(counts)) this.inc({ queue }, n);
    }
  },
});

const deliverySources = new Set<() => Promise<Record<string, number>>>();
new Gauge({
  name: 'kk_alert_deliveries',
  help: 'Alert deliveries in the store, by outcome (pending, retrying, delivered, failed)',
  labelNames: ['outcome'],
  registers: [registry],
  async collect() {
    this.reset();
    for (const read of deliverySources) {
      // A store that cannot answer leaves the gauge out rather than failing the scrape.
      const counts = await read().catch(() => ({}));
      for (const [outcome, n] of Object.entries(counts)) this.set({ outcome }, n);
    }
  },
});

const deliveryAttempts = new Counter({
  name: 'kk_alert_delivery_attempts_total',
  help: 'Alert delivery attempts made by this process, by channel and result (delivered, retrying, failed)',
  labelNames: ['channel', 'result'],
  registers: [registry],
});

export const telemetry = {
  run(source: string, kind: string, outcome: 'succeeded' | 'failed' | 'budget-spent' | 'credentials-refused'): void {
    runs.inc({ source, kind, outcome });
  },
  postsStored(source: string, inserted: number, updated: number): void {
    if (inserted > 0) posts.inc({ source, outcome: 'new' }, inserted);
    if (updated > 0) posts.inc({ source, outcome: 'updated' }, updated);
  },
  platformRequest(platform: string, endpoint: string, result: string | number): void {
    platformRequests.inc({ platform, endpoint, result: String(result) });
  },
  rateLimitWait(platform: string, waitMs: number): void {
    rateLimitWaits.inc({ platform });
    rateLimitSeconds.inc({ platform }, Math.max(0, waitMs) / 1000);
  },
  jobDone(job: string, outcome: 'succeeded' | 'failed', seconds: number): void {
    jobSeconds.observe({ job, outcome }, seconds);
  },
  httpRequest(method: string, route: string, status: number, seconds: number): void {
    httpSeconds.observe({ method, route, status: `${Math.floor(status / 100)}xx` }, seconds);
  },
  storeCall(store: string, operation: string, outcome: 'ok' | 'error', seconds: number): void {
    storeSeconds.observe({ store, operation, outcome }, seconds);
  },
  cacheLookup(kind: string, hit: boolean): void {
    cacheLookups.inc({ kind, result: hit ? 'hit' : 'miss' });
  },
  /** Registers the store's count of deliveries by outcome; returns the function that removes it (on close). */
  watchDeliveries(read: () => Promise<Record<string, number>>): () => void {
    deliverySources.add(read);
    return () => deliverySources.delete(read);
  },
  deliveryAttempt(channel: string, result: 'delivered' | 'retrying' | 'failed'): void {
    deliveryAttempts.inc({ channel, result });
  },
  /** Registers a queue's depth reader; returns the function that removes it (on close). */
  watchQueue(read: () => Promise<Record<string, number>>): () => void {
    depthSources.add(read);
    return () => depthSources.delete(read);
  },
};
