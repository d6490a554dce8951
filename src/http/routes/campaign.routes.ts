import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Principal } from '../../services/auth/principal.js';
import type { CampaignView } from '../../services/campaign.service.js';
import { campaignInputSchema, campaignPatchSchema, idParams } from '../../contracts/campaign.schema.js';
import type { HttpDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { localizeMessage, type MessageLang } from '../../contracts/localize.js';
import { requestLang } from '../language.js';
import { LOGO_MAX_BYTES, LOGO_TYPES } from '../../domain/logo.js';
import { logoTooLarge } from '../../services/campaign.service.js';

/** The logo's bytes whatever type the browser declared (the service tells the type by the bytes); one byte over the limit is a 413. */
const logoBody = express.raw({ type: () => true, limit: LOGO_MAX_BYTES });

/** A body parser run inside a handler: a logo over the limit is refused naming the field. */
function readBody(parser: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void parser(req, res, (err?: unknown) => {
      if (!err) return resolve();
      if (typeof err === 'object' && err !== null && 'type' in err && err.type === 'entity.too.large') return reject(logoTooLarge());
      reject(err instanceof Error ? err : new Error(String(err)));
    });
  });
}

/**
 * What a share link shows of its campaign: what the report needs, its own period, and per source
 * only when it last collected (how fresh the figures are), not its errors or settings.
 */
function sharedView(c: CampaignView, link: Extract<Principal, { kind: 'share' }>['link']) {
  const { id, name, hashtags, timeZone, cities, topics, status, demo, organisation, preparedFor, logo } = c;
  const collection = Object.fromEntries(Object.entries(c.collection).map(([source, s]) => [source, { lastSuccessAt: s.lastSuccessAt, outcome: s.outcome }]));
  return {
    id,
    name,
    hashtags,
    timeZone,
    cities,
    topics,
    status,
    demo,
    organisation,
    preparedFor,
    logo,
    startsAt: link.from ?? c.startsAt,
    endsAt: link.to ?? c.endsAt,
    collection,
  };
}

/** A campaign's collection failures worded for its reader (the dashboard shows them as they come). */
function inLang<C extends { collection: Record<string, { error: string | null }> }>(c: C, lang: MessageLang): C {
  if (lang === 'en') return c;
  const collection = Object.fromEntries(
    Object.entries(c.collection).map(([k, s]) => [k, { ...s, error: s.error === null ? null : localizeMessage(s.error, lang) }]),
  );
  return { ...c, collection };
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
      handle: async ({ principal, req, res }) => {
        const lang = requestLang(req, res);
        return { body: { campaigns: (await campaigns.views(await access.visibleCampaigns(principal))).map((c) => inLang(c, lang)) } };
      },
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
      handle: async ({ params, principal, req, res }) => {
        const campaign = inLang(await campaigns.view(await campaigns.load(params.id)), requestLang(req, res));
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
      path: '/api/v1/campaigns/:id/logo',
      summary: `Upload the organisation's logo for the report's header: a PNG, JPEG or WebP of at most ${LOGO_MAX_BYTES / 1024} KB as the body`,
      access: { kind: 'campaign', action: 'edit' },
      params: idParams,
      query: z.strictObject({}),
      requestContentTypes: Object.fromEntries(LOGO_TYPES.map((type) => [type, z.string().meta({ format: 'binary' })])),
      handle: async ({ params, principal, req, res }) => {
        await campaigns.load(params.id);
        // Only now, with the caller known and allowed, is the body read; its type is told by its bytes.
        await readBody(logoBody, req, res);
        const body: unknown = req.body;
        const bytes = body instanceof Uint8Array ? body : new Uint8Array();
        const updated = await campaigns.setLogo(principal, params.id, bytes);
        return { body: { campaign: await campaigns.view(updated) } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/campaigns/:id/logo',
      summary: "Remove the organisation's logo",
      access: { kind: 'campaign', action: 'edit' },
      params: idParams,
      query: z.strictObject({}),
      handle: async ({ params, principal }) => {
        const updated = await campaigns.removeLogo(principal, params.id);
        return { body: { campaign: await campaigns.view(updated) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/logo',
      summary: "The organisation's logo as uploaded (whoever may read the report, a share link too)",
      access: { kind: 'campaign', action: 'report' },
      params: idParams,
      // `v`: the logo's updatedAt, so a new logo gets a new address past the browser's cache.
      query: z.strictObject({ v: z.string().max(40).optional().meta({ description: "the logo's updatedAt, to pass the browser's cache" }) }),
      responseContentType: 'image/*',
      handle: async ({ params, res }) => {
        const logo = await campaigns.logo(params.id);
        res.status(200).type(logo.contentType);
        res.set({
          'X-Content-Type-Options': 'nosniff',
          // Private: asked for with a credential; the campaign's updatedAt in the page's address changes it.
          'Cache-Control': 'private, max-age=300',
          'Content-Disposition': `inline; filename="${params.id}-logo.${logo.contentType.slice('image/'.length)}"`,
        });
        res.end(Buffer.from(logo.bytes));
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/campaigns/:id/collect',
      summary: 'Collect now from every source of the campaign that has its credentials here (skipped: the others, with what to set)',
      access: { kind: 'campaign', action: 'edit' },
      status: 202,
      params: idParams,
      query: z.strictObject({}),
      handle: async ({ params, req, res }) => {
        const { runs, skipped } = await campaigns.collectNow(params.id);
        const lang = requestLang(req, res);
        return { status: 202, body: { runs, skipped: skipped.map((s) => ({ ...s, reason: localizeMessage(s.reason, lang) })) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/runs',
      summary: 'The latest collection runs, newest first',
      access: { kind: 'campaign', action: 'read' },
      params: idParams,
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      handle: async ({ params, query, req, res }) => {
        const lang = requestLang(req, res);
        const runs = await campaigns.runs(params.id, query.limit);
        return { body: { runs: runs.map((r) => (r.error === null ? r : { ...r, error: localizeMessage(r.error, lang) })) } };
      },
    }),
  ];
}
