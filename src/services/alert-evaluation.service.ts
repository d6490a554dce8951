import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import { NEGATIVE_SHARE_WINDOW_HOURS } from '../domain/alert-rules.js';
import type { Alert, AlertFacts, AlertParamsByKind, DigestFigures } from '../domain/alerts.js';
import type { Campaign, CollectionRun } from '../domain/campaign.js';
import { HISTORY_BUCKETS, judgeBucket } from '../domain/spikes.js';
import { isBilled } from '../sources/registry.js';
import type { AlertStore } from '../store/alert-store.port.js';
import type { Store } from '../store/store.port.js';
import { zoneOf } from '../time/zone.js';
import type { AlertsService } from './alerts.service.js';
import type { MetricsService } from './metrics.service.js';
import type { PostsService } from './posts.service.js';

/**
 * Rules are judged where their facts are born (issue 17): after a collection run (source_failing,
 * budget, quiet), after the metrics job (volume_spike, quiet, negative_share), and on a digest's
 * schedule. Each judgement that holds raises an event with a key naming the occurrence, so judging
 * the same facts again raises nothing new (the store keeps one event per rule and key).
 */
export interface AlertEvaluator {
  afterRun(run: CollectionRun): Promise<void>;
  afterMetrics(campaignId: string): Promise<void>;
  /** The digest of one rule for one slot of its schedule (`YYYYMMDDTHHmmss`, UTC). */
  digest(campaignId: string, alertId: string, slot: string): Promise<void>;
}

type Of<K extends Alert['kind']> = Alert<K> & { params: AlertParamsByKind[K] };
const isKind = <K extends Alert['kind']>(a: Alert, kind: K): a is Of<K> => a.kind === kind;

export function createAlertEvaluator(deps: {
  alerts: AlertStore;
  store: Pick<Store, 'getCampaign' | 'listRuns' | 'postsReadSince' | 'dataStamp'>;
  raise: AlertsService['raise'];
  metrics: MetricsService;
  posts: PostsService;
  now: () => Date;
  log: Logger;
}): AlertEvaluator {
  const { store } = deps;

  const rulesOf = async (campaignId: string) => (await deps.alerts.listAlerts(campaignId)).filter((a) => a.enabled);

  /** One rule's judgement; a failure is logged and never stops the job that asked. */
  const judge = async (alert: Alert, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      deps.log.warn({ err, alertId: alert.id, kind: alert.kind }, 'alert rule could not be judged');
    }
  };

  async function sourceFailing(alert: Of<'source_failing'>, campaign: Campaign, run: CollectionRun) {
    if (run.source !== alert.params.source || run.status !== 'failed') return;
    const runs = (await store.listRuns(campaign.id, 200)).filter((r) => r.source === alert.params.source && r.status !== 'running');
    // The failures since the last run that did its work: one event per such streak, once it is N long.
    const streak: CollectionRun[] = [];
    for (const r of runs) {
      if (r.status !== 'failed') break;
      streak.push(r);
    }
    if (streak.length < alert.params.runs) return;
    const first = streak[streak.length - 1]!;
    await deps.raise(alert, campaign, `streak.${first.id}`, {
      kind: 'source_failing',
      source: alert.params.source,
      runs: streak.length,
      ...(run.error ? { lastError: run.error } : {}),
    });
  }

  async function budget(alert: Of<'budget'>, campaign: Campaign, run: CollectionRun) {
    if (campaign.monthlyReadBudget === null || !isBilled(run.source)) return;
    const now = deps.now();
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const used = await store.postsReadSince(campaign.id, run.source, month.toISOString());
    const percent = Math.floor((used / campaign.monthlyReadBudget) * 100);
    if (percent < alert.params.percent) return;
    await deps.raise(alert, campaign, `budget.${run.source}.${month.toISOString().slice(0, 7)}`, {
      kind: 'budget',
      source: run.source,
      used,
      budget: campaign.monthlyReadBudget,
      percent,
    });
  }

  /** Quiet: `hours` without a new post while the campaign runs (from its start when it has none yet). */
  async function quiet(alert: Of<'quiet'>, campaign: Campaign) {
    const now = deps.now();
    if (campaign.status !== 'active' || Date.parse(campaign.startsAt) > now.getTime()) return;
    if (campaign.endsAt !== null && Date.parse(campaign.endsAt) <= now.getTime()) return;
    const { newestPostAt } = await store.dataStamp(campaign.id);
    const since = newestPostAt ?? campaign.startsAt;
    const hours = (now.getTime() - Date.parse(since)) / 3_600_000;
    if (hours < alert.params.hours) return;
    // One event per silence: a new post ends it, and the next silence has another key.
    await deps.raise(alert, campaign, `quiet.${since}`, { kind: 'quiet', hours: Math.floor(hours), ...(newestPostAt ? { lastPostAt: newestPostAt } : {}) });
  }

  /** The newest bucket (the one still filling counts: its posts only grow) judged against the 7 days before it. */
  async function volumeSpike(alert: Of<'volume_spike'>, campaign: Campaign) {
    const { interval, factor } = alert.params;
    const now = DateTime.fromJSDate(deps.now()).setZone(zoneOf(campaign.timeZone));
    const from =
      interval === 'day'
        ? now.startOf('day').minus({ days: HISTORY_BUCKETS.day }).toISODate()!
        : now.startOf('hour').minus({ hours: HISTORY_BUCKETS.hour }).toISO()!;
    const series = await deps.metrics.timeseries(campaign, interval, { from });
    const points = series.points;
    const current = points[points.length - 1];
    if (!current) return;
    const spike = judgeBucket(
      { bucket: current.bucket, posts: current.posts },
      points.slice(0, -1).map((p) => p.posts),
      interval,
      factor,
    );
    if (!spike) return;
    await deps.raise(alert, campaign, `spike.${interval}.${spike.bucket}`, {
      kind: 'volume_spike',
      interval,
      bucket: spike.bucket,
      posts: spike.posts,
      expected: spike.expected,
    });
  }

  /** Negative posts' share of the last 24 hours' posts (docs/alerts.md); judged at most once per hour by its key. */
  async function negativeShare(alert: Of<'negative_share'>, campaign: Campaign) {
    const now = deps.now();
    const from = new Date(now.getTime() - NEGATIVE_SHARE_WINDOW_HOURS * 3_600_000).toISOString();
    const { rows } = await deps.metrics.breakdown(campaign, 'sentiment', { from, to: now.toISOString() });
    const posts = rows.reduce((n, r) => n + r.posts, 0);
    const negative = rows.find((r) => r.key === 'negative')?.posts ?? 0;
    if (posts < alert.params.minPosts || posts === 0) return;
    const percent = Math.round((negative / posts) * 1000) / 10;
    if (percent < alert.params.percent) return;
    await deps.raise(alert, campaign, `negative.${now.toISOString().slice(0, 13)}`, { kind: 'negative_share', negative, posts, percent });
  }

  async function digestFacts(campaign: Campaign, cadence: 'daily' | 'weekly', slotAt: Date): Promise<AlertFacts> {
    const zone = zoneOf(campaign.timeZone);
    const end = DateTime.fromJSDate(slotAt).setZone(zone).startOf('day');
    const days = cadence === 'daily' ? 1 : 7;
    const start = end.minus({ days });
    const before = start.minus({ days });
    const range = (a: DateTime, b: DateTime) => ({ from: a.toISO()!, to: b.toISO()! });
    const figuresOf = async (a: DateTime, b: DateTime): Promise<DigestFigures> => {
      const s = await deps.metrics.summary(campaign, range(a, b));
      return { posts: s.posts, contributors: s.contributors, reach: s.reach, engagement: s.engagement };
    };
    const [figures, previous, top, cities] = await Promise.all([
      figuresOf(start, end),
      figuresOf(before, start),
      deps.posts.list(campaign, { ...range(start, end), sort: 'engagement', limit: 3 }),
      deps.metrics.breakdown(campaign, 'city', range(start, end)),
    ]);
    return {
      kind: 'digest',
      cadence,
      from: start.toISO()!,
      to: end.toISO()!,
      figures,
      previous,
      topPosts: top.posts.map((p) => ({
        url: p.url ?? '',
        author: p.author.handle ?? p.author.name ?? '',
        text: p.text.length > 280 ? `${p.text.slice(0, 279)}…` : p.text,
        engagement: p.engagement,
      })),
      cities: cities.rows
        .filter((r) => r.posts > 0)
        .slice(0, 5)
        .map((r) => ({ code: r.key, name: r.label, posts: r.posts })),
    };
  }

  return {
    async afterRun(run) {
      const campaign = await store.getCampaign(run.campaignId);
      if (!campaign) return;
      for (const alert of await rulesOf(campaign.id)) {
        if (isKind(alert, 'source_failing')) await judge(alert, () => sourceFailing(alert, campaign, run));
        else if (isKind(alert, 'budget')) await judge(alert, () => budget(alert, campaign, run));
        else if (isKind(alert, 'quiet')) await judge(alert, () => quiet(alert, campaign));
      }
    },
    async afterMetrics(campaignId) {
      const campaign = await store.getCampaign(campaignId);
      if (!campaign) return;
      for (const alert of await rulesOf(campaignId)) {
        if (isKind(alert, 'volume_spike')) await judge(alert, () => volumeSpike(alert, campaign));
        else if (isKind(alert, 'quiet')) await judge(alert, () => quiet(alert, campaign));
        else if (isKind(alert, 'negative_share')) await judge(alert, () => negativeShare(alert, campaign));
      }
    },
    async digest(campaignId, alertId, slot) {
      const [campaign, alert] = await Promise.all([store.getCampaign(campaignId), deps.alerts.getAlert(campaignId, alertId)]);
      if (!campaign || !alert || !alert.enabled || !isKind(alert, 'digest')) return;
      const slotAt = DateTime.fromFormat(slot, "yyyyMMdd'T'HHmmss", { zone: 'utc' });
      if (!slotAt.isValid) return;
      const facts = await digestFacts(campaign, alert.params.cadence, slotAt.toJSDate());
      // The slot is the key: two schedulers, or a retried job, raise one digest.
      await deps.raise(alert, campaign, `digest.${slot}`, facts);
    },
  };
}
