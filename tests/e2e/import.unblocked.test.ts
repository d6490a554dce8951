import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../helpers/service.js';

/**
 * Issue 13.7 and 14.11: an import's body is read only after the caller is known and allowed, and a
 * large import leaves the event loop free (rows checked and written in slices, time/next-turn.ts).
 */

let svc: RunningService;
let base: string;
beforeAll(async () => {
  svc = await startService();
  const res = await svc.api('/api/v1/campaigns', {
    method: 'POST',
    json: { name: 'Big import', hashtags: ['#SocMed4SocGood'], startsAt: '2015-01-13T00:00:00+07:00', cities: ['73.71', '53.71'] },
  });
  expect(res.status).toBe(201);
  base = `/api/v1/campaigns/${((await res.json()) as { campaign: { id: string } }).campaign.id}`;
});
afterAll(async () => svc?.close());

/**
 * Sends the start of a body and never its end; resolves with the status of the answer, which must
 * come while the body is still open (rejects after `ms` without one).
 */
function statusBeforeBodyEnds(path: string, headers: Record<string, string>, ms = 20_000): Promise<number> {
  const url = new URL(path, svc.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${ms} ms while the body was still being sent`));
    }, ms);
    req.on('response', (res) => {
      clearTimeout(timer);
      res.resume();
      req.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => undefined);
    // 1 MB of nested arrays, then nothing: a parser that waits for the end never answers.
    req.write('['.repeat(1024 * 1024));
  });
}

describe('an import without a valid credential', () => {
  it('is refused with 401 before its body ends (nothing parsed)', async () => {
    expect(await statusBeforeBodyEnds(`${base}/import`, {})).toBe(401);
    expect(await statusBeforeBodyEnds(`${base}/import`, { authorization: 'Bearer not-a-token-of-this-service' })).toBe(401);
  });

  it('is refused with 401 for a whole 5 MB nested JSON body', async () => {
    const res = await svc.api(`${base}/import`, {
      method: 'POST',
      token: null,
      body: '['.repeat(5 * 1024 * 1024 - 10) + ']',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });
});

describe('a 10,000-row import', () => {
  it('leaves /healthz answered while it runs', async () => {
    const rows = Array.from(
      { length: 10_000 },
      (_, i) =>
        `instagram,big-${i},2015-01-${String(14 + (i % 14)).padStart(2, '0')}T10:00:00+07:00,#SocMed4SocGood pendidikan di Makassar ${i},ig-${i % 700},${i % 50},73.71`,
    );
    const csv = `platform,post_id,created_at,text,author_id,likes,city\n${rows.join('\n')}\n`;
    let done = false;
    const importing = svc.api(`${base}/import`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } }).finally(() => (done = true));
    // One /healthz after another for as long as the import runs: each answered before it finished counts.
    let answeredDuring = 0;
    let slowest = 0;
    while (!done) {
      const t0 = performance.now();
      const health = await fetch(new URL('/healthz', svc.url));
      expect(health.status).toBe(200);
      await health.arrayBuffer();
      if (!done) {
        answeredDuring++;
        slowest = Math.max(slowest, performance.now() - t0);
      }
    }
    const res = await importing;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { imported: number }).imported).toBe(10_000);
    // In one block (parse, enrich, one transaction) the answers waited for the import's end.
    expect(answeredDuring, `slowest /healthz during the import: ${slowest.toFixed(0)} ms`).toBeGreaterThanOrEqual(5);
    // 10,000 rows parsed, enriched and written: tens of seconds on a loaded machine.
  }, 180_000);
});
