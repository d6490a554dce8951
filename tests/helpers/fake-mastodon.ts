import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { compareStatusIds } from '../../src/sources/mastodon/mastodon.ids.js';
import type { MastodonStatus } from '../../src/sources/mastodon/mastodon.types.js';

/**
 * A local fake of one Mastodon instance's hashtag timeline (`GET /api/v1/timelines/tag/:hashtag`)
 * on 127.0.0.1, for tests that drive the real fetch client. It follows Mastodon's
 * TagController/TagFeed: case-insensitive tag match, newest first by id, `limit` 20 by default
 * and 40 at most, `max_id`/`since_id`/`min_id` as documented, a `Link` header with next/prev on
 * every non-empty page, rack-attack's `X-RateLimit-*` headers and 429, the 401 bodies of an
 * instance that requires a token. It records every request and lets a test inject faults.
 */

export interface FakeMastodonOptions {
  /** Tokens the instance accepts; any other bearer token gets Doorkeeper's 401. */
  tokens?: readonly string[];
  /** Refuse anonymous reads, as an instance that disabled its public timeline preview does. */
  requireToken?: boolean;
  /** Requests per window before a 429 (rack-attack's unauthenticated API throttle by default). */
  rateLimit?: { limit: number; windowSeconds: number };
  /** The fake's clock for rate-limit windows. */
  now?: () => Date;
}

interface RecordedRequest {
  /** Real time of arrival, ms since the epoch. */
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  /** The status the fake answered with, once it has. */
  status?: number;
}

/** A canned response: a string body is sent as is, anything else as JSON; `delayMs` holds it back. */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
}

export interface RunningFakeMastodon {
  /** `http://127.0.0.1:PORT`: the instance entry a campaign lists. */
  baseUrl: string;
  /** `127.0.0.1:PORT`: the key of its access token and of its checkpoint. */
  host: string;
  requests: RecordedRequest[];
  /** Answers the next `n` requests with `response` instead of serving them. */
  failNext(n: number, response: FakeResponse): void;
  /** Called on every request; a response it returns is sent instead of serving the request. */
  setHandler(handler: ((req: RecordedRequest) => FakeResponse | undefined) | undefined): void;
  /** Adds (or replaces, by id) statuses, as posts arriving on the instance. */
  add(statuses: readonly MastodonStatus[]): void;
  close(): Promise<void>;
}

/** A fake instance serving `statuses`; `start()` listens on a random port. */
export function createFakeMastodon(statuses: readonly MastodonStatus[], options: FakeMastodonOptions = {}): { start(): Promise<RunningFakeMastodon> } {
  return { start: () => startFake(statuses, options) };
}

/** A Mastodon snowflake id: milliseconds shifted left 16 bits, plus 16 bits of sequence. */
export function mastodonId(ms: number, seq = 0): string {
  return ((BigInt(Math.floor(ms)) << 16n) | BigInt(seq & 0xffff)).toString();
}

/** rack-attack's Reset: ISO 8601 with microseconds. */
function rateLimitReset(at: Date): string {
  return at.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** A 429 exactly as Mastodon's rack-attack responder sends it. */
export function rateLimited(resetAt: Date, limit = 300): FakeResponse {
  return {
    status: 429,
    headers: { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': rateLimitReset(resetAt) },
    body: { error: 'Too many requests' },
  };
}

/** A 503 from the reverse proxy in front of a Mastodon that is down: HTML, not JSON. */
export function unavailable(): FakeResponse {
  return { status: 503, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>' };
}

const TIMELINE = '/api/v1/timelines/tag/';
/** The parameters Mastodon carries over into its Link URLs (TagController#pagination_params). */
const CARRIED = ['limit', 'local', 'only_media'];

async function startFake(seed: readonly MastodonStatus[], options: FakeMastodonOptions): Promise<RunningFakeMastodon> {
  const now = options.now ?? (() => new Date());
  const limit = options.rateLimit ?? { limit: 300, windowSeconds: 300 };
  const tokens = new Set(options.tokens ?? []);
  const byId = new Map<string, MastodonStatus>();
  let newestFirst: MastodonStatus[] = [];
  const add = (more: readonly MastodonStatus[]): void => {
    for (const s of more) byId.set(s.id, s);
    newestFirst = [...byId.values()].sort((a, b) => compareStatusIds(b.id, a.id));
  };
  add(seed);

  const requests: RecordedRequest[] = [];
  const faults: FakeResponse[] = [];
  let handler: ((req: RecordedRequest) => FakeResponse | undefined) | undefined;
  const window = { count: 0, resetMs: 0 };
  let origin = '';

  const timeline = (rawTag: string, q: Record<string, string>): FakeResponse => {
    const tag = rawTag.toLowerCase();
    // Rails: params[:limit].to_i.abs, capped at twice the default.
    const n = q.limit === undefined ? 20 : Math.min(Math.abs(Number.parseInt(q.limit, 10) || 0), 40);
    const { max_id: maxId, since_id: sinceId, min_id: minId } = q;
    const tagged = newestFirst.filter((s) => s.reblog == null && s.visibility === 'public' && (s.tags ?? []).some((t) => t.name.toLowerCase() === tag));
    const below = (s: MastodonStatus): boolean => maxId === undefined || compareStatusIds(s.id, maxId) < 0;
    let page: MastodonStatus[];
    if (minId !== undefined) {
      // paginate_by_min_id: the `limit` statuses immediately newer than min_id, returned newest first.
      page = tagged
        .filter((s) => compareStatusIds(s.id, minId) > 0 && below(s))
        .reverse()
        .slice(0, n)
        .reverse();
    } else {
      page = tagged.filter((s) => below(s) && (sinceId === undefined || compareStatusIds(s.id, sinceId) > 0)).slice(0, n);
    }
    const headers: Record<string, string> = {};
    const first = page[0];
    const last = page[page.length - 1];
    if (first && last) {
      const link = (cursor: Record<string, string>): string => {
        const params = { ...Object.fromEntries(CARRIED.filter((k) => q[k] !== undefined).map((k) => [k, q[k] ?? ''])), ...cursor };
        const query = Object.keys(params)
          .sort()
          .map((k) => `${k}=${encodeURIComponent(params[k as keyof typeof params] ?? '')}`)
          .join('&');
        return `${origin}${TIMELINE}${encodeURIComponent(rawTag)}?${query}`;
      };
      headers.link = `<${link({ max_id: last.id })}>; rel="next", <${link({ min_id: first.id })}>; rel="prev"`;
    }
    return { status: 200, headers, body: page };
  };

  const serve = (rec: RecordedRequest): FakeResponse => {
    // rack-attack throttles before the request reaches a controller.
    const nowMs = now().getTime();
    const periodMs = limit.windowSeconds * 1000;
    if (nowMs >= window.resetMs) Object.assign(window, { count: 0, resetMs: nowMs + (periodMs - (nowMs % periodMs)) });
    window.count += 1;
    if (window.count > limit.limit) return rateLimited(new Date(window.resetMs), limit.limit);
    const rateHeaders = {
      'x-ratelimit-limit': String(limit.limit),
      'x-ratelimit-remaining': String(limit.limit - window.count),
      'x-ratelimit-reset': rateLimitReset(new Date(window.resetMs)),
    };

    const bearer = /^Bearer (.+)$/.exec(rec.authorization ?? '')?.[1];
    if (bearer !== undefined && !tokens.has(bearer)) return { status: 401, headers: rateHeaders, body: { error: 'The access token is invalid' } };
    if (options.requireToken && bearer === undefined) return { status: 401, headers: rateHeaders, body: { error: 'This API requires an authenticated user' } };
    if (rec.method !== 'GET' || !rec.path.startsWith(TIMELINE) || rec.path.length === TIMELINE.length) {
      return { status: 404, headers: rateHeaders, body: { error: 'Record not found' } };
    }
    const response = timeline(decodeURIComponent(rec.path.slice(TIMELINE.length)), rec.query);
    return { ...response, headers: { ...rateHeaders, ...response.headers } };
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rec: RecordedRequest = {
      at: Date.now(),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
    };
    requests.push(rec);
    let response: FakeResponse;
    try {
      response = handler?.(rec) ?? faults.shift() ?? serve(rec);
    } catch (err) {
      response = { status: 500, body: { error: String(err) } };
    }
    const body = typeof response.body === 'string' ? response.body : response.body === undefined ? '' : JSON.stringify(response.body);
    const send = (): void => {
      if (res.destroyed) return;
      rec.status = response.status;
      res.writeHead(response.status, { 'content-type': 'application/json; charset=utf-8', ...response.headers });
      res.end(body);
    };
    if (response.delayMs) setTimeout(send, response.delayMs).unref();
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: origin,
    host: `127.0.0.1:${port}`,
    requests,
    failNext: (n, response) => {
      for (let i = 0; i < n; i += 1) faults.push(response);
    },
    setHandler: (h) => {
      handler = h;
    },
    add,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
