import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { startAllInOne } from '../src/process/all-in-one.js';

/**
 * The event loop's longest block while the embedded service (SQLite, in-process queue) imports a
 * `--rows`-row CSV over HTTP, measured with perf_hooks' monitorEventLoopDelay, and the slowest
 * /healthz asked one after another meanwhile. Only the HTTP API is used, so the same script
 * measures any version of the service.
 */
const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' } } });
const rows = Number(values.rows);
const dataDir = mkdtempSync(path.join(tmpdir(), 'kk-bench-import-'));
const token = 'bench-admin-token-0123456789';
const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', ADMIN_TOKEN: token, LOG_LEVEL: 'silent', DEMO: 'false' });
const app = await startAllInOne(config, pino({ level: 'silent' }), { listen: { port: 0, host: '127.0.0.1' }, scheduler: false });
const api = (p: string, init: RequestInit = {}) =>
  fetch(new URL(p, app.url), { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });

try {
  const created = await api('/api/v1/campaigns', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench import', hashtags: ['#SocMed4SocGood'], startsAt: '2015-01-13T00:00:00+07:00', cities: ['73.71', '53.71'] }),
  });
  const { campaign } = (await created.json()) as { campaign: { id: string } };
  const lines = Array.from(
    { length: rows },
    (_, i) =>
      `instagram,b-${i},2015-01-${String(14 + (i % 14)).padStart(2, '0')}T10:00:00+07:00,#SocMed4SocGood pendidikan di Makassar ${i},ig-${i % 700},${i % 50},73.71`,
  );
  const csv = `platform,post_id,created_at,text,author_id,likes,city\n${lines.join('\n')}\n`;

  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = performance.now();
  let done = false;
  const importing = api(`/api/v1/campaigns/${campaign.id}/import`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } }).finally(
    () => (done = true),
  );
  let slowestHealthMs = 0;
  let healthAnswered = 0;
  // A loop blocked past the server's keep-alive timeout closes the connection under a waiting request.
  let healthFailed = 0;
  while (!done) {
    const h0 = performance.now();
    try {
      await (await fetch(new URL('/healthz', app.url))).arrayBuffer();
    } catch {
      healthFailed++;
      continue;
    }
    if (!done) {
      healthAnswered++;
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - h0);
    }
  }
  const res = await importing;
  const importMs = performance.now() - t0;
  delay.disable();
  const body = (await res.json()) as { imported: number };
  if (body.imported !== rows) throw new Error(`imported ${body.imported} of ${rows} rows`);
  const round = (n: number) => Math.round(n * 10) / 10;
  process.stdout.write(
    `${JSON.stringify({ rows, importMs: round(importMs), maxBlockMs: round(delay.max / 1e6), p99BlockMs: round(delay.percentile(99) / 1e6), slowestHealthMs: round(slowestHealthMs), healthAnswered, healthFailed })}\n`,
  );
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
