import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/alerts.js';
import { BullmqQueue } from '../../src/queue/bullmq/bullmq.queue.js';
import type { JobQueue } from '../../src/queue/jobs.js';
import { createAlertsService } from '../../src/services/alerts.service.js';
import { createAuditService } from '../../src/services/audit.service.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { Store } from '../../src/store/store.port.js';
import { makeCampaign } from '../helpers/campaigns.js';
import { freePort, spawnNode, waitForHttp, within, type NodeChild } from '../helpers/processes.js';
import { REDIS_URL, silentLog, uniquePrefix, waitFor } from '../helpers/queues.js';

/**
 * Exactly once, as far as the receiver can tell (issue 17): the process sending webhooks is killed
 * (SIGKILL) while a receiver that is slow to answer holds requests open, and restarted. The
 * receiver then counts what it got: every event's delivery id arrives, no event arrives under two
 * ids, and the request cut off by the kill comes again with its id.
 */

const EVENTS = 12;
const TOKEN = 'alert-fault-token-0123456789';

interface Arrival {
  id: string;
  /** The event, as the body names it (its summary carries the marker the test gave it). */
  marker: string;
}

/** Records each request as it arrives, answers it 300 ms later. */
async function slowReceiver(): Promise<{ url: string; got: Arrival[]; inFlight(): number; close(): Promise<void> }> {
  const got: Arrival[] = [];
  let open = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { event: { summary: { lastError: string } } };
      got.push({ id: String(req.headers['x-kabar-delivery']), marker: body.event.summary.lastError });
      open += 1;
      setTimeout(() => {
        open -= 1;
        res.statusCode = 200;
        res.end('ok');
      }, 300);
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    inFlight: () => open,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A campaign with one webhook rule per event (cooldown 0), in the store under `dataDir`. */
async function seed(store: Store, url: string): Promise<Alert[]> {
  const campaign = makeCampaign({ id: 'c-fault', name: 'Kampanye Gangguan' });
  await store.createCampaign(campaign);
  const alerts: Alert[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const at = new Date().toISOString();
    const alert = {
      id: `rule-${i}`,
      campaignId: campaign.id,
      kind: 'source_failing',
      params: { source: 'x', runs: 1 },
      channels: [{ type: 'webhook', url, secret: 'fault-secret-0123456789' }],
      locale: 'id',
      cooldownMinutes: 0,
      enabled: true,
      createdAt: at,
      updatedAt: at,
    } as Alert;
    await store.alerts.createAlert(alert, 100);
    alerts.push(alert);
  }
  return alerts;
}

async function raiseAll(store: Store, queue: Pick<JobQueue, 'add'>, alerts: Alert[]): Promise<string[]> {
  const service = createAlertsService({
    alerts: store.alerts,
    audit: createAuditService({ accounts: store.accounts, now: () => new Date() }),
    queue,
    now: () => new Date(),
    targets: { allowPrivateTargets: true },
    emailEnabled: false,
    origin: 'http://127.0.0.1',
    log: silentLog,
  });
  const campaign = (await store.getCampaign('c-fault'))!;
  const ids: string[] = [];
  for (const [i, alert] of alerts.entries()) {
    const r = await service.raise(alert, campaign, `k${i}`, { kind: 'source_failing', source: 'x', runs: 1, lastError: `event-${i}` });
    expect(r.recorded).toBe(true);
    ids.push(...(await store.alerts.listDeliveries('c-fault', 100)).filter((d) => d.delivery.alertId === alert.id).map((d) => d.delivery.id));
  }
  return ids;
}

/** What the receiver must have seen once everything is delivered. */
async function checkArrivals(store: Store, got: Arrival[], expectedIds: string[], cutOff: string[]): Promise<void> {
  const delivered = await store.alerts.listDeliveries('c-fault', 100);
  expect(delivered.map((d) => d.delivery.outcome)).toEqual(expectedIds.map(() => 'delivered'));
  // Every event's delivery id arrived…
  expect(new Set(got.map((g) => g.id))).toEqual(new Set(expectedIds));
  // …no event arrived under two ids…
  const idsPerEvent = new Map<string, Set<string>>();
  for (const g of got) idsPerEvent.set(g.marker, (idsPerEvent.get(g.marker) ?? new Set()).add(g.id));
  expect(idsPerEvent.size).toBe(EVENTS);
  for (const [marker, ids] of idsPerEvent) expect(ids.size, marker).toBe(1);
  // …and what the kill cut off came again, under the same id.
  expect(cutOff.length).toBeGreaterThan(0);
  for (const id of cutOff) expect(got.filter((g) => g.id === id).length, id).toBeGreaterThanOrEqual(2);
}

/** Kills `proc` once the receiver holds a request open after `after` arrivals; resolves to the ids it held. */
async function killMidSend(proc: NodeChild, receiver: Awaited<ReturnType<typeof slowReceiver>>, after: number): Promise<string[]> {
  await within(
    180_000,
    `${after} webhook arrivals`,
    waitFor(() => receiver.got.length >= after && receiver.inFlight() > 0, 180_000, 'a request held open'),
  );
  const held = receiver.got.slice(receiver.got.length - receiver.inFlight()).map((g) => g.id);
  proc.child.kill('SIGKILL');
  await within(30_000, 'the killed process to exit', proc.exited);
  return held;
}

describe('alert webhooks survive a killed sender', () => {
  it('BullMQ worker: killed mid-send and restarted, each event arrives under one delivery id', { timeout: 420_000 }, async () => {
    const receiver = await slowReceiver();
    cleanups.push(() => receiver.close());
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kk-alert-fault-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const prefix = uniquePrefix('alert-fault');
    const store = createSqliteStore({ file: path.join(dataDir, 'campaigns.sqlite') });
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new BullmqQueue(redis, prefix);
    cleanups.push(async () => {
      await queue.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await store.close();
    });
    const alerts = await seed(store, receiver.url);
    const expectedIds = await raiseAll(store, queue, alerts);

    const env = {
      DATA_DIR: dataDir,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      ADMIN_TOKEN: TOKEN,
      LOG_LEVEL: 'warn',
      ALLOW_PRIVATE_TARGETS: 'true',
      DELIVERY_RETRY_BASE_MS: '200',
      // The killed worker's jobs come back once their lock lapses and the stalled-job check sees
      // it: within about 10 to 15 s with a 5 s lock, instead of up to 90 s with BullMQ's 30 s.
      JOB_LOCK_MS: '5000',
    };
    const first = spawnNode('workers/worker.ts', env);
    cleanups.push(() => void first.child.kill('SIGKILL'));
    const cutOff = await killMidSend(first, receiver, 3);

    // The restarted worker takes the killed one's jobs back once their lock lapses (BullMQ's stalled-job check).
    const second = spawnNode('workers/worker.ts', env);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    await within(
      180_000,
      'every delivery to be delivered',
      waitFor(async () => (await store.alerts.unfinishedDeliveries(100)).length === 0, 180_000, 'no unfinished delivery'),
    );
    await checkArrivals(store, receiver.got, expectedIds, cutOff);
  });

  it('embedded service (npm start): killed mid-send and restarted, the reconciler resends the same ids', { timeout: 420_000 }, async () => {
    const receiver = await slowReceiver();
    cleanups.push(() => receiver.close());
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kk-alert-fault-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const store = createSqliteStore({ file: path.join(dataDir, 'campaigns.sqlite') });
    cleanups.push(() => store.close());
    const alerts = await seed(store, receiver.url);
    // Recorded, and the queue that was to send them is gone (this process has none running): the
    // deliveries wait in the store, pending, for the service's reconciler.
    const expectedIds = await raiseAll(store, { add: async (_n, _p, o) => ({ jobId: o?.jobId ?? '', duplicate: false }) }, alerts);

    const port = await freePort();
    const env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      ADMIN_TOKEN: TOKEN,
      LOG_LEVEL: 'warn',
      DEMO: 'false',
      ALLOW_PRIVATE_TARGETS: 'true',
      DELIVERY_RETRY_BASE_MS: '200',
    };
    const first = spawnNode('src/main.ts', env);
    cleanups.push(() => void first.child.kill('SIGKILL'));
    const cutOff = await killMidSend(first, receiver, 3);

    const second = spawnNode('src/main.ts', env);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, second, 180_000);
    await within(
      120_000,
      'every delivery to be delivered',
      waitFor(async () => (await store.alerts.unfinishedDeliveries(100)).length === 0, 120_000, 'no unfinished delivery'),
    );
    await checkArrivals(store, receiver.got, expectedIds, cutOff);
  });
});
