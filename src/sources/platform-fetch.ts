import { createOutboundFetch, refusalOf, type OutboundFetch } from '../net/outbound-fetch.js';

/**
 * One HTTP exchange with a platform over fetch, for the clients that speak to it directly
 * (Mastodon, Bluesky): the request with its time limit, and the whole body read. Every such
 * request goes through here; a client whose server a user chose (Mastodon) passes the guarded
 * fetch (net/outbound-fetch.ts), which checks the address on the request and on each redirect.
 */

/** For servers the operator configured (Bluesky's base URL): any address, redirects followed and each one checked for http(s). */
const operatorFetch = createOutboundFetch({ allowPrivateTargets: true });

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
  /** How to send: the guarded fetch for an address a user chose. Default: any address (the operator's own settings). */
  fetch?: OutboundFetch;
}

/**
 * Sends one request; throws only when `signal` aborts, when the address is refused
 * (OutboundRefusedError: another try would be refused too), or on an error that is not the network's.
 */
export async function fetchOnce(url: URL | string, opts: FetchOptions): Promise<FetchedResponse | NoAnswer> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const send = opts.fetch ?? operatorFetch;
  try {
    const res = await send(url, {
      method: opts.method ?? 'GET',
      headers: opts.headers,
      body: opts.body ?? null,
      signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
    });
    return { status: res.status, headers: res.headers as Headers, text: await res.text() };
  } catch (err) {
    opts.signal?.throwIfAborted();
    const refused = refusalOf(err);
    if (refused) throw refused;
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
