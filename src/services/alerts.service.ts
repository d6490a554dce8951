import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { eventText } from '../alerts-text/index.js';
import { alertInputSchema, alertPatchSchema, parseAlertOr400, tooManyAlerts, type AlertTargetRules } from '../contracts/alert.schema.js';
import { alertView, deliveryTarget, type AlertView, type DeliveryView } from '../domain/alert-rules.js';
import { MAX_ALERTS_PER_CAMPAIGN, type Alert, type AlertChannel, type AlertEvent, type AlertFacts, type Delivery } from '../domain/alerts.js';
import type { Campaign } from '../domain/campaign.js';
import { AppError, notFound } from '../errors.js';
import { deliverJobId, type JobQueue } from '../queue/jobs.js';
import type { AlertStore, RecordResult } from '../store/alert-store.port.js';
import type { AuditService } from './audit.service.js';
import type { Principal } from './auth/principal.js';

/** How many deliveries GET …/alerts/deliveries lists. */
export const DELIVERIES_SHOWN = 100;

const hashId = (prefix: string, ...parts: string[]) => `${prefix}${createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 22)}`;

/** The event of a rule and key: the same id wherever and however often it is raised. */
export const eventIdOf = (alertId: string, key: string) => hashId('ev', alertId, key);
/** The delivery of an event to its n-th channel: X-Kabar-Delivery, the same on every retry and after every restart. */
export const deliveryIdOf = (eventId: string, channelIndex: number) => hashId('dl', eventId, String(channelIndex));

/** The dashboard page of a campaign, where an alert's text points. */
export const campaignPageUrl = (origin: string, campaignId: string) => `${origin}/campaign.html?id=${encodeURIComponent(campaignId)}`;

export interface AlertsServiceDeps {
  alerts: AlertStore;
  audit: AuditService;
  queue: Pick<JobQueue, 'add'>;
  now: () => Date;
  /** ALLOW_PRIVATE_TARGETS. */
  targets: AlertTargetRules;
  /** SMTP_URL is set: e-mail channels can be delivered. */
  emailEnabled: boolean;
  /** The origin of the links in alert texts (PUBLIC_URL, or this server's loopback address). */
  origin: string;
  log: Logger;
}

/** A rule's changes as the audit log keeps them (under its campaign, the alert's id in the details): never a webhook's secret. */
const auditable = (a: Pick<Alert, 'kind' | 'params' | 'channels' | 'locale' | 'cooldownMinutes' | 'enabled'>) => {
  const { kind, params, channels, locale, cooldownMinutes, enabled } = a;
  return { kind, params, locale, cooldownMinutes, enabled, channels: channels.map((c) => c.type) };
};

/** Rules of a campaign (managers and admins), the events they raise and their deliveries. */
export function createAlertsService(deps: AlertsServiceDeps) {
  const { alerts, audit } = deps;
  const input = alertInputSchema(deps.targets);
  const patch = alertPatchSchema(deps.targets);

  /** E-mail needs an SMTP server; refused as the rule is written, not when the first alert is due. */
  const checkEmail = (channels: AlertChannel[]) => {
    if (deps.emailEnabled) return;
    const i = channels.findIndex((c) => c.type === 'email');
    if (i < 0) return;
    throw new AppError(400, 'invalid_request', `Invalid request body: channels[${i}].type`, [
      { field: `channels[${i}].type`, message: 'E-mail alerts need an SMTP server: the operator sets SMTP_URL and MAIL_FROM.' },
    ]);
  };

  const load = async (campaignId: string, alertId: string): Promise<Alert> => {
    const a = await alerts.getAlert(campaignId, alertId);
    if (!a) throw notFound('Alert');
    return a;
  };

  /**
   * Records the event of a rule for `key` with one delivery per channel (store: one write, cooldown
   * and key checked there), then asks the queue for the deliveries; a delivery the queue did not
   * take is still pending in the store, and the reconciler asks again.
   */
  async function raise(alert: Alert, campaign: Campaign, key: string, facts: AlertFacts): Promise<RecordResult & { event?: AlertEvent }> {
    const at = deps.now().toISOString();
    const url = campaignPageUrl(deps.origin, campaign.id);
    const id = eventIdOf(alert.id, key);
    const event: AlertEvent = {
      id,
      alertId: alert.id,
      campaignId: campaign.id,
      kind: alert.kind,
      key,
      at,
      facts,
      text: eventText(facts, alert.locale, { campaignName: campaign.name, url }),
      url,
    };
    const deliveries: Delivery[] = alert.channels.map((c, i) => ({
      id: deliveryIdOf(id, i),
      eventId: id,
      alertId: alert.id,
      campaignId: campaign.id,
      channel: c.type,
      channelIndex: i,
      target: deliveryTarget(c),
      attempts: 0,
      outcome: 'pending',
      createdAt: at,
      updatedAt: at,
    }));
    const result = await alerts.recordEvent(event, deliveries, alert.cooldownMinutes);
    if (!result.recorded) return result;
    deps.log.info({ campaignId: campaign.id, alertId: alert.id, kind: alert.kind, key, eventId: id }, 'alert raised');
    for (const d of deliveries) {
      try {
        await deps.queue.add('deliver', { campaignId: campaign.id, deliveryId: d.id }, { jobId: deliverJobId(d.id) });
      } catch (err) {
        deps.log.warn({ err, deliveryId: d.id }, 'delivery not enqueued; the reconciler enqueues it');
      }
    }
    return { ...result, event };
  }

  return {
    raise,

    async list(campaignId: string): Promise<AlertView[]> {
      return (await alerts.listAlerts(campaignId)).map(alertView);
    },

    async create(by: Principal, campaignId: string, body: unknown): Promise<AlertView> {
      const v = parseAlertOr400(input, body);
      checkEmail(v.channels);
      const at = deps.now().toISOString();
      const alert = {
        id: randomBytes(9).toString('base64url'),
        campaignId,
        kind: v.kind,
        params: v.params,
        channels: v.channels,
        locale: v.locale,
        cooldownMinutes: v.cooldownMinutes,
        enabled: v.enabled,
        createdAt: at,
        updatedAt: at,
      } as Alert;
      if (!(await alerts.createAlert(alert, MAX_ALERTS_PER_CAMPAIGN))) throw tooManyAlerts();
      await audit.record(by, 'alert.create', { type: 'campaign', id: campaignId }, { alertId: alert.id, ...auditable(alert) });
      return alertView(alert);
    },

    /**
     * Any subset of the fields; the result is checked whole, as a new rule is. A webhook sent again
     * without its secret (the API never shows it) keeps the secret stored for the same URL.
     */
    async update(by: Principal, campaignId: string, alertId: string, body: unknown): Promise<AlertView> {
      const before = await load(campaignId, alertId);
      const changes = parseAlertOr400(patch, body);
      const channels = changes.channels?.map((c) => {
        if (c.type !== 'webhook' || c.secret !== undefined) return c;
        const kept = before.channels.find((old) => old.type === 'webhook' && old.url === c.url && old.secret !== undefined);
        return kept?.type === 'webhook' && kept.secret !== undefined ? { ...c, secret: kept.secret } : c;
      });
      const kindChanged = changes.kind !== undefined && changes.kind !== before.kind;
      const merged = {
        kind: changes.kind ?? before.kind,
        // Another kind takes other params: they must come with it.
        params: changes.params ?? (kindChanged ? undefined : before.params),
        channels: channels ?? before.channels,
        locale: changes.locale ?? before.locale,
        cooldownMinutes: changes.cooldownMinutes ?? before.cooldownMinutes,
        enabled: changes.enabled ?? before.enabled,
      };
      const v = parseAlertOr400(input, merged);
      checkEmail(v.channels);
      const alert = { ...before, ...v, updatedAt: deps.now().toISOString() } as Alert;
      if (!(await alerts.updateAlert(alert))) throw notFound('Alert');
      await audit.record(by, 'alert.update', { type: 'campaign', id: campaignId }, { alertId, fields: Object.keys(changes), ...auditable(alert) });
      return alertView(alert);
    },

    async remove(by: Principal, campaignId: string, alertId: string): Promise<void> {
      if (!(await alerts.deleteAlert(campaignId, alertId))) throw notFound('Alert');
      await audit.record(by, 'alert.delete', { type: 'campaign', id: campaignId }, { alertId });
    },

    /** The latest deliveries, newest first, each with the event it carries. */
    async deliveries(campaignId: string): Promise<DeliveryView[]> {
      return (await alerts.listDeliveries(campaignId, DELIVERIES_SHOWN)).map(({ delivery, event }) => ({
        ...delivery,
        event: { id: event.id, kind: event.kind, at: event.at, text: event.text, url: event.url },
      }));
    },
  };
}

export type AlertsService = ReturnType<typeof createAlertsService>;
