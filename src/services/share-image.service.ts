import type { Logger } from 'pino';
import { findShareFont } from '../charts/share-font.js';
import { chartConfig, chartFormat, chartSpec, chartStrings, type ChartData, type ChartId, type Lang } from '../charts/shared-modules.js';
import type { Campaign } from '../domain/campaign.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import type { FilterParams } from '../contracts/metrics.schema.js';
import { DIMENSION_SPECS, FILTER_DIMENSIONS } from '../domain/dimensions.js';
import { createKeyCatalog } from './metrics-keys.js';
import type { MetricsService } from './metrics.service.js';
import { resolveFilter } from './metrics-range.js';

/** Sizes a chat app shows without cropping: an Instagram or WhatsApp post, and a story or status. */
export const SHARE_SIZES = { square: { width: 1080, height: 1080 }, story: { width: 1080, height: 1920 } } as const;
export type ShareSize = keyof typeof SHARE_SIZES;

/**
 * Share images: a dashboard chart drawn on the server as a PNG a coordinator can post to the
 * participants' group, titled with the campaign, the period and the filters, so it still makes
 * sense once forwarded. Same data as the API and the same chart definition as the page.
 */
export function createShareImageService(deps: { metrics: MetricsService; gazetteer: Gazetteer; now: () => Date; log: Logger }) {
  const { metrics } = deps;
  const keys = createKeyCatalog(deps.gazetteer);
  if (!findShareFont()) deps.log.warn('no DejaVu or Liberation font found: share images fall back to the canvas default font (install fonts-dejavu-core)');

  /** The chart's data, exactly as its API route answers it (CHART_DATA says which). */
  const chartData = (campaign: Campaign, chart: ChartId, filters: FilterParams): Promise<ChartData> => {
    const spec = chartSpec.CHART_DATA[chart];
    if (spec.route === 'metrics/timeseries') return metrics.timeseries(campaign, spec.params.interval, filters);
    if (spec.route === 'metrics/matrix') return metrics.matrix(campaign, spec.params, filters);
    return metrics.breakdown(campaign, spec.params.by, filters);
  };

  /** The filters other than the period, in the registry's order, named as the page names them ("Makassar · Pendidikan"). */
  const filterLine = (campaign: Campaign, filters: FilterParams, t: (key: string) => string): string => {
    const asked = filters as Readonly<Record<string, readonly string[] | undefined>>;
    const parts = FILTER_DIMENSIONS.flatMap((d) =>
      (asked[DIMENSION_SPECS[d].param] ?? []).map((v) => chartSpec.keyLabel(d, v, keys.filterLabel(campaign, d, v), t)),
    );
    return parts.join(' · ');
  };

  return {
    async render(campaign: Campaign, chart: ChartId, filters: FilterParams, opts: { size: ShareSize; lang: Lang }): Promise<Buffer> {
      const now = deps.now();
      const data = await chartData(campaign, chart, filters);
      const { width, height } = SHARE_SIZES[opts.size];
      const fmt = chartFormat.createFormat(opts.lang);
      const t = chartStrings.translator(chartStrings.STRINGS[opts.lang]);
      const { from, to } = resolveFilter(campaign, filters, now);
      const subtitle = [campaign.name, fmt.period(from.toISO()!, to.toISO()!, campaign.timeZone), filterLine(campaign, filters, t)].filter(Boolean);
      const footer = t('share.footer', { time: fmt.dateTime(now.toISOString(), campaign.timeZone) });
      const config = chartConfig.buildChartConfig(chart, data, { t, fmt, share: { width, height, subtitle, footer } });
      const { renderChartPng } = await import('../charts/chart-canvas.js');
      return renderChartPng(config, width, height);
    },
  };
}

export type ShareImageService = ReturnType<typeof createShareImageService>;
