import type { Alert, AlertEvent, Delivery, DeliveryOutcome } from '../domain/alerts.js';

/** Why an event was not recorded. */
export type RecordRefusal = 'duplicate' | 'cooldown' | 'gone';

export type RecordResult = { recorded: true } | { recorded: false; reason: RecordRefusal };

/**
 * Alert rules, the events they raised and the deliveries of those events (API.md, alerts and
 * digests). Both adapters pass tests/integration/alert-store.contract.ts.
 */
export interface AlertStore {
  /**
   * Stores a new rule unless its campaign already has `max` rules; false when it has. Atomic:
   * creations racing never leave more than `max` (one transaction on SQLite; on MongoDB a
   * conditional update of the campaign's count of rules, in the same transaction as the insert).
   */
  createAlert(alert: Alert, max: number): Promise<boolean>;
  /** Replaces the rule with the same id and campaign; false when there is none. */
  updateAlert(alert: Alert): Promise<boolean>;
  /** Deletes a rule (its events and deliveries stay, for the record); false when there was none. */
  deleteAlert(campaignId: string, alertId: string): Promise<boolean>;
  getAlert(campaignId: string, alertId: string): Promise<Alert | null>;
  /** Oldest first. */
  listAlerts(campaignId: string): Promise<Alert[]>;
  /** Every enabled rule of these kinds, of every campaign (the scheduler's digests). */
  enabledAlerts(kinds: readonly Alert['kind'][]): Promise<Alert[]>;

  /**
   * Records an event with its deliveries, all or nothing, before anything is sent: refused as a
   * `duplicate` when the rule already has an event with this key, as `cooldown` when the rule's
   * last event is younger than its cooldown (both checked in the same write, so they hold across
   * processes), as `gone` when the rule no longer exists or is disabled.
   */
  recordEvent(event: AlertEvent, deliveries: Delivery[], cooldownMinutes: number): Promise<RecordResult>;
  getEvent(id: string): Promise<AlertEvent | null>;
  getDelivery(id: string): Promise<Delivery | null>;
  /** Replaces a delivery's state (attempts, outcome, error, times). */
  updateDelivery(delivery: Delivery): Promise<void>;
  /** Deliveries not finished (pending or retrying), oldest first: what the reconciler re-enqueues. */
  unfinishedDeliveries(limit: number): Promise<Delivery[]>;
  /** A campaign's latest deliveries, newest first, each with its event. */
  listDeliveries(campaignId: string, limit: number): Promise<Array<{ delivery: Delivery; event: AlertEvent }>>;
  /** How many deliveries have each outcome, over every campaign (/metrics). */
  deliveryCounts(): Promise<Record<DeliveryOutcome, number>>;
}
