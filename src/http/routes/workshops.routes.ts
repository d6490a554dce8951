import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { idParams } from '../../contracts/campaign.schema.js';
import { localizeRowProblems } from '../../contracts/localize.js';
import { parseOr400 } from '../../contracts/validate.js';
import {
  activationListQuery,
  activationQuery,
  meQuery,
  participantInputSchema,
  participantParams,
  workshopInputSchema,
  workshopParams,
  workshopPatchSchema,
} from '../../contracts/workshop.schema.js';
import { AppError } from '../../errors.js';
import { parseParticipantCsv, parseParticipantList, participantJson } from '../../services/participant-sheet.js';
import type { HttpDeps } from '../deps.js';
import { requestLang } from '../language.js';
import { defineRoute } from '../route.js';

const none = z.strictObject({});
const READ = { kind: 'campaign', action: 'report' } as const;
const MANAGE = { kind: 'campaign', action: 'manage' } as const;

const CSV_TYPES = ['text/csv', 'text/plain'];
const csvBody = express.text({ type: CSV_TYPES, limit: '1mb' });

function run(middleware: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void middleware(req, res, (err?: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()));
  });
}

/** API.md 1.1, workshops: a campaign's workshops, their participants and the activation figures. */
export function workshopRoutes(deps: HttpDeps) {
  const { campaigns, workshops, me } = deps;
  const validCity = (code: string) => deps.gazetteer.city(code) !== undefined;
  const base = '/api/v1/campaigns/:id/workshops';
  return [
    defineRoute({
      method: 'get',
      path: base,
      summary: "A campaign's workshops, by start, each with its number of participants",
      access: READ,
      params: idParams,
      query: none,
      handle: async ({ params }) => {
        await campaigns.load(params.id);
        return { body: { workshops: await workshops.list(params.id) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: base,
      summary: 'Create a workshop: name, city (a kota/kabupaten code), start, end, venue, capacity',
      access: MANAGE,
      status: 201,
      params: idParams,
      query: none,
      body: workshopInputSchema(validCity),
      handle: async ({ params, body, principal }) => {
        const campaign = await campaigns.load(params.id);
        const w = await workshops.create(principal, campaign, body);
        return { status: 201, body: { workshop: { ...w, participants: 0 } } };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:workshopId`,
      summary: 'One workshop',
      access: READ,
      params: workshopParams,
      query: none,
      handle: async ({ params }) => {
        await campaigns.load(params.id);
        return { body: { workshop: await workshops.view(params.id, params.workshopId) } };
      },
    }),
    defineRoute({
      method: 'patch',
      path: `${base}/:workshopId`,
      summary: 'Change a workshop (any of its fields); the end may not be before the start',
      access: MANAGE,
      params: workshopParams,
      query: none,
      body: workshopPatchSchema(validCity),
      handle: async ({ params, body, principal }) => {
        await campaigns.load(params.id);
        await workshops.update(principal, params.id, params.workshopId, body);
        return { body: { workshop: await workshops.view(params.id, params.workshopId) } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: `${base}/:workshopId`,
      summary: 'Delete a workshop and its participants',
      access: MANAGE,
      status: 204,
      params: workshopParams,
      query: none,
      handle: async ({ params, principal }) => {
        await campaigns.load(params.id);
        await workshops.remove(principal, params.id, params.workshopId);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:workshopId/participants`,
      summary: "A workshop's participants: names and handles for managers and admins, counts (by group) for everyone else",
      access: READ,
      params: workshopParams,
      query: none,
      handle: async ({ params, principal }) => {
        await campaigns.load(params.id);
        return { body: await workshops.participants(principal, params.id, params.workshopId) };
      },
    }),
    defineRoute({
      method: 'post',
      path: `${base}/:workshopId/participants`,
      summary:
        'Register participants: one (JSON), a list (JSON), or the registration sheet (CSV: name, group, consent and a column per platform); bad rows are reported, the rest stored',
      access: MANAGE,
      status: 201,
      params: workshopParams,
      query: none,
      requestContentTypes: {
        'application/json': z.union([
          participantInputSchema,
          z.array(participantInputSchema),
          z.strictObject({ participants: z.array(participantInputSchema) }),
        ]),
        'text/csv': z.string().meta({
          description: 'CSV with a header row: name, group, consent (yes/ya/no), and one column per platform (x, instagram, tiktok…) holding the handle.',
        }),
      },
      handle: async ({ params, principal, req, res }) => {
        await campaigns.load(params.id);
        await workshops.load(params.id, params.workshopId);
        const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        let sheet;
        if (CSV_TYPES.includes(type)) {
          await run(csvBody, req, res);
          sheet = parseParticipantCsv(typeof req.body === 'string' ? req.body : '');
        } else if (type === 'application/json') {
          const { single, items } = participantJson(req.body);
          // One participant is all or nothing: a 400 naming its fields, like any other body.
          sheet = single
            ? { rows: [{ row: 1, participant: parseOr400(participantInputSchema, items[0], 'body') }], rejected: [] }
            : parseParticipantList(items);
        } else {
          throw new AppError(
            415,
            'unsupported_media_type',
            `Send the participants as application/json or text/csv (got ${req.get('content-type') ?? 'no content type'}).`,
            [{ field: 'content-type', message: 'must be application/json or text/csv' }],
          );
        }
        const result = await workshops.addParticipants(principal, params.id, params.workshopId, sheet);
        const lang = requestLang(req, res);
        return { status: 201, body: { ...result, rejected: result.rejected.map((r) => ({ ...r, error: localizeRowProblems(r.error, lang) })) } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: `${base}/:workshopId/participants/:participantId`,
      summary: 'Remove a participant',
      access: MANAGE,
      status: 204,
      params: participantParams,
      query: none,
      handle: async ({ params, principal }) => {
        await campaigns.load(params.id);
        await workshops.removeParticipant(principal, params.id, params.workshopId, params.participantId);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:workshopId/metrics`,
      summary: "A workshop's activation figures: its participants active in the window (7 or 30 days) after it ended, and the window before it started",
      access: READ,
      params: workshopParams,
      query: activationQuery,
      handle: async ({ params, query }) => {
        await campaigns.load(params.id);
        return { body: await workshops.metrics(params.id, params.workshopId, query.window) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/me',
      summary:
        "The signed-in user's own page: their participant records (by their e-mail address), the campaign's authors their accounts matched, their figures, per day and per workshop, and their posts, newest first, a page at a time",
      access: { kind: 'campaign', action: 'read' },
      params: idParams,
      query: meQuery,
      handle: async ({ params, query, principal }) => ({ body: await me.me(principal, await campaigns.load(params.id), query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/metrics/workshops',
      summary:
        'The activation figures of every workshop of a campaign, one row per workshop; with by=city one row per city, each person of its workshops counted once',
      access: READ,
      params: idParams,
      query: activationListQuery,
      handle: async ({ params, query }) => {
        await campaigns.load(params.id);
        if (query.by === 'city') {
          const rows = await workshops.activationByCity(params.id, query.window);
          const cities = rows.map((r) => ({ ...r, name: deps.gazetteer.city(r.city)?.displayName ?? r.city }));
          return { body: { window: query.window, by: 'city', cities } };
        }
        return { body: { window: query.window, workshops: await workshops.activationByWorkshop(params.id, query.window) } };
      },
    }),
  ];
}
