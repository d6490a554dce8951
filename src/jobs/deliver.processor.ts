import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import { emailMessage } from '../alerts-text/index.js';
import { alertView, withinRetryWindow } from '../domain/alert-rules.js';
import type { Alert, AlertChannel, AlertEvent, Delivery } from '../domain/alerts.js';
import type { Campaign } from '../domain/campaign.js';
import { MailRejectedError, type Mailer } from '../net/mailer.js';
import { refusalOf, type OutboundFetch } from '../net/outbound-fetch.js';
import type { JobContext, JobPayloads } from '../queue/jobs.js';
import type { AlertStore } from '../store/alert-store.port.js';
import type { Store } from '../store/store.port.js';

/**
 * Sends one delivery of an alert event (webhook or e-mail). The delivery was recorded with its
 * event before anything was sent; this job (its id is the delivery's) sends it with the same
 * X-Kabar-Delivery every time, counts each attempt in the store BEFORE sending (a process killed
 * mid-send has counted it), and ends it as delivered or failed. 5xx, network errors and time-outs
 * are retried by the queue with exponential backoff until 24 hours after the event; 4xx, a refused
 * address and a rule or channel that is gone are failures no retry changes.
 */
export interface DeliveryDeps {
  alerts: AlertStore;
  store: Pick<Store, 'getCampaign'>;
  /** The guarded fetch for addresses users chose (net/outbound-fetch.ts). */
  fetch: OutboundFetch;
  /** Undefined: SMTP_URL is not set. */
  mailer?: Mailer;
  /** The share image of a digest's period (PNG), attached to its e-mail; undefined: none. */
  digestImage?: (campaign: Campaign, event: AlertEvent, locale: Alert['locale']) => Promise<Buffer | undefined>;
  /** The queue's attempts for a delivery (jobs.ts jobOptions): the last one ends it as failed. */
  maxAttempts: number;
  now: () => Date;
  log: Logger;
  /** Told of each attempt's result (the /metrics counter). */
  onAttempt?: (channel: Delivery['channel'], result: 'delivered' | 'retrying' | 'failed') => void;
  /** How long one webhook request may take, in ms (default 10 s). */
  webhookTimeoutMs?: number;
}

/** A failure no retry changes. */
class Permanent extends Error {}

const RESPONSE_BYTES = 64 * 1024;

/** The body of a webhook: API.md's shape. */
export function webhookBody(alert: Alert, campaign: Campaign, event: AlertEvent): string {
  return JSON.stringify({
    alert: alertView(alert),
    campaign: { id: campaign.id, name: campaign.name },
    event: { kind: event.kind, at: event.at, summary: event.facts, text: event.text, url: event.url },
  });
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`, keyed by the channel's secret. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function deliverProcessor(payload: JobPayloads['deliver'], ctx: JobContext, deps: DeliveryDeps): Promise<void> {
  const delivery = await deps.alerts.getDelivery(payload.deliveryId);
  if (!delivery || delivery.outcome === 'delivered' || delivery.outcome === 'failed') return;
  const log = deps.log.child({ deliveryId: delivery.id, channel: delivery.channel });
  const attempt: Delivery = { ...delivery, attempts: delivery.attempts + 1, updatedAt: deps.now().toISOString() };
  const end = async (outcome: 'delivered' | 'failed', error?: string) => {
    const at = deps.now().toISOString();
    const { lastError: _last, ...rest } = attempt;
    await deps.alerts.updateDelivery({
      ...rest,
      outcome,
      updatedAt: at,
      ...(outcome === 'delivered' ? { deliveredAt: at } : { lastError: error ?? 'failed' }),
    });
    deps.onAttempt?.(delivery.channel, outcome);
    log.info({ outcome, attempts: attempt.attempts, error }, `delivery ${outcome}`);
  };
  try {
    const [event, campaign] = await Promise.all([deps.alerts.getEvent(delivery.eventId), deps.store.getCampaign(delivery.campaignId)]);
    const alert = await deps.alerts.getAlert(delivery.campaignId, delivery.alertId);
    if (!event || !campaign) throw new Permanent('The event or its campaign no longer exists.');
    if (!alert) throw new Permanent('The alert rule was deleted before this could be sent.');
    const channel = channelOf(alert, delivery);
    if (!channel) throw new Permanent('The channel was changed or removed from the rule before this could be sent.');
    // Counted before sending: a process killed mid-send shows the attempt it made.
    await deps.alerts.updateDelivery(attempt);
    if (channel.type === 'webhook') await sendWebhook(channel, alert, campaign, event, delivery.id, deps);
    else await sendEmail(channel, alert, campaign, event, delivery.id, deps);
    await end('delivered');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const refused = refusalOf(err);
    if (err instanceof Permanent || err instanceof MailRejectedError || refused) return end('failed', refused ? refused.message : message);
    if (!withinRetryWindow(delivery.createdAt, deps.now())) return end('failed', `Still failing 24 hours after the event: ${message}`);
    if (ctx.attempt >= deps.maxAttempts) return end('failed', `Still failing after ${attempt.attempts} attempts: ${message}`);
    await deps.alerts.updateDelivery({ ...attempt, outcome: 'retrying', lastError: message, updatedAt: deps.now().toISOString() });
    deps.onAttempt?.(delivery.channel, 'retrying');
    log.warn({ attempts: attempt.attempts, error: message }, 'delivery failed; retrying with backoff');
    throw err;
  }
}

/** The rule's channel this delivery was made for, if it is still the same one. */
function channelOf(alert: Alert, d: Delivery): AlertChannel | undefined {
  const byIndex = d.channelIndex === undefined ? undefined : alert.channels[d.channelIndex];
  if (byIndex && byIndex.type === d.channel) return byIndex;
  return undefined;
}

async function sendWebhook(
  channel: Extract<AlertChannel, { type: 'webhook' }>,
  alert: Alert,
  campaign: Campaign,
  event: AlertEvent,
  deliveryId: string,
  deps: DeliveryDeps,
): Promise<void> {
  const body = webhookBody(alert, campaign, event);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'KabarKampanye-Alerts/1',
    'x-kabar-delivery': deliveryId,
  };
  if (channel.secret) headers['x-kabar-signature'] = webhookSignature(channel.secret, body);
  const res = await deps.fetch(channel.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(deps.webhookTimeoutMs ?? 10_000) });
  // The answer is not needed: read a bounded part of it, so the connection is released.
  await drain(res.body, RESPONSE_BYTES);
  if (res.status >= 200 && res.status < 300) return;
  const what = `The webhook ${new URL(channel.url).origin} answered HTTP ${res.status}.`;
  if (res.status >= 500 || res.status === 429 || res.status === 408) throw new Error(what);
  throw new Permanent(`${what} Check the address and the receiver; it is not retried.`);
}

async function drain(body: AsyncIterable<Uint8Array> | null, max: number): Promise<void> {
  if (!body) return;
  let read = 0;
  try {
    // Leaving the loop early cancels the rest of the body.
    for await (const chunk of body) {
      read += chunk.byteLength;
      if (read > max) break;
    }
  } catch {
    // A body cut short says nothing the status did not.
  }
}

async function sendEmail(
  channel: Extract<AlertChannel, { type: 'email' }>,
  alert: Alert,
  campaign: Campaign,
  event: AlertEvent,
  deliveryId: string,
  deps: DeliveryDeps,
): Promise<void> {
  if (!deps.mailer) throw new Permanent('E-mail is not set up on this server: the operator sets SMTP_URL and MAIL_FROM.');
  const m = emailMessage(event.facts, alert.locale, { campaignName: campaign.name, url: event.url });
  const image = event.facts.kind === 'digest' && deps.digestImage ? await deps.digestImage(campaign, event, alert.locale).catch(() => undefined) : undefined;
  await deps.mailer.send({
    to: channel.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: `<${deliveryId}@kabar-kampanye>`,
    ...(image ? { attachments: [{ filename: 'kabar-kampanye.png', content: image, contentType: 'image/png' }] } : {}),
  });
}
