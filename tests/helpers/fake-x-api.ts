import { compareIds, snowflakeTime } from '../../src/sources/x/x.ids.js';
import type { XInlineError, XPlace, XSearchResponse, XTweet, XUser } from '../../src/sources/x/x.types.js';
import { parseFieldRequest, shapeTweets, type FieldRequest } from './fake-x-api.fields.js';
import { parseQuery, QueryError } from './fake-x-api.query.js';
import { requestWindow, startFakePlatform, type FakeResponse, type RunningFakePlatform } from './fake-platform.js';

export type { FakeResponse } from './fake-platform.js';

/**
 * A local fake of the X API v2 (recent search and tweet lookup) on 127.0.0.1, for tests that
 * drive the real twitter-api-v2 client. It checks the bearer token, validates parameters and
 * shapes responses as X does, enforces a rate-limit window, records every request, and lets a
 * test inject faults. Seed it with snowflake ids: X derives times and windows from them.
 */

export interface FakeXSeed {
  tweets?: readonly XTweet[];
  users?: readonly XUser[];
  places?: readonly XPlace[];
}

export interface FakeXOptions {
  /** The token to accept; `test-token` by default. */
  bearerToken?: string;
  /** The fake's clock (the 7-day window, the 30 s default end, rate-limit resets). */
  now?: () => Date;
  maxQueryLength?: number;
  /** Requests per window before a 429; X's app limit for recent search by default. */
  rateLimit?: { limit: number; windowSeconds: number };
}

interface RecordedRequest {
  /** Real time of arrival, ms since the epoch. */
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
}

export interface RunningFakeXApi extends RunningFakePlatform<RecordedRequest> {
  /** Like `http://127.0.0.1:PORT/2/`. */
  baseUrl: string;
  bearerToken: string;
  /** Adds (or replaces) tweets, users and places, as new posts arriving on X. */
  add(seed: FakeXSeed): void;
}

/** A fake X API over the seeded data; `start()` listens on a random port. */
export function createFakeXApi(seed: FakeXSeed, options: FakeXOptions = {}): { start(): Promise<RunningFakeXApi> } {
  return { start: () => startFake(seed, options) };
}

/** An X problem body, as X sends for 4xx and 5xx. */
export function problem(status: number, title: string, detail = title, type = 'about:blank'): FakeResponse {
  return { status, body: { title, detail, type, status } };
}

/** A 429 exactly as X sends it when the window is used up. */
export function rateLimited(resetAt: Date, limit = 450): FakeResponse {
  return {
    ...problem(429, 'Too Many Requests'),
    headers: { 'x-rate-limit-limit': String(limit), 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(resetAt.getTime() / 1000)) },
  };
}

const DAY_MS = 86_400_000;
const SEARCH_PARAMS = ['query', 'start_time', 'end_time', 'since_id', 'until_id', 'max_results', 'next_token', 'pagination_token', 'sort_order'];
const FIELD_PARAMS = ['expansions', 'tweet.fields', 'user.fields', 'place.fields', 'media.fields', 'poll.fields'];
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

async function startFake(seed: FakeXSeed, options: FakeXOptions): Promise<RunningFakeXApi> {
  const token = options.bearerToken ?? 'test-token';
  const now = options.now ?? (() => new Date());
  const limit = options.rateLimit ?? { limit: 450, windowSeconds: 900 };
  const tweets = new Map<string, XTweet>();
  const users = new Map<string, XUser>();
  const places = new Map<string, XPlace>();
  let newestFirst: XTweet[] = [];
  const add = (more: FakeXSeed): void => {
    for (const t of more.tweets ?? []) tweets.set(t.id, t);
    for (const u of more.users ?? []) users.set(u.id, u);
    for (const p of more.places ?? []) places.set(p.id, p);
    newestFirst = [...tweets.values()].sort((a, b) => compareIds(b.id, a.id));
  };
  add(seed);

  const pageTokens = new Map<string, string>();
  const window = requestWindow(limit, now);

  const invalid = (message: string, parameter: string, value: string): FakeResponse => ({
    status: 400,
    body: {
      errors: [{ parameters: { [parameter]: [value] }, message }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    },
  });

  const search = (q: Record<string, string>, fields: FieldRequest): FakeResponse => {
    if (!q.query) return invalid('The `query` query parameter can not be empty', 'query', '');
    const maxLength = options.maxQueryLength ?? 512;
    if (q.query.length > maxLength) return invalid(`The \`query\` query parameter value is too long: ${q.query.length} > ${maxLength}`, 'query', q.query);
    const max = q.max_results === undefined ? 10 : Number(q.max_results);
    if (!Number.isInteger(max) || max < 10 || max > 100) {
      return invalid(`The \`max_results\` query parameter value [${q.max_results}] is not between 10 and 100`, 'max_results', q.max_results ?? '');
    }
    for (const key of ['since_id', 'until_id'] as const) {
      const id = q[key];
      if (id !== undefined && !/^[0-9]{1,19}$/.test(id)) return invalid(`The \`${key}\` query parameter value [${id}] does not match ^[0-9]{1,19}$`, key, id);
    }
    for (const key of ['start_time', 'end_time'] as const) {
      const value = q[key];
      if (value !== undefined && (!INSTANT.test(value) || Number.isNaN(Date.parse(value)))) {
        return invalid(`Invalid '${key}':'${value}'. '${key}' must be a valid RFC3339 date-time`, key, value);
      }
    }
    const nowMs = now().getTime();
    const horizon = nowMs - 7 * DAY_MS;
    const startMs = q.start_time === undefined ? horizon : Date.parse(q.start_time);
    const endMs = q.end_time === undefined ? nowMs - 30_000 : Date.parse(q.end_time);
    if (startMs < horizon) {
      return invalid(
        `Invalid 'start_time':'${q.start_time}'. 'start_time' must be on or after ${new Date(horizon).toISOString()}`,
        'start_time',
        q.start_time ?? '',
      );
    }
    if (q.end_time !== undefined && endMs > nowMs - 10_000) {
      return invalid(`Invalid 'end_time':'${q.end_time}'. 'end_time' must be a minimum of 10 seconds prior to the request time.`, 'end_time', q.end_time);
    }
    if (startMs >= endMs) return invalid(`Invalid 'start_time':'${q.start_time}'. 'start_time' must be before 'end_time'`, 'start_time', q.start_time ?? '');
    const pageToken = q.next_token ?? q.pagination_token;
    const cursor = pageToken === undefined ? undefined : pageTokens.get(pageToken);
    if (pageToken !== undefined && cursor === undefined) {
      return invalid(`The \`next_token\` query parameter value [${pageToken}] is not valid`, 'next_token', pageToken);
    }
    let matches: (t: XTweet) => boolean;
    try {
      matches = parseQuery(q.query);
    } catch (err) {
      if (err instanceof QueryError) return invalid(err.message, 'query', q.query);
      throw err;
    }

    const hits = newestFirst.filter((t) => {
      const created = t.created_at === undefined ? snowflakeTime(t.id).getTime() : Date.parse(t.created_at);
      if (created < startMs || created >= endMs) return false;
      if (q.since_id !== undefined && compareIds(t.id, q.since_id) <= 0) return false;
      if (q.until_id !== undefined && compareIds(t.id, q.until_id) >= 0) return false;
      if (cursor !== undefined && compareIds(t.id, cursor) >= 0) return false;
      return matches(t);
    });
    const page = hits.slice(0, max);
    if (page.length === 0) return { status: 200, body: { meta: { result_count: 0 } } };
    const body: XSearchResponse = shapeTweets(page, fields, { users, places, tweets });
    const oldest = page[page.length - 1]?.id ?? '';
    body.meta = { newest_id: page[0]?.id, oldest_id: oldest, result_count: page.length };
    if (hits.length > max) {
      const next = `b26v89c19zqg8o3f${(pageTokens.size + 1).toString(36).padStart(6, '0')}`;
      pageTokens.set(next, oldest);
      body.meta.next_token = next;
    }
    return { status: 200, body };
  };

  const lookup = (q: Record<string, string>, fields: FieldRequest): FakeResponse => {
    const ids = (q.ids ?? '').split(',').filter((id) => id !== '');
    if (ids.length < 1 || ids.length > 100) {
      return invalid(`The number of values in the \`ids\` query parameter list [${ids.length}] is not between 1 and 100`, 'ids', q.ids ?? '');
    }
    const bad = ids.find((id) => !/^[0-9]{1,19}$/.test(id));
    if (bad !== undefined) return invalid(`The \`ids\` query parameter value [${bad}] does not match ^[0-9]{1,19}$`, 'ids', bad);
    const found = ids.flatMap((id) => tweets.get(id) ?? []);
    const errors: XInlineError[] = ids
      .filter((id) => !tweets.has(id))
      .map((id) => ({
        value: id,
        detail: `Could not find tweet with ids: [${id}].`,
        title: 'Not Found Error',
        resource_type: 'tweet',
        parameter: 'ids',
        resource_id: id,
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      }));
    const body: XSearchResponse = found.length > 0 ? shapeTweets(found, fields, { users, places, tweets }) : {};
    if (errors.length > 0) body.errors = errors;
    return { status: 200, body };
  };

  const serve = (rec: RecordedRequest): FakeResponse => {
    if (rec.authorization !== `Bearer ${token}`) return problem(401, 'Unauthorized');
    const routes: Record<string, { params: string[]; run: (q: Record<string, string>, f: FieldRequest) => FakeResponse }> = {
      '/2/tweets/search/recent': { params: [...SEARCH_PARAMS, ...FIELD_PARAMS], run: search },
      '/2/tweets': { params: ['ids', ...FIELD_PARAMS], run: lookup },
    };
    const route = rec.method === 'GET' ? routes[rec.path] : undefined;
    if (!route) return problem(404, 'Not Found Error', `Could not find ${rec.method} ${rec.path}`, 'https://api.twitter.com/2/problems/resource-not-found');

    const used = window.take();
    if (used.limited) return rateLimited(new Date(used.resetMs), limit.limit);
    const rateHeaders = {
      'x-rate-limit-limit': String(limit.limit),
      'x-rate-limit-remaining': String(used.remaining),
      'x-rate-limit-reset': String(used.resetMs / 1000),
    };

    const unknown = Object.keys(rec.query).find((k) => !route.params.includes(k));
    if (unknown !== undefined) {
      return {
        ...invalid(`The query parameter [${unknown}] is not one of [${route.params.join(',')}]`, unknown, rec.query[unknown] ?? ''),
        headers: rateHeaders,
      };
    }
    const fields = parseFieldRequest(rec.query);
    if (!('tweet' in fields)) return { ...invalid(fields.message, fields.parameter, fields.value), headers: rateHeaders };
    return { ...route.run(rec.query, fields), headers: rateHeaders };
  };

  const fake = await startFakePlatform<RecordedRequest>({
    record: (call) => ({
      at: call.at,
      method: call.method,
      path: call.url.pathname,
      query: Object.fromEntries(call.url.searchParams),
      authorization: call.authorization,
    }),
    serve,
    crash: (err) => problem(500, 'Internal Server Error', String(err)),
  });
  return { ...fake, baseUrl: `${fake.origin}/2/`, bearerToken: token, add };
}
