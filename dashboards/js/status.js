// Collection health of a campaign, per source: when it last ran, how it went, and — when a source
// failed — the message a person can act on ("check X_BEARER_TOKEN"), shown as a warning.
import { el } from './dom.js';
import { fmt, t } from './i18n.js';
/** @import { Campaign } from './api-types.js' */

/** @param {string} type */
const sourceName = (type) => t(`source.${type}`);

/**
 * Sources whose last run failed.
 * @param {Campaign} campaign
 */
export const failedSources = (campaign) => Object.entries(campaign.collection ?? {}).filter(([, s]) => s.outcome === 'failed');

/**
 * One warning per failed source, or nothing.
 * @param {Campaign} campaign
 */
export function failureWarnings(campaign) {
  return failedSources(campaign).map(([type, s]) =>
    el(
      'div',
      { class: 'warning', role: 'status' },
      el('p', {}, el('strong', {}, t('status.failedTitle', { source: sourceName(type) }))),
      s.error ? el('p', {}, s.error) : null,
    ),
  );
}

/**
 * A line per source: outcome, last run and what it stored.
 * @param {Campaign} campaign
 */
export function sourceStatusList(campaign) {
  const entries = Object.entries(campaign.collection ?? {});
  if (entries.length === 0) return el('p', { class: 'muted' }, t('status.noSources'));
  const f = fmt();
  return el(
    'ul',
    { class: 'sources' },
    entries.map(([type, s]) =>
      el(
        'li',
        { class: `source ${s.outcome}` },
        el('span', { class: 'source-name' }, sourceName(type)),
        ' ',
        el('span', { class: `badge ${s.outcome}` }, t(`status.${s.outcome}`)),
        s.lastRunAt ? ` · ${t('status.lastRun', { time: f.dateTime(s.lastRunAt, campaign.timeZone) })}` : '',
        s.outcome === 'succeeded' ? ` · ${t('status.stored', { n: f.number(s.postsStored) })}` : '',
        s.outcome === 'failed' && s.lastSuccessAt ? ` · ${t('status.lastSuccess', { time: f.dateTime(s.lastSuccessAt, campaign.timeZone) })}` : '',
      ),
    ),
  );
}

/**
 * The last successful collection per source, for the report's data freshness.
 * @param {Campaign} campaign
 */
export function freshnessRows(campaign) {
  const f = fmt();
  return Object.entries(campaign.collection ?? {}).map(([type, s]) => [
    sourceName(type),
    s.lastSuccessAt ? f.dateTime(s.lastSuccessAt, campaign.timeZone) : t('status.neverSucceeded'),
    t(`status.${s.outcome}`),
  ]);
}

/**
 * What a campaign is doing now, from its window: archived, upcoming (starts later), ended (its end
 * has passed) or active. The stored status says only whether it was archived.
 * @param {Pick<Campaign, 'status' | 'startsAt' | 'endsAt'>} campaign
 * @param {number} [now]
 * @returns {'archived' | 'upcoming' | 'ended' | 'active'}
 */
export function windowStatus(campaign, now = Date.now()) {
  if (campaign.status === 'archived') return 'archived';
  if (Date.parse(campaign.startsAt) > now) return 'upcoming';
  if (campaign.endsAt && Date.parse(campaign.endsAt) <= now) return 'ended';
  return 'active';
}
