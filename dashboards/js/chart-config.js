// The chart.js configuration of every chart, built from its API answer. One builder for the page
// (responsive, in a card) and for share images (fixed size, titled, white background, footer):
// the browser's PNG download and the server's /charts/:chart.png both call it, so they cannot drift.
/** @import { Chart, ChartConfiguration, Element, Plugin, Scale, VisualElement } from 'chart.js' */
/** @import { MatrixDataPoint } from 'chartjs-chart-matrix' */
/** @import { Breakdown, ChartContext, ChartData, ChartId, Matrix, Timeseries } from './chart-spec.js' */
/** @import { Format } from './format.js' */
import { CHART_DATA, breakdownOf, isEmptyChart, keyLabel, matrixLabels, seriesMetric, shareOfVoice } from './chart-spec.js';

export const COLORS = Object.freeze({
  ink: '#1d2433',
  muted: '#4b5565',
  grid: '#e3e7ee',
  primary: '#0b6e4f',
  engagement: '#b4480c',
  unknown: '#8a94a6',
  spike: '#b91c1c',
});
/** Distinct hues that keep 3:1 contrast against white, for slices and legends. */
const PALETTE = ['#0b6e4f', '#1d4ed8', '#b4480c', '#7c3aed', '#0e7490', '#a16207', '#be185d', '#4d7c0f'];
const HEAT_LOW = [232, 245, 239];
const HEAT_HIGH = [11, 110, 79];

/** @param {number} f */
const heat = (f) => `rgb(${HEAT_LOW.map((lo, i) => Math.round(lo + ((HEAT_HIGH[i] ?? lo) - lo) * f)).join(',')})`;
/** @param {Chart} chart */
const fontFamily = (chart) => chart.options.font?.family ?? 'sans-serif';

/**
 * Paints the canvas white first: a PNG with a transparent background turns black in some chat apps.
 * @type {Plugin}
 */
const whiteBackground = {
  id: 'kkBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/**
 * The source line at the foot of a share image, so a forwarded picture still says where it came from.
 * @param {string} text
 * @param {number} size
 * @returns {Plugin}
 */
function footer(text, size) {
  return {
    id: 'kkFooter',
    afterDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.font = `${size}px ${fontFamily(chart)}`;
      ctx.fillStyle = COLORS.muted;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      ctx.fillText(text, width / 2, height - size * 0.8);
      ctx.restore();
    },
  };
}

/**
 * Writes each heat map cell's figure in it, light on dark cells and dark on light ones.
 * @param {Format} fmt
 * @param {number} max
 * @param {number} size
 * @returns {Plugin<'matrix'>}
 */
function cellValues(fmt, max, size) {
  return {
    id: 'kkCellValues',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const meta = chart.getDatasetMeta(0);
      const points = chart.data.datasets[0]?.data ?? [];
      ctx.save();
      ctx.font = `${size}px ${fontFamily(chart)}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      meta.data.forEach((cell, i) => {
        const v = points[i]?.v ?? 0;
        // A matrix element is a drawn one: chart.js's meta types it only as an Element.
        const { x, y } = /** @type {Element & VisualElement} */ (cell).getCenterPoint();
        ctx.fillStyle = v / max > 0.5 ? '#ffffff' : COLORS.ink;
        ctx.fillText(fmt.compact(v), x ?? 0, y ?? 0);
      });
      ctx.restore();
    },
  };
}

/**
 * Options every chart shares: sizes, colours, the title block of a share image.
 * @param {string} title
 * @param {ChartContext} ctx
 * @param {number} size
 */
function baseOptions(title, ctx, size) {
  const share = ctx.share;
  return {
    responsive: !share,
    maintainAspectRatio: false,
    animation: /** @type {const} */ (false),
    ...(share ? { devicePixelRatio: 1 } : {}),
    // Room at the foot for the source line, when there is one.
    layout: { padding: share ? { top: size, right: size * 1.5, bottom: share.footer ? size * 3 : size, left: size * 1.5 } : 4 },
    plugins: {
      legend: { display: false, labels: { color: COLORS.ink, font: { size }, boxWidth: size, padding: size } },
      title: {
        display: !!share,
        text: title,
        color: COLORS.ink,
        font: { size: Math.round(size * 1.9), weight: /** @type {const} */ ('bold') },
        padding: { bottom: size / 3 },
      },
      subtitle: {
        display: !!share,
        text: share ? share.subtitle : '',
        color: COLORS.muted,
        font: { size: Math.round(size * 1.1) },
        padding: { bottom: size * 1.2 },
      },
    },
  };
}
/** @typedef {ReturnType<typeof baseOptions>} BaseOptions */

/**
 * Tick options in the muted colour at the chart's type size.
 * @template {object} T
 * @param {number} size
 * @param {T} extra
 */
const ticks = (size, extra) => ({ color: COLORS.muted, font: { size }, ...extra });

/**
 * "Kebebasan berekspresi" → two lines; chart.js draws an array label one line per item.
 * @param {string} label
 * @param {number} [max]
 * @returns {string | string[]}
 */
function wrapLabel(label, max = 12) {
  const words = String(label).split(' ');
  if (label.length <= max || words.length < 2) return label;
  const half = Math.ceil(words.length / 2);
  return [words.slice(0, half).join(' '), words.slice(half).join(' ')];
}

/**
 * A category axis's labels, wrapped onto two lines when long.
 * @param {number} max
 * @returns {(this: Scale, value: number | string) => string | string[]}
 */
const wrappedTicks = (max) =>
  function (value) {
    return wrapLabel(this.getLabelForValue(Number(value)), max);
  };

/**
 * @param {Format} fmt
 * @returns {(value: number | string) => string}
 */
const compactTicks = (fmt) => (value) => fmt.compact(Number(value));

/**
 * @param {ChartId} id
 * @param {Timeseries} data
 * @param {ChartContext} ctx
 * @param {BaseOptions} base
 * @param {number} size
 * @param {Plugin[]} plugins
 * @returns {ChartConfiguration<'bar'>}
 */
function timeConfig(id, data, ctx, base, size, plugins) {
  const metric = seriesMetric(id);
  const color = metric === 'posts' ? COLORS.primary : COLORS.engagement;
  // Spike days (metrics/spikes) stand out in their own colour; the tooltip says what was usual.
  const spikes = new Map((metric === 'posts' ? (data.spikes ?? []) : []).map((s) => [s.bucket, s]));
  // Counts per day as bars: each day's height is its count, nothing drawn between days (a smoothed
  // line dipped below the counts and suggested values no day had).
  return {
    type: 'bar',
    data: {
      labels: data.points.map((p) => ctx.fmt.day(p.bucket)),
      datasets: [
        {
          label: ctx.t(`metric.${metric}`),
          data: data.points.map((p) => p[metric]),
          backgroundColor: spikes.size === 0 ? color : data.points.map((p) => (spikes.has(p.bucket) ? COLORS.spike : color)),
          borderRadius: 2,
          barPercentage: 0.85,
          categoryPercentage: 1,
          maxBarThickness: ctx.share ? 60 : 24,
        },
      ],
    },
    options: {
      ...base,
      scales: {
        x: { grid: { display: false }, ticks: ticks(size, { maxRotation: 0, autoSkip: true, autoSkipPadding: size, maxTicksLimit: ctx.share ? 7 : 10 }) },
        y: { beginAtZero: true, grid: { color: COLORS.grid }, ticks: ticks(size, { precision: 0, callback: compactTicks(ctx.fmt) }) },
      },
      interaction: { mode: 'index', intersect: false },
      plugins: {
        ...base.plugins,
        tooltip: {
          callbacks: {
            label: (c) => `${c.dataset.label}: ${ctx.fmt.number(c.parsed.y)}`,
            afterLabel: (c) => {
              const spike = spikes.get(data.points[c.dataIndex]?.bucket ?? '');
              return spike ? ctx.t('chart.spike.tooltip', { expected: ctx.fmt.number(spike.expected) }) : '';
            },
          },
        },
      },
    },
    plugins,
  };
}

/**
 * @param {ChartId} id
 * @param {Breakdown} data
 * @param {ChartContext} ctx
 * @param {BaseOptions} base
 * @param {number} size
 * @param {Plugin[]} plugins
 * @returns {ChartConfiguration<'bar'>}
 */
function barConfig(id, data, ctx, base, size, plugins) {
  const by = breakdownOf(id) ?? '';
  return {
    type: 'bar',
    data: {
      labels: data.rows.map((r) => keyLabel(by, r.key, r.label, ctx.t)),
      datasets: [
        {
          label: ctx.t('metric.posts'),
          data: data.rows.map((r) => r.posts),
          // The unknown and other rows are shown, in grey: they are what attribution could not place.
          backgroundColor: data.rows.map((r) => (r.key === 'unknown' || r.key === 'other' ? COLORS.unknown : COLORS.primary)),
          borderRadius: 3,
          maxBarThickness: ctx.share ? 90 : 28,
        },
      ],
    },
    options: {
      ...base,
      indexAxis: 'y',
      scales: {
        x: { beginAtZero: true, grid: { color: COLORS.grid }, ticks: ticks(size, { precision: 0, callback: compactTicks(ctx.fmt) }) },
        // Long names ("Kepulauan Bangka Belitung") on two lines, so a phone-wide chart does not cut them.
        y: { grid: { display: false }, ticks: ticks(size, { autoSkip: false, color: COLORS.ink, callback: wrappedTicks(16) }) },
      },
      plugins: { ...base.plugins, tooltip: { callbacks: { label: (c) => `${ctx.t('metric.posts')}: ${ctx.fmt.number(c.parsed.x)}` } } },
    },
    plugins,
  };
}

/**
 * @param {Breakdown} data
 * @param {ChartContext} ctx
 * @param {BaseOptions} base
 * @param {number} size
 * @param {Plugin[]} plugins
 * @returns {ChartConfiguration<'doughnut'>}
 */
function doughnutConfig(data, ctx, base, size, plugins) {
  const shares = shareOfVoice(data.rows);
  return {
    type: 'doughnut',
    data: {
      labels: data.rows.map((r, i) => `${r.label} · ${ctx.fmt.percent(shares[i])}`),
      datasets: [
        {
          data: data.rows.map((r) => r.posts),
          backgroundColor: data.rows.map((_, i) => PALETTE[i % PALETTE.length] ?? COLORS.primary),
          borderColor: '#ffffff',
          borderWidth: Math.max(2, size / 6),
        },
      ],
    },
    options: {
      ...base,
      cutout: '55%',
      plugins: {
        ...base.plugins,
        legend: { ...base.plugins.legend, display: true, position: 'bottom' },
        tooltip: { callbacks: { label: (c) => `${ctx.fmt.number(c.parsed)} (${ctx.fmt.percent(shares[c.dataIndex])})` } },
      },
    },
    plugins,
  };
}

/**
 * @param {Matrix} data
 * @param {ChartContext} ctx
 * @param {BaseOptions} base
 * @param {number} size
 * @param {Plugin[]} plugins
 * @returns {ChartConfiguration<'matrix'>}
 */
function matrixConfig(data, ctx, base, size, plugins) {
  const labels = matrixLabels(data, ctx.t);
  /** @type {Array<MatrixDataPoint & { v: number }>} */
  const cells = data.values.flatMap((vals, i) => vals.map((v, j) => ({ x: labels.cols[j] ?? '', y: labels.rows[i] ?? '', v })));
  const max = Math.max(1, ...cells.map((c) => c.v));
  /** @param {unknown} raw a cell of `cells` */
  const cell = (raw) => /** @type {MatrixDataPoint | undefined} */ (raw);
  return {
    type: 'matrix',
    data: {
      datasets: [
        {
          label: ctx.t('metric.posts'),
          data: cells,
          backgroundColor: (c) => heat((cell(c.raw)?.v ?? 0) / max),
          borderColor: '#ffffff',
          borderWidth: 1,
          width: ({ chart }) => (chart.chartArea ? chart.chartArea.width / labels.cols.length - 2 : 0),
          height: ({ chart }) => (chart.chartArea ? chart.chartArea.height / labels.rows.length - 2 : 0),
        },
      ],
    },
    options: {
      ...base,
      scales: {
        // Column names stand upright, at most two lines each: a column is wider than two lines are
        // tall, whereas slanted names ran into their neighbours.
        x: {
          type: 'category',
          labels: labels.cols,
          offset: true,
          grid: { display: false },
          ticks: ticks(size, { autoSkip: false, color: COLORS.ink, minRotation: 90, maxRotation: 90, callback: wrappedTicks(12) }),
        },
        // The API lists rows by their total: the busiest city goes on top.
        y: {
          type: 'category',
          labels: labels.rows,
          offset: true,
          reverse: false,
          grid: { display: false },
          ticks: ticks(size, { autoSkip: false, color: COLORS.ink }),
        },
      },
      plugins: {
        ...base.plugins,
        tooltip: {
          callbacks: {
            title: () => '',
            label: (c) => {
              const p = cell(c.raw);
              return `${p?.y} · ${p?.x}: ${ctx.fmt.number(p?.v)}`;
            },
          },
        },
      },
    },
    plugins: [...plugins, cellValues(ctx.fmt, max, Math.round(size * 0.95))],
  };
}

/**
 * The chart.js configuration of chart `id` for its API answer `data`. `ctx` carries the page's
 * language (`t`, `fmt`) and, for a share image, `share: { width, height, subtitle, footer, fontScale? }`.
 * @param {ChartId} id
 * @param {ChartData} data the answer of CHART_DATA[id]
 * @param {ChartContext} ctx
 * @returns {ChartConfiguration} whichever type the chart is (each builder is checked against its own)
 */
export function buildChartConfig(id, data, ctx) {
  // A share image's type grows with its width so a phone shows it at the size of the page's; the report asks for smaller.
  const size = ctx.share ? Math.round((ctx.share.width / 42) * (ctx.share.fontScale ?? 1)) : 12;
  const base = baseOptions(ctx.t(`chart.${id}.title`), ctx, size);
  const plugins = ctx.share ? [whiteBackground, footer(ctx.share.footer, Math.round(size * 0.9))] : [];
  const route = CHART_DATA[id].route;
  if (route === 'metrics/timeseries') return timeConfig(id, /** @type {Timeseries} */ (data), ctx, base, size, plugins);
  if (route === 'metrics/matrix') return matrixConfig(/** @type {Matrix} */ (data), ctx, base, size, plugins);
  if (id === 'share-of-voice') return doughnutConfig(/** @type {Breakdown} */ (data), ctx, base, size, plugins);
  return barConfig(id, /** @type {Breakdown} */ (data), ctx, base, size, plugins);
}

/**
 * How tall a chart wants to be on the page, in CSS pixels: bar and heat map rows need room to stay readable.
 * @param {ChartId} id
 * @param {ChartData} data the answer of CHART_DATA[id]
 */
export function preferredHeight(id, data) {
  const route = CHART_DATA[id].route;
  if (route === 'metrics/matrix') {
    // chart.js gives an axis at most half the height: room for upright lines of up to 16 characters
    // (a single long word, "Entrepreneurship", is not wrapped).
    const labelsHeight = 16 * 7 + 30;
    return Math.max(2 * labelsHeight, labelsHeight + /** @type {Matrix} */ (data).rows.length * 34);
  }
  // One bar or one whole ring says one thing: it gets a line's height, not a whole card.
  const rows = breakdownOf(id) ? /** @type {Breakdown} */ (data).rows.length : 0;
  if (id === 'share-of-voice') return rows <= 1 ? 160 : 260;
  if (breakdownOf(id)) return rows <= 2 ? 44 + rows * 28 : Math.max(160, 40 + rows * 30);
  return 260;
}

export { isEmptyChart };
