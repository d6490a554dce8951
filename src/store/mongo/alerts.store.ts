import { DELIVERY_OUTCOMES, type Alert, type AlertEvent, type Delivery, type DeliveryOutcome } from '../../domain/alerts.js';
import type { AlertStore, RecordResult } from '../alert-store.port.js';
import { num, str } from './doc-read.js';
import { COLLECTIONS as C, type Doc, type MongoDb } from './mongo-db.port.js';

/**
 * Alert rules, events and deliveries on MongoDB (or mingo in tests). Each document keeps the
 * record as JSON (`doc`), as the SQLite rows do, beside the fields queries filter and sort on.
 *
 * Without a multi-document transaction, an event is recorded in two steps: a conditional update of
 * the rule claims it (no event in the cooldown: `lastFiredAt` old enough) and writes the event
 * with its deliveries INTO the rule (`firing`); then the deliveries and the event are inserted
 * (ids are fixed, so a repeat inserts nothing) and `firing` is cleared. A process that dies in
 * between leaves `firing` set, and the next unfinishedDeliveries() (the reconciler's read)
 * finishes it: the event is never lost and never doubled.
 *
 * The limit of rules per campaign is a count kept beside them (`alert_counts`, `_id` the campaign)
 * and taken by one conditional update (`count < max`) before the insert. Two creations racing
 * both write that one document, so on a replica set one transaction conflicts and runs again,
 * seeing the other's rule. Without transactions (a standalone server) the update alone still never
 * lets the count pass the limit; a crash between it and the insert costs a place, never adds one.
 */

const json = (v: unknown) => JSON.stringify(v);
const parse = <T>(d: Doc, field = 'doc'): T => JSON.parse(str(d, field)) as T;

const alertDoc = (a: Alert): Doc => ({ campaignId: a.campaignId, kind: a.kind, enabled: a.enabled, createdAtTime: new Date(a.createdAt), doc: json(a) });

const isDuplicateKey = (err: unknown) => typeof err === 'object' && err !== null && 'code' in err && err.code === 11000;

interface Firing {
  event: AlertEvent;
  deliveries: Delivery[];
}

export function createMongoAlerts(db: MongoDb): AlertStore {
  /** Inserts once: a document already there (a repeat after a crash) is left as it is. */
  const insertOnce = async (collection: (typeof C)[keyof typeof C], document: Doc) => {
    try {
      await db.bulkWrite(collection, [{ insertOne: { document } }]);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  };

  async function finish(alertId: string, firingJson: string): Promise<void> {
    const { event, deliveries } = JSON.parse(firingJson) as Firing;
    for (const d of deliveries) {
      await insertOnce(C.alertDeliveries, {
        _id: d.id,
        eventId: d.eventId,
        campaignId: d.campaignId,
        outcome: d.outcome,
        createdAtTime: new Date(d.createdAt),
        doc: json(d),
      });
    }
    await insertOnce(C.alertEvents, {
      _id: event.id,
      alertId: event.alertId,
      campaignId: event.campaignId,
      key: event.key,
      atTime: new Date(event.at),
      doc: json(event),
    });
    await db.bulkWrite(C.alerts, [{ updateOne: { filter: { _id: alertId, firing: firingJson }, update: [{ $set: { firing: null } }] } }]);
  }

  return {
    createAlert: (a, max) =>
      db.withTransaction(async (tx) => {
        const campaignId = a.campaignId;
        // A campaign whose rules were made before the count was kept gets it from them, once.
        if ((await tx.findOne(C.alertCounts, { _id: campaignId })) === null) {
          const n = await tx.countDocuments(C.alerts, { campaignId });
          await tx.bulkWrite(C.alertCounts, [
            { updateOne: { filter: { _id: campaignId }, update: [{ $set: { count: { $ifNull: ['$count', n] } } }], upsert: true } },
          ]);
        }
        const place = await tx.bulkWrite(C.alertCounts, [
          { updateOne: { filter: { _id: campaignId, count: { $lt: max } }, update: [{ $set: { count: { $add: ['$count', 1] } } }] } },
        ]);
        if (place.matchedCount === 0) return false;
        await tx.bulkWrite(C.alerts, [{ insertOne: { document: { _id: a.id, ...alertDoc(a), lastFiredAtTime: null, firing: null } } }]);
        return true;
      }),
    async updateAlert(a) {
      const set = Object.fromEntries(Object.entries(alertDoc(a)).map(([k, v]) => [k, { $literal: v }]));
      const r = await db.bulkWrite(C.alerts, [{ updateOne: { filter: { _id: a.id, campaignId: a.campaignId }, update: [{ $set: set }] } }]);
      return r.matchedCount > 0;
    },
    deleteAlert: (campaignId, alertId) =>
      db.withTransaction(async (tx) => {
        // The rule first, then its place: without a transaction a crash between leaves the count high, never low.
        if ((await tx.deleteMany(C.alerts, { _id: alertId, campaignId })) === 0) return false;
        await tx.bulkWrite(C.alertCounts, [
          { updateOne: { filter: { _id: campaignId, count: { $gt: 0 } }, update: [{ $set: { count: { $add: ['$count', -1] } } }] } },
        ]);
        return true;
      }),
    async getAlert(campaignId, alertId) {
      const d = await db.findOne(C.alerts, { _id: alertId, campaignId });
      return d === null ? null : parse<Alert>(d);
    },
    listAlerts: async (campaignId) => (await db.find(C.alerts, { campaignId }, { sort: { createdAtTime: 1, _id: 1 } })).map((d) => parse<Alert>(d)),
    enabledAlerts: async (kinds) =>
      (await db.find(C.alerts, { enabled: true, kind: { $in: [...kinds] } }, { sort: { createdAtTime: 1, _id: 1 } })).map((d) => parse<Alert>(d)),

    async recordEvent(e, deliveries, cooldownMinutes): Promise<RecordResult> {
      if ((await db.findOne(C.alertEvents, { $or: [{ _id: e.id }, { alertId: e.alertId, key: e.key }] })) !== null)
        return { recorded: false, reason: 'duplicate' };
      const at = new Date(e.at);
      const firing = json({ event: e, deliveries } satisfies Firing);
      const claim = await db.bulkWrite(C.alerts, [
        {
          updateOne: {
            filter: {
              _id: e.alertId,
              enabled: true,
              firing: null,
              $or: [{ lastFiredAtTime: null }, { lastFiredAtTime: { $lte: new Date(at.getTime() - cooldownMinutes * 60_000) } }],
            },
            update: [{ $set: { lastFiredAtTime: { $literal: at }, firing: { $literal: firing } } }],
          },
        },
      ]);
      if (claim.matchedCount === 0) {
        const alert = await db.findOne(C.alerts, { _id: e.alertId });
        if (alert === null || alert.enabled !== true) return { recorded: false, reason: 'gone' };
        // Another process is finishing this very event, or the rule fired within its cooldown.
        if (typeof alert.firing === 'string' && (JSON.parse(alert.firing) as Firing).event.key === e.key) return { recorded: false, reason: 'duplicate' };
        return { recorded: false, reason: 'cooldown' };
      }
      await finish(e.alertId, firing);
      return { recorded: true };
    },
    async getEvent(id) {
      const d = await db.findOne(C.alertEvents, { _id: id });
      return d === null ? null : parse<AlertEvent>(d);
    },
    async getDelivery(id) {
      const d = await db.findOne(C.alertDeliveries, { _id: id });
      return d === null ? null : parse<Delivery>(d);
    },
    async updateDelivery(d) {
      await db.bulkWrite(C.alertDeliveries, [
        { updateOne: { filter: { _id: d.id }, update: [{ $set: { outcome: { $literal: d.outcome }, doc: { $literal: json(d) } } }] } },
      ]);
    },
    async unfinishedDeliveries(limit) {
      // Events a dead process claimed but did not finish writing come first (see above).
      for (const a of await db.find(C.alerts, { firing: { $type: 'string' } })) await finish(str(a, '_id'), str(a, 'firing'));
      const docs = await db.find(
        C.alertDeliveries,
        { outcome: { $in: ['pending', 'retrying'] } },
        { sort: { createdAtTime: 1, _id: 1 }, limit: Math.floor(limit) },
      );
      return docs.map((d) => parse<Delivery>(d));
    },
    async listDeliveries(campaignId, limit) {
      if (limit < 1) return [];
      const docs = await db.find(C.alertDeliveries, { campaignId }, { sort: { createdAtTime: -1, _id: -1 }, limit: Math.floor(limit) });
      const deliveries = docs.map((d) => parse<Delivery>(d));
      const events = await db.find(C.alertEvents, { _id: { $in: [...new Set(deliveries.map((d) => d.eventId))] } });
      const byId = new Map(events.map((d) => [str(d, '_id'), parse<AlertEvent>(d)]));
      return deliveries.flatMap((delivery) => {
        const event = byId.get(delivery.eventId);
        return event ? [{ delivery, event }] : [];
      });
    },
    async deliveryCounts() {
      const out = Object.fromEntries(DELIVERY_OUTCOMES.map((o) => [o, 0])) as Record<DeliveryOutcome, number>;
      for (const g of await db.aggregate(C.alertDeliveries, [{ $group: { _id: '$outcome', n: { $sum: 1 } } }])) {
        const outcome = str(g, '_id') as DeliveryOutcome;
        if (outcome in out) out[outcome] = num(g, 'n');
      }
      return out;
    },
  };
}
