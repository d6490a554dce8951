import { describe, expect, it } from 'vitest';
import { chartConfig, chartFormat, chartSpec, chartStrings } from '../../src/charts/shared-modules.js';

/**
 * The chart modules the dashboard and the share images share (dashboards/js/chart-*.js), run in
 * Node as the server runs them.
 */

const ctx = (lang: 'id' | 'en') => ({ t: chartStrings.translator(chartStrings.STRINGS[lang]), fmt: chartFormat.createFormat(lang) });
const row = (key: string, label: string, posts: number) => ({ key, label, posts, contributors: 1, reach: 1234, engagement: 5 });

describe('formats', () => {
  it('writes Indonesian numbers and dates in Indonesian, English ones in English', () => {
    const id = chartFormat.createFormat('id');
    const en = chartFormat.createFormat('en');
    expect(id.number(1234.5)).toBe('1.234,5');
    expect(en.number(1234.5)).toBe('1,234.5');
    expect(id.number(null)).toBe('—');
    expect(id.percent(0.0123)).toBe('1,23%');
    expect(id.date('2015-01-13T00:00:00+07:00', 'Asia/Jakarta')).toBe('13 Januari 2015');
    expect(en.date('2015-01-13T00:00:00+07:00', 'Asia/Jakarta')).toBe('13 January 2015');
    // The end is exclusive: the last day shown is the one before it.
    expect(id.period('2015-01-13T00:00:00+07:00', '2015-02-10T00:00:00+07:00', 'Asia/Jakarta')).toBe('13 Januari 2015 – 9 Februari 2015');
    expect(id.day('2015-01-13')).toBe('13 Jan');
  });
});

describe('chart tables', () => {
  it('lists a breakdown with its labels translated and its numbers formatted', () => {
    const data = { by: 'city', rows: [row('73.71', 'Makassar', 1200), row('unknown', 'Unknown', 30)] };
    expect(chartSpec.chartTable('by-city', data, ctx('id'))).toEqual({
      columns: ['Kota', 'Postingan', 'Kontributor', 'Jangkauan', 'Interaksi'],
      rows: [
        ['Makassar', '1.200', '1', '1.234', '5'],
        ['Tidak diketahui', '30', '1', '1.234', '5'],
      ],
    });
    const topics = { by: 'topic', rows: [row('digital safety', 'digital safety', 3), row('other', 'Other', 1), row('batik', 'batik', 1)] };
    expect(chartSpec.chartTable('by-topic', topics, ctx('id')).rows.map((r) => r[0])).toEqual(['Keamanan digital', 'Lainnya', 'batik']);
  });

  it('gives the share of voice of each hashtag over all hashtags', () => {
    const data = { by: 'hashtag', rows: [row('a', '#A', 3), row('b', '#B', 1)] };
    expect(chartSpec.chartTable('share-of-voice', data, ctx('en')).rows.map((r) => r[2])).toEqual(['75%', '25%']);
  });

  it('says when a chart has nothing to draw', () => {
    expect(chartSpec.isEmptyChart('posts-over-time', { points: [{ bucket: '2015-01-13', posts: 0, engagement: 0, contributors: 0 }] })).toBe(true);
    const matrix = { rows: ['73.71'], cols: ['education', 'other'], rowLabels: ['Makassar'], colLabels: ['education', 'Other'], values: [[0, 1]] };
    expect(chartSpec.isEmptyChart('city-topic', matrix)).toBe(false);
    expect(chartSpec.isEmptyChart('by-city', { rows: [row('unknown', 'Unknown', 0)] })).toBe(true);
  });
});

describe('chart configurations', () => {
  const data = {
    timeseries: { interval: 'day', points: [{ bucket: '2015-01-13', posts: 2, engagement: 9, contributors: 1, impressions: 0, reach: 0 }] },
    breakdown: { rows: [row('73.71', 'Makassar', 2), row('unknown', 'Unknown', 1)] },
    matrix: {
      rows: ['73.71'],
      cols: ['education', 'other'],
      values: [[1, 2]],
      rowLabels: ['Makassar'],
      colLabels: ['education', 'Other'],
      value: 'posts',
      rowTotals: [3],
      colTotals: [1, 2],
    },
  };
  const dataFor = (id: string) => (id.endsWith('over-time') ? data.timeseries : id === 'city-topic' ? data.matrix : data.breakdown);
  const expectedType: Record<string, string> = {
    // Counts per day are bars: no smoothed curve between days.
    'posts-over-time': 'bar',
    'engagement-over-time': 'bar',
    'city-topic': 'matrix',
    'share-of-voice': 'doughnut',
  };

  it.each(chartSpec.CHART_IDS.map((id) => [id]))('builds %s for the page and, titled, for a share image', (id) => {
    const page = chartConfig.buildChartConfig(id, dataFor(id), ctx('en'));
    expect(page.type).toBe(expectedType[id] ?? 'bar');
    expect(page.options?.responsive).toBe(true);
    expect(page.options?.plugins?.title?.display).toBe(false);

    const share = chartConfig.buildChartConfig(id, dataFor(id), {
      ...ctx('id'),
      share: { width: 1080, height: 1080, subtitle: ['Kampanye', '13 Januari 2015'], footer: 'Kabar Kampanye' },
    });
    expect(share.options?.responsive).toBe(false);
    expect(share.options?.devicePixelRatio).toBe(1);
    expect(share.options?.plugins?.title).toMatchObject({ display: true, text: ctx('id').t(`chart.${id}.title`) });
    expect(share.plugins?.map((p) => p.id)).toEqual(expect.arrayContaining(['kkBackground', 'kkFooter']));
  });

  it('greys the unknown and other bars, which attribution could not place', () => {
    const config = chartConfig.buildChartConfig('by-city', data.breakdown, ctx('en'));
    expect(config.data.datasets[0]!.backgroundColor).toEqual([chartConfig.COLORS.primary, chartConfig.COLORS.unknown]);
    expect(config.data.labels).toEqual(['Makassar', 'Unknown']);
  });
});
