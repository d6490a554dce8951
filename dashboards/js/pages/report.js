// The report (report.html?id=…&from=…&to=…): one campaign and period on A4, for a sponsor to read,
// print or save as PDF. Charts are drawn as images so they print sharp and can be copied.
// Opened through a sponsor's link (/share/<secret>?from=…&to=…) it is the same report, read-only:
// the campaign and the period come from the link (GET /session), the server keeps every figure
// inside that period, and nothing links to other pages.
import { apiDataUrl, apiDownload, apiGet, campaignPath, queryString, shareMode, whoAmI } from '../api.js';
import { CHART_DATA, keyLabel, matrixLabels } from '../chart-spec.js';
import { chartImage, destroyCharts } from '../charts.js';
import { el, stateBox } from '../dom.js';
import { describeFilters, filterOptions, hasFilters, readFilters, writeFilters } from '../filters.js';
import { fmt, t } from '../i18n.js';
import { kpiCards, periodText } from '../kpis.js';
import { startPage } from '../layout.js';
import { postList } from '../posts.js';
import { activationSentences, chatFigures, composeSummary, rateChange } from '../report-summary.js';
import { freshnessRows } from '../status.js';
import { dayInZone } from '../zoned-date.js';
/** @import { Campaign, Contributor, Post, Summary, Who } from '../api-types.js' */
/** @import { Breakdown, ChartId, Matrix, Timeseries } from '../chart-spec.js' */
/** @import { ChatFigureKey, ChatTotals, CityActivation, FigureKey, SummaryPart } from '../report-summary.js' */
/** @import { Child } from '../dom.js' */
/** @import { FilterOptions, Filters } from '../filters.js' */
/** @import { PageControl } from '../layout.js' */

const campaignId = () => (shareMode() ? null : new URLSearchParams(location.search).get('id'));
const METHOD_PARAGRAPHS = ['method.posts', 'method.figures', 'method.reach', 'method.impressions', 'method.cities', 'method.topics', 'method.time'];
/** The daily charts, drawn side by side in print (half the page's width each). */
/** @type {ChartId[]} */
const REPORT_CHARTS = ['posts-over-time', 'engagement-over-time'];
const CHART_WIDTH = 900;
const CHART_HEIGHT = 520;
/** The charts offered as PNG share images (GET …/charts/:chart.png), in the reader's language. */
/** @type {ChartId[]} */
const SHARE_CHARTS = ['posts-over-time', 'engagement-over-time', 'by-city', 'by-topic', 'by-platform', 'share-of-voice'];
const TOP_CONTRIBUTORS = 8;
const TOP_HASHTAGS = 8;
const TOP_POSTS = 3;
const SENTIMENTS = ['positive', 'neutral', 'negative'];
/** The window of the report's workshop figures: 30 days after each workshop, against 30 days before it. */
const ACTIVATION_DAYS = 30;

/**
 * @typedef {{ participants: number, active: number, activationRate: number | null, posts: number, engagement: number, reach: number }} ActivationFigures
 * @typedef {ActivationFigures & { workshopId: string, name: string, city: string, before: ActivationFigures }} WorkshopRow
 */

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
      el('button', { type: 'button', id: 'print', title: t('report.printHint'), 'on:click': () => window.print() }, t('report.print')),
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
 * A table whose cells carry their column's name, so on a phone each row stacks into a card.
 * @param {{ id: string, caption: string, columns: Array<{ label: Child, num?: boolean, abbr?: string }>, rows: Child[][], className?: string }} spec
 */
function stackTable({ id, caption, columns, rows, className }) {
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: `stack ${className ?? ''}`.trim(), id },
      el('caption', { class: 'visually-hidden' }, caption),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          columns.map((c, i) => el('th', { scope: 'col', class: i ? 'num' : null, title: c.abbr ?? null }, el('span', {}, c.label))),
        ),
      ),
      el(
        'tbody',
        {},
        rows.map((r) =>
          el(
            'tr',
            {},
            r.map((cell, i) => {
              const column = columns[i];
              const label = column?.abbr ?? (typeof column?.label === 'string' ? column.label : '');
              return i === 0 ? el('th', { scope: 'row' }, cell) : el('td', { class: column?.num ? 'num' : null, 'data-label': label }, cell);
            }),
          ),
        ),
      ),
    ),
  );
}

/**
 * A daily chart as an image, with its busiest day in one sentence.
 * @param {ChartId} id
 * @param {Timeseries} data
 */
async function seriesFigure(id, data) {
  const title = t(`chart.${id}.title`);
  const src = await chartImage(id, data, { width: CHART_WIDTH, height: CHART_HEIGHT, subtitle: [], footer: '', fontScale: 0.8 });
  const metric = id === 'engagement-over-time' ? 'engagement' : 'posts';
  const { points } = data;
  const peak = points.reduce((a, p) => (p[metric] > a[metric] ? p : a), points[0] ?? { posts: 0, engagement: 0, contributors: 0, bucket: '' });
  const sentence = peak.bucket
    ? id === 'engagement-over-time'
      ? `${t('metric.engagement')}: ${fmt().number(points.reduce((a, p) => a + p.engagement, 0))} · ${fmt().day(peak.bucket)}: ${fmt().number(peak.engagement)}`
      : t('report.seriesSummary', { days: points.length, peak: fmt().number(peak.posts), day: fmt().day(peak.bucket) })
    : t('chart.empty');
  return el(
    'figure',
    { class: 'report-chart', id: `report-${id}` },
    el('img', { src, alt: `${title}. ${t('report.altHint')}`, width: CHART_WIDTH, height: CHART_HEIGHT }),
    el('figcaption', {}, el('strong', {}, title), ' ', sentence),
  );
}

/**
 * A figure linked to its definition, numbered as a footnote in the order of `figures`.
 * @param {FigureKey} figure
 * @param {string} text
 * @param {FigureKey[]} figures
 */
function figureLink(figure, text, figures) {
  return el(
    'a',
    { class: 'figure', href: `#def-${figure}`, 'data-figure': figure },
    el('span', { class: 'value' }, text),
    el('sup', { 'aria-hidden': 'true' }, String(figures.indexOf(figure) + 1)),
  );
}

/**
 * The summary paragraph: each figure links to its definition, numbered as a footnote.
 * @param {SummaryPart[]} parts
 * @param {FigureKey[]} figures
 */
function summaryParagraph(parts, figures) {
  return el(
    'p',
    { class: 'summary', id: 'report-summary' },
    parts.map((part) => (typeof part === 'string' ? part : figureLink(part.figure, part.text, figures))),
  );
}

/**
 * The definitions the paragraph points to, as footnotes in its order.
 * @param {FigureKey[]} figures
 * @param {Campaign} campaign
 */
function definitions(figures, campaign) {
  return el(
    'section',
    { class: 'definitions', id: 'report-definitions' },
    el('h2', {}, t('report.definitions')),
    el(
      'ol',
      { class: 'notes', id: 'report-notes' },
      figures.map((f) => el('li', { id: `def-${f}` }, t(`def.${f}`, { zone: campaign.timeZone }))),
    ),
  );
}

/**
 * The header on every printed page and the page numbers, as @page margin boxes (Chromium prints
 * them, from the browser's print as from a server's): added to report.css through the CSSOM,
 * because their words are the campaign's and the reader's language.
 * @param {string} left
 * @param {string} right
 */
function printFrame(left, right) {
  const sheet = Array.from(document.styleSheets).find((s) => s.href?.endsWith('/report.css'));
  if (!sheet) return;
  const str = (/** @type {string} */ text) => `"${text.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, ' ')}"`;
  const pageNumber = t('report.page', { page: '\u0000page\u0000', pages: '\u0000pages\u0000' })
    .split('\u0000')
    .map((piece) => (piece === 'page' || piece === 'pages' ? `counter(${piece})` : piece ? str(piece) : ''))
    .filter(Boolean)
    .join(' ');
  const rule = `@page { @top-left { content: ${str(left)}; } @top-right { content: ${str(right)}; } @bottom-right { content: ${pageNumber}; } }`;
  for (let i = sheet.cssRules.length - 1; i >= 0; i--)
    if (sheet.cssRules[i] instanceof window.CSSPageRule && sheet.cssRules[i]?.cssText.includes('content:')) sheet.deleteRule(i);
  sheet.insertRule(rule, sheet.cssRules.length);
}

/**
 * The report's header: the organisation's logo and name, the campaign, the period, whom it is for.
 * @param {Campaign} campaign
 * @param {string} period
 */
function reportHeader(campaign, period) {
  const logo = campaign.logo
    ? el('img', { class: 'logo', id: 'report-logo', alt: t('report.logoAlt', { name: campaign.organisation ?? campaign.name }) })
    : null;
  if (logo) {
    // The page's credential fetches it (a share link's secret is no cookie); a missing logo leaves no hole.
    apiDataUrl(campaignPath(campaign.id, 'logo') + queryString({ v: campaign.logo?.updatedAt ?? '' }))
      .then((src) => logo.setAttribute('src', src))
      .catch(() => logo.remove());
  }
  return el(
    'header',
    { class: 'report-head' },
    logo,
    el(
      'div',
      { class: 'titles' },
      el(
        'p',
        { class: 'eyebrow' },
        t('report.title'),
        campaign.organisation ? el('span', { class: 'org', id: 'report-org' }, ` · ${campaign.organisation}`) : null,
      ),
      el('h1', {}, campaign.name),
      el('p', { class: 'hashtags' }, campaign.hashtags.join(' ')),
      el('p', { class: 'period' }, period),
      campaign.preparedFor ? el('p', { class: 'prepared', id: 'report-prepared-for' }, t('report.preparedFor', { name: campaign.preparedFor })) : null,
    ),
  );
}

/**
 * Buttons that download the charts as PNG share images for this period, with the page's credential.
 * @param {string} id
 * @param {Filters} filters
 */
function shareImages(id, filters) {
  const status = el('span', { class: 'muted', role: 'status' });
  return el(
    'section',
    { class: 'share-images no-print', id: 'report-share-images' },
    el('h2', {}, t('report.share')),
    el('p', { class: 'muted' }, t('report.shareHint')),
    el(
      'div',
      { class: 'share-buttons' },
      SHARE_CHARTS.map((chart) =>
        el(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'data-chart': chart,
            'on:click': async () => {
              status.textContent = t('report.exporting');
              try {
                await apiDownload(
                  campaignPath(id, `charts/${chart}.png`) + queryString({ ...filters, lang: fmt().lang, size: 'square' }),
                  `${id}-${chart}.png`,
                );
                status.textContent = '';
              } catch (err) {
                status.textContent = t('report.exportFailed', { message: err.message });
              }
            },
          },
          t('report.sharePng', { chart: t(`chart.${chart}.title`) }),
        ),
      ),
    ),
    status,
  );
}

/**
 * Who went on to post after the workshops: a sentence per city and a compact table per workshop,
 * counts only (no participant is named, so a share link reads it as a manager does). Nothing when
 * the campaign has no workshop with participants.
 * @param {{ cities: CityActivation[] }} byCity
 * @param {{ workshops: WorkshopRow[] }} byWorkshop
 */
function workshopsSection(byCity, byWorkshop) {
  const rows = byWorkshop.workshops.filter((w) => w.participants > 0);
  if (rows.length === 0) return null;
  const f = fmt();
  const cityName = new Map(byCity.cities.map((c) => [c.city, c.name]));
  return el(
    'section',
    { class: 'workshops', id: 'report-workshops' },
    el('h2', {}, t('report.workshops')),
    el(
      'ul',
      { class: 'activation-sentences', id: 'report-activation' },
      activationSentences(byCity.cities, ACTIVATION_DAYS, t, f).map((s) => el('li', {}, s)),
    ),
    stackTable({
      id: 'report-workshops-table',
      caption: t('activation.caption', { n: String(ACTIVATION_DAYS) }),
      columns: [
        { label: t('activation.col.workshop') },
        { label: t('activation.col.participants'), num: true },
        { label: t('activation.col.active'), num: true },
        { label: t('activation.col.rate'), num: true },
        { label: t('metric.posts'), num: true },
        { label: t('metric.engagement'), num: true },
        { label: t('metric.reach'), num: true },
        { label: t('report.workshops.change'), num: true },
      ],
      rows: rows.map((w) => [
        [w.name, el('span', { class: 'muted' }, ` · ${cityName.get(w.city) ?? w.city}`)],
        f.number(w.participants),
        f.number(w.active),
        f.percent(w.activationRate),
        f.number(w.posts),
        f.number(w.engagement),
        f.number(w.reach),
        rateChange(w.activationRate, w.before.activationRate, t, f),
      ]),
    }),
    el('p', { class: 'note' }, t('report.workshopsNote', { days: String(ACTIVATION_DAYS) })),
  );
}

/**
 * The support channel over the report's period (GET …/chat-activity): a figure a row, each linked
 * to its definition; counts only, so a share link reads it as a manager does. Nothing when the
 * period has no message.
 * @param {Array<{ figure: ChatFigureKey, label: string, value: string }>} rows
 * @param {FigureKey[]} figures
 */
function chatSection(rows, figures) {
  if (rows.length === 0) return null;
  return el(
    'section',
    { class: 'support-channel', id: 'report-chat' },
    el('h2', {}, t('report.chat')),
    stackTable({
      id: 'report-chat-table',
      caption: t('report.chat'),
      className: 'figures-table',
      columns: [{ label: t('report.chat.figure') }, { label: t('report.chat.value'), num: true }],
      rows: rows.map((r) => [r.label, figureLink(r.figure, r.value, figures)]),
    }),
    el('p', { class: 'note' }, t('report.chatNote')),
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
  /** @param {ChartId} chart */
  const chartData = (chart) => apiGet(campaignPath(id, CHART_DATA[chart].route) + queryString({ ...CHART_DATA[chart].params, ...filters }));
  /** @type {[{ campaign: Campaign }, Summary, { posts: Post[] }, { contributors: Contributor[] }, Timeseries, Breakdown, Breakdown, Breakdown, Breakdown, Matrix, FilterOptions | undefined, { cities: CityActivation[] }, { workshops: WorkshopRow[] }]} */
  const [{ campaign }, summary, top, people, series, cities, platforms, sentiments, hashtags, matrix, options, activationByCity, activationByWorkshop] =
    await Promise.all([
      apiGet(campaignPath(id)),
      // With the previous period of equal length: each key figure says how it moved (null outside a share link's period).
      apiGet(campaignPath(id, 'metrics/summary') + queryString({ ...filters, compare: 'previous' })),
      apiGet(campaignPath(id, 'posts') + queryString({ ...filters, sort: 'engagement', limit: TOP_POSTS })),
      apiGet(campaignPath(id, 'contributors') + queryString({ ...filters, sort: 'reach', limit: TOP_CONTRIBUTORS })),
      chartData('posts-over-time'),
      chartData('by-city'),
      chartData('by-platform'),
      chartData('by-sentiment'),
      chartData('share-of-voice'),
      chartData('city-topic'),
      hasFilters(filters) ? filterOptions(id) : undefined,
      apiGet(campaignPath(id, 'metrics/workshops') + queryString({ window: ACTIVATION_DAYS, by: 'city' })),
      apiGet(campaignPath(id, 'metrics/workshops') + queryString({ window: ACTIVATION_DAYS })),
    ]);
  if (!isCurrent()) return;
  // The support channel over the same period as every other figure (a share link's narrows it again).
  /** @type {{ totals: ChatTotals }} */
  const chat = await apiGet(campaignPath(id, 'chat-activity') + queryString({ from: summary.from, to: summary.to }));
  if (!isCurrent()) return;
  document.title = `${t('report.title')}: ${campaign.name} — Kabar Kampanye`;
  const f = fmt();
  const named = describeFilters(filters, options);
  const period = `${periodText(summary, campaign)}${named.length ? ` · ${named.join(' · ')}` : ''}`;
  const freshness = freshnessRows(campaign);
  const knownCities = cities.rows
    .filter((r) => r.key !== 'unknown' && r.posts > 0)
    .map((r) => ({ label: keyLabel('city', r.key, r.label, t), posts: r.posts }));
  const peak = series.points.reduce((a, p) => (a === null || p.posts > a.posts ? p : a), /** @type {Timeseries['points'][number] | null} */ (null));
  const { parts, figures: paragraphFigures } = composeSummary(
    { summary, hashtags: campaign.hashtags, timeZone: campaign.timeZone, cities: knownCities, peak },
    t,
    f,
  );
  const chatRows = chatFigures(chat.totals, t, f);
  // One numbered list of definitions: the paragraph's figures, then the support channel's.
  /** @type {FigureKey[]} */
  const figures = [...paragraphFigures, ...chatRows.map((r) => r.figure)];
  const charts = el('div', { class: 'report-charts' }, stateBox('loading', t('state.loading')));
  const withSentiment = sentiments.rows.some((r) => SENTIMENTS.includes(r.key) && r.posts > 0);
  const totalPosts = summary.posts;
  /** @param {number} n */
  const share = (n) => f.percent(totalPosts ? n / totalPosts : null);
  const topics = matrixLabels(matrix, t);
  // Each city's own total: a post in two topics counts once (API.md, matrix rowTotals).
  const { rowTotals } = /** @type {Matrix & { rowTotals?: number[] }} */ (matrix);
  const article = el(
    'article',
    { class: 'report', id: 'report' },
    reportHeader(campaign, period),
    campaign.demo ? el('p', { class: 'demo-banner' }, t('overview.demo')) : null,
    el('section', { class: 'lead' }, el('h2', { class: 'visually-hidden' }, t('report.summary')), summaryParagraph(parts, figures)),
    el('section', { class: 'figures' }, el('h2', {}, t('report.figures')), el('div', { class: 'kpis' }, kpiCards(summary))),
    el('section', { class: 'over-time' }, el('h2', {}, t('report.overTime')), charts),
    el(
      'section',
      { class: 'contributors', id: 'report-contributors' },
      el('h2', {}, t('report.contributors')),
      people.contributors.length
        ? stackTable({
            id: 'report-contributors-table',
            caption: t('report.contributors'),
            columns: [
              { label: t('report.author') },
              { label: t('col.platform') },
              { label: t('metric.posts'), num: true },
              { label: t('metric.reach'), num: true },
              { label: t('metric.engagement'), num: true },
            ],
            rows: people.contributors.map((c) => [
              [
                el('span', { class: 'author' }, c.name ?? c.handle ?? c.authorId ?? ''),
                c.handle ? el('span', { class: 'muted' }, ` @${String(c.handle).replace(/^@/, '')}`) : null,
              ],
              c.platform ? keyLabel('platform', c.platform, c.platform, t) : '',
              f.number(c.posts),
              f.number(c.reach),
              f.number(c.engagement),
            ]),
          })
        : el('p', { class: 'muted' }, t('posts.none')),
      el('p', { class: 'note' }, t('report.contributorsNote', { count: f.number(people.contributors.length) })),
    ),
    el(
      'div',
      { class: 'report-pair' },
      el(
        'section',
        { id: 'report-platforms' },
        el('h2', {}, t('report.platforms')),
        stackTable({
          id: 'report-platforms-table',
          caption: t('report.platforms'),
          columns: [
            { label: t('col.platform') },
            { label: t('metric.posts'), num: true },
            { label: t('col.share'), num: true },
            { label: t('metric.engagement'), num: true },
          ],
          rows: platforms.rows
            .filter((r) => r.posts > 0)
            .map((r) => [keyLabel('platform', r.key, r.label, t), f.number(r.posts), share(r.posts), f.number(r.engagement)]),
        }),
      ),
      withSentiment
        ? el(
            'section',
            { id: 'report-sentiment' },
            el('h2', {}, t('report.sentiment')),
            stackTable({
              id: 'report-sentiment-table',
              caption: t('report.sentiment'),
              columns: [{ label: t('col.sentiment') }, { label: t('metric.posts'), num: true }, { label: t('col.share'), num: true }],
              rows: sentiments.rows.filter((r) => r.posts > 0).map((r) => [keyLabel('sentiment', r.key, r.label, t), f.number(r.posts), share(r.posts)]),
            }),
            el('p', { class: 'note' }, t('report.sentimentNote')),
          )
        : null,
      el(
        'section',
        { id: 'report-hashtags' },
        el('h2', {}, t('report.hashtags')),
        stackTable({
          id: 'report-hashtags-table',
          caption: t('report.hashtags'),
          columns: [{ label: t('col.hashtag') }, { label: t('metric.posts'), num: true }, { label: t('metric.engagement'), num: true }],
          rows: hashtags.rows
            .filter((r) => r.posts > 0)
            .slice(0, TOP_HASHTAGS)
            .map((r) => [r.label.startsWith('#') ? r.label : `#${r.label}`, f.number(r.posts), f.number(r.engagement)]),
        }),
        el('p', { class: 'note' }, t('report.hashtagsNote')),
      ),
    ),
    el(
      'section',
      { class: 'city-topic', id: 'report-city-topic' },
      el('h2', {}, t('report.cityTopic')),
      stackTable({
        id: 'report-city-topic-table',
        caption: t('report.cityTopic'),
        className: 'matrix',
        columns: [
          { label: t('col.city') },
          ...topics.cols.map((label) => ({ label, num: true, abbr: label })),
          { label: t('report.total'), num: true, abbr: t('report.total') },
        ],
        rows: matrix.values.map((vals, i) => [
          topics.rows[i] ?? '',
          ...vals.map((v) => f.number(v)),
          f.number(rowTotals?.[i] ?? vals.reduce((a, v) => a + v, 0)),
        ]),
      }),
      el('p', { class: 'note' }, t('report.cityTopicNote')),
    ),
    workshopsSection(activationByCity, activationByWorkshop),
    chatSection(chatRows, figures),
    el('section', { class: 'report-posts' }, el('h2', {}, t('report.topPosts')), postList(top.posts, campaign)),
    definitions(figures, campaign),
    el(
      'section',
      { class: 'method' },
      el('h2', {}, t('report.method')),
      el(
        'div',
        { class: 'method-body' },
        METHOD_PARAGRAPHS.map((k) => el('p', {}, t(k))),
      ),
    ),
    el(
      'section',
      { class: 'freshness' },
      el('h2', {}, t('report.freshness')),
      // A share link's view of the campaign carries no collection status: then only the time.
      freshness.length
        ? stackTable({
            id: 'report-freshness-table',
            caption: t('report.freshness'),
            columns: [{ label: t('col.source') }, { label: t('report.lastSuccess') }, { label: t('report.lastOutcome') }],
            rows: freshness,
          })
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
  printFrame([campaign.organisation, campaign.name].filter(Boolean).join(' · '), f.period(summary.from, summary.to, campaign.timeZone));
  main.replaceChildren(...[note, periodForm(filters, rerender, { bounds, exporter }), article, shareImages(id, filters)].filter((n) => n !== null));
  try {
    const figuresDrawn = await Promise.all(REPORT_CHARTS.map((chart) => seriesFigure(chart, series)));
    if (!isCurrent()) return;
    charts.replaceChildren(...figuresDrawn);
  } catch (err) {
    charts.replaceChildren(stateBox('error', t('error.load', { message: err.message }), { label: t('action.retry'), run: rerender }));
  }
  article.dataset.ready = 'true';
}

startPage({ page: 'report.html', campaignId, render });
