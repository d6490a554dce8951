// The headline figures of a filtered set (METRICS.md, "Aggregates"), as cards.
import { el } from './dom.js';
import { fmt, t } from './i18n.js';
/** @import { Campaign, Summary } from './api-types.js' */

/**
 * The six KPI cards of a summary answer; each carries `data-kpi` with its API field.
 * @param {Summary} summary
 */
export function kpiCards(summary) {
  const f = fmt();
  /**
   * @param {string} field
   * @param {string} value
   * @param {string} [sub]
   */
  const card = (field, value, sub) =>
    el(
      'div',
      { class: 'card kpi', 'data-kpi': field },
      el('div', { class: 'label' }, t(`metric.${field}`)),
      el('div', { class: 'value' }, value),
      el('div', { class: 'sub' }, sub ?? ''),
    );
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
