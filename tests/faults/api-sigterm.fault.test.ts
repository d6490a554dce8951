import http, { type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { demoApi, type DemoApi } from '../helpers/demo-api.js';
import { within } from '../helpers/processes.js';

/**
 * SIGTERM to the real API process while it serves a steady load: requests in flight complete
 * (a CSV export held open by a slow reader among them), every request either gets its full
 * answer or is refused cleanly (a refused connection, or a 503 `shutting_down`), never a reset
 * or a 5xx, and the process exits 0.
 */
const TOKEN = 'fault-sigterm-token-0123456789';
const PATHS = ['metrics/summary', 'metrics/breakdown?by=city', 'metrics/timeseries?interval=day', 'posts?limit=50'];

interface Outcome {
  startedAt: number;
  status?: number;
  body?: string;
  error?: string;
}

function get(port: number, pathname: string): { response: Promise<IncomingMessage>; outcome: Promise<Outcome> } {
  const startedAt = Date.now();
  let resolveResponse: (res: IncomingMessage) => void = () => undefined;
  const response = new Promise<IncomingMessage>((resolve) => (resolveResponse = resolve));
  const outcome = new Promise<Outcome>((resolve) => {
    // A new connection per request: after the shutdown began, the port refuses it.
    const req = http.get(
      { host: '127.0.0.1', port, path: `/api/v1/campaigns/${DEMO_CAMPAIGN_ID}/${pathname}`, headers: { authorization: `Bearer ${TOKEN}` }, agent: false },
      (res) => {
        resolveResponse(res);
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ startedAt, status: res.statusCode, body }));
        res.on('error', (err: NodeJS.ErrnoException) => resolve({ startedAt, error: err.code ?? err.message }));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ startedAt, error: err.code ?? err.message }));
  });
  return { response, outcome };
}

describe('SIGTERM to the API under load', () => {
  let demo: DemoApi;

  beforeAll(async () => {
    demo = await demoApi(TOKEN, 'kk-fault-sigterm-');
  });

  afterAll(() => demo.cleanUp());

  it('completes what is in flight, refuses the rest cleanly and exits 0', { timeout: 60_000 }, async () => {
    const { api, port } = await demo.start();

    const outcomes: Array<Promise<Outcome>> = [];
    const CLIENTS = 12;
    let stop = false;
    let answers = 0;
    let loaded: () => void = () => undefined;
    const underLoad = new Promise<void>((resolve) => (loaded = resolve));
    let refused: () => void = () => undefined;
    const refusing = new Promise<void>((resolve) => (refused = resolve));
    // Twelve clients, one request at a time each; a 503 (Retry-After) or a refused connection
    // sends a client elsewhere, and tells the test the shutdown has begun.
    const loops = Array.from({ length: CLIENTS }, async (_, n) => {
      for (let i = n; !stop; i++) {
        const { outcome } = get(port, PATHS[i % PATHS.length]!);
        outcomes.push(outcome);
        const o = await outcome;
        if (o.status === 503 || o.error) return refused();
        if ((answers += 1) === 2 * CLIENTS) loaded();
      }
    });
    await within(20_000, 'two answers per client', underLoad);

    // An export read slowly: its response has begun and cannot end before the signal.
    const exportCall = get(port, 'export.csv');
    const exportRes = await within(10_000, 'the export to start', exportCall.response);
    exportRes.pause();
    const signalAt = Date.now();
    api.child.kill('SIGTERM');
    await within(10_000, 'the API to refuse a request', refusing);
    expect(exportRes.complete).toBe(false);
    exportRes.resume();

    const exit = await within(30_000, 'the API to exit', api.exited);
    stop = true;
    await Promise.all(loops);
    const all = await Promise.all(outcomes);
    const exported = await exportCall.outcome;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(exported.status).toBe(200);
    const lines = (exported.body ?? '').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^platform,source,post_id,/);
    expect(lines.length).toBeGreaterThan(1_000);

    const answered = all.filter((o) => o.status !== undefined);
    expect(answered.filter((o) => o.startedAt < signalAt).length).toBeGreaterThan(0);
    for (const o of answered) {
      if (o.status === 200) expect(() => JSON.parse(o.body ?? '')).not.toThrow();
      else expect({ status: o.status, body: o.body }).toMatchObject({ status: 503, body: expect.stringContaining('shutting_down') });
    }
    // No reset, no hang-up: what got no answer was refused at the door.
    expect([...new Set(all.flatMap((o) => (o.error ? [o.error] : [])))].filter((e) => e !== 'ECONNREFUSED')).toEqual([]);
    // The port is closed now.
    expect((await get(port, PATHS[0]!).outcome).error).toBe('ECONNREFUSED');
  });
});
