import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../../src/process/serve.js';

/**
 * The drain of src/process/serve.ts, made deterministic with a route that answers only when
 * the test says so: a request in flight when the shutdown begins completes, marked
 * `Connection: close`; a request pipelined behind it meanwhile is not run (HTTP/1.1: a client
 * retries what a closed connection left unanswered); the port refuses new connections; close
 * resolves once the last response is out.
 */
describe('listen().close drains', () => {
  let release: () => void = () => undefined;
  let fastRuns = 0;
  afterEach(() => release());

  let slowArrived: Promise<void> = Promise.resolve();

  function app() {
    const gate = new Promise<void>((resolve) => (release = resolve));
    let arrived: () => void = () => undefined;
    slowArrived = new Promise<void>((resolve) => (arrived = resolve));
    const a = express();
    a.get('/slow', async (_req, res) => {
      arrived();
      await gate;
      res.json({ slow: true });
    });
    a.get('/fast', (_req, res) => {
      fastRuns += 1;
      res.json({ fast: true });
    });
    return a;
  }

  it('completes the request in flight, runs nothing that arrives after, and refuses new connections', async () => {
    const http = await listen(app(), 0, '127.0.0.1');
    const port = Number(new URL(http.url).port);
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write('GET /slow HTTP/1.1\r\nHost: test\r\n\r\n');
    await slowArrived;

    let closed = false;
    const closing = http.close().then(() => (closed = true));
    // The connection is busy, so it stays open: a request on it now arrives during the drain.
    const fastArrived = new Promise<void>((resolve) => http.server.on('request', (req: IncomingMessage) => req.url === '/fast' && resolve()));
    socket.write('GET /fast HTTP/1.1\r\nHost: test\r\n\r\n');
    await fastArrived;
    const refused = await new Promise<string>((resolve) => {
      const c = net.connect(port, '127.0.0.1');
      c.once('connect', () => resolve('connected'));
      c.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });
    expect(refused).toBe('ECONNREFUSED');
    expect(closed).toBe(false);

    release();
    await ended;
    await closing;
    const responses = received.split(/(?=HTTP\/1\.1 )/);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatch(/^HTTP\/1\.1 200 /);
    expect(responses[0]).toMatch(/\r\nConnection: close\r\n/i);
    expect(responses[0]).toContain('{"slow":true}');
    expect(fastRuns).toBe(0);
  });
});
