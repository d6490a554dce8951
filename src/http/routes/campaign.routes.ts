import { z } from 'zod';
import type { Principal } from '../../services/auth/principal.js';
import type { CampaignView } from '../../services/campaign.service.js';
import { campaignInputSchema, campaignPatchSchema, idParams } from '../../contracts/campaign.schema.js';
import type { HttpDeps } from '../deps.js';
import { defineRoute } from '../route.js';

/**
 * What a share link shows of its campaign: what the report needs, its own period, and per source
 * only when it last collected (how fresh the figures are), not its errors or settings.
 */
function sharedView(c: CampaignView, link: Extract<Principal, { kind: 'share' }>['link']) {
  const { id, name, hashtags, timeZone, cities, topics, status, demo } = c;
  const collection = Object.fromEntries(Object.entries(c.collection).map(([source, s]) => [source, { lastSuccessAt: s.lastSuccessAt, outcome: s.outcome }]));
  return { id, name, hashtags, timeZone, cities, topics, status, demo, startsAt: link.from ?? c.startsAt, endsAt: link.to ?? c.endsAt, collection };
}

/** API.md, Campaigns and Collection. */
export function campaignRoutes(deps: HttpDeps) {
  const validCity = (code: string) => deps.gazetteer.city(code) !== undefined;
  const { campaigns, access } = deps;
  const targets = { allowPrivateTargets: deps.allowPrivateTargets ?? false };
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns',
      summary: 'List the campaigns you may see (admins: all)',
      access: { kind: 'signed-in' },
      query: z.strictObject({}),
      handle: async ({ principal }) => ({ body: { campaigns: await campaigns.views(await access.visibleCampaigns(principal)) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/campaigns',
      summary: 'Create a campaign (admins and managers; the creator owns it)',
      access: { kind: 'roles', roles: ['admin', 'manager'] },
      status: 201,
      query: z.strictObject({}),
      body: campaignInputSchema(validCity, targets),
      handle: async ({ body, principal }) => {
        const created = await campaigns.create(principal, body);
        return { status: 201, body: { campaign: await campaigns.view(created) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id',
      summary: 'One campaign with its collection status',
      access: { kind: 'campaign', action: 'report' },
      params: idParams,
      query: z.strictObject({}),
      handle: async ({ params, principal }) => {
        const campaign = await campaigns.view(await campaigns.load(params.id));
        if (principal.kind === 'share') return { body: { campaign: sharedView(campaign, principal.link) } };
        return { body: { campaign: { ...campaign, permissions: await access.permissions(principal, params.id) } } };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/campaigns/:id',
      summary: 'Change a campaign; a change to topics or cities re-attributes its posts',
      access: { kind: 'campaign', action: 'edit' },
      params: idParams,
      query: z.strictObject({}),
      body: campaignPatchSchema(validCity, targets),
      handle: async ({ params, body, principal }) => {
        const updated = await campaigns.update(principal, params.id, body);
        return { body: { campaign: await campaigns.view(updated) } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/campaigns/:id',
      summary: 'Archive a campaign: collection stops, data kept',
      access: { kind: 'campaign', action: 'archive' },
      status: 204,
      params: idParams,
      query: z.strictObject({}),
      handle: async ({ params, principal }) => {
        await campaigns.archive(principal, params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/campaigns/:id/collect',
      summary: 'Collect now from every source of the campaign',
      access: { kind: 'campaign', action: 'edit' },
      status: 202,
      params: idParams,
      query: z.strictObject({}),
      handle: async ({ params }) => ({ status: 202, body: { runs: await campaigns.collectNow(params.id) } }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/runs',
      summary: 'The latest collection runs, newest first',
      access: { kind: 'campaign', action: 'read' },
      params: idParams,
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      handle: async ({ params, query }) => ({ body: { runs: await campaigns.runs(params.id, query.limit) } }),
    }),
  ];
}
