import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, AlertEvent, Delivery } from '../../src/domain/alerts.js';
import type { AlertStore } from '../../src/store/alert-store.port.js';
import type { Store } from '../../src/store/store.port.js';

/** The contract every Store adapter's `alerts` passes (src/store/alert-store.port.ts). */

const at = (minute: number): string => new Date(Date.UTC(2030, 0, 1, 0, minute)).toISOString();

export const alertOf = (id: string, campaignId: string, over: Partial<Alert> = {}): Alert =>
  ({
    id,
    campaignId,
    kind: 'quiet',
    params: { hours: 6 },
    channels: [
      { type: 'webhook', url: 'https://hooks.example.org/a', secret: 'a-secret-of-16-chars' },
      { type: 'email', to: ['ani@example.id'] },
    ],
    locale: 'id',
    cooldownMinutes: 60,
    enabled: true,
    createdAt: at(0),
    updatedAt: at(0),
    ...over,
  }) as Alert;

export const eventOf = (alert: Alert, key: string, minute: number): { event: AlertEvent; deliveries: Delivery[] } => {
  const id = `ev-${alert.id}-${key}`;
  const event: AlertEvent = {
    id,
    alertId: alert.id,
    campaignId: alert.campaignId,
    kind: alert.kind,
    key,
    at: at(minute),
    facts: { kind: 'quiet', hours: 7 },
    text: `Sepi ${key}`,
    url: 'https://kabar.example.org/campaign.html?id=c1',
  };
  const deliveries: Delivery[] = alert.channels.map((c, i) => ({
    id: `dl-${id}-${i}`,
    eventId: id,
    alertId: alert.id,
    campaignId: alert.campaignId,
    channel: c.type,
    channelIndex: i,
    target: c.type === 'webhook' ? 'https://hooks.example.org' : c.to.join(', '),
    attempts: 0,
    outcome: 'pending',
    createdAt: at(minute),
    updatedAt: at(minute),
  }));
  return { event, deliveries };
};

export function alertStoreContract(name: string, makeStore: () => Promise<Store>, cleanup?: (store: Store) => Promise<void>): void {
  const dispose = cleanup ?? ((s: Store) => s.close());

  describe(`${name}: alerts`, () => {
    let store: Store;
    let alerts: AlertStore;
    beforeEach(async () => {
      store = await makeStore();
      alerts = store.alerts;
    });
    afterEach(async () => {
      await dispose(store);
    });

    it('creates, reads, lists oldest first, updates and deletes rules, per campaign', async () => {
      const a1 = alertOf('a1', 'c1', { createdAt: at(5) });
      const a2 = alertOf('a2', 'c1', { createdAt: at(1), kind: 'digest', params: { cadence: 'weekly', at: '08:00', weekday: 1 } });
      const b1 = alertOf('b1', 'c2');
      for (const a of [a1, a2, b1]) expect(await alerts.createAlert(a, 20)).toBe(true);
      expect(await alerts.getAlert('c1', 'a1')).toEqual(a1);
      expect(await alerts.getAlert('c2', 'a1')).toBeNull();
      expect((await alerts.listAlerts('c1')).map((a) => a.id)).toEqual(['a2', 'a1']);
      const changed = { ...a1, cooldownMinutes: 5, enabled: false, updatedAt: at(9) };
      expect(await alerts.updateAlert(changed)).toBe(true);
      expect(await alerts.getAlert('c1', 'a1')).toEqual(changed);
      expect(await alerts.updateAlert({ ...b1, campaignId: 'c1' })).toBe(false);
      expect((await alerts.enabledAlerts(['digest', 'quiet'])).map((a) => a.id)).toEqual(['b1', 'a2']);
      expect(await alerts.deleteAlert('c2', 'a2')).toBe(false);
      expect(await alerts.deleteAlert('c1', 'a2')).toBe(true);
      expect(await alerts.deleteAlert('c1', 'a2')).toBe(false);
      expect((await alerts.listAlerts('c1')).map((a) => a.id)).toEqual(['a1']);
    });

    it('refuses a rule beyond the maximum of its campaign, and stores nothing of it', async () => {
      for (let i = 0; i < 3; i++) expect(await alerts.createAlert(alertOf(`a${i}`, 'c1'), 3)).toBe(true);
      expect(await alerts.createAlert(alertOf('a3', 'c1'), 3)).toBe(false);
      expect(await alerts.createAlert(alertOf('b0', 'c2'), 3)).toBe(true);
      expect(await alerts.listAlerts('c1')).toHaveLength(3);
      expect(await alerts.getAlert('c1', 'a3')).toBeNull();
    });

    it('holds the maximum when 25 creations race: exactly 20 stored, the other 5 refused', async () => {
      const created = await Promise.all(Array.from({ length: 25 }, (_, i) => alerts.createAlert(alertOf(`r${i}`, 'c1'), 20)));
      expect(created.filter((ok) => ok)).toHaveLength(20);
      expect(created.filter((ok) => !ok)).toHaveLength(5);
      const stored = await alerts.listAlerts('c1');
      expect(stored).toHaveLength(20);
      // The refused ones stored nothing: the 20 stored are exactly the 20 that were told yes.
      expect(new Set(stored.map((a) => a.id))).toEqual(new Set(created.flatMap((ok, i) => (ok ? [`r${i}`] : []))));
    });

    it('gives a deleted rule’s place back, and only once', async () => {
      for (let i = 0; i < 3; i++) expect(await alerts.createAlert(alertOf(`a${i}`, 'c1'), 3)).toBe(true);
      expect(await alerts.deleteAlert('c1', 'a1')).toBe(true);
      expect(await alerts.deleteAlert('c1', 'a1')).toBe(false);
      expect(await alerts.deleteAlert('c2', 'a2')).toBe(false);
      expect(await alerts.createAlert(alertOf('a3', 'c1'), 3)).toBe(true);
      expect(await alerts.createAlert(alertOf('a4', 'c1'), 3)).toBe(false);
      expect((await alerts.listAlerts('c1')).map((a) => a.id).sort()).toEqual(['a0', 'a2', 'a3']);
    });

    it('records an event with its deliveries once per key, and holds the cooldown', async () => {
      const a = alertOf('a1', 'c1', { cooldownMinutes: 60 });
      await alerts.createAlert(a, 20);
      const first = eventOf(a, 'k1', 10);
      expect(await alerts.recordEvent(first.event, first.deliveries, 60)).toEqual({ recorded: true });
      expect(await alerts.getEvent(first.event.id)).toEqual(first.event);
      for (const d of first.deliveries) expect(await alerts.getDelivery(d.id)).toEqual(d);
      // The same key again, even after the cooldown: one event.
      const again = eventOf(a, 'k1', 200);
      expect(await alerts.recordEvent({ ...again.event, id: 'other-id' }, again.deliveries, 60)).toEqual({ recorded: false, reason: 'duplicate' });
      // Another key within the cooldown: nothing recorded.
      const soon = eventOf(a, 'k2', 40);
      expect(await alerts.recordEvent(soon.event, soon.deliveries, 60)).toEqual({ recorded: false, reason: 'cooldown' });
      expect(await alerts.getEvent(soon.event.id)).toBeNull();
      expect(await alerts.getDelivery(soon.deliveries[0]!.id)).toBeNull();
      // After it: recorded.
      const later = eventOf(a, 'k2', 70);
      expect(await alerts.recordEvent(later.event, later.deliveries, 60)).toEqual({ recorded: true });
      // A rule that is gone or disabled records nothing.
      const ghost = eventOf(alertOf('nope', 'c1'), 'k', 300);
      expect(await alerts.recordEvent(ghost.event, ghost.deliveries, 0)).toEqual({ recorded: false, reason: 'gone' });
      await alerts.updateAlert({ ...a, enabled: false });
      const off = eventOf(a, 'k3', 400);
      expect(await alerts.recordEvent(off.event, off.deliveries, 0)).toEqual({ recorded: false, reason: 'gone' });
    });

    it('keeps delivery state, lists unfinished ones oldest first and a campaign\u2019s newest first with their events, and counts outcomes', async () => {
      const a = alertOf('a1', 'c1', { cooldownMinutes: 0 });
      const b = alertOf('b1', 'c2', { cooldownMinutes: 0 });
      await alerts.createAlert(a, 20);
      await alerts.createAlert(b, 20);
      const e1 = eventOf(a, 'k1', 10);
      const e2 = eventOf(a, 'k2', 20);
      const e3 = eventOf(b, 'k1', 15);
      for (const e of [e1, e2, e3]) expect((await alerts.recordEvent(e.event, e.deliveries, 0)).recorded).toBe(true);
      const done: Delivery = { ...e1.deliveries[0]!, attempts: 1, outcome: 'delivered', deliveredAt: at(11), updatedAt: at(11) };
      const retrying: Delivery = { ...e1.deliveries[1]!, attempts: 2, outcome: 'retrying', lastError: 'HTTP 503', updatedAt: at(12) };
      const failed: Delivery = { ...e3.deliveries[0]!, attempts: 1, outcome: 'failed', lastError: 'HTTP 404', updatedAt: at(16) };
      for (const d of [done, retrying, failed]) await alerts.updateDelivery(d);
      expect(await alerts.getDelivery(done.id)).toEqual(done);
      expect((await alerts.unfinishedDeliveries(10)).map((d) => d.id)).toEqual([retrying.id, e3.deliveries[1]!.id, e2.deliveries[0]!.id, e2.deliveries[1]!.id]);
      expect(await alerts.unfinishedDeliveries(1)).toHaveLength(1);
      const listed = await alerts.listDeliveries('c1', 3);
      expect(listed.map((x) => x.delivery.createdAt)).toEqual([at(20), at(20), at(10)]);
      expect(listed[0]!.event).toEqual(e2.event);
      expect(listed.every((x) => x.delivery.campaignId === 'c1' && x.event.id === x.delivery.eventId)).toBe(true);
      expect(await alerts.deliveryCounts()).toEqual({ pending: 3, retrying: 1, delivered: 1, failed: 1 });
    });

    it('keeps events and deliveries of a deleted rule listed', async () => {
      const a = alertOf('a1', 'c1', { cooldownMinutes: 0 });
      await alerts.createAlert(a, 20);
      const e = eventOf(a, 'k', 1);
      await alerts.recordEvent(e.event, e.deliveries, 0);
      await alerts.deleteAlert('c1', 'a1');
      expect(await alerts.listDeliveries('c1', 100)).toHaveLength(2);
    });
  });
}
