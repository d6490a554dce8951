import { z } from 'zod';
import { alertInputSchema, alertParams, alertPatchSchema } from '../../contracts/alert.schema.js';
import { idParams } from '../../contracts/campaign.schema.js';
import type { HttpDeps } from '../deps.js';
import { defineRoute } from '../route.js';

const none = z.strictObject({});
const MANAGE = { kind: 'campaign', action: 'manage' } as const;

/**
 * A campaign's alert rules and their deliveries (API.md, alerts and digests): its managers and
 * admins only. Bodies are checked by the service, so fields are named as `channels[0].url`.
 */
export function alertRoutes(deps: HttpDeps) {
  const { alerts, campaigns } = deps;
  const rules = { allowPrivateTargets: deps.allowPrivateTargets === true };
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/alerts',
      summary: "A campaign's alert rules (a webhook's secret is never shown: hasSecret says whether it has one)",
      access: MANAGE,
      params: idParams,
      query: none,
      handle: async ({ params }) => {
        await campaigns.load(params.id);
        return { body: { alerts: await alerts.list(params.id) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/campaigns/:id/alerts',
      summary: 'Add an alert rule: source_failing, volume_spike, budget, quiet, negative_share or digest, with its channels (webhook, email)',
      access: MANAGE,
      status: 201,
      params: idParams,
      query: none,
      requestContentTypes: { 'application/json': alertInputSchema(rules) },
      handle: async ({ principal, params, req }) => {
        await campaigns.load(params.id);
        return { status: 201, body: { alert: await alerts.create(principal, params.id, req.body ?? {}) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/alerts/deliveries',
      summary: 'The latest 100 alert deliveries, newest first: channel, event, attempts, outcome and time',
      access: MANAGE,
      params: idParams,
      query: none,
      handle: async ({ params }) => {
        await campaigns.load(params.id);
        return { body: { deliveries: await alerts.deliveries(params.id) } };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/campaigns/:id/alerts/:alertId',
      summary: 'Change an alert rule (any of its fields; a webhook sent without its secret keeps the stored one)',
      access: MANAGE,
      params: alertParams,
      query: none,
      requestContentTypes: { 'application/json': alertPatchSchema(rules) },
      handle: async ({ principal, params, req }) => {
        await campaigns.load(params.id);
        return { body: { alert: await alerts.update(principal, params.id, params.alertId, req.body ?? {}) } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/campaigns/:id/alerts/:alertId',
      summary: 'Delete an alert rule (its past deliveries stay listed)',
      access: MANAGE,
      status: 204,
      params: alertParams,
      query: none,
      handle: async ({ principal, params }) => {
        await campaigns.load(params.id);
        await alerts.remove(principal, params.id, params.alertId);
        return { status: 204 };
      },
    }),
  ];
}
