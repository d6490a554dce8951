/**
 * One HTTP exchange with a platform over fetch, for the clients that speak to it directly
 * (Mastodon, Bluesky): the request with its time limit, and the whole body read. Every such
 * request goes through here, so this is where a check of the outbound address (on the request and
 * on each redirect) and a cap on the response size belong when they come.
 */

/** An answer with its whole body. */
export interface FetchedResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** No answer: what kk_platform_requests_total records, and why, for the retry's log and error. */
export interface NoAnswer {
  status: 'timeout' | 'network';
  reason: string;
}

export interface FetchOptions {
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Per request, body included. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Sends one request; throws only when `signal` aborts, or on an error that is not the network's. */
export async function fetchOnce(url: URL | string, opts: FetchOptions): Promise<FetchedResponse | NoAnswer> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  try {
    const res = await fetch(url, {
      method: opts.method ?? 'GET',
      headers: opts.headers,
      body: opts.body ?? null,
      signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  } catch (err) {
    opts.signal?.throwIfAborted();
    if (timeout.aborted) return { status: 'timeout', reason: `no answer within ${opts.timeoutMs / 1000} s` };
    // fetch reports every network failure (refused, reset, DNS, a body cut short) as a TypeError.
    if (err instanceof TypeError) return { status: 'network', reason: `network error: ${describe(err)}` };
    throw err;
  }
}

export function isNoAnswer(r: FetchedResponse | NoAnswer): r is NoAnswer {
  return typeof r.status === 'string';
}

function describe(err: Error): string {
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}

/** The start of a body that is not what we expected, for an error message. */
export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 80)}…` : flat);
}
