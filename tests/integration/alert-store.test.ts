import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import type { BulkOp, CollectionName } from '../../src/store/mongo/mongo-db.port.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import { createMingoDb } from '../helpers/mingo-db.js';
import { alertOf, alertStoreContract, eventOf } from './alert-store.contract.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kk-alerts-'));
let n = 0;
const tempFile = () => path.join(dir, `store-${process.pid}-${n++}.sqlite`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

alertStoreContract('sqlite :memory:', async () => createSqliteStore({ file: ':memory:' }));
alertStoreContract('sqlite file (WAL)', async () => createSqliteStore({ file: tempFile() }));
alertStoreContract('mongo over mingo', async () => createMongoStore(createMingoDb()));

describe('the limit of rules on Mongo', () => {
  it('counts the rules of a campaign made before the count was kept, once', async () => {
    const db = createMingoDb();
    const store = createMongoStore(db);
    for (let i = 0; i < 3; i++) expect(await store.alerts.createAlert(alertOf(`a${i}`, 'c1'), 20)).toBe(true);
    // As a database written before the count: the rules without it.
    expect(await db.deleteMany('alert_counts', {})).toBe(1);
    expect(await store.alerts.createAlert(alertOf('a3', 'c1'), 3)).toBe(false);
    expect(await store.alerts.createAlert(alertOf('a3', 'c1'), 4)).toBe(true);
    expect(await store.alerts.createAlert(alertOf('a4', 'c1'), 4)).toBe(false);
    expect(db.collections.get('alert_counts')).toEqual([{ _id: 'c1', count: 4 }]);
  });
});

describe('alert events across connections and crashes', () => {
  it('SQLite: the cooldown holds between two connections to one database (two processes)', async () => {
    const file = tempFile();
    const one = createSqliteStore({ file });
    const two = createSqliteStore({ file });
    try {
      const a = alertOf('a1', 'c1', { cooldownMinutes: 60 });
      await one.alerts.createAlert(a, 20);
      const e1 = eventOf(a, 'k1', 10);
      const e2 = eventOf(a, 'k2', 11);
      const results = await Promise.all([one.alerts.recordEvent(e1.event, e1.deliveries, 60), two.alerts.recordEvent(e2.event, e2.deliveries, 60)]);
      expect(results.filter((r) => r.recorded)).toHaveLength(1);
      expect(await two.alerts.unfinishedDeliveries(10)).toHaveLength(2);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('Mongo: an event claimed by a process that died before writing it is finished by the next read of unfinished deliveries', async () => {
    const db = createMingoDb();
    let failEvents = true;
    // The process "dies" when it writes the event: the claim and the deliveries are written, the event is not.
    const dying = {
      ...db,
      async bulkWrite(collection: CollectionName, ops: BulkOp[]) {
        if (collection === 'alert_events' && failEvents) throw new Error('killed');
        return db.bulkWrite(collection, ops);
      },
    };
    const store = createMongoStore(dying);
    const a = alertOf('a1', 'c1', { cooldownMinutes: 60 });
    await store.alerts.createAlert(a, 20);
    const e = eventOf(a, 'k1', 10);
    await expect(store.alerts.recordEvent(e.event, e.deliveries, 60)).rejects.toThrow('killed');
    failEvents = false;
    // Another process raising the same key sees it as in progress, not as a second event.
    const again = eventOf(a, 'k1', 11);
    expect(await store.alerts.recordEvent(again.event, again.deliveries, 0)).toEqual({ recorded: false, reason: 'duplicate' });
    expect((await store.alerts.unfinishedDeliveries(10)).map((d) => d.id)).toEqual(e.deliveries.map((d) => d.id));
    expect(await store.alerts.getEvent(e.event.id)).toEqual(e.event);
    // Finished once: the cooldown still holds, and the claim is gone.
    const other = eventOf(a, 'k2', 20);
    expect(await store.alerts.recordEvent(other.event, other.deliveries, 60)).toEqual({ recorded: false, reason: 'cooldown' });
    expect(db.collections.get('alerts')?.[0]?.firing).toBeNull();
  });
});
