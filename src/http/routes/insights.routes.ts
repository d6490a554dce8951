import { idParams } from '../../contracts/campaign.schema.js';
import { spikesQuery } from '../../contracts/metrics.schema.js';
import { networkQuery } from '../../contracts/network.schema.js';
import type { HttpDeps } from '../deps.js';
import type { Network } from '../../network/network.build.js';
import { requestLang } from '../language.js';
import { defineRoute } from '../route.js';

/** API.md 1.1: when the campaign spiked and why, and who connects whom (METRICS.md, spikes and network). */
export function insightsRoutes(deps: HttpDeps) {
  const { campaigns, spikes, network } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/metrics/spikes',
      summary: 'The hours or days whose posts stand far above the usual level of the 7 days before, with the most engaged posts of each',
      access: { kind: 'campaign', action: 'report' },
      params: idParams,
      query: spikesQuery,
      handle: async ({ params, query }) => ({ body: await spikes.spikes(await campaigns.load(params.id), query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/network',
      summary: 'Who mentions, replies to and quotes whom: the authors of highest degree and the edges among them',
      access: { kind: 'campaign', action: 'report' },
      params: idParams,
      query: networkQuery,
      handle: async ({ params, query }) => {
        const { limit, ...filters } = query;
        return { body: await network.network(await campaigns.load(params.id), filters, limit) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/network.gexf',
      summary: 'The same network as a GEXF 1.3 file for Gephi',
      access: { kind: 'campaign', action: 'report' },
      params: idParams,
      query: networkQuery,
      responseContentType: 'application/gexf+xml',
      handle: async ({ params, query, req, res, principal }) => {
        const campaign = await campaigns.load(params.id);
        const { limit, ...filters } = query;
        const masker = await deps.shareMask.forAnswer(principal, campaign, requestLang(req, res));
        const gexf = await network.gexf(campaign, filters, limit, masker ? (n) => masker.json(n) as Network : undefined);
        res.status(200).type('application/gexf+xml; charset=utf-8');
        res.set('Cache-Control', 'private, no-cache');
        res.set('Content-Disposition', `attachment; filename="${campaign.id}-network.gexf"`);
        res.end(gexf);
        return undefined;
      },
    }),
  ];
}
