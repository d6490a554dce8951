import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { Response } from 'undici';
import { createOutboundFetch, refusalOf, type OutboundFetch } from '../net/outbound-fetch.js';

/**
 * One HTTP exchange with a platform over fetch, for the clients that speak to it directly
 * (Mastodon, Bluesky): the request with its time limit, and the whole body read. Every such
 * request goes through here; a client whose server a user chose (Mastodon) passes the guarded
 * fetch (net/outbound-fetch.ts), which checks the address on the request and on each redirect.
 */

/** For servers the operator configured (Bluesky's base URL): any address, redirects followed and each one checked for http(s). */
const operatorFetch = createOutboundFetch({ allowPrivateTargets: true });

/**
 * The largest answer read from a platform. A page is at most a few hundred kB (100 X posts with
 * their users, 40 Mastodon statuses); past this the service stops reading, so a hostile or broken
 * server cannot fill the process's memory.
 */
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** The answer was larger than the cap: reading stopped there. Another try would get the same answer. */
export class ResponseTooLargeError extends Error {
  constructor(
    readonly origin: string,
    readonly limitBytes: number,
  ) {
    super(`The answer from ${origin} was larger than ${megabytes(limitBytes)}, so the service stopped reading it.`);
    this.name = 'ResponseTooLargeError';
  }
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

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
  /** The largest body read (MAX_RESPONSE_BYTES by default). */
  maxBytes?: number;
}

/**
 * Sends one request; throws only when `signal` aborts, when the address is refused
 * (OutboundRefusedError: another try would be refused too), when the answer is larger than the cap
 * (ResponseTooLargeError), or on an error that is not the network's. The time limit covers the body.
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
    const text = await readCapped(res, new URL(url).origin, opts.maxBytes ?? MAX_RESPONSE_BYTES);
    return { status: res.status, headers: res.headers as Headers, text };
  } catch (err) {
    opts.signal?.throwIfAborted();
    if (err instanceof ResponseTooLargeError) throw err;
    const refused = refusalOf(err);
    if (refused) throw refused;
    if (timeout.aborted) return { status: 'timeout', reason: `no answer within ${opts.timeoutMs / 1000} s` };
    // fetch reports every network failure (refused, reset, DNS, a body cut short) as a TypeError.
    if (err instanceof TypeError) return { status: 'network', reason: `network error: ${describe(err)}` };
    throw err;
  }
}

/** The body as text, reading no more than `maxBytes` (after decompression): past that the stream is cancelled. */
async function readCapped(res: Response, origin: string, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes || res.body === null) {
    await res.body?.cancel();
    if (declared > maxBytes) throw new ResponseTooLargeError(origin, maxBytes);
    return '';
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ResponseTooLargeError(origin, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * An agent for a client library that reads answers itself (twitter-api-v2): it counts the bytes
 * each request reads on its socket and destroys the socket with a ResponseTooLargeError past
 * `maxBytes`, which the library reports as the request's error.
 */
export function cappedAgent(protocol: 'http:' | 'https:', origin: string, maxBytes: number = MAX_RESPONSE_BYTES): http.Agent {
  const Base = protocol === 'http:' ? http.Agent : https.Agent;
  const read = new WeakMap<Duplex, number>();
  const agent = new (class extends Base {
    override createConnection(...args: Parameters<http.Agent['createConnection']>): Duplex {
      const socket = super.createConnection(...args) as Duplex;
      socket.on('data', (chunk: Buffer) => {
        const total = (read.get(socket) ?? 0) + chunk.byteLength;
        read.set(socket, total);
        if (total > maxBytes) socket.destroy(new ResponseTooLargeError(origin, maxBytes));
      });
      return socket;
    }
  })({ keepAlive: true });
  // A kept-alive socket starts counting again for its next request.
  agent.on('free', (socket: Duplex) => read.set(socket, 0));
  return agent;
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
