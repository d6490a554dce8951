// The headline figures of a filtered set (METRICS.md, "Aggregates"), as cards.
import { el } from './dom.js';
import { fmt, t } from './i18n.js';
/** @import { Campaign, Summary } from './api-types.js' */

const DAY_MS = 86_400_000;

/**
 * "+35 % vs the previous 7 days": how a figure moved from the previous period of equal length
 * (summary?compare=previous), or null without one.
 * @param {Summary} summary
 * @param {'posts' | 'contributors' | 'reach' | 'impressions' | 'engagement'} field
 * @returns {{ text: string, trend: 'up' | 'down' | 'flat' } | null}
 */
export function changeText(summary, field) {
  const previous = summary.previous;
  if (!previous) return null;
  const f = fmt();
  const days = Math.max(1, Math.round((Date.parse(summary.to) - Date.parse(summary.from)) / DAY_MS));
  const vs = days === 1 ? t('kpi.change.vsDay') : t('kpi.change.vsDays', { days: f.number(days) });
  const now = summary[field];
  const before = previous[field];
  if (before === 0) return { text: now === 0 ? `± 0 ${vs}` : t('kpi.change.new', { vs }), trend: now === 0 ? 'flat' : 'up' };
  const change = (now - before) / before;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '± ';
  return { text: `${sign}${f.percent(Math.abs(change))} ${vs}`, trend: change > 0 ? 'up' : change < 0 ? 'down' : 'flat' };
}

/**
 * The six KPI cards of a summary answer; each carries `data-kpi` with its API field, and, when the
 * answer holds the previous period, the change since it.
 * @param {Summary} summary
 */
export function kpiCards(summary) {
  const f = fmt();
  /**
   * @param {string} field
   * @param {string} value
   * @param {string} [sub]
   */
  const card = (field, value, sub) => {
    const change =
      field === 'posts' || field === 'contributors' || field === 'reach' || field === 'impressions' || field === 'engagement'
        ? changeText(summary, field)
        : null;
    return el(
      'div',
      { class: 'card kpi', 'data-kpi': field },
      el('div', { class: 'label' }, t(`metric.${field}`)),
      el('div', { class: 'value' }, value),
      change ? el('div', { class: `change ${change.trend}`, 'data-change': field }, change.text) : null,
      el('div', { class: 'sub' }, sub ?? ''),
    );
  };
  return [
    card('posts', f.number(summary.posts)),
    card('contributors', f.number(summary.contributors), t('kpi.contributors.sub')),
    card('reach', f.number(summary.reach), t('kpi.reach.sub')),
    card(
      'impressions',
      f.number(summary.impressions),
      t('kpi.impressions.sub', { reported: f.number(summary.impressionsReported), estimated: f.number(summary.impressionsEstimated) }),
    ),
    card('engagement', f.number(summary.engagement), t('kpi.engagement.sub')),
    card('engagementRate', f.percent(summary.engagementRate), t('kpi.engagementRate.sub')),
  ];
}

/**
 * "13 Januari 2015 – 9 Februari 2015 (Asia/Jakarta)".
 * @param {Summary} summary
 * @param {Campaign} campaign
 */
export function periodText(summary, campaign) {
  return `${fmt().period(summary.from, summary.to, campaign.timeZone)} (${campaign.timeZone})`;
}
