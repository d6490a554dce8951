import http, { type Server, type ServerResponse } from 'node:http';
import type { Express } from 'express';

/** What the entry points give load balancers to notice a shutdown (ListenOptions.refuseNewForMs). */
export const SHUTDOWN_REFUSE_MS = 1_000;

/** How long requests in flight get to finish after a shutdown began, before their sockets are cut. */
const DRAIN_GRACE_MS = 10_000;

const REFUSED = JSON.stringify({ error: { code: 'shutting_down', message: 'The server is shutting down; retry in a moment.', details: [] } });

export interface ListenOptions {
  /**
   * On close, how long the port stays open answering every new request with a 503
   * `shutting_down` (and `Retry-After`) before it stops accepting. A load balancer or client
   * that sees it goes elsewhere; closing the port at once instead resets the connections the
   * kernel had accepted but Node had not. 0 (the default) closes the port at once.
   */
  refuseNewForMs?: number;
}

/**
 * Listens. The returned close drains: requests already in flight complete (their sockets close
 * after the response), new requests get a clean 503 with `Connection: close` for
 * `refuseNewForMs`, then the port stops accepting connections, and close resolves when every
 * socket is gone (at the latest DRAIN_GRACE_MS later).
 */
export async function listen(
  app: Express,
  port: number,
  host: string,
  opts: ListenOptions = {},
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  let draining = false;
  const inFlight = new Set<ServerResponse>();
  const server = http.createServer((req, res) => {
    if (draining) {
      res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', connection: 'close', 'retry-after': '5' });
      res.end(REFUSED);
      return;
    }
    inFlight.add(res);
    res.on('close', () => {
      inFlight.delete(res);
      // The response is out: a socket with nothing left to answer may go.
      if (draining) server.closeIdleConnections();
    });
    app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    server,
    url: `http://${shownHost}:${actualPort}/`,
    close: async () => {
      draining = true;
      // Responses not started yet go out with `Connection: close`.
      for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
      server.closeIdleConnections();
      if (opts.refuseNewForMs) await new Promise((r) => setTimeout(r, opts.refuseNewForMs));
      await new Promise<void>((resolve, reject) => {
        const grace = setTimeout(() => server.closeAllConnections(), DRAIN_GRACE_MS);
        grace.unref();
        server.close((err) => {
          clearTimeout(grace);
          if (err) reject(err);
          else resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
