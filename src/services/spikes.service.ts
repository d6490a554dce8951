import { DateTime } from 'luxon';
import type { Campaign } from '../domain/campaign.js';
import { detectSpikes, type SpikeInterval } from '../domain/spikes.js';
import type { MetricsFilter } from '../domain/metrics-query.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import { zoneOf } from '../time/zone.js';
import type { SpikesParams } from '../contracts/metrics.schema.js';
import type { PostsStore } from '../store/store.port.js';
import type { MetricsService } from './metrics.service.js';
import { resolveFilter } from './metrics-range.js';
import { createPostViews } from './post-view.js';

/** The posts shown with each spike: the most engaged of its bucket. */
export const SPIKE_TOP_POSTS = 3;

/**
 * `metrics/spikes` (API.md 1.1; METRICS.md, spikes): the dense posts series of the filtered set,
 * bucketed exactly as `metrics/timeseries` buckets it (campaign-zone days, or hours), judged by
 * the one spike rule (domain/spikes.ts), each spike with the posts that drove it.
 */
export function createSpikesService(deps: { metrics: MetricsService; store: PostsStore; gazetteer: Gazetteer; now: () => Date }) {
  const views = createPostViews(deps.gazetteer);

  return {
    async spikes(campaign: Campaign, params: SpikesParams) {
      const { interval, factor, ...filters } = params;
      // The series route's own answer: its buckets, its caps (a 400 naming `from`) and its cache.
      const series = await deps.metrics.timeseries(campaign, interval, filters);
      const { filter } = resolveFilter(campaign, filters, deps.now());
      const spikes = detectSpikes(
        series.points.map((p) => ({ bucket: p.bucket, posts: p.posts })),
        interval,
        factor,
      );
      const points = await Promise.all(
        spikes.map(async (s) => {
          const page = await deps.store.listPosts({
            campaignId: campaign.id,
            filter: withinBucket(filter, campaign, s.bucket, interval),
            sort: 'engagement',
            limit: SPIKE_TOP_POSTS,
          });
          return { bucket: s.bucket, posts: s.posts, expected: s.expected, score: s.score, topPosts: page.map((item) => views.postView(item, campaign)) };
        }),
      );
      return { interval, factor, points };
    },
  };
}

export type SpikesService = ReturnType<typeof createSpikesService>;

/** The filter narrowed to one bucket of the series (a local date, or an hour's instant with its offset). */
function withinBucket(filter: MetricsFilter, campaign: Campaign, bucket: string, interval: SpikeInterval): MetricsFilter {
  const start = interval === 'day' ? DateTime.fromISO(bucket, { zone: zoneOf(campaign.timeZone) }) : DateTime.fromISO(bucket, { setZone: true });
  const end = start.plus(interval === 'day' ? { days: 1 } : { hours: 1 });
  const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);
  const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);
  const from = start.toUTC().toISO()!;
  const to = end.toUTC().toISO()!;
  return { ...filter, from: filter.from ? later(filter.from, from) : from, to: filter.to ? earlier(filter.to, to) : to };
}
