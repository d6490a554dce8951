// Charts on the page: chart.js is fetched only when a chart is about to draw (the campaign list
// never needs it), its heat map controller only for the heat map, each card loads its own data,
// and none waits for another.
import { apiGet, campaignPath, queryString } from './api.js';
import { buildChartConfig, isEmptyChart, preferredHeight } from './chart-config.js';
import { CHART_DATA, chartTable } from './chart-spec.js';
import { el, scrollBox, stateBox } from './dom.js';
import { fmt, t } from './i18n.js';
/** @import { Chart as ChartType } from 'chart.js' */
/** @import { ChartData, ChartId, ShareOptions, SpikeMark, Timeseries } from './chart-spec.js' */
/** @import { Filters } from './filters.js' */

/** @type {Promise<typeof ChartType> | undefined} */
let chartLib;
/** @param {string} src */
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.addEventListener('load', resolve);
    s.addEventListener('error', () => reject(new Error(`${src} did not load`)));
    document.head.append(s);
  });
}

/** @type {Promise<void> | undefined} */
let matrixLib;
/**
 * chart.js, served by this service from node_modules (no CDN); with its heat map controller
 * (chartjs-chart-matrix) only for a chart drawn as a heat map, the one that needs it.
 * @param {ChartId} [id] the chart to draw
 * @returns {Promise<typeof ChartType>}
 */
export function loadChartLib(id) {
  // Relative to this module, so the scripts share its versioned address (`/v/<hash>/vendor/…`).
  const vendor = (/** @type {string} */ name) => new URL(`../vendor/${name}`, import.meta.url).pathname;
  const lib = (chartLib ??= loadScript(vendor('chart.umd.min.js')).then(() => {
    // The UMD build puts chart.js on the page's global object.
    const { Chart } = /** @type {{ Chart: typeof ChartType }} */ (/** @type {unknown} */ (window));
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    return Chart;
  }));
  lib.catch(() => (chartLib = undefined));
  if (!id || CHART_DATA[id].route !== 'metrics/matrix') return lib;
  // The controller's UMD build registers itself on the global Chart, so it comes after chart.js.
  const matrix = (matrixLib ??= lib.then(() => loadScript(vendor('chartjs-chart-matrix.min.js')).then(() => undefined)));
  matrix.catch(() => (matrixLib = undefined));
  return matrix.then(() => lib);
}

/**
 * The API path of a chart's data under the page's filters.
 * @param {string} campaignId
 * @param {ChartId} id
 * @param {Filters} filters
 */
export function chartDataPath(campaignId, id, filters) {
  const spec = CHART_DATA[id];
  return campaignPath(campaignId, spec.route) + queryString({ ...spec.params, ...filters });
}

/**
 * The spike days of the posts chart (metrics/spikes, same filters); none for other charts, and
 * none when they cannot be read: the chart is drawn without its marks rather than not at all.
 * @param {ChartId} id
 * @param {string} campaignId
 * @param {Filters} filters
 * @returns {Promise<SpikeMark[]>}
 */
async function spikesOf(id, campaignId, filters) {
  if (id !== 'posts-over-time') return [];
  try {
    /** @type {{ points: SpikeMark[] }} */
    const r = await apiGet(campaignPath(campaignId, 'metrics/spikes') + queryString({ interval: 'day', ...filters }));
    return r.points.map(({ bucket, posts, expected }) => ({ bucket, posts, expected }));
  } catch {
    return [];
  }
}

/**
 * The spike days in words, under the chart: what the red bars mean, readable without the chart.
 * @param {SpikeMark[]} spikes
 */
function spikeNote(spikes) {
  const f = fmt();
  return el(
    'p',
    { class: 'note spikes', id: 'spike-note' },
    el('span', { class: 'spike-key', 'aria-hidden': 'true' }),
    t('chart.spike.note', {
      days: spikes.map((s) => t('chart.spike.day', { day: f.day(s.bucket), posts: f.number(s.posts), expected: f.number(s.expected) })).join('; '),
    }),
  );
}

/** @type {Set<ChartType>} */
const live = new Set();
/** Forgets the charts of the previous drawing (chart.js keeps listeners until destroyed). */
export function destroyCharts() {
  for (const c of live) c.destroy();
  live.clear();
}

/**
 * Draws a chart as an image of the given size, off screen: the PNG download and the report use it.
 * @param {ChartId} id
 * @param {ChartData} data
 * @param {ShareOptions} share
 */
export async function chartImage(id, data, share) {
  const Chart = await loadChartLib(id);
  const canvas = el('canvas', { width: share.width, height: share.height });
  const chart = new Chart(canvas, buildChartConfig(id, data, { t, fmt: fmt(), share }));
  try {
    return canvas.toDataURL('image/png');
  } finally {
    chart.destroy();
  }
}

/**
 * @param {ChartId} id
 * @param {ChartData} data
 * @param {string} [caption]
 */
export function tableFor(id, data, caption) {
  const { columns, rows } = chartTable(id, data, { t, fmt: fmt() });
  return el(
    'table',
    {},
    caption ? el('caption', { class: 'visually-hidden' }, caption) : null,
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        columns.map((c, i) => el('th', { scope: 'col', class: i ? 'num' : null }, c)),
      ),
    ),
    el(
      'tbody',
      {},
      rows.map((r) =>
        el(
          'tr',
          {},
          r.map((cell, i) => (i ? el('td', { class: 'num' }, cell) : el('th', { scope: 'row' }, cell))),
        ),
      ),
    ),
  );
}

/**
 * A chart card: title, description, the chart, a PNG download and the table alternative. It
 * shows its own loading, empty and error states. `shareInfo` holds the download's subtitle and footer,
 * filled in by the page once the summary has arrived.
 * @param {ChartId} id
 * @param {{ campaignId: string, filters: Filters, shareInfo: { subtitle: string[], footer: string } }} where
 */
export function chartCard(id, { campaignId, filters, shareInfo }) {
  const title = t(`chart.${id}.title`);
  const titleId = `title-${id}`;
  const body = el('div', { class: 'chart-body' }, stateBox('loading', t('state.loading')));
  const download = el('button', { type: 'button', class: 'secondary small', disabled: true, 'aria-describedby': titleId }, t('chart.download'));
  const card = el(
    'figure',
    { class: 'card chart-card', id: `card-${id}`, 'aria-busy': 'true' },
    el('div', { class: 'chart-head' }, el('h3', { id: titleId }, title), download),
    el('p', { class: 'chart-desc' }, t(`chart.${id}.desc`)),
    body,
  );

  const load = async () => {
    card.setAttribute('aria-busy', 'true');
    body.replaceChildren(stateBox('loading', t('state.loading')));
    try {
      /** @type {[ChartData, typeof ChartType, SpikeMark[]]} */
      const [data, Chart, spikes] = await Promise.all([apiGet(chartDataPath(campaignId, id, filters)), loadChartLib(id), spikesOf(id, campaignId, filters)]);
      if (spikes.length > 0) /** @type {Timeseries} */ (data).spikes = spikes;
      // Filters changed while this loaded: the card is gone, and so is the need to draw it.
      if (!card.isConnected) return;
      if (isEmptyChart(id, data)) {
        body.replaceChildren(stateBox('empty', t('chart.empty')));
        return;
      }
      const canvas = el('canvas', { role: 'img', 'aria-label': `${title}. ${t('chart.tableHint')}` });
      const box = el('div', { class: 'chart-box' }, canvas);
      box.style.height = `${preferredHeight(id, data)}px`;
      const details = el('details', { class: 'chart-table' }, el('summary', {}, t('chart.table')), scrollBox(title, tableFor(id, data, title)));
      body.replaceChildren(...(spikes.length > 0 ? [box, spikeNote(spikes), details] : [box, details]));
      live.add(new Chart(canvas, buildChartConfig(id, data, { t, fmt: fmt() })));
      download.disabled = false;
      download.onclick = async () => {
        const href = await chartImage(id, data, { width: 1080, height: 1080, subtitle: shareInfo.subtitle, footer: shareInfo.footer });
        el('a', { href, download: `${campaignId}-${id}.png` }).click();
      };
    } catch (err) {
      body.replaceChildren(stateBox('error', t('error.load', { message: err.message }), { label: t('action.retry'), run: load }));
    } finally {
      card.removeAttribute('aria-busy');
    }
  };
  load();
  return card;
}
