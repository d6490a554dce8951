/**
 * Alerts and digests (API.md, "Additions of version 1.1: alerts and digests"): the rules a manager
 * sets on a campaign, the events they raise and the deliveries of those events to channels. Pure
 * types and the catalogue of kinds; the services evaluate rules, the queue delivers, the store keeps
 * events and deliveries so that one event is one delivery id through every retry and restart.
 */

export const ALERT_KINDS = ['source_failing', 'volume_spike', 'budget', 'quiet', 'negative_share', 'digest'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_LOCALES = ['id', 'en'] as const;
export type AlertLocale = (typeof ALERT_LOCALES)[number];

/** The params of each kind, exactly as API.md names them. */
export interface AlertParamsByKind {
  /** The last `runs` runs of `source` failed. */
  source_failing: { source: string; runs: number };
  /** A bucket of `interval` is a spike (METRICS.md, domain/spikes.ts) with this factor. */
  volume_spike: { interval: 'hour' | 'day'; factor: number };
  /** `percent` of the monthly read budget used. */
  budget: { percent: number };
  /** `hours` without a new post while the campaign runs. */
  quiet: { hours: number };
  /** Negative posts are at least `percent` of at least `minPosts` posts (over the evaluation window). */
  negative_share: { percent: number; minPosts: number };
  /** A summary sent daily or weekly at `at` (HH:mm, campaign zone); `weekday` 1 (Monday) – 7 for weekly. */
  digest: { cadence: 'daily' | 'weekly'; at: string; weekday?: number };
}

export type AlertParams = AlertParamsByKind[AlertKind];

export type AlertChannel =
  /** `secret` keys the X-Kabar-Signature HMAC; never returned in full by the API. */
  { type: 'webhook'; url: string; secret?: string } | { type: 'email'; to: string[] };

export type ChannelType = AlertChannel['type'];

/** What a manager sends (POST) — PATCH sends any subset. */
export interface AlertInput<K extends AlertKind = AlertKind> {
  kind: K;
  params: AlertParamsByKind[K];
  channels: AlertChannel[];
  locale: AlertLocale;
  cooldownMinutes: number;
}

export interface Alert<K extends AlertKind = AlertKind> extends AlertInput<K> {
  id: string;
  campaignId: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The facts an event reports, per kind: what the text, the email and the webhook summary are made of. */
export type AlertFacts =
  | { kind: 'source_failing'; source: string; runs: number; lastError?: string }
  | { kind: 'volume_spike'; interval: 'hour' | 'day'; bucket: string; posts: number; expected: number }
  | { kind: 'budget'; source: string; used: number; budget: number; percent: number }
  | { kind: 'quiet'; hours: number; lastPostAt?: string }
  | { kind: 'negative_share'; negative: number; posts: number; percent: number }
  | {
      kind: 'digest';
      cadence: 'daily' | 'weekly';
      from: string;
      to: string;
      /** Summary figures of the period and of the period before it (METRICS.md, previous period). */
      figures: DigestFigures;
      previous: DigestFigures;
      topPosts: { url: string; author: string; text: string; engagement: number }[];
      cities: { code: string; name: string; posts: number }[];
    };

export interface DigestFigures {
  posts: number;
  contributors: number;
  reach: number;
  engagement: number;
}

/**
 * One occurrence of a rule firing. `key` makes it unique per alert (a run id, a bucket, a digest
 * slot): recording the same key twice records one event.
 */
export interface AlertEvent {
  id: string;
  alertId: string;
  campaignId: string;
  kind: AlertKind;
  key: string;
  at: string;
  facts: AlertFacts;
  /** The message ready to paste into WhatsApp, in the alert's locale. */
  text: string;
  /** The dashboard or share-link address the text points to. */
  url: string;
}

export const DELIVERY_OUTCOMES = ['pending', 'retrying', 'delivered', 'failed'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** One event to one channel: its id is the X-Kabar-Delivery header on every attempt. */
export interface Delivery {
  id: string;
  eventId: string;
  alertId: string;
  campaignId: string;
  channel: ChannelType;
  /** The position of its channel in the rule's `channels` when the event was raised (q-alerts). */
  channelIndex?: number;
  /** Where it goes, as shown to managers: the webhook's origin, the e-mail addresses. */
  target: string;
  attempts: number;
  outcome: DeliveryOutcome;
  lastError?: string;
  createdAt: string;
  updatedAt: string;
  deliveredAt?: string;
}

/** At most 20 rules per campaign (issue 17). */
export const MAX_ALERTS_PER_CAMPAIGN = 20;
/** Webhook retries stop this long after the event. */
export const DELIVERY_RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
