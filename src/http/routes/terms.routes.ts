import { idParams } from '../../contracts/campaign.schema.js';
import { termsQuery } from '../../contracts/terms.schema.js';
import type { HttpDeps } from '../deps.js';
import { defineRoute } from '../route.js';

/** API.md 1.1: the top hashtags, words and mentions of the filtered set (METRICS.md, "terms"). */
export function termsRoutes(deps: HttpDeps) {
  const { campaigns, terms } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/metrics/terms',
      summary: 'The top hashtags, words (without stop words) or mentions of the filtered set, with posts, contributors and engagement',
      access: { kind: 'campaign', action: 'report' },
      params: idParams,
      query: termsQuery,
      handle: async ({ params, query }) => ({ body: await terms.terms(await campaigns.load(params.id), query) }),
    }),
  ];
}
