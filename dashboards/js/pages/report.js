// The report (report.html?id=…&from=…&to=…): one campaign and period on A4, for a sponsor to read,
// print or save as PDF. Charts are drawn as images so they print sharp and can be copied.
import { apiGet, campaignPath, queryString } from '../api.js';
import { preferredHeight } from '../chart-config.js';
import { CHART_DATA } from '../chart-spec.js';
import { chartImage, destroyCharts, tableFor } from '../charts.js';
import { el, stateBox } from '../dom.js';
import { describeFilters, filterOptions, hasFilters, readFilters, writeFilters } from '../filters.js';
import { fmt, t } from '../i18n.js';
import { kpiCards, periodText } from '../kpis.js';
import { startPage } from '../layout.js';
import { postList } from '../posts.js';
import { freshnessRows } from '../status.js';

const campaignId = () => new URLSearchParams(location.search).get('id');
const METHOD_PARAGRAPHS = ['method.posts', 'method.figures', 'method.reach', 'method.impressions', 'method.cities', 'method.topics', 'method.time'];
/** The main charts, drawn wide for print; each as tall as its rows need (the page's height, scaled). */
const REPORT_CHARTS = ['posts-over-time', 'by-city', 'by-topic', 'city-topic'];
const REPORT_WIDTH = 1400;

function periodForm(filters, rerender) {
  const field = (key) => el('div', { class: 'field' }, el('label', { for: `r-${key}` }, t(`filters.${key}`)), el('input', { id: `r-${key}`, name: key, type: 'date', value: filters[key] ?? '' }));
  const form = el(
    'form',
    { class: 'report-tools card no-print', 'aria-label': t('report.tools') },
    field('from'),
    field('to'),
    el('div', { class: 'field actions' }, el('button', { type: 'submit', class: 'secondary' }, t('report.apply')), el('button', { type: 'button', id: 'print', 'on:click': () => window.print() }, t('report.print'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    writeFilters({ ...filters, from: form.elements.from.value, to: form.elements.to.value });
    rerender();
  });
  return form;
}

/** A chart as an image with its numbers beside it: a table, or for a time series one sentence. */
async function chartFigure(id, campaign, filters) {
  const spec = CHART_DATA[id];
  const data = await apiGet(campaignPath(campaign.id, spec.route) + queryString({ ...spec.params, ...filters }));
  const width = REPORT_WIDTH;
  const height = Math.max(360, Math.round(preferredHeight(id, data) * 2.2));
  const title = t(`chart.${id}.title`);
  const src = await chartImage(id, data, { width, height, subtitle: [], footer: '', fontScale: 0.7 });
  let alternative;
  if (spec.route === 'metrics/timeseries') {
    const peak = data.points.reduce((a, p) => (p.posts > a.posts ? p : a), data.points[0] ?? { posts: 0, bucket: '' });
    alternative = el('p', { class: 'muted' }, peak.bucket ? t('report.seriesSummary', { days: data.points.length, peak: fmt().number(peak.posts), day: fmt().day(peak.bucket) }) : t('chart.empty'));
  } else alternative = el('div', { class: 'table-wrap' }, tableFor(id, data, title));
  return el('figure', { class: 'report-chart', id: `report-${id}` }, el('img', { src, alt: `${title}. ${t('report.altHint')}`, width, height }), el('figcaption', {}, t(`chart.${id}.desc`)), alternative);
}

async function render(main, { isCurrent, rerender }) {
  destroyCharts();
  const id = campaignId();
  if (!id) return location.replace('/');
  main.replaceChildren(stateBox('loading', t('state.loading')));
  const filters = readFilters();
  const q = queryString(filters);
  const [{ campaign }, summary, top, options] = await Promise.all([
    apiGet(campaignPath(id)),
    apiGet(campaignPath(id, 'metrics/summary') + q),
    apiGet(campaignPath(id, 'posts') + queryString({ ...filters, sort: 'engagement', limit: 5 })),
    hasFilters(filters) ? filterOptions(id) : undefined,
  ]);
  if (!isCurrent()) return;
  document.title = `${t('report.title')}: ${campaign.name} — Kabar Kampanye`;
  const f = fmt();
  const named = describeFilters(filters, options);
  const charts = el('div', { class: 'report-charts' }, stateBox('loading', t('state.loading')));
  const article = el(
    'article',
    { class: 'report', id: 'report' },
    el('header', {}, el('p', { class: 'eyebrow' }, t('report.title')), el('h1', {}, campaign.name), el('p', { class: 'hashtags' }, campaign.hashtags.join(' ')), el('p', { class: 'period' }, periodText(summary, campaign), named.length ? ` · ${named.join(' · ')}` : '')),
    campaign.demo ? el('p', { class: 'demo-banner' }, t('overview.demo')) : null,
    el('section', {}, el('h2', {}, t('report.figures')), el('div', { class: 'kpis' }, kpiCards(summary))),
    el('section', {}, el('h2', {}, t('report.charts')), charts),
    el('section', { class: 'report-posts' }, el('h2', {}, t('report.topPosts')), postList(top.posts, campaign)),
    el('section', { class: 'method' }, el('h2', {}, t('report.method')), METHOD_PARAGRAPHS.map((k) => el('p', {}, t(k)))),
    el(
      'section',
      { class: 'freshness' },
      el('h2', {}, t('report.freshness')),
      el('div', { class: 'table-wrap' }, el('table', {}, el('thead', {}, el('tr', {}, [t('col.source'), t('report.lastSuccess'), t('report.lastOutcome')].map((h) => el('th', { scope: 'col' }, h)))), el('tbody', {}, freshnessRows(campaign).map((r) => el('tr', {}, r.map((c) => el('td', {}, c))))))),
      el('p', { class: 'muted' }, t('report.computed', { time: f.dateTime(summary.computedAt, campaign.timeZone) })),
    ),
  );
  main.replaceChildren(periodForm(filters, rerender), article);
  try {
    const figures = await Promise.all(REPORT_CHARTS.map((chart) => chartFigure(chart, campaign, filters)));
    if (!isCurrent()) return;
    charts.replaceChildren(...figures);
  } catch (err) {
    charts.replaceChildren(stateBox('error', t('error.load', { message: err.message }), { label: t('action.retry'), run: rerender }));
  }
  article.dataset.ready = 'true';
}

startPage({ page: 'report.html', campaignId, render });
