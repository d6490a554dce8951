import { compareStatusIds } from '../../src/sources/mastodon/mastodon.ids.js';
import type { MastodonStatus } from '../../src/sources/mastodon/mastodon.types.js';
import { requestWindow, startFakePlatform, type FakeResponse, type RunningFakePlatform } from './fake-platform.js';

export type { FakeResponse } from './fake-platform.js';

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
  /** Serve over https with the tests' certificate (TEST_TLS), which a client must be told to trust. */
  tls?: boolean;
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

export interface RunningFakeMastodon extends RunningFakePlatform<RecordedRequest> {
  /** `http://127.0.0.1:PORT` (`https://` with `tls`): the instance entry a campaign lists. */
  baseUrl: string;
  /** `127.0.0.1:PORT`: the key of its access token and of its checkpoint. */
  host: string;
  /** Adds (or replaces, by id) statuses, as posts arriving on the instance. */
  add(statuses: readonly MastodonStatus[]): void;
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

  // rack-attack counts in periods aligned on their length.
  const window = requestWindow(limit, now, { aligned: true });

  const timeline = (rawTag: string, q: Record<string, string>, origin: string): FakeResponse => {
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

  const serve = (rec: RecordedRequest, origin: string): FakeResponse => {
    // rack-attack throttles before the request reaches a controller.
    const used = window.take();
    if (used.limited) return rateLimited(new Date(used.resetMs), limit.limit);
    const rateHeaders = {
      'x-ratelimit-limit': String(limit.limit),
      'x-ratelimit-remaining': String(used.remaining),
      'x-ratelimit-reset': rateLimitReset(new Date(used.resetMs)),
    };

    const bearer = /^Bearer (.+)$/.exec(rec.authorization ?? '')?.[1];
    if (bearer !== undefined && !tokens.has(bearer)) return { status: 401, headers: rateHeaders, body: { error: 'The access token is invalid' } };
    if (options.requireToken && bearer === undefined) return { status: 401, headers: rateHeaders, body: { error: 'This API requires an authenticated user' } };
    // An instance may live under a base path (`https://host/social/api/v1/…`): whatever comes before the API is the base.
    const at = rec.path.indexOf(TIMELINE);
    if (rec.method !== 'GET' || at < 0 || rec.path.length === at + TIMELINE.length) {
      return { status: 404, headers: rateHeaders, body: { error: 'Record not found' } };
    }
    const response = timeline(decodeURIComponent(rec.path.slice(at + TIMELINE.length)), rec.query, `${origin}${rec.path.slice(0, at)}`);
    return { ...response, headers: { ...rateHeaders, ...response.headers } };
  };

  const fake = await startFakePlatform<RecordedRequest>(
    {
      record: (call) => ({
        at: call.at,
        method: call.method,
        path: call.url.pathname,
        query: Object.fromEntries(call.url.searchParams),
        authorization: call.authorization,
      }),
      serve,
      crash: (err) => ({ status: 500, body: { error: String(err) } }),
      sent: (rec, status) => {
        rec.status = status;
      },
    },
    { tls: options.tls },
  );
  return { ...fake, baseUrl: fake.origin, add };
}
