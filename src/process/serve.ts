import http, { type Server, type ServerResponse } from 'node:http';
import type { Express } from 'express';

/** How long requests in flight get to finish after a shutdown began, before their sockets are cut. */
const DRAIN_GRACE_MS = 10_000;

const REFUSED = JSON.stringify({ error: { code: 'shutting_down', message: 'The server is shutting down; retry in a moment.', details: [] } });

/**
 * Listens. The returned close drains: the port stops accepting connections, requests already in
 * flight complete (their sockets close after the response), a request that arrives on a kept-alive
 * socket meanwhile gets a clean 503 with `Connection: close`, and close resolves when every
 * socket is gone (at the latest after DRAIN_GRACE_MS).
 */
export async function listen(app: Express, port: number, host: string): Promise<{ server: Server; url: string; close(): Promise<void> }> {
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        draining = true;
        // Responses not started yet go out with `Connection: close`.
        for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
        const grace = setTimeout(() => server.closeAllConnections(), DRAIN_GRACE_MS);
        grace.unref();
        server.close((err) => {
          clearTimeout(grace);
          if (err) reject(err);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
