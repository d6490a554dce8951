import { DELIVERY_RETRY_WINDOW_MS, type Alert, type AlertChannel, type AlertEvent, type Delivery } from './alerts.js';

/**
 * Rules around alerts that every layer shares (pure): what the API shows of a rule, where a
 * channel delivers, when the cooldown holds and how long a webhook keeps being retried.
 */

/** A channel as the API returns it: a webhook's secret never leaves the service, only whether it has one. */
export type AlertChannelView = { type: 'webhook'; url: string; hasSecret: boolean } | { type: 'email'; to: string[] };

export type AlertView = Omit<Alert, 'channels'> & { channels: AlertChannelView[] };

export function alertView(alert: Alert): AlertView {
  return {
    ...alert,
    channels: alert.channels.map((c): AlertChannelView => (c.type === 'webhook' ? { type: 'webhook', url: c.url, hasSecret: Boolean(c.secret) } : c)),
  };
}

/** A delivery as GET …/alerts/deliveries lists it: with the event it carries. */
export type DeliveryView = Delivery & { event: Pick<AlertEvent, 'id' | 'kind' | 'at' | 'text' | 'url'> };

/** Where a channel delivers, as shown to managers: a webhook's origin (its path may hold a token), the addresses. */
export function deliveryTarget(channel: AlertChannel): string {
  if (channel.type === 'email') return channel.to.join(', ');
  try {
    return new URL(channel.url).origin;
  } catch {
    return channel.url;
  }
}

/** Whether a rule that last fired at `lastAt` may fire again at `at`. */
export function cooldownOver(lastAt: string | null, at: string, cooldownMinutes: number): boolean {
  return lastAt === null || Date.parse(at) - Date.parse(lastAt) >= cooldownMinutes * 60_000;
}

/**
 * How many attempts an exponential backoff starting at `baseMs` needs so that its waits add up to
 * the retry window (24 h): base·(2^(n−1) − 1) ≥ window. With 30 s, 13 attempts (about 34 h of
 * waits; the window, not the count, ends the retries).
 */
export function deliveryAttempts(baseMs: number, windowMs: number = DELIVERY_RETRY_WINDOW_MS): number {
  let attempts = 1;
  let waited = 0;
  while (waited < windowMs && attempts < 64) {
    waited += baseMs * 2 ** (attempts - 1);
    attempts += 1;
  }
  return attempts;
}

/** Whether a delivery made at `createdAt` may still be retried at `now`. */
export function withinRetryWindow(createdAt: string, now: Date, windowMs: number = DELIVERY_RETRY_WINDOW_MS): boolean {
  return now.getTime() - Date.parse(createdAt) < windowMs;
}

/** The window negative_share is judged over (docs/alerts.md): the last 24 hours. */
export const NEGATIVE_SHARE_WINDOW_HOURS = 24;
