import { z } from 'zod';
import { AUDIT_TARGETS, PASSWORD_MAX, PASSWORD_MIN, USER_ROLES, USER_STATUSES } from '../domain/account.js';
import { opaqueId, plainText } from './text.schema.js';

/** Request schemas of the accounts API: session, users, tokens, members, share links, audit. */

const email = z.email({ message: 'must be an e-mail address' }).max(254);
const password = z.string().min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX);
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with an offset' });
const dateOrInstant = z.union([z.iso.date(), instant], { message: 'must be a date (YYYY-MM-DD) or an ISO 8601 instant with an offset' });

export const signInBody = z.strictObject({ email, password: z.string().min(1, 'is required').max(PASSWORD_MAX) });

export const userIdParams = z.strictObject({ userId: opaqueId });
export const userCreateBody = z.strictObject({ email, name: plainText(100), role: z.enum(USER_ROLES), password });
/** Over HTTP the first password may be left out: the server makes one up and answers it once. */
export const userCreateRequestBody = userCreateBody.extend({ password: password.optional() });
export const userPatchBody = z
  .strictObject({ name: plainText(100), role: z.enum(USER_ROLES), status: z.enum(USER_STATUSES), password })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'must change at least one of name, role, status, password' });
export const passwordChangeBody = z.strictObject({ currentPassword: z.string().min(1, 'is required').max(PASSWORD_MAX), newPassword: password });

export const tokenIdParams = z.strictObject({ tokenId: opaqueId });
export const tokenCreateBody = z.strictObject({ name: plainText(60), expiresAt: instant.nullable().default(null) });
/** `all=true`: every user's tokens (admins only). */
export const tokenListQuery = z.strictObject({ all: z.enum(['true', 'false']).default('false') });

export const memberParams = z.strictObject({ id: opaqueId, userId: opaqueId });
export const memberAddBody = z.strictObject({ email, own: z.boolean().default(false), mayExport: z.boolean().default(false) });

export const linkParams = z.strictObject({ id: opaqueId, linkId: opaqueId });
export const shareLinkCreateBody = z.strictObject({
  label: plainText(100),
  /** The period the link shows; dates are days in the campaign's zone, `to` inclusive. */
  from: dateOrInstant.nullable().default(null),
  to: dateOrInstant.nullable().default(null),
  /** A date means the end of that day in the campaign's zone. */
  expiresAt: dateOrInstant,
  allowExport: z.boolean().default(false),
});

export const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'is not a cursor from this API')
    .optional(),
  targetType: z.enum(AUDIT_TARGETS).optional(),
  targetId: opaqueId.optional(),
});

export type ShareLinkInput = z.infer<typeof shareLinkCreateBody>;
export type UserPatch = z.infer<typeof userPatchBody>;
