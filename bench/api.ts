import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import type { Store } from '../src/store/store.port.js';
import { metricsProcessor } from '../src/jobs/metrics.processor.js';
import type { BenchCity } from './generate.js';
import type { Gazetteer } from '../src/geo/gazetteer.js';
import { freePort } from '../tests/helpers/processes.js';
import { ingest } from './ingest.js';
import { nodeArgs, peakRssMb } from './proc.js';
import { BENCH_CAMPAIGN_ID, LATER_END, recordingQueue, silent } from './setup.js';

/**
 * The API under load: the real API process (src/server.ts) on the bench's SQLite file, and a bare
 * Express route in another process, both loaded by autocannon from THIS process. Two cases per
 * route: repeated requests at `connections` (the figures cached by data stamp), and the first
 * request after new data arrived (new posts stored and rolled up just before it: a cache miss).
 */

export interface LatencyStats {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  /** Responses other than 2xx, errors and timeouts: all must be 0. */
  failures: number;
}

export interface RouteResult {
  route: string;
  repeated: LatencyStats;
  afterNewData: LatencyStats;
}

export interface ApiBenchResult {
  connections: number;
  durationS: number;
  samples: number;
  routes: RouteResult[];
  bare: RouteResult;
  apiPeakRssMb: number;
}

export interface ApiBenchOptions {
  dataDir: string;
  /** A store on the same file, to write new data between the "after new data" samples. */
  writer: Store;
  gazetteer: Gazetteer;
  cities: BenchCity[];
  connections: number;
  durationS: number;
  samples: number;
}

const TOKEN = 'bench-admin-token-0123456789';
const ROUTES = ['summary', 'breakdown?by=city', 'timeseries?interval=day'];

export async function apiBench(opts: ApiBenchOptions): Promise<ApiBenchResult> {
  const apiPort = await freePort();
  // The API as production runs it: compiled (npm run build), plain node, no loader.
  const api = startChild('dist/src/server.js', [], { DATA_DIR: opts.dataDir, PORT: String(apiPort), HOST: '127.0.0.1', ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'warn' });
  const barePort = await freePort();
  const bare = startChild('bench/bare-server.ts', [String(barePort)], {});
  try {
    const headers = { authorization: `Bearer ${TOKEN}` };
    const apiBase = `http://127.0.0.1:${apiPort}/api/v1/campaigns/${BENCH_CAMPAIGN_ID}/metrics/`;
    await waitUntilUp(`http://127.0.0.1:${apiPort}/healthz`, api);
    await waitUntilUp(`http://127.0.0.1:${barePort}/bare`, bare);

    let later = 20_000;
    const newData = async () => {
      // A page of 100 newer posts, and the metrics job after it, as a worker would run them.
      const added = await ingest(opts.writer, opts.gazetteer, opts.cities, {
        posts: 100,
        later: { from: later },
        observedAt: new Date(LATER_END.getTime() + 20_000_000 + later),
      });
      later += 100;
      await metricsProcessor(
        { campaignId: BENCH_CAMPAIGN_ID, days: added.days },
        { store: opts.writer, queue: recordingQueue().queue, sources: new Map(), gazetteer: opts.gazetteer, log: silent, now: () => LATER_END },
      );
    };

    const routes: RouteResult[] = [];
    for (const route of ROUTES) {
      const url = `${apiBase}${route}`;
      const afterNewData = await sequential(url, headers, opts.samples, newData);
      const repeated = await loaded(url, headers, opts);
      routes.push({ route, repeated, afterNewData });
    }
    const bareUrl = `http://127.0.0.1:${barePort}/bare`;
    const bareResult = {
      route: 'bare Express',
      afterNewData: await sequential(bareUrl, {}, opts.samples, async () => {}),
      repeated: await loaded(bareUrl, {}, opts),
    };
    return { connections: opts.connections, durationS: opts.durationS, samples: opts.samples, routes, bare: bareResult, apiPeakRssMb: peakRssMb(api.pid ?? 0) };
  } finally {
    await stopChild(api);
    await stopChild(bare);
  }
}

async function loaded(url: string, headers: Record<string, string>, opts: { connections: number; durationS: number }): Promise<LatencyStats> {
  const latencies: number[] = [];
  const run = autocannon({ url, connections: opts.connections, duration: opts.durationS, headers, timeout: 30 });
  run.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const r = await run;
  return { rps: r.requests.average, ...percentiles(latencies), requests: r.requests.total, failures: r.non2xx + r.errors + r.timeouts };
}

/** One request at a time, each after `before` (new data); the rate is what one client gets. */
async function sequential(url: string, headers: Record<string, string>, samples: number, before: () => Promise<void>): Promise<LatencyStats> {
  const latencies: number[] = [];
  let failures = 0;
  for (let i = 0; i < samples; i++) {
    await before();
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    latencies.push(performance.now() - t0);
    if (!res.ok) failures += 1;
  }
  const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length);
  return { rps: 1000 / mean, ...percentiles(latencies), requests: samples, failures };
}

function percentiles(ms: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

function startChild(script: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, script.endsWith('.js') ? [script, ...args] : nodeArgs(script, args), {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}
