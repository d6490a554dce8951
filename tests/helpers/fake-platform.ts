import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * The base every fake platform (fake-x-api.ts, fake-mastodon.ts, fake-bluesky.ts) builds on: an
 * HTTP server on 127.0.0.1 that records every request in the platform's own shape, answers it with
 * a scripted response when a test injected one (a handler, or faults queued by `failNext`) and
 * from the platform's model otherwise, holds answers back on request (a slow or hanging platform),
 * and closes without leaving a timer behind. Each fake adds only what its platform does.
 */

/** A canned response: a string body is sent as is (with a JSON content type), anything else as JSON. */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Answer this much later (a slow platform); Infinity never answers (a platform that hangs). */
  delayMs?: number;
}

/** A request as it arrived, for the fake to turn into its own record. */
export interface IncomingCall {
  /** Real time of arrival, ms since the epoch. */
  at: number;
  method: string;
  url: URL;
  authorization: string | undefined;
  /** The body as text; empty when there was none. */
  body: string;
}

export interface FakePlatformModel<R> {
  /** What the fake records of a request (and hands to handlers and `serve`). */
  record(call: IncomingCall): R;
  /** The platform's own answer, when no injected response takes its place. `origin` is `http://127.0.0.1:PORT`. */
  serve(rec: R, origin: string): FakeResponse;
  /** The answer when `serve` or a handler throws: the platform's 500. */
  crash(err: unknown): FakeResponse;
  /** Called once the answer went out (not for one that never does). */
  sent?(rec: R, status: number): void;
}

export interface RunningFakePlatform<R> {
  /** `http://127.0.0.1:PORT` (`https://` with `tls`). */
  origin: string;
  /** `127.0.0.1:PORT`. */
  host: string;
  requests: R[];
  /** Answers the next `n` requests with `response` instead of serving them. */
  failNext(n: number, response: FakeResponse): void;
  /** Called on every request; a response it returns is sent instead of serving the request. */
  setHandler(handler: ((req: R) => FakeResponse | undefined) | undefined): void;
  /** Answers every request this many ms late (0: at once), as a slow platform does. */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

/** A certificate for 127.0.0.1 and localhost that tests trust explicitly (tests/fixtures/tls, made for these tests only). */
export const TEST_TLS = {
  cert: readFileSync(new URL('../fixtures/tls/localhost.crt', import.meta.url), 'utf8'),
  key: readFileSync(new URL('../fixtures/tls/localhost.key', import.meta.url), 'utf8'),
};

/** Starts a fake platform on a random port of 127.0.0.1; over https with TEST_TLS when `tls` is set. */
export async function startFakePlatform<R>(model: FakePlatformModel<R>, opts: { tls?: boolean } = {}): Promise<RunningFakePlatform<R>> {
  const requests: R[] = [];
  const faults: FakeResponse[] = [];
  let handler: ((req: R) => FakeResponse | undefined) | undefined;
  let slowness = 0;
  let origin = '';
  const delayed = new Set<NodeJS.Timeout>();

  const answer = (rec: R, res: http.ServerResponse): void => {
    let response: FakeResponse;
    try {
      response = handler?.(rec) ?? faults.shift() ?? model.serve(rec, origin);
    } catch (err) {
      response = model.crash(err);
    }
    const body = typeof response.body === 'string' ? response.body : response.body === undefined ? '' : JSON.stringify(response.body);
    const send = (): void => {
      // The client gave up (its time limit) and closed the connection meanwhile.
      if (res.destroyed) return;
      res.writeHead(response.status, { 'content-type': 'application/json; charset=utf-8', ...response.headers });
      res.end(body);
      model.sent?.(rec, response.status);
    };
    const delayMs = response.delayMs ?? (slowness > 0 ? slowness : undefined);
    if (delayMs === undefined || delayMs <= 0) send();
    else if (Number.isFinite(delayMs)) {
      const timer = setTimeout(() => {
        delayed.delete(timer);
        send();
      }, delayMs);
      // A test that forgets close() must not keep the process alive.
      timer.unref();
      delayed.add(timer);
    }
  };

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec = model.record({
        at: Date.now(),
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        authorization: req.headers.authorization,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      requests.push(rec);
      answer(rec, res);
    });
  };
  const server = opts.tls ? https.createServer(TEST_TLS, onRequest) : http.createServer(onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    origin,
    host: `127.0.0.1:${port}`,
    requests,
    failNext: (n, response) => {
      for (let i = 0; i < n; i += 1) faults.push(response);
    },
    setHandler: (h) => {
      handler = h;
    },
    setDelay: (ms) => {
      slowness = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const t of delayed) clearTimeout(t);
        delayed.clear();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** A platform's request window: `limit` requests, then 429 until it resets. */
export interface RequestWindow {
  /** Counts one request; `limited` when the window was already used up. */
  take(): { limited: boolean; remaining: number; resetMs: number };
}

/**
 * A fixed window on the fake's clock. By default it opens with the first request after the last
 * one reset, its reset on a whole second (X, Bluesky); `aligned` windows start on multiples of
 * their length instead (Mastodon's rack-attack periods).
 */
export function requestWindow(limit: { limit: number; windowSeconds: number }, now: () => Date, opts: { aligned?: boolean } = {}): RequestWindow {
  const periodMs = limit.windowSeconds * 1000;
  let remaining = limit.limit;
  let resetMs = 0;
  return {
    take() {
      const nowMs = now().getTime();
      if (nowMs >= resetMs) {
        remaining = limit.limit;
        resetMs = opts.aligned ? nowMs + (periodMs - (nowMs % periodMs)) : Math.floor(nowMs / 1000) * 1000 + periodMs;
      }
      if (remaining <= 0) return { limited: true, remaining: 0, resetMs };
      remaining -= 1;
      return { limited: false, remaining, resetMs };
    },
  };
}
