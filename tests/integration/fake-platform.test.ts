import { afterEach, describe, expect, it } from 'vitest';
import { requestWindow, startFakePlatform, type RunningFakePlatform } from '../helpers/fake-platform.js';

/** The base of the fake platforms: scripted answers, request logs, delays, windows and close(). */

interface Rec {
  path: string;
  status?: number;
}

const running: Array<RunningFakePlatform<Rec>> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.close()));
});

async function start(serve: (rec: Rec) => { status: number; body?: unknown } = () => ({ status: 200, body: { ok: true } })) {
  const fake = await startFakePlatform<Rec>({
    record: (call) => ({ path: `${call.method} ${call.url.pathname}${call.body ? ` ${call.body}` : ''}` }),
    serve,
    crash: (err) => ({ status: 500, body: { crashed: String(err) } }),
    sent: (rec, status) => {
      rec.status = status;
    },
  });
  running.push(fake);
  return fake;
}

describe('fake platform base', () => {
  it('records every request in the fake’s shape and answers from its model, as JSON', async () => {
    const fake = await start();
    const res = await fetch(`${fake.origin}/a`, { method: 'POST', body: 'hello' });
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ ok: true });
    expect(fake.requests).toEqual([{ path: 'POST /a hello', status: 200 }]);
    expect(fake.host).toBe(new URL(fake.origin).host);
  });

  it('answers with a handler first, then queued faults in order, then the model; a throw is the platform’s 500', async () => {
    let fail = true;
    const fake = await start(() => {
      if (fail) throw new Error('boom');
      return { status: 200, body: 'plain' };
    });
    fake.failNext(2, { status: 503, body: 'down', headers: { 'retry-after': '1' } });
    fake.setHandler((rec) => (rec.path.endsWith('/special') ? { status: 418 } : undefined));
    const statuses: number[] = [];
    for (const p of ['/special', '/x', '/x', '/x']) statuses.push((await fetch(`${fake.origin}${p}`)).status);
    expect(statuses).toEqual([418, 503, 503, 500]);
    fail = false;
    const last = await fetch(`${fake.origin}/x`);
    expect(await last.text()).toBe('plain');
  });

  it('holds answers back, and close() ends a request that would never be answered', async () => {
    const fake = await start();
    fake.setDelay(1_000);
    const slow = fetch(`${fake.origin}/slow`);
    // Recorded at once, answered later.
    await expect.poll(() => fake.requests.length).toBe(1);
    expect(fake.requests[0]).toEqual({ path: 'GET /slow' });
    expect((await slow).status).toBe(200);
    expect(fake.requests[0]).toEqual({ path: 'GET /slow', status: 200 });

    fake.setDelay(0);
    fake.failNext(1, { status: 200, delayMs: Infinity });
    const hanging = fetch(`${fake.origin}/hang`).then(
      () => 'answered',
      () => 'connection closed',
    );
    await expect.poll(() => fake.requests.length).toBe(2);
    await fake.close();
    running.length = 0;
    await expect(hanging).resolves.toBe('connection closed');
    expect(fake.requests[1]).toEqual({ path: 'GET /hang' });
  });
});

describe('request windows', () => {
  it('opens with the first request and resets on a whole second', () => {
    let ms = Date.parse('2025-01-13T02:00:00.400Z');
    const window = requestWindow({ limit: 2, windowSeconds: 10 }, () => new Date(ms));
    const reset = Date.parse('2025-01-13T02:00:10Z');
    expect([window.take(), window.take(), window.take()]).toEqual([
      { limited: false, remaining: 1, resetMs: reset },
      { limited: false, remaining: 0, resetMs: reset },
      { limited: true, remaining: 0, resetMs: reset },
    ]);
    ms = reset;
    expect(window.take()).toEqual({ limited: false, remaining: 1, resetMs: reset + 10_000 });
  });

  it('aligned: periods start on multiples of their length', () => {
    const ms = Date.parse('2025-01-13T02:03:20Z');
    const window = requestWindow({ limit: 300, windowSeconds: 300 }, () => new Date(ms), { aligned: true });
    expect(window.take()).toEqual({ limited: false, remaining: 299, resetMs: Date.parse('2025-01-13T02:05:00Z') });
  });
});
