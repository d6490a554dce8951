// What each chart shows, shared by the dashboard and the server's share images: the API answer it
// reads, the labels of its keys and its table alternative. chart-config.js draws it. Pure: no DOM
// and no chart.js, so the browser and Node run the very same definitions.
/** @import { Format, Translate } from './format.js' */

/**
 * The API answers the charts read (API.md, Metrics), as far as they read them.
 * @typedef {{ bucket: string, posts: number, engagement: number, contributors: number }} SeriesPoint
 * @typedef {{ bucket: string, posts: number, expected: number }} SpikeMark a day far above the usual level (metrics/spikes)
 * @typedef {{ points: SeriesPoint[], spikes?: SpikeMark[] }} Timeseries `spikes`: added by the dashboard to the posts series
 * @typedef {{ key: string, label: string, posts: number, contributors: number, reach: number, engagement: number }} BreakdownRow
 * @typedef {{ rows: BreakdownRow[] }} Breakdown
 * @typedef {{ rows: string[], cols: string[], rowLabels: string[], colLabels: string[], values: number[][] }} Matrix
 * @typedef {Timeseries | Breakdown | Matrix} ChartData
 */

/**
 * A share image's frame around the chart.
 * @typedef {object} ShareOptions
 * @property {number} width
 * @property {number} height
 * @property {string[]} subtitle lines under the title: the campaign's name and the period
 * @property {string} footer
 * @property {number} [fontScale] type size relative to the default for this width (1)
 */

/**
 * The page's language, and for a share image its frame.
 * @typedef {object} ChartContext
 * @property {Translate} t
 * @property {Format} fmt
 * @property {ShareOptions} [share]
 */

/** @typedef {{ columns: string[], rows: string[][] }} ChartTable */

/** Every chart of the overview, in the order it shows them; also the names of the PNG route. */
export const CHART_IDS = Object.freeze(
  /** @type {const} */ ([
    'posts-over-time',
    'engagement-over-time',
    'by-city',
    'by-province',
    'by-topic',
    'city-topic',
    'by-source',
    'by-platform',
    'by-language',
    'by-sentiment',
    'share-of-voice',
  ]),
);
/** @typedef {typeof CHART_IDS[number]} ChartId */
/** @typedef {'city' | 'province' | 'topic' | 'source' | 'platform' | 'language' | 'sentiment' | 'hashtag'} BreakdownBy */
/**
 * @typedef {{ route: 'metrics/timeseries', params: { interval: 'day' } }
 *   | { route: 'metrics/breakdown', params: { by: BreakdownBy } }
 *   | { route: 'metrics/matrix', params: { rows: 'city', cols: 'topic', value: 'posts' } }} ChartDataSpec
 */

/** The API route (under /api/v1/campaigns/:id/) and parameters each chart reads; the filters are added to them. */
export const CHART_DATA = Object.freeze(
  /** @satisfies {Record<ChartId, ChartDataSpec>} */ ({
    'posts-over-time': { route: 'metrics/timeseries', params: { interval: 'day' } },
    'engagement-over-time': { route: 'metrics/timeseries', params: { interval: 'day' } },
    'by-city': { route: 'metrics/breakdown', params: { by: 'city' } },
    'by-province': { route: 'metrics/breakdown', params: { by: 'province' } },
    'by-topic': { route: 'metrics/breakdown', params: { by: 'topic' } },
    'city-topic': { route: 'metrics/matrix', params: { rows: 'city', cols: 'topic', value: 'posts' } },
    'by-source': { route: 'metrics/breakdown', params: { by: 'source' } },
    'by-platform': { route: 'metrics/breakdown', params: { by: 'platform' } },
    'by-language': { route: 'metrics/breakdown', params: { by: 'language' } },
    'by-sentiment': { route: 'metrics/breakdown', params: { by: 'sentiment' } },
    'share-of-voice': { route: 'metrics/breakdown', params: { by: 'hashtag' } },
  }),
);

/**
 * The breakdown dimension of a chart, or undefined for time series and the matrix.
 * @param {ChartId} id
 * @returns {BreakdownBy | undefined}
 */
export function breakdownOf(id) {
  /** @type {ChartDataSpec} */
  const spec = CHART_DATA[id];
  return spec.route === 'metrics/breakdown' ? spec.params.by : undefined;
}

/**
 * The figure a time series chart plots.
 * @param {ChartId} id
 * @returns {'posts' | 'engagement'}
 */
export function seriesMetric(id) {
  return id === 'engagement-over-time' ? 'engagement' : 'posts';
}

/**
 * @param {Translate} t
 * @param {string} key
 * @param {string} fallback
 */
function translatedOr(t, key, fallback) {
  const s = t(key);
  return s === key ? fallback : s;
}

/**
 * What a person reads for a key: the catch-alls and default topics in the page's language, the API's label otherwise.
 * @param {string} by
 * @param {string} key
 * @param {string} apiLabel
 * @param {Translate} t
 * @returns {string}
 */
export function keyLabel(by, key, apiLabel, t) {
  if ((by === 'city' || by === 'province') && key === 'unknown') return t('label.unknown');
  if (by === 'topic') return key === 'other' ? t('label.other') : translatedOr(t, `topic.${key}`, apiLabel);
  if (by === 'source') return translatedOr(t, `source.${key}`, apiLabel);
  if (by === 'platform') return translatedOr(t, `platform.${key}`, apiLabel);
  if (by === 'language') return translatedOr(t, `language.${key}`, apiLabel);
  if (by === 'sentiment') return translatedOr(t, `sentiment.${key}`, apiLabel);
  return apiLabel;
}

/**
 * The matrix's row and column labels, translated like the breakdowns'.
 * @param {Matrix} data
 * @param {Translate} t
 */
export function matrixLabels(data, t) {
  const spec = CHART_DATA['city-topic'].params;
  return {
    rows: data.rows.map((k, i) => keyLabel(spec.rows, k, data.rowLabels[i] ?? k, t)),
    cols: data.cols.map((k, i) => keyLabel(spec.cols, k, data.colLabels[i] ?? k, t)),
  };
}

/**
 * True when the answer has no post to draw: the card says so instead of drawing empty axes.
 * @param {ChartId} id
 * @param {ChartData} data the answer of CHART_DATA[id]
 */
export function isEmptyChart(id, data) {
  const route = CHART_DATA[id].route;
  if (route === 'metrics/timeseries') return /** @type {Timeseries} */ (data).points.every((p) => p.posts === 0);
  if (route === 'metrics/matrix') return /** @type {Matrix} */ (data).values.every((row) => row.every((v) => v === 0));
  return /** @type {Breakdown} */ (data).rows.every((r) => r.posts === 0);
}

/**
 * Share of voice: each hashtag's posts over the posts of all hashtags (a post with two counts in both).
 * @param {ReadonlyArray<{ posts: number }>} rows
 */
export function shareOfVoice(rows) {
  const total = rows.reduce((a, r) => a + r.posts, 0);
  return rows.map((r) => (total === 0 ? 0 : r.posts / total));
}

/**
 * The table alternative of a chart: the same numbers as the API answer, formatted for the page's
 * language. `columns[0]` names the keys; the other columns are figures.
 * @param {ChartId} id
 * @param {ChartData} data the answer of CHART_DATA[id]
 * @param {ChartContext} ctx
 * @returns {ChartTable}
 */
export function chartTable(id, data, ctx) {
  const { t, fmt } = ctx;
  /** @type {ChartDataSpec} */
  const spec = CHART_DATA[id];
  if (spec.route === 'metrics/timeseries') {
    return {
      columns: [t('col.day'), t('metric.posts'), t('metric.engagement'), t('metric.contributors')],
      rows: /** @type {Timeseries} */ (data).points.map((p) => [fmt.day(p.bucket), fmt.number(p.posts), fmt.number(p.engagement), fmt.number(p.contributors)]),
    };
  }
  if (spec.route === 'metrics/matrix') {
    const matrix = /** @type {Matrix} */ (data);
    const labels = matrixLabels(matrix, t);
    return {
      columns: [t('col.city'), ...labels.cols],
      rows: matrix.values.map((vals, i) => [labels.rows[i] ?? '', ...vals.map((v) => fmt.number(v))]),
    };
  }
  const by = spec.params.by;
  const breakdown = /** @type {Breakdown} */ (data);
  if (id === 'share-of-voice') {
    const shares = shareOfVoice(breakdown.rows);
    return {
      columns: [t('col.hashtag'), t('metric.posts'), t('col.share'), t('metric.engagement')],
      rows: breakdown.rows.map((r, i) => [r.label, fmt.number(r.posts), fmt.percent(shares[i]), fmt.number(r.engagement)]),
    };
  }
  return {
    columns: [t(`col.${by}`), t('metric.posts'), t('metric.contributors'), t('metric.reach'), t('metric.engagement')],
    rows: breakdown.rows.map((r) => [
      keyLabel(by, r.key, r.label, t),
      fmt.number(r.posts),
      fmt.number(r.contributors),
      fmt.number(r.reach),
      fmt.number(r.engagement),
    ]),
  };
}
