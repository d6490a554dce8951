import type { Database, Statement } from 'better-sqlite3';
import { DELIVERY_OUTCOMES, type Alert, type AlertEvent, type Delivery, type DeliveryOutcome } from '../../domain/alerts.js';
import { cooldownOver } from '../../domain/alert-rules.js';
import type { AlertStore, RecordResult } from '../alert-store.port.js';
import type { WriteGuard } from './accounts.sql.js';
import { asRow, num, str } from './row-read.js';
import { iso } from './rows.js';

// Each row keeps its document as written by this module from typed values (migration 10); the
// columns beside it are what SQL looks up, filters and sorts on.
const parse = <T>(row: unknown, column = 'doc'): T => JSON.parse(str(asRow(row), column)) as T;

const alertParams = (a: Alert) => ({
  id: a.id,
  campaignId: a.campaignId,
  kind: a.kind,
  enabled: a.enabled ? 1 : 0,
  createdAt: iso(a.createdAt),
  doc: JSON.stringify(a),
});

/** Alert rules, events and deliveries (AlertStore) on SQLite: an event and its deliveries in one transaction. */
export function createAlertStore(db: Database, guard: WriteGuard): AlertStore {
  const stmt = {
    countAlerts: db.prepare('SELECT COUNT(*) AS n FROM alerts WHERE campaign_id = ?'),
    insertAlert: db.prepare(
      'INSERT INTO alerts (id, campaign_id, kind, enabled, created_at, doc) VALUES (@id, @campaignId, @kind, @enabled, @createdAt, @doc)',
    ),
    updateAlert: db.prepare('UPDATE alerts SET kind = @kind, enabled = @enabled, doc = @doc WHERE id = @id AND campaign_id = @campaignId'),
    deleteAlert: db.prepare('DELETE FROM alerts WHERE id = ? AND campaign_id = ?'),
    getAlert: db.prepare('SELECT doc FROM alerts WHERE id = ? AND campaign_id = ?'),
    getAlertById: db.prepare('SELECT doc, enabled FROM alerts WHERE id = ?'),
    listAlerts: db.prepare('SELECT doc FROM alerts WHERE campaign_id = ? ORDER BY created_at, id'),
    enabledAlerts: db.prepare('SELECT doc FROM alerts WHERE enabled = 1 AND kind IN (SELECT value FROM json_each(?)) ORDER BY created_at, id'),

    eventByKey: db.prepare('SELECT id FROM alert_events WHERE alert_id = ? AND key = ?'),
    lastEventAt: db.prepare('SELECT MAX(at) AS at FROM alert_events WHERE alert_id = ?'),
    insertEvent: db.prepare('INSERT INTO alert_events (id, alert_id, campaign_id, key, at, doc) VALUES (?, ?, ?, ?, ?, ?)'),
    getEvent: db.prepare('SELECT doc FROM alert_events WHERE id = ?'),

    insertDelivery: db.prepare('INSERT INTO alert_deliveries (id, event_id, campaign_id, outcome, created_at, doc) VALUES (?, ?, ?, ?, ?, ?)'),
    updateDelivery: db.prepare('UPDATE alert_deliveries SET outcome = ?, doc = ? WHERE id = ?'),
    getDelivery: db.prepare('SELECT doc FROM alert_deliveries WHERE id = ?'),
    unfinished: db.prepare("SELECT doc FROM alert_deliveries WHERE outcome IN ('pending', 'retrying') ORDER BY created_at, id LIMIT ?"),
    listDeliveries: db.prepare(`SELECT d.doc AS doc, e.doc AS event FROM alert_deliveries AS d JOIN alert_events AS e ON e.id = d.event_id
      WHERE d.campaign_id = ? ORDER BY d.created_at DESC, d.id DESC LIMIT ?`),
    counts: db.prepare('SELECT outcome, COUNT(*) AS n FROM alert_deliveries GROUP BY outcome'),
  };

  // Count and insert in one transaction, IMMEDIATE (below) so that a second process creating at
  // the same moment waits for this one's rule before it counts.
  const createAlert = db.transaction((a: Alert, max: number): boolean => {
    if (num(asRow(stmt.countAlerts.get(a.campaignId)), 'n') >= max) return false;
    stmt.insertAlert.run(alertParams(a));
    return true;
  });

  // IMMEDIATE: the write lock is taken before the checks read, so two processes recording for
  // one rule see each other's event (the cooldown holds across processes).
  const record = db.transaction((e: AlertEvent, deliveries: Delivery[], cooldownMinutes: number): RecordResult => {
    const alert: unknown = stmt.getAlertById.get(e.alertId);
    if (alert === undefined || num(asRow(alert), 'enabled') !== 1) return { recorded: false, reason: 'gone' };
    if (stmt.eventByKey.get(e.alertId, e.key) !== undefined) return { recorded: false, reason: 'duplicate' };
    const last = asRow(stmt.lastEventAt.get(e.alertId)).at;
    if (!cooldownOver(typeof last === 'string' ? last : null, e.at, cooldownMinutes)) return { recorded: false, reason: 'cooldown' };
    stmt.insertEvent.run(e.id, e.alertId, e.campaignId, e.key, iso(e.at), JSON.stringify(e));
    for (const d of deliveries) stmt.insertDelivery.run(d.id, d.eventId, d.campaignId, d.outcome, iso(d.createdAt), JSON.stringify(d));
    return { recorded: true };
  });

  const run = guard((s: Statement, ...params: unknown[]): number => s.run(...params).changes);
  const one = <T>(s: Statement, ...params: unknown[]): T | null => {
    const row: unknown = s.get(...params);
    return row === undefined ? null : parse<T>(row);
  };
  const all = <T>(s: Statement, ...params: unknown[]): T[] => s.all(...params).map((row) => parse<T>(row));

  return {
    createAlert: async (a, max) => guard(createAlert.immediate)(a, max),
    updateAlert: async (a) => run(stmt.updateAlert, alertParams(a)) > 0,
    deleteAlert: async (campaignId, alertId) => run(stmt.deleteAlert, alertId, campaignId) > 0,
    getAlert: async (campaignId, alertId) => one<Alert>(stmt.getAlert, alertId, campaignId),
    listAlerts: async (campaignId) => all<Alert>(stmt.listAlerts, campaignId),
    enabledAlerts: async (kinds) => all<Alert>(stmt.enabledAlerts, JSON.stringify(kinds)),

    recordEvent: async (e, deliveries, cooldownMinutes) => guard(record.immediate)(e, deliveries, cooldownMinutes),
    getEvent: async (id) => one<AlertEvent>(stmt.getEvent, id),
    getDelivery: async (id) => one<Delivery>(stmt.getDelivery, id),
    async updateDelivery(d) {
      run(stmt.updateDelivery, d.outcome, JSON.stringify(d), d.id);
    },
    unfinishedDeliveries: async (limit) => all<Delivery>(stmt.unfinished, Math.floor(limit)),
    listDeliveries: async (campaignId, limit) =>
      stmt.listDeliveries.all(campaignId, Math.floor(limit)).map((row) => ({ delivery: parse<Delivery>(row), event: parse<AlertEvent>(row, 'event') })),
    async deliveryCounts() {
      const out = Object.fromEntries(DELIVERY_OUTCOMES.map((o) => [o, 0])) as Record<DeliveryOutcome, number>;
      for (const raw of stmt.counts.all()) {
        const row = asRow(raw);
        const outcome = str(row, 'outcome') as DeliveryOutcome;
        if (outcome in out) out[outcome] = num(row, 'n');
      }
      return out;
    },
  };
}
