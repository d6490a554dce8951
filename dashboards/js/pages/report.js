// The report (report.html?id=…&from=…&to=…): one campaign and period on A4, for a sponsor to read,
// print or save as PDF. Charts are drawn as images so they print sharp and can be copied.
// Opened through a sponsor's link (/share/<secret>?from=…&to=…) it is the same report, read-only:
// the campaign and the period come from the link (GET /session), the server keeps every figure
// inside that period, and nothing links to other pages.
import { apiDownload, apiGet, campaignPath, queryString, shareMode, whoAmI } from '../api.js';
import { preferredHeight } from '../chart-config.js';
import { CHART_DATA } from '../chart-spec.js';
import { chartImage, destroyCharts, tableFor } from '../charts.js';
import { el, scrollBox, stateBox } from '../dom.js';
import { describeFilters, filterOptions, hasFilters, readFilters, writeFilters } from '../filters.js';
import { fmt, t } from '../i18n.js';
import { kpiCards, periodText } from '../kpis.js';
import { startPage } from '../layout.js';
import { postList } from '../posts.js';
import { freshnessRows } from '../status.js';
import { dayInZone } from '../zoned-date.js';
/** @import { Campaign, Post, Summary, Who } from '../api-types.js' */
/** @import { ChartData, ChartId, Timeseries } from '../chart-spec.js' */
/** @import { Child } from '../dom.js' */
/** @import { FilterOptions, Filters } from '../filters.js' */
/** @import { PageControl } from '../layout.js' */

const campaignId = () => (shareMode() ? null : new URLSearchParams(location.search).get('id'));
const METHOD_PARAGRAPHS = ['method.posts', 'method.figures', 'method.reach', 'method.impressions', 'method.cities', 'method.topics', 'method.time'];
/** The main charts, drawn wide for print; each as tall as its rows need (the page's height, scaled). */
/** @type {ChartId[]} */
const REPORT_CHARTS = ['posts-over-time', 'by-city', 'by-topic', 'city-topic'];
const REPORT_WIDTH = 1400;

/** The campaign and, through a share link, the link: its label, period, expiry and whether it exports. */
async function reportTarget() {
  if (!shareMode()) return { id: campaignId(), link: null };
  // Opened through a share link, the page speaks for that link.
  const who = /** @type {Extract<Who, { kind: 'share' }>} */ (await whoAmI());
  return { id: who.link.campaignId, link: who.link };
}

/**
 * The CSV of the posts, fetched with the page's credential (a share link's secret is no cookie).
 * @param {string} id
 * @param {Filters} filters
 */
function exportButton(id, filters) {
  const status = el('span', { class: 'muted', id: 'export-status', role: 'status' });
  const button = el('button', { type: 'button', class: 'secondary', id: 'export' }, t('report.export'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = t('report.exporting');
    try {
      await apiDownload(campaignPath(id, 'export.csv') + queryString(filters), `${id}-posts.csv`);
      status.textContent = '';
    } catch (err) {
      status.textContent = t('report.exportFailed', { message: err.message });
    } finally {
      button.disabled = false;
    }
  });
  return [button, status];
}

/**
 * @param {Filters} filters
 * @param {() => unknown} rerender
 * @param {{ bounds?: { min: string, max: string | undefined }, exporter?: Child }} [tools]
 */
function periodForm(filters, rerender, { bounds, exporter } = {}) {
  /** @param {'from' | 'to'} key */
  const field = (key) =>
    el(
      'div',
      { class: 'field' },
      el('label', { for: `r-${key}` }, t(`filters.${key}`)),
      el('input', { id: `r-${key}`, name: key, type: 'date', value: filters[key] ?? '', min: bounds?.min, max: bounds?.max }),
    );
  const form = el(
    'form',
    { class: 'report-tools card no-print', 'aria-label': t('report.tools') },
    field('from'),
    field('to'),
    el(
      'div',
      { class: 'field actions' },
      el('button', { type: 'submit', class: 'secondary' }, t('report.apply')),
      el('button', { type: 'button', id: 'print', 'on:click': () => window.print() }, t('report.print')),
      exporter ?? null,
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const day = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
    writeFilters({ ...filters, from: day('from'), to: day('to') });
    rerender();
  });
  return form;
}

/**
 * A chart as an image with its numbers beside it: a table, or for a time series one sentence.
 * @param {ChartId} id
 * @param {Campaign} campaign
 * @param {Filters} filters
 */
async function chartFigure(id, campaign, filters) {
  const spec = CHART_DATA[id];
  /** @type {ChartData} */
  const data = await apiGet(campaignPath(campaign.id, spec.route) + queryString({ ...spec.params, ...filters }));
  const width = REPORT_WIDTH;
  const height = Math.max(360, Math.round(preferredHeight(id, data) * 2.2));
  const title = t(`chart.${id}.title`);
  const src = await chartImage(id, data, { width, height, subtitle: [], footer: '', fontScale: 0.7 });
  let alternative;
  if (spec.route === 'metrics/timeseries') {
    const { points } = /** @type {Timeseries} */ (data);
    const peak = points.reduce((a, p) => (p.posts > a.posts ? p : a), points[0] ?? { posts: 0, bucket: '' });
    alternative = el(
      'p',
      { class: 'muted' },
      peak.bucket ? t('report.seriesSummary', { days: points.length, peak: fmt().number(peak.posts), day: fmt().day(peak.bucket) }) : t('chart.empty'),
    );
  } else alternative = scrollBox(title, tableFor(id, data, title));
  return el(
    'figure',
    { class: 'report-chart', id: `report-${id}` },
    el('img', { src, alt: `${title}. ${t('report.altHint')}`, width, height }),
    el('figcaption', {}, t(`chart.${id}.desc`)),
    alternative,
  );
}

/**
 * @param {HTMLElement} main
 * @param {PageControl} page
 */
async function render(main, { isCurrent, rerender }) {
  destroyCharts();
  main.replaceChildren(stateBox('loading', t('state.loading')));
  const { id, link } = await reportTarget();
  if (!isCurrent()) return;
  if (!id) return location.replace('/');
  const filters = readFilters();
  const q = queryString(filters);
  /** @type {[{ campaign: Campaign }, Summary, { posts: Post[] }, FilterOptions | undefined]} */
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
  const freshness = freshnessRows(campaign);
  const charts = el('div', { class: 'report-charts' }, stateBox('loading', t('state.loading')));
  const article = el(
    'article',
    { class: 'report', id: 'report' },
    el(
      'header',
      {},
      el('p', { class: 'eyebrow' }, t('report.title')),
      el('h1', {}, campaign.name),
      el('p', { class: 'hashtags' }, campaign.hashtags.join(' ')),
      el('p', { class: 'period' }, periodText(summary, campaign), named.length ? ` · ${named.join(' · ')}` : ''),
    ),
    campaign.demo ? el('p', { class: 'demo-banner' }, t('overview.demo')) : null,
    el('section', {}, el('h2', {}, t('report.figures')), el('div', { class: 'kpis' }, kpiCards(summary))),
    el('section', {}, el('h2', {}, t('report.charts')), charts),
    el('section', { class: 'report-posts' }, el('h2', {}, t('report.topPosts')), postList(top.posts, campaign)),
    el(
      'section',
      { class: 'method' },
      el('h2', {}, t('report.method')),
      METHOD_PARAGRAPHS.map((k) => el('p', {}, t(k))),
    ),
    el(
      'section',
      { class: 'freshness' },
      el('h2', {}, t('report.freshness')),
      // A share link's view of the campaign carries no collection status: then only the time.
      freshness.length
        ? scrollBox(
            t('report.freshness'),
            el(
              'table',
              {},
              el(
                'thead',
                {},
                el(
                  'tr',
                  {},
                  [t('col.source'), t('report.lastSuccess'), t('report.lastOutcome')].map((h) => el('th', { scope: 'col' }, h)),
                ),
              ),
              el(
                'tbody',
                {},
                freshness.map((r) =>
                  el(
                    'tr',
                    {},
                    r.map((c) => el('td', {}, c)),
                  ),
                ),
              ),
            ),
          )
        : null,
      el('p', { class: 'muted' }, t('report.computed', { time: f.dateTime(summary.computedAt, campaign.timeZone) })),
    ),
  );
  // Through a link: the period's days to choose from, the CSV only when the link allows it, and a word on what this page is.
  const bounds = link
    ? { min: dayInZone(campaign.startsAt, campaign.timeZone), max: campaign.endsAt ? dayInZone(Date.parse(campaign.endsAt) - 1, campaign.timeZone) : undefined }
    : undefined;
  // The raw CSV: through a link when it allows it; for a user when the API says they may (a right a manager grants).
  const exporter = (link ? link.allowExport : campaign.permissions?.export !== false) ? exportButton(id, filters) : null;
  const note = link
    ? el(
        'p',
        { class: 'share-note no-print', id: 'share-note' },
        t('share.note', { label: link.label, date: f.date(Date.parse(link.expiresAt) - 1, campaign.timeZone) }),
      )
    : null;
  main.replaceChildren(...[note, periodForm(filters, rerender, { bounds, exporter }), article].filter((n) => n !== null));
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
