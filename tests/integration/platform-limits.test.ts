import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createXrpcSender } from '../../src/sources/bluesky/bluesky.xrpc.js';
import { MAX_RESPONSE_BYTES } from '../../src/sources/platform-fetch.js';
import { SourceRefusedError } from '../../src/sources/source.port.js';
import { createXClient } from '../../src/sources/x/x.client.js';
import { campaignOn, mastodonSource } from '../helpers/mastodon.fixtures.js';
import { MemoryStore } from '../helpers/x-source.fixtures.js';

// Every platform answer is capped in size (platform-fetch.ts): a server streaming 50 MB fails the
// run saying why, and the client stops reading near the cap, measured by what the server managed
// to hand to its socket (a client that read everything would take all 50 MB).

const HUGE = 50 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

interface Flood {
  url: string;
  /** Bytes the server's socket accepted before the client hung up (or all of them). */
  written: () => number;
  /** Resolves when the server stopped writing: the client hung up, or all 50 MB went. */
  done: Promise<void>;
  close(): Promise<void>;
}

const floods: Flood[] = [];
afterEach(async () => {
  await Promise.all(floods.splice(0).map((f) => f.close()));
});

/** A server answering every request with 200 and a 50 MB JSON-looking body, written as fast as the client reads it. */
async function startFlood(opts: { declareLength?: boolean } = {}): Promise<Flood> {
  let written = 0;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...(opts.declareLength ? { 'content-length': String(HUGE) } : {}) });
    res.on('close', finished);
    const pump = (): void => {
      while (written < HUGE && !res.destroyed) {
        written += CHUNK.byteLength;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const flood: Flood = {
    url: `http://127.0.0.1:${port}`,
    // What is still queued in user space never reached the socket.
    written: () => written,
    done,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  floods.push(flood);
  return flood;
}

/** Near the cap: what loopback socket buffers can hold besides, far below the 50 MB sent to a client that reads everything. */
const NEAR_CAP = MAX_RESPONSE_BYTES + 12 * 1024 * 1024;

describe('platform answers larger than the cap', () => {
  it('fail a Mastodon run saying the answer was too large, without retries, and stop reading near the cap', async () => {
    const flood = await startFlood();
    const error = await mastodonSource()
      .collect({ campaign: campaignOn([flood.url]), checkpoint: null }, new MemoryStore().onPage)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceRefusedError);
    expect((error as Error).message).toBe(`The answer from ${flood.url} was larger than 5 MB, so the service stopped reading it.`);
    await flood.done;
    expect(flood.written()).toBeLessThan(NEAR_CAP);
  });

  it('stop at once when the answer declares a length over the cap', async () => {
    const flood = await startFlood({ declareLength: true });
    const error = await mastodonSource()
      .collect({ campaign: campaignOn([flood.url]), checkpoint: null }, new MemoryStore().onPage)
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('was larger than 5 MB');
    await flood.done;
    expect(flood.written()).toBeLessThan(NEAR_CAP);
  });

  it('fail an X request the same way (twitter-api-v2 reads through a capped agent)', async () => {
    const flood = await startFlood();
    const client = createXClient({ bearerToken: 'test-token', baseUrl: `${flood.url}/2/`, sleep: async () => undefined });
    await expect(client.searchRecent({ query: '#SocMed4SocGood' })).rejects.toThrow(
      `The answer from ${flood.url} was larger than 5 MB, so the service stopped reading it.`,
    );
    await flood.done;
    expect(flood.written()).toBeLessThan(NEAR_CAP);
  });

  it('fail a Bluesky request the same way', async () => {
    const flood = await startFlood();
    const send = createXrpcSender({ baseUrl: `${flood.url}/xrpc/`, timeoutMs: 30_000, now: () => new Date(), sleep: async () => undefined });
    await expect(send({ method: 'GET', nsid: 'app.bsky.feed.searchPosts' })).rejects.toThrow('was larger than 5 MB');
    await flood.done;
    expect(flood.written()).toBeLessThan(NEAR_CAP);
  });
});
