import { breakdownQuery, matrixQuery, summaryQuery, timeseriesQuery } from '../../contracts/metrics.schema.js';
import { idParams } from '../../contracts/campaign.schema.js';
import type { HttpDeps } from '../deps.js';
import { defineRoute } from '../route.js';

/** API.md, Metrics; every figure as METRICS.md defines it. */
export function metricsRoutes(deps: HttpDeps) {
  const { campaigns, metrics } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/metrics/summary',
      summary: 'Posts, contributors, engagement, impressions, reach and engagement rate of the filtered set',
      access: { kind: 'campaign', action: 'report' },
      params: idParams,
      query: summaryQuery,
      handle: async ({ params, query, principal }) => {
        const { compare, ...filters } = query;
        // A share link made for one period shows nothing outside it, the previous period included.
        const within = principal.kind === 'share' ? { from: principal.link.from, to: principal.link.to } : undefined;
        return { body: await metrics.summary(await campaigns.load(params.id), filters, { ...(compare ? { compare } : {}), ...(within ? { within } : {}) }) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/metrics/breakdown',
      summary: 'The figures per city, province, topic, source or hashtag, by posts descending',
      access: { kind: 'campaign', action: 'report' },
      params: idParams,
      query: breakdownQuery,
      handle: async ({ params, query }) => {
        const { by, ...filters } = query;
        return { body: await metrics.breakdown(await campaigns.load(params.id), by, filters) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/metrics/timeseries',
      summary: 'The figures per hour, day or week in the campaign time zone, empty buckets as zeros',
      access: { kind: 'campaign', action: 'report' },
      params: idParams,
      query: timeseriesQuery,
      handle: async ({ params, query }) => {
        const { interval, ...filters } = query;
        return { body: await metrics.timeseries(await campaigns.load(params.id), interval, filters) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/metrics/matrix',
      summary: 'One figure for each pair of keys of two dimensions (city × topic…), zeros included, each axis by its totals',
      access: { kind: 'campaign', action: 'report' },
      params: idParams,
      query: matrixQuery,
      handle: async ({ params, query }) => {
        const { rows, cols, value, ...filters } = query;
        return { body: await metrics.matrix(await campaigns.load(params.id), { rows, cols, value }, filters) };
      },
    }),
  ];
}
