import { lookup as systemLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent, fetch, type Dispatcher, type Response } from 'undici';
import { refusedAddress, refusedTarget } from './outbound-address.js';

/**
 * The fetch for every request to an address a user chose (Mastodon instances, webhooks). Unless
 * ALLOW_PRIVATE_TARGETS is on, it refuses a URL whose literal host is not public, checks every
 * address a host name resolves to at connect time (the connection uses exactly the addresses that
 * were checked, so a DNS answer that changes between a check and the connect cannot slip through),
 * and follows redirects itself so that every hop is checked the same way.
 */

/** What a resolver returns for a host name: every address, IPv4 and IPv6. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface OutboundOptions {
  /** ALLOW_PRIVATE_TARGETS: contact any address (fakes on 127.0.0.1 in tests, an instance on the operator's own network). */
  allowPrivateTargets: boolean;
  /** How host names are resolved; tests inject one. Default: the system resolver (dns.lookup, as Node connects). */
  resolve?: Resolver;
  /** Redirects followed per request, each checked like the first URL. Default 5. */
  maxRedirects?: number;
  /**
   * Tests only: builds the connection pool from the guarded pool's options, in place of an undici
   * Agent: undici's MockAgent takes the same options, so it can answer for a public-looking host
   * while every other request connects through the same address check.
   */
  dispatcher?: (options: Agent.Options) => Dispatcher;
}

/** The parts of OutboundOptions that tests inject into a whole service (app.ts). */
export type OutboundTestHooks = Pick<OutboundOptions, 'resolve' | 'dispatcher'>;

export interface OutboundRequest {
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string | null;
  signal?: AbortSignal;
}

/** Sends one request (following redirects, each checked); the response's body is the caller's to read. */
export type OutboundFetch = (url: URL | string, init: OutboundRequest) => Promise<Response>;

/** The request went, or would have gone, to an address this service does not contact. Never worth a retry. */
export class OutboundRefusedError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`The request to ${url} was refused. ${reason}`);
    this.name = 'OutboundRefusedError';
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function createOutboundFetch(opts: OutboundOptions): OutboundFetch {
  const maxRedirects = opts.maxRedirects ?? 5;
  const options: Agent.Options = opts.allowPrivateTargets ? {} : { connect: { lookup: guardedLookup(opts.resolve ?? systemResolve) } };
  const dispatcher = opts.dispatcher ? opts.dispatcher(options) : opts.allowPrivateTargets ? undefined : new Agent(options);
  return async (url, init) => {
    const method = init.method ?? 'GET';
    let current = new URL(url);
    const headers = { ...init.headers };
    for (let hop = 0; ; hop += 1) {
      const problem = refusedTarget(current, opts.allowPrivateTargets);
      if (problem !== null) throw new OutboundRefusedError(current.origin, problem);
      const res = await fetch(current, { method, headers, body: init.body ?? null, signal: init.signal, redirect: 'manual', dispatcher });
      const location = res.headers.get('location');
      // Only a read follows redirects: a POST (a webhook delivery) reports the 3xx as its answer.
      if (!REDIRECTS.has(res.status) || location === null || method !== 'GET') return res;
      await res.body?.cancel();
      if (hop >= maxRedirects) throw new Error(`The request to ${new URL(url).origin} was redirected more than ${maxRedirects} times.`);
      const next = new URL(location, current);
      // A credential is for the server it was configured for, never for where that server points.
      if (next.origin !== current.origin) for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
      current = next;
    }
  };
}

/** The refusal behind a failed fetch (fetch wraps connect errors in a TypeError's cause), if that is why it failed. */
export function refusalOf(err: unknown): OutboundRefusedError | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) if (e instanceof OutboundRefusedError) return e;
  return undefined;
}

function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  return new Promise((resolve, reject) => {
    systemLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
  });
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The `lookup` of every connection: resolves the name, refuses it when ANY of its addresses is not
 * public (a name with one private address could be made to connect to it), and hands Node only
 * the addresses it checked.
 */
function guardedLookup(resolve: Resolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname)
      .then((all) => {
        if (all.length === 0) throw Object.assign(new Error(`The host name ${hostname} has no address.`), { code: 'ENOTFOUND' });
        for (const { address } of all) {
          const problem = refusedAddress(address);
          if (problem !== null) throw new OutboundRefusedError(hostname, `${hostname} resolves to ${address}. ${problem}`);
        }
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = family === 0 ? all : all.filter((a) => a.family === family);
        const first = usable[0];
        if (first === undefined) throw Object.assign(new Error(`The host name ${hostname} has no IPv${family} address.`), { code: 'ENOTFOUND' });
        if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      })
      .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), ''));
  };
}
