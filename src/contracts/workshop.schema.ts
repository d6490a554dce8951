import { z } from 'zod';
import { PLATFORMS } from '../domain/post.js';
import { ACTIVATION_WINDOWS, PARTICIPANT_GROUPS } from '../domain/workshops.js';
import { opaqueId, plainText } from './text.schema.js';

/** Request schemas of the workshop routes (API.md 1.1, workshops). */

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with an offset, like 2015-01-13T00:00:00+07:00' });
const cityCode = z.string().regex(/^\d{2}\.\d{2}$/, 'must be a city code like 73.71');

/** The most participants one workshop takes, and one request adds. */
export const MAX_PARTICIPANTS = 2000;

function workshopFields(validCity: (code: string) => boolean) {
  return z.strictObject({
    name: plainText(200),
    city: cityCode.refine(validCity, 'is not a known city code'),
    startsAt: instant,
    endsAt: instant,
    venue: plainText(300).nullable(),
    capacity: z.number().int('must be a whole number of people').min(1, 'must be at least 1').max(100_000).nullable(),
  });
}

function checkOrder(v: { startsAt?: string; endsAt?: string }, ctx: z.RefinementCtx) {
  if (v.startsAt && v.endsAt && Date.parse(v.endsAt) < Date.parse(v.startsAt)) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must not be before startsAt' });
  }
}

/** POST: name, city, start and end required. */
export function workshopInputSchema(validCity: (code: string) => boolean) {
  return workshopFields(validCity).partial({ venue: true, capacity: true }).superRefine(checkOrder);
}

/** PATCH: any part; the order of start and end is checked again on the merged workshop. */
export function workshopPatchSchema(validCity: (code: string) => boolean) {
  return workshopFields(validCity).partial().superRefine(checkOrder);
}

export type WorkshopInput = z.infer<ReturnType<typeof workshopInputSchema>>;
export type WorkshopPatch = z.infer<ReturnType<typeof workshopPatchSchema>>;

export const participantAccountSchema = z.strictObject({
  platform: z.enum(PLATFORMS, { message: `must be one of ${PLATFORMS.join(', ')}` }),
  handle: z
    .string()
    .trim()
    .regex(/^@?[\p{L}\p{N}_.-]{1,100}$/u, 'must be a handle like @ani_kupang'),
});

export const participantInputSchema = z.strictObject({
  name: plainText(200),
  group: z.enum(PARTICIPANT_GROUPS, { message: `must be one of ${PARTICIPANT_GROUPS.join(', ')}` }),
  accounts: z.array(participantAccountSchema).max(20, 'A participant takes at most 20 accounts.').default([]),
  /** The participant's user account (docs/API.md, "A participant's own page"); null or absent: none. */
  email: z.email({ message: 'must be an e-mail address' }).max(254).nullable().optional(),
  consent: z.literal(true, { message: 'must be true: a participant is registered only with their consent' }),
});
export type ParticipantInput = z.infer<typeof participantInputSchema>;

export const workshopParams = z.strictObject({ id: opaqueId, workshopId: opaqueId });
export const participantParams = z.strictObject({ id: opaqueId, workshopId: opaqueId, participantId: opaqueId });

const activationWindow = z
  .enum(ACTIVATION_WINDOWS.map(String) as ['7', '30'], { message: 'must be 7 or 30 (days)' })
  .default('30')
  .transform((w) => Number(w) as 7 | 30);

export const activationQuery = z.strictObject({ window: activationWindow });

/** `GET …/metrics/workshops`: one row per workshop, or with `by=city` one per city. */
export const activationListQuery = z.strictObject({
  window: activationWindow,
  by: z.enum(['workshop', 'city'], { message: 'must be workshop or city' }).default('workshop'),
});

/** GET …/me: a page of the reader's own posts (newest first) and the window of their workshop figures. */
export const meQuery = z.strictObject({
  limit: z.coerce.number({ message: 'must be a whole number from 1 to 100' }).int('must be a whole number from 1 to 100').min(1).max(100).default(20),
  cursor: z
    .string()
    .min(1)
    .max(1024)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be the nextCursor of a previous page')
    .optional(),
  window: activationQuery.shape.window,
});
