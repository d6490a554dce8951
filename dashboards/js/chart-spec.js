// What each chart shows, shared by the dashboard and the server's share images: the API answer it
// reads, the labels of its keys and its table alternative. chart-config.js draws it. Pure: no DOM
// and no chart.js, so the browser and Node run the very same definitions.

/** Every chart of the overview, in the order it shows them; also the names of the PNG route. */
export const CHART_IDS = Object.freeze([
  'posts-over-time',
  'engagement-over-time',
  'by-city',
  'by-province',
  'by-topic',
  'city-topic',
  'by-source',
  'share-of-voice',
]);

/** The API route (under /api/v1/campaigns/:id/) and parameters each chart reads; the filters are added to them. */
export const CHART_DATA = Object.freeze({
  'posts-over-time': { route: 'metrics/timeseries', params: { interval: 'day' } },
  'engagement-over-time': { route: 'metrics/timeseries', params: { interval: 'day' } },
  'by-city': { route: 'metrics/breakdown', params: { by: 'city' } },
  'by-province': { route: 'metrics/breakdown', params: { by: 'province' } },
  'by-topic': { route: 'metrics/breakdown', params: { by: 'topic' } },
  'city-topic': { route: 'metrics/matrix', params: { rows: 'city', cols: 'topic', value: 'posts' } },
  'by-source': { route: 'metrics/breakdown', params: { by: 'source' } },
  'share-of-voice': { route: 'metrics/breakdown', params: { by: 'hashtag' } },
});

/** The breakdown dimension of a chart, or undefined for time series and the matrix. */
export function breakdownOf(id) {
  const spec = CHART_DATA[id];
  return spec.route === 'metrics/breakdown' ? spec.params.by : undefined;
}

/** The figure a time series chart plots. */
export function seriesMetric(id) {
  return id === 'engagement-over-time' ? 'engagement' : 'posts';
}

function translatedOr(t, key, fallback) {
  const s = t(key);
  return s === key ? fallback : s;
}

/** What a person reads for a key: the catch-alls and default topics in the page's language, the API's label otherwise. */
export function keyLabel(by, key, apiLabel, t) {
  if ((by === 'city' || by === 'province') && key === 'unknown') return t('label.unknown');
  if (by === 'topic') return key === 'other' ? t('label.other') : translatedOr(t, `topic.${key}`, apiLabel);
  if (by === 'source') return translatedOr(t, `source.${key}`, apiLabel);
  return apiLabel;
}

/** The matrix's row and column labels, translated like the breakdowns'. */
export function matrixLabels(data, t) {
  const spec = CHART_DATA['city-topic'].params;
  return {
    rows: data.rows.map((k, i) => keyLabel(spec.rows, k, data.rowLabels[i], t)),
    cols: data.cols.map((k, i) => keyLabel(spec.cols, k, data.colLabels[i], t)),
  };
}

/** True when the answer has no post to draw: the card says so instead of drawing empty axes. */
export function isEmptyChart(id, data) {
  const spec = CHART_DATA[id];
  if (spec.route === 'metrics/timeseries') return data.points.every((p) => p.posts === 0);
  if (spec.route === 'metrics/matrix') return data.values.every((row) => row.every((v) => v === 0));
  return data.rows.every((r) => r.posts === 0);
}

/** Share of voice: each hashtag's posts over the posts of all hashtags (a post with two counts in both). */
export function shareOfVoice(rows) {
  const total = rows.reduce((a, r) => a + r.posts, 0);
  return rows.map((r) => (total === 0 ? 0 : r.posts / total));
}

/**
 * The table alternative of a chart: the same numbers as the API answer, formatted for the page's
 * language. `columns[0]` names the keys; the other columns are figures.
 */
export function chartTable(id, data, ctx) {
  const { t, fmt } = ctx;
  const spec = CHART_DATA[id];
  if (spec.route === 'metrics/timeseries') {
    return {
      columns: [t('col.day'), t('metric.posts'), t('metric.engagement'), t('metric.contributors')],
      rows: data.points.map((p) => [fmt.day(p.bucket), fmt.number(p.posts), fmt.number(p.engagement), fmt.number(p.contributors)]),
    };
  }
  if (spec.route === 'metrics/matrix') {
    const labels = matrixLabels(data, t);
    return {
      columns: [t('col.city'), ...labels.cols],
      rows: data.values.map((vals, i) => [labels.rows[i], ...vals.map((v) => fmt.number(v))]),
    };
  }
  const by = spec.params.by;
  if (id === 'share-of-voice') {
    const shares = shareOfVoice(data.rows);
    return {
      columns: [t('col.hashtag'), t('metric.posts'), t('col.share'), t('metric.engagement')],
      rows: data.rows.map((r, i) => [r.label, fmt.number(r.posts), fmt.percent(shares[i]), fmt.number(r.engagement)]),
    };
  }
  return {
    columns: [t(`col.${by}`), t('metric.posts'), t('metric.contributors'), t('metric.reach'), t('metric.engagement')],
    rows: data.rows.map((r) => [
      keyLabel(by, r.key, r.label, t),
      fmt.number(r.posts),
      fmt.number(r.contributors),
      fmt.number(r.reach),
      fmt.number(r.engagement),
    ]),
  };
}
