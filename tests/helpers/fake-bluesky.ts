import { randomBytes } from 'node:crypto';
import type { PostView, ProfileViewDetailed } from '../../src/sources/bluesky/bluesky.types.js';
import { getProfiles, invalid, searchPosts, sortAtMs, type Params, type SearchState, type XrpcAnswer } from './fake-bluesky.search.js';
import { requestWindow, startFakePlatform, type FakeResponse, type IncomingCall, type RunningFakePlatform } from './fake-platform.js';

export type { FakeResponse } from './fake-platform.js';

/**
 * A local fake of a Bluesky PDS with its AppView behind it, on 127.0.0.1, for tests that drive the
 * real fetch-based client. It signs in with an app password and hands out JWT-shaped tokens,
 * refreshes sessions (rotating the refresh token), wants a valid access token on every other
 * call, serves searchPosts and getProfiles over seeded data (fake-bluesky.search.ts), counts
 * requests in a rate-limit window with Bluesky's RateLimit-* headers, records every request,
 * and lets a test inject faults or expire tokens.
 */

export interface FakeBlueskySeed {
  profiles?: readonly ProfileViewDetailed[];
  posts?: readonly PostView[];
}

export interface FakeBlueskyOptions {
  /** The account that may sign in; `kabar.bsky.social` / `app-pass-1234-abcd` by default. */
  account?: { handle: string; did: string; password: string };
  /** The fake's clock: posts indexed after it are not searchable yet. Real time by default. */
  now?: () => Date;
  /** Requests per window before a 429; Bluesky's 3000 per 5 minutes by default. */
  rateLimit?: { limit: number; windowSeconds: number };
  /** How deep cursors go, in results (palomar: 10,000). */
  maxDepth?: number;
}

export interface RecordedRequest {
  /** Real time of arrival, ms since the epoch. */
  at: number;
  method: string;
  /** The XRPC method id (`app.bsky.feed.searchPosts`), or the path when not under /xrpc/. */
  nsid: string;
  query: Params;
  authorization: string | undefined;
  body: unknown;
}

export interface RunningFakeBluesky extends RunningFakePlatform<RecordedRequest> {
  /** Like `http://127.0.0.1:PORT/xrpc/`. */
  baseUrl: string;
  account: { handle: string; did: string; password: string };
  /** Every access token handed out so far expires now: the next call with one gets 400 ExpiredToken. */
  expireAccessTokens(): void;
  /** Every refresh token handed out so far expires now. */
  expireRefreshTokens(): void;
  /** Every cursor handed out so far stops working. */
  expireCursors(): void;
  /** Adds (or replaces, by uri or did) posts and profiles, as new activity on Bluesky. */
  add(seed: FakeBlueskySeed): void;
}

/** A fake Bluesky over the seeded data; `start()` listens on a random port. */
export function createFakeBluesky(seed: FakeBlueskySeed, options: FakeBlueskyOptions = {}): { start(): Promise<RunningFakeBluesky> } {
  return { start: () => startFake(seed, options) };
}

/** An XRPC error body, as the PDS and the AppView send it. */
export function xrpcError(status: number, error: string, message = error): FakeResponse {
  return { status, body: { error, message } };
}

/** A 429 as Bluesky sends it when the window is used up; the reset is in epoch seconds. */
export function rateLimited(resetAt: Date, limit = 3000): FakeResponse {
  return {
    ...xrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded'),
    headers: {
      'ratelimit-limit': String(limit),
      'ratelimit-remaining': '0',
      'ratelimit-reset': String(Math.ceil(resetAt.getTime() / 1000)),
      'ratelimit-policy': `${limit};w=300`,
    },
  };
}

const DEFAULT_ACCOUNT = { handle: 'kabar.bsky.social', did: 'did:plc:kabarkampanye7test2yqz4m', password: 'app-pass-1234-abcd' };
const PROCEDURES = new Set(['com.atproto.server.createSession', 'com.atproto.server.refreshSession']);
const QUERIES = new Set(['app.bsky.feed.searchPosts', 'app.bsky.actor.getProfiles']);

interface Token {
  scope: 'com.atproto.access' | 'com.atproto.refresh';
  expired: boolean;
  revoked: boolean;
}

async function startFake(seed: FakeBlueskySeed, options: FakeBlueskyOptions): Promise<RunningFakeBluesky> {
  const account = options.account ?? DEFAULT_ACCOUNT;
  const now = options.now ?? (() => new Date());
  const limit = options.rateLimit ?? { limit: 3000, windowSeconds: 300 };
  const posts = new Map<string, PostView>();
  const profiles = new Map<string, ProfileViewDetailed>();
  let newestFirst: PostView[] = [];
  const add = (more: FakeBlueskySeed): void => {
    for (const p of more.posts ?? []) posts.set(p.uri, p);
    for (const p of more.profiles ?? []) profiles.set(p.did, p);
    newestFirst = [...posts.values()].sort((a, b) => sortAtMs(b) - sortAtMs(a) || (a.uri < b.uri ? 1 : -1));
  };
  add(seed);

  const tokens = new Map<string, Token>();
  const cursors = new Map<string, number>();
  const window = requestWindow(limit, now);

  const issue = (scope: Token['scope']): string => {
    const nowSec = Math.floor(now().getTime() / 1000);
    const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const lifetime = scope === 'com.atproto.access' ? 7_200 : 5_184_000;
    const jwt = `${part({ typ: scope === 'com.atproto.access' ? 'at+jwt' : 'refresh+jwt', alg: 'HS256' })}.${part({ scope, sub: account.did, aud: 'did:web:fake.pds', iat: nowSec, exp: nowSec + lifetime, jti: randomBytes(8).toString('hex') })}.${randomBytes(32).toString('base64url')}`;
    tokens.set(jwt, { scope, expired: false, revoked: false });
    return jwt;
  };
  const session = (): XrpcAnswer => ({
    status: 200,
    body: { accessJwt: issue('com.atproto.access'), refreshJwt: issue('com.atproto.refresh'), handle: account.handle, did: account.did, active: true },
  });
  const bearer = (rec: RecordedRequest): Token | undefined => {
    const m = /^Bearer (.+)$/.exec(rec.authorization ?? '');
    return m?.[1] === undefined ? undefined : tokens.get(m[1]);
  };

  const procedure = (rec: RecordedRequest): XrpcAnswer => {
    if (rec.nsid === 'com.atproto.server.createSession') {
      const body = typeof rec.body === 'object' && rec.body !== null ? (rec.body as Record<string, unknown>) : undefined;
      if (body === undefined) return invalid('Request encoding (Content-Type) required but not provided');
      for (const key of ['identifier', 'password']) if (typeof body[key] !== 'string') return invalid(`Input must have the property "${key}"`);
      const id = String(body.identifier).toLowerCase();
      if ((id !== account.handle.toLowerCase() && id !== account.did) || body.password !== account.password) {
        return { status: 401, body: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' } };
      }
      return session();
    }
    const token = bearer(rec);
    if (token === undefined) return invalid('Token could not be verified', 'InvalidToken');
    if (token.scope !== 'com.atproto.refresh') return invalid('Invalid token type', 'InvalidToken');
    if (token.revoked) return invalid('Token has been revoked', 'ExpiredToken');
    if (token.expired) return invalid('Token has expired', 'ExpiredToken');
    token.revoked = true;
    return session();
  };

  const query = (rec: RecordedRequest): XrpcAnswer => {
    const token = bearer(rec);
    if (token === undefined || token.revoked) return { status: 401, body: { error: 'AuthenticationRequired', message: 'Authentication Required' } };
    if (token.scope !== 'com.atproto.access') return invalid('Bad token scope', 'InvalidToken');
    if (token.expired) return invalid('Token has expired', 'ExpiredToken');
    const state: SearchState = { posts: newestFirst, profiles, cursors, maxDepth: options.maxDepth ?? 10_000, nowMs: now().getTime() };
    return rec.nsid === 'app.bsky.feed.searchPosts' ? searchPosts(rec.query, state) : getProfiles(rec.query, state);
  };

  const serve = (rec: RecordedRequest): FakeResponse => {
    const isProcedure = PROCEDURES.has(rec.nsid);
    if (!isProcedure && !QUERIES.has(rec.nsid)) return xrpcError(501, 'MethodNotImplemented', 'Method Not Implemented');
    const expected = isProcedure ? 'POST' : 'GET';
    if (rec.method !== expected) return xrpcError(400, 'InvalidRequest', `Incorrect HTTP method (${rec.method}) expected ${expected}`);
    const used = window.take();
    if (used.limited) return rateLimited(new Date(used.resetMs), limit.limit);
    const headers = {
      'ratelimit-limit': String(limit.limit),
      'ratelimit-remaining': String(used.remaining),
      'ratelimit-reset': String(used.resetMs / 1000),
      'ratelimit-policy': `${limit.limit};w=${limit.windowSeconds}`,
    };
    return { ...(isProcedure ? procedure(rec) : query(rec)), headers };
  };

  const fake = await startFakePlatform<RecordedRequest>({ record, serve, crash: (err) => xrpcError(500, 'InternalServerError', String(err)) });
  const expire = (scope: Token['scope']): void => {
    for (const t of tokens.values()) if (t.scope === scope) t.expired = true;
  };
  return {
    ...fake,
    baseUrl: `${fake.origin}/xrpc/`,
    account,
    expireAccessTokens: () => expire('com.atproto.access'),
    expireRefreshTokens: () => expire('com.atproto.refresh'),
    expireCursors: () => cursors.clear(),
    add,
  };
}

/** XRPC puts a method's id under /xrpc/; query parameters repeat (`tag=a&tag=b`); bodies are JSON. */
function record(call: IncomingCall): RecordedRequest {
  const query: Params = {};
  for (const [k, v] of call.url.searchParams) (query[k] ??= []).push(v);
  let body: unknown;
  try {
    body = call.body === '' ? undefined : (JSON.parse(call.body) as unknown);
  } catch {
    body = call.body;
  }
  const path = call.url.pathname;
  return {
    at: call.at,
    method: call.method,
    nsid: path.startsWith('/xrpc/') ? path.slice('/xrpc/'.length) : path,
    query,
    authorization: call.authorization,
    body,
  };
}
