import { z } from 'zod';
import { campaignInputSchema, campaignPatchSchema, idParams } from '../schemas/campaign.schema.js';
import type { HttpDeps } from '../deps.js';
import { defineRoute } from '../route.js';

/** API.md, Campaigns and Collection. */
export function campaignRoutes(deps: HttpDeps) {
  const validCity = (code: string) => deps.gazetteer.city(code) !== undefined;
  const { campaigns } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns',
      summary: 'List campaigns',
      auth: true,
      query: z.strictObject({}),
      handle: async () => ({ body: { campaigns: await campaigns.list() } }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/campaigns',
      summary: 'Create a campaign',
      auth: true,
      status: 201,
      query: z.strictObject({}),
      body: campaignInputSchema(validCity),
      handle: async ({ body }) => {
        const created = await campaigns.create(body);
        return { status: 201, body: { campaign: await campaigns.view(created) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id',
      summary: 'One campaign with its collection status',
      auth: true,
      params: idParams,
      query: z.strictObject({}),
      handle: async ({ params }) => ({ body: { campaign: await campaigns.view(await campaigns.load(params.id)) } }),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/campaigns/:id',
      summary: 'Change a campaign; a change to topics or cities re-attributes its posts',
      auth: true,
      params: idParams,
      query: z.strictObject({}),
      body: campaignPatchSchema(validCity),
      handle: async ({ params, body }) => ({ body: { campaign: await campaigns.view(await campaigns.update(params.id, body)) } }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/campaigns/:id',
      summary: 'Archive a campaign: collection stops, data kept',
      auth: true,
      status: 204,
      params: idParams,
      query: z.strictObject({}),
      handle: async ({ params }) => {
        await campaigns.archive(params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/campaigns/:id/collect',
      summary: 'Collect now from every source of the campaign',
      auth: true,
      status: 202,
      params: idParams,
      query: z.strictObject({}),
      handle: async ({ params }) => ({ status: 202, body: { runs: await campaigns.collectNow(params.id) } }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/runs',
      summary: 'The latest collection runs, newest first',
      auth: true,
      params: idParams,
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      handle: async ({ params, query }) => ({ body: { runs: await campaigns.runs(params.id, query.limit) } }),
    }),
  ];
}
