import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { CHAT_LIMITS } from '../../chat/chat.file.js';
import { idParams } from '../../contracts/campaign.schema.js';
import { filterParams } from '../../contracts/metrics.schema.js';
import { AppError, badRequest } from '../../errors.js';
import { MAX_FACILITATORS } from '../../services/chat.service.js';
import { periodDays } from '../../services/metrics-range.js';
import type { HttpDeps } from '../deps.js';
import { defineRoute } from '../route.js';

const READ = { kind: 'campaign', action: 'report' } as const;
const MANAGE = { kind: 'campaign', action: 'manage' } as const;

/** The export's bytes whatever type the browser declared (a zip is told by its first bytes); one byte over the limit is a 413. */
const fileBody = express.raw({ type: () => true, limit: CHAT_LIMITS.uploadBytes });

const tooLarge = () =>
  new AppError(413, 'chat_file_too_large', `A chat export may be at most ${CHAT_LIMITS.uploadBytes / 1024 / 1024} MB.`, [
    { field: 'file', message: `at most ${CHAT_LIMITS.uploadBytes / 1024 / 1024} MB` },
  ]);

/** A body parser run inside a handler: an export over the limit is refused naming the field. */
function readBody(parser: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void parser(req, res, (err?: unknown) => {
      if (!err) return resolve();
      if (typeof err === 'object' && err !== null && 'type' in err && err.type === 'entity.too.large') return reject(tooLarge());
      reject(err instanceof Error ? err : new Error(String(err)));
    });
  });
}

const facilitatorName = z.string().trim().min(1).max(80);
/** `facilitators=Kak Rina&facilitators=+62 812…`, or one value with the names separated by commas. */
const facilitatorsParam = z
  .union([z.string().max(4000), z.array(z.string().max(200)).max(MAX_FACILITATORS)])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s !== ''))
  .pipe(z.array(facilitatorName).max(MAX_FACILITATORS, `at most ${MAX_FACILITATORS} facilitators`))
  .optional()
  .meta({
    description: 'Names or phone numbers of facilitators as the export shows them (repeat the parameter, or separate by commas); stored as keyed hashes only',
  });

/** The metrics routes' period (dates or instants, as a share link narrows them): counted in whole days. */
const activityQuery = z.strictObject({ from: filterParams.from, to: filterParams.to });

/** Content types that are never a chat export (a form or a JSON document). */
const REFUSED_TYPES = ['application/json', 'multipart/form-data', 'application/x-www-form-urlencoded'];

/** API.md 1.1: the WhatsApp support channel (chat-import, chat-activity, chat-facilitators). */
export function chatRoutes(deps: HttpDeps) {
  const { campaigns, chat } = deps;
  const base = '/api/v1/campaigns/:id';
  return [
    defineRoute({
      method: 'post',
      path: `${base}/chat-import`,
      summary:
        'Import a WhatsApp chat export (the .txt, or the .zip made "without media") as the body: messages per day, names and phone numbers kept only as keyed hashes',
      access: MANAGE,
      params: idParams,
      query: z.strictObject({ facilitators: facilitatorsParam }),
      requestContentTypes: {
        'text/plain': z.string().meta({ description: `The chat's .txt as WhatsApp exported it (UTF-8), at most ${CHAT_LIMITS.uploadBytes / 1024 / 1024} MB.` }),
        'application/zip': z
          .string()
          .meta({ format: 'binary', description: `The .zip WhatsApp made, holding _chat.txt (or "WhatsApp Chat with ….txt"), without media.` }),
      },
      handle: async ({ params, query, principal, req, res }) => {
        const campaign = await campaigns.load(params.id);
        const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (REFUSED_TYPES.includes(type))
          throw new AppError(
            415,
            'unsupported_media_type',
            `Send the chat export itself as the body (.txt as text/plain, .zip as application/zip), not ${type}.`,
            [{ field: 'content-type', message: 'must be text/plain or application/zip' }],
          );
        // Only now, with the caller known and allowed, is the body read.
        await readBody(fileBody, req, res);
        const body: unknown = req.body;
        const bytes = body instanceof Uint8Array ? body : new Uint8Array();
        return { body: await chat.importExport(principal, campaign, bytes, query.facilitators ?? []) };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/chat-activity`,
      summary:
        'Support-channel activity per day (campaign zone): messages, active members, questions, facilitator answers and first-response time, with totals; counts only. `from` and `to` as for the metrics routes (dates or instants); only whole days inside the period count, and `from`/`to` answer the first and last of them',
      access: READ,
      params: idParams,
      query: activityQuery,
      handle: async ({ params, query }) => {
        const campaign = await campaigns.load(params.id);
        // The same reading of `from` and `to` as the metrics routes; the figures are per day, so whole days.
        const { reversed, ...range } = periodDays(campaign.timeZone, query);
        if (reversed) throw badRequest('Invalid query parameter: to', [{ field: 'to', message: 'must not be before from' }]);
        return { body: { ...range, ...(await chat.activity(params.id, range)) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/chat-facilitators`,
      summary: 'How many facilitators the campaign marks (only keyed hashes are stored, so never who)',
      access: MANAGE,
      params: idParams,
      query: z.strictObject({}),
      handle: async ({ params }) => {
        await campaigns.load(params.id);
        return { body: await chat.facilitators(params.id) };
      },
    }),
    defineRoute({
      method: 'put',
      path: `${base}/chat-facilitators`,
      summary: 'Replace the facilitators: names or phone numbers as the chat export shows them, stored as keyed hashes only',
      access: MANAGE,
      params: idParams,
      query: z.strictObject({}),
      body: z.strictObject({ facilitators: z.array(facilitatorName).max(MAX_FACILITATORS, `at most ${MAX_FACILITATORS} facilitators`) }),
      handle: async ({ params, body, principal }) => {
        await campaigns.load(params.id);
        return { body: await chat.setFacilitators(principal, params.id, body.facilitators) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: `${base}/chat-messages`,
      summary:
        "Remove the support channel's data: every imported message and the facilitators; the campaign's secret for keyed hashes is replaced, so earlier hashes can never be matched again. Answers the counts removed",
      access: MANAGE,
      params: idParams,
      query: z.strictObject({}),
      handle: async ({ params, principal }) => {
        await campaigns.load(params.id);
        return { body: await chat.deleteData(principal, params.id) };
      },
    }),
  ];
}
