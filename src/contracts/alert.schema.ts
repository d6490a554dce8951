import { z } from 'zod';
import { ALERT_LOCALES, MAX_ALERTS_PER_CAMPAIGN, type AlertInput } from '../domain/alerts.js';
import { AppError, type FieldProblem } from '../errors.js';
import { refusedTarget } from '../net/outbound-address.js';
import { SOURCES } from '../sources/registry.js';
import { parseOr400 } from './validate.js';
import { opaqueId } from './text.schema.js';

/** Request schemas of the alert routes (API.md, "Additions of version 1.1: alerts and digests"). */

export interface AlertTargetRules {
  /** ALLOW_PRIVATE_TARGETS: webhooks may point at private and loopback addresses. */
  allowPrivateTargets: boolean;
}

const positiveInt = (max: number, what: string) => z.number().int(`must be a whole number of ${what}`).min(1, `must be at least 1`).max(max);
const percent = z.number().min(1, 'must be a percentage between 1 and 100').max(100, 'must be a percentage between 1 and 100');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm, like 08:00');

const sourceName = z.string().refine((s) => SOURCES.some((d) => d.type === s), 'is not a known source');

/** The params of each kind, as API.md names them. */
const PARAMS = {
  source_failing: z.strictObject({ source: sourceName, runs: positiveInt(50, 'runs') }),
  volume_spike: z.strictObject({ interval: z.enum(['hour', 'day']), factor: z.number().min(1.1, 'must be at least 1.1').max(100) }),
  budget: z.strictObject({ percent }),
  quiet: z.strictObject({ hours: positiveInt(24 * 30, 'hours') }),
  negative_share: z.strictObject({ percent, minPosts: positiveInt(100_000, 'posts') }),
  digest: z
    .strictObject({
      cadence: z.enum(['daily', 'weekly']),
      at: hhmm,
      weekday: z.number().int('must be a day 1 (Monday) to 7 (Sunday)').min(1).max(7).optional(),
    })
    .superRefine((p, ctx) => {
      if (p.cadence === 'weekly' && p.weekday === undefined)
        ctx.addIssue({ code: 'custom', path: ['weekday'], message: 'is required for a weekly digest (1 Monday … 7 Sunday)' });
      if (p.cadence === 'daily' && p.weekday !== undefined) ctx.addIssue({ code: 'custom', path: ['weekday'], message: 'is only for a weekly digest' });
    }),
} as const;

const email = z.email({ message: 'must be an e-mail address' }).max(254);

function channelSchema(rules: AlertTargetRules) {
  return z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('webhook'),
      url: z
        .string()
        .max(2000)
        .superRefine((url, ctx) => {
          const problem = refusedTarget(url, rules.allowPrivateTargets);
          if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
        }),
      secret: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
    }),
    z.strictObject({ type: z.literal('email'), to: z.array(email).min(1, 'needs at least one address').max(10) }),
  ]);
}

/** The fields of a rule, `params` checked against its kind. */
function alertFieldsSchema(rules: AlertTargetRules) {
  return z.strictObject({
    kind: z.string(),
    params: z.unknown(),
    channels: z.array(channelSchema(rules)).min(1, 'needs at least one channel').max(5),
    locale: z.enum(ALERT_LOCALES),
    cooldownMinutes: z
      .number()
      .int('must be a whole number of minutes')
      .min(0)
      .max(60 * 24 * 30),
    enabled: z.boolean(),
  });
}

/** A rule as POST sends it (locale, cooldown and enabled defaulted), or a stored rule with a PATCH applied. */
export function alertInputSchema(rules: AlertTargetRules) {
  return alertFieldsSchema(rules)
    .extend({
      locale: z.enum(ALERT_LOCALES).default('id'),
      cooldownMinutes: alertFieldsSchema(rules).shape.cooldownMinutes.default(60),
      enabled: z.boolean().default(true),
    })
    .superRefine((v, ctx) => {
      if (!(v.kind in PARAMS)) {
        ctx.addIssue({ code: 'custom', path: ['kind'], message: `must be one of ${Object.keys(PARAMS).join(', ')}` });
        return;
      }
      const res = PARAMS[v.kind as keyof typeof PARAMS].safeParse(v.params ?? {});
      if (!res.success) for (const issue of res.error.issues) ctx.addIssue({ ...issue, path: ['params', ...issue.path] } as z.core.$ZodRawIssue);
    })
    .transform((v) => ({ ...v, params: PARAMS[v.kind as keyof typeof PARAMS].parse(v.params ?? {}) }) as AlertInput & { enabled: boolean });
}

/** PATCH: any field; the service applies it to the stored rule and checks the whole as a POST. */
export function alertPatchSchema(rules: AlertTargetRules) {
  return alertFieldsSchema(rules).partial();
}

export const alertParams = z.strictObject({ id: opaqueId, alertId: opaqueId });

/** `channels.0.url` as callers read it: `channels[0].url`. */
const bracketed = (field: string) => field.replace(/\.(\d+)(?=\.|$)/g, '[$1]');

/** parseOr400 with array positions written as `channels[0].url`. */
export function parseAlertOr400<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  try {
    return parseOr400(schema, data, 'body');
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const details = err.details.map((d) => (isProblem(d) ? Object.assign(d, { field: bracketed(d.field) }) : d));
    throw new AppError(err.status, err.code, bracketed(err.message), details);
  }
}

function isProblem(d: unknown): d is FieldProblem {
  return typeof d === 'object' && d !== null && typeof (d as FieldProblem).field === 'string';
}

/** More rules than a campaign takes: a 400 naming the field. */
export function tooManyAlerts(): AppError {
  return new AppError(400, 'invalid_request', `A campaign takes at most ${MAX_ALERTS_PER_CAMPAIGN} alert rules.`, [
    { field: 'kind', message: `A campaign takes at most ${MAX_ALERTS_PER_CAMPAIGN} alert rules: delete one first.` },
  ]);
}
