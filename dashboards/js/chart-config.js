// The chart.js configuration of every chart, built from its API answer. One builder for the page
// (responsive, in a card) and for share images (fixed size, titled, white background, footer):
// the browser's PNG download and the server's /charts/:chart.png both call it, so they cannot drift.
import { CHART_DATA, breakdownOf, isEmptyChart, keyLabel, matrixLabels, seriesMetric, shareOfVoice } from './chart-spec.js';

export const COLORS = Object.freeze({
  ink: '#1d2433',
  muted: '#4b5565',
  grid: '#e3e7ee',
  primary: '#0b6e4f',
  engagement: '#b4480c',
  unknown: '#8a94a6',
});
/** Distinct hues that keep 3:1 contrast against white, for slices and legends. */
const PALETTE = ['#0b6e4f', '#1d4ed8', '#b4480c', '#7c3aed', '#0e7490', '#a16207', '#be185d', '#4d7c0f'];
const HEAT_LOW = [232, 245, 239];
const HEAT_HIGH = [11, 110, 79];

const heat = (f) => `rgb(${HEAT_LOW.map((lo, i) => Math.round(lo + (HEAT_HIGH[i] - lo) * f)).join(',')})`;
const fontFamily = (chart) => chart.options.font?.family ?? 'sans-serif';

/** Paints the canvas white first: a PNG with a transparent background turns black in some chat apps. */
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

/** The source line at the foot of a share image, so a forwarded picture still says where it came from. */
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

/** Writes each heat map cell's figure in it, light on dark cells and dark on light ones. */
function cellValues(fmt, max, size) {
  return {
    id: 'kkCellValues',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const meta = chart.getDatasetMeta(0);
      ctx.save();
      ctx.font = `${size}px ${fontFamily(chart)}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      meta.data.forEach((cell, i) => {
        const v = chart.data.datasets[0].data[i].v;
        const { x, y } = cell.getCenterPoint();
        ctx.fillStyle = v / max > 0.5 ? '#ffffff' : COLORS.ink;
        ctx.fillText(fmt.compact(v), x, y);
      });
      ctx.restore();
    },
  };
}

/** Options every chart shares: sizes, colours, the title block of a share image. */
function baseOptions(title, ctx, size) {
  const share = ctx.share;
  return {
    responsive: !share,
    maintainAspectRatio: false,
    animation: false,
    ...(share ? { devicePixelRatio: 1 } : {}),
    // Room at the foot for the source line, when there is one.
    layout: { padding: share ? { top: size, right: size * 1.5, bottom: share.footer ? size * 3 : size, left: size * 1.5 } : 4 },
    plugins: {
      legend: { display: false, labels: { color: COLORS.ink, font: { size }, boxWidth: size, padding: size } },
      title: { display: !!share, text: title, color: COLORS.ink, font: { size: Math.round(size * 1.9), weight: 'bold' }, padding: { bottom: size / 3 } },
      subtitle: {
        display: !!share,
        text: share ? share.subtitle : '',
        color: COLORS.muted,
        font: { size: Math.round(size * 1.1) },
        padding: { bottom: size * 1.2 },
      },
      tooltip: { callbacks: {} },
    },
  };
}

const ticks = (size, extra = {}) => ({ color: COLORS.muted, font: { size }, ...extra });

/** "Kebebasan berekspresi" → two lines; chart.js draws an array label one line per item. */
function wrapLabel(label, max = 12) {
  const words = String(label).split(' ');
  if (label.length <= max || words.length < 2) return label;
  const half = Math.ceil(words.length / 2);
  return [words.slice(0, half).join(' '), words.slice(half).join(' ')];
}

function timeConfig(id, data, ctx, options, size) {
  const metric = seriesMetric(id);
  const color = metric === 'posts' ? COLORS.primary : COLORS.engagement;
  options.scales = {
    x: { grid: { display: false }, ticks: ticks(size, { maxRotation: 0, autoSkip: true, autoSkipPadding: size, maxTicksLimit: ctx.share ? 7 : 10 }) },
    y: { beginAtZero: true, grid: { color: COLORS.grid }, ticks: ticks(size, { precision: 0, callback: (v) => ctx.fmt.compact(v) }) },
  };
  options.interaction = { mode: 'index', intersect: false };
  options.plugins.tooltip.callbacks.label = (c) => `${c.dataset.label}: ${ctx.fmt.number(c.parsed.y)}`;
  return {
    type: 'line',
    data: {
      labels: data.points.map((p) => ctx.fmt.day(p.bucket)),
      datasets: [
        {
          label: ctx.t(`metric.${metric}`),
          data: data.points.map((p) => p[metric]),
          borderColor: color,
          backgroundColor: `${color}26`,
          fill: true,
          pointRadius: 0,
          tension: 0.25,
          borderWidth: ctx.share ? 5 : 2,
        },
      ],
    },
    options,
  };
}

function barConfig(id, data, ctx, options, size) {
  const by = breakdownOf(id);
  options.indexAxis = 'y';
  options.scales = {
    x: { beginAtZero: true, grid: { color: COLORS.grid }, ticks: ticks(size, { precision: 0, callback: (v) => ctx.fmt.compact(v) }) },
    // Long names ("Kepulauan Bangka Belitung") on two lines, so a phone-wide chart does not cut them.
    y: {
      grid: { display: false },
      ticks: ticks(size, {
        autoSkip: false,
        color: COLORS.ink,
        callback(v) {
          return wrapLabel(this.getLabelForValue(v), 16);
        },
      }),
    },
  };
  options.plugins.tooltip.callbacks.label = (c) => `${ctx.t('metric.posts')}: ${ctx.fmt.number(c.parsed.x)}`;
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
    options,
  };
}

function doughnutConfig(data, ctx, options, size) {
  const shares = shareOfVoice(data.rows);
  options.cutout = '55%';
  options.plugins.legend = { ...options.plugins.legend, display: true, position: 'bottom' };
  options.plugins.tooltip.callbacks.label = (c) => `${ctx.fmt.number(c.parsed)} (${ctx.fmt.percent(shares[c.dataIndex])})`;
  return {
    type: 'doughnut',
    data: {
      labels: data.rows.map((r, i) => `${r.label} · ${ctx.fmt.percent(shares[i])}`),
      datasets: [
        {
          data: data.rows.map((r) => r.posts),
          backgroundColor: data.rows.map((_, i) => PALETTE[i % PALETTE.length]),
          borderColor: '#ffffff',
          borderWidth: Math.max(2, size / 6),
        },
      ],
    },
    options,
  };
}

function matrixConfig(data, ctx, options, size, plugins) {
  const labels = matrixLabels(data, ctx.t);
  const cells = data.values.flatMap((vals, i) => vals.map((v, j) => ({ x: labels.cols[j], y: labels.rows[i], v })));
  const max = Math.max(1, ...cells.map((c) => c.v));
  options.scales = {
    // Long topic names wrap onto two lines, so they need less rotation on a narrow screen.
    x: {
      type: 'category',
      labels: labels.cols,
      offset: true,
      grid: { display: false },
      ticks: ticks(size, {
        autoSkip: false,
        color: COLORS.ink,
        maxRotation: 90,
        callback(v) {
          return wrapLabel(this.getLabelForValue(v));
        },
      }),
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
  };
  options.plugins.tooltip.callbacks = { title: () => '', label: (c) => `${c.raw.y} · ${c.raw.x}: ${ctx.fmt.number(c.raw.v)}` };
  plugins.push(cellValues(ctx.fmt, max, Math.round(size * 0.95)));
  return {
    type: 'matrix',
    data: {
      datasets: [
        {
          label: ctx.t('metric.posts'),
          data: cells,
          backgroundColor: (c) => heat((c.raw?.v ?? 0) / max),
          borderColor: '#ffffff',
          borderWidth: 1,
          width: ({ chart }) => (chart.chartArea ? chart.chartArea.width / labels.cols.length - 2 : 0),
          height: ({ chart }) => (chart.chartArea ? chart.chartArea.height / labels.rows.length - 2 : 0),
        },
      ],
    },
    options,
  };
}

/**
 * The chart.js configuration of chart `id` for its API answer `data`. `ctx` carries the page's
 * language (`t`, `fmt`) and, for a share image, `share: { width, height, subtitle, footer, fontScale? }`.
 */
export function buildChartConfig(id, data, ctx) {
  // A share image's type grows with its width so a phone shows it at the size of the page's; the report asks for smaller.
  const size = ctx.share ? Math.round((ctx.share.width / 42) * (ctx.share.fontScale ?? 1)) : 12;
  const title = ctx.t(`chart.${id}.title`);
  const options = baseOptions(title, ctx, size);
  const plugins = ctx.share ? [whiteBackground, footer(ctx.share.footer, Math.round(size * 0.9))] : [];
  const route = CHART_DATA[id].route;
  let config;
  if (route === 'metrics/timeseries') config = timeConfig(id, data, ctx, options, size);
  else if (route === 'metrics/matrix') config = matrixConfig(data, ctx, options, size, plugins);
  else if (id === 'share-of-voice') config = doughnutConfig(data, ctx, options, size);
  else config = barConfig(id, data, ctx, options, size);
  config.plugins = plugins;
  return config;
}

/** How tall a chart wants to be on the page, in CSS pixels: bar and heat map rows need room to stay readable. */
export function preferredHeight(id, data) {
  const route = CHART_DATA[id].route;
  if (route === 'metrics/matrix') return 70 + data.rows.length * 34;
  if (breakdownOf(id) && id !== 'share-of-voice') return Math.max(160, 40 + data.rows.length * 30);
  return 260;
}

export { isEmptyChart };
