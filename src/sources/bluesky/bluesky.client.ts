import type { Logger } from 'pino';
import { SourceAuthError } from '../source.port.js';
import { parseProfiles, parseSearchPosts, parseSession } from './bluesky.response.js';
import type { ProfileViewDetailed, SearchPostsOutput, SearchPostsParams, SessionOutput } from './bluesky.types.js';
import { createXrpcSender, XrpcError, type XrpcSend } from './bluesky.xrpc.js';

export interface BlueskyClientOptions {
  handle: string;
  appPassword: string;
  /** The XRPC root every request goes to, such as `https://bsky.social/xrpc/`. */
  baseUrl: string;
  logger?: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** For the backoff jitter; tests may pin it. */
  random?: () => number;
  /** Per request, including reading the body; 30 s by default. */
  timeoutMs?: number;
}

/** The Bluesky reads this service makes, signed in, with retries and rate-limit waits built in. */
export interface BlueskyClient {
  /** One page of `app.bsky.feed.searchPosts`. */
  searchPosts(params: SearchPostsParams, signal?: AbortSignal): Promise<SearchPostsOutput>;
  /** `app.bsky.actor.getProfiles` for 1 to 25 dids or handles; unknown actors are left out. */
  getProfiles(actors: readonly string[], signal?: AbortSignal): Promise<ProfileViewDetailed[]>;
}

const BLUESKY_DEFAULT_TIMEOUT_MS = 30_000;
/** The lexicon's `maxLength` of `actors`. */
export const BLUESKY_PROFILES_PER_REQUEST = 25;
/** A session renewal per call is normal; three in a row means the server refuses us. */
const MAX_RENEWALS = 2;

const CREATE_SESSION = 'com.atproto.server.createSession';
const REFRESH_SESSION = 'com.atproto.server.refreshSession';
/** The errors createSession gives for a wrong identifier or password, or a password that is not an app password. */
const BAD_CREDENTIALS = new Set(['AuthenticationRequired', 'AuthFactorTokenRequired', 'InvalidRequest']);

/**
 * Builds the client. It signs in with the app password on first use and keeps the session for
 * later runs (sign-ins are limited to 30 per 5 minutes): an expired access token is refreshed
 * with the refresh token, and a refused refresh falls back to a new sign-in.
 */
export function createBlueskyClient(opts: BlueskyClientOptions): BlueskyClient {
  const log = opts.logger?.child({ module: 'bluesky.client' });
  const send: XrpcSend = createXrpcSender({
    baseUrl: opts.baseUrl,
    timeoutMs: opts.timeoutMs ?? BLUESKY_DEFAULT_TIMEOUT_MS,
    logger: log,
    now: opts.now ?? (() => new Date()),
    sleep: opts.sleep,
    random: opts.random,
  });
  const checkSettings = 'check BLUESKY_HANDLE and BLUESKY_APP_PASSWORD';
  let session: SessionOutput | undefined;
  let inFlight: Promise<SessionOutput> | undefined;

  async function signIn(signal: AbortSignal | undefined): Promise<SessionOutput> {
    try {
      const body = await send({ method: 'POST', nsid: CREATE_SESSION, body: { identifier: opts.handle, password: opts.appPassword } }, signal);
      const created = parseSession(body, `POST ${CREATE_SESSION}`);
      log?.info({ handle: created.handle }, 'signed in to Bluesky');
      return created;
    } catch (err) {
      if (!(err instanceof XrpcError) || err.status >= 500) throw err;
      if (BAD_CREDENTIALS.has(err.error)) throw new SourceAuthError('bluesky', `Bluesky refused the sign-in for ${opts.handle}: ${checkSettings}`);
      // A taken-down or deactivated account also needs a person.
      throw new SourceAuthError('bluesky', `Bluesky refused the sign-in for ${opts.handle} (${err.error}: ${err.detail}): ${checkSettings}`);
    }
  }

  async function refresh(stale: SessionOutput, signal: AbortSignal | undefined): Promise<SessionOutput> {
    try {
      const body = await send({ method: 'POST', nsid: REFRESH_SESSION, token: stale.refreshJwt }, signal);
      return parseSession(body, `POST ${REFRESH_SESSION}`);
    } catch (err) {
      if (!(err instanceof XrpcError) || err.status >= 500) throw err;
      // The refresh token expired (after about two months) or was revoked: sign in again.
      log?.info({ error: err.error }, 'Bluesky refused the session refresh; signing in again');
      return signIn(signal);
    }
  }

  /** The current session; with `stale`, one newer than it (refreshed, or signed in afresh with `fresh`). */
  async function acquire(signal: AbortSignal | undefined, stale?: SessionOutput, fresh = false): Promise<SessionOutput> {
    if (session !== undefined && session !== stale) return session;
    // Calls that find the token expired at the same time share one renewal.
    inFlight ??= (stale !== undefined && !fresh ? refresh(stale, signal) : signIn(signal)).finally(() => {
      inFlight = undefined;
    });
    session = await inFlight;
    return session;
  }

  async function get(nsid: string, params: URLSearchParams, signal: AbortSignal | undefined): Promise<unknown> {
    let current = await acquire(signal);
    for (let renewals = 0; ; renewals += 1) {
      try {
        return await send({ method: 'GET', nsid, params, token: current.accessJwt }, signal);
      } catch (err) {
        if (!(err instanceof XrpcError)) throw err;
        const expired = err.error === 'ExpiredToken' && (err.status === 400 || err.status === 401);
        const refused = err.status === 401 || err.error === 'InvalidToken';
        if (renewals < MAX_RENEWALS && (expired || refused)) {
          log?.info(
            { nsid, error: err.error },
            expired ? 'Bluesky access token expired; refreshing the session' : 'Bluesky refused the session; signing in again',
          );
          current = await acquire(signal, current, !expired);
          continue;
        }
        if (err.status === 401 || err.status === 403) {
          throw new SourceAuthError(
            'bluesky',
            `Bluesky refused GET ${nsid} for ${opts.handle} (HTTP ${err.status} ${err.error}: ${err.detail}): ${checkSettings}`,
          );
        }
        throw err;
      }
    }
  }

  return {
    searchPosts: async (params, signal) => {
      const what = 'GET app.bsky.feed.searchPosts';
      return parseSearchPosts(await get('app.bsky.feed.searchPosts', searchParams(params), signal), what);
    },
    getProfiles: async (actors, signal) => {
      if (actors.length === 0 || actors.length > BLUESKY_PROFILES_PER_REQUEST) {
        throw new RangeError(`Bluesky reads 1 to ${BLUESKY_PROFILES_PER_REQUEST} profiles at a time, not ${actors.length}`);
      }
      const params = new URLSearchParams();
      for (const actor of actors) params.append('actors', actor);
      return parseProfiles(await get('app.bsky.actor.getProfiles', params, signal), 'GET app.bsky.actor.getProfiles').profiles;
    },
  };
}

/** Array parameters repeat the name (`tag=a&tag=b`), as XRPC encodes them. */
function searchParams(p: SearchPostsParams): URLSearchParams {
  const params = new URLSearchParams({ q: p.q });
  for (const tag of p.tag ?? []) params.append('tag', tag);
  if (p.sort !== undefined) params.set('sort', p.sort);
  if (p.since !== undefined) params.set('since', p.since);
  if (p.until !== undefined) params.set('until', p.until);
  if (p.limit !== undefined) params.set('limit', String(p.limit));
  if (p.cursor !== undefined) params.set('cursor', p.cursor);
  return params;
}
