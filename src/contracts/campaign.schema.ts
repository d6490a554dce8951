import cron from 'node-cron';
import { z } from 'zod';
import { SOURCE_TYPES } from '../domain/post.js';
import { isValidTimeZone } from '../time/zone.js';
import { mapKey, opaqueId, plainText } from './text.schema.js';

/** Request and response schemas of the campaign routes (API.md, Campaigns). */

const hashtagSchema = z
  .string()
  .max(100)
  .regex(/^#[\p{L}\p{N}_]+$/u, 'must be # followed by letters, digits or _');

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with an offset, like 2015-01-13T00:00:00+07:00' });
const cityCode = z.string().regex(/^\d{2}\.\d{2}$/, 'must be a city code like 73.71');

const sourceConfigSchema = z
  .strictObject({
    type: z.enum(SOURCE_TYPES),
    /** Mastodon instances: host names (`mastodon.social`, reached over https) or base URLs. */
    instances: z
      .array(
        z.union([z.string().regex(/^[a-z0-9.-]+(:\d+)?$/i), z.url({ protocol: /^https?$/ })], {
          message: 'must be a host name like mastodon.social or an http(s) URL',
        }),
      )
      .max(20)
      .optional(),
  })
  .refine((s) => s.type !== 'mastodon' || (s.instances?.length ?? 0) > 0, {
    path: ['instances'],
    message: 'a Mastodon source needs at least one instance, like mastodon.social',
  });

/** Fields a caller may set; `validCity` checks codes against the gazetteer. */
function campaignFieldsSchema(validCity: (code: string) => boolean) {
  return z.strictObject({
    name: plainText(200),
    hashtags: z.array(hashtagSchema).min(1, 'needs at least one hashtag').max(20, 'takes at most 20 hashtags'),
    startsAt: instant,
    endsAt: instant.nullable(),
    timeZone: z.string().refine(isValidTimeZone, 'must be an IANA time zone like Asia/Jakarta'),
    cities: z.array(cityCode.refine(validCity, 'is not a known city code')).max(600),
    cityHashtags: z.record(cityCode.refine(validCity, 'is not a known city code'), z.array(hashtagSchema).max(20)),
    topics: z.record(mapKey(60), z.array(plainText(100)).min(1).max(200)),
    sources: z.array(sourceConfigSchema).max(SOURCE_TYPES.length),
    schedule: z.string().refine((s) => cron.validate(s), 'must be a cron expression like */15 * * * *'),
    monthlyReadBudget: z.number().int('must be a whole number of posts').min(100, 'must be at least 100 posts (one X page)').nullable(),
  });
}

export type CampaignFields = z.infer<ReturnType<typeof campaignFieldsSchema>>;

function checkWindow(v: { startsAt?: string; endsAt?: string | null }, ctx: z.RefinementCtx) {
  if (v.startsAt && v.endsAt && Date.parse(v.endsAt) <= Date.parse(v.startsAt)) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  }
}

/** POST body: name and hashtags required, the rest defaulted by the service. */
export function campaignInputSchema(validCity: (code: string) => boolean) {
  const f = campaignFieldsSchema(validCity);
  return f.partial().required({ name: true, hashtags: true }).superRefine(checkWindow);
}

/** PATCH body: any part of the input. */
export function campaignPatchSchema(validCity: (code: string) => boolean) {
  return campaignFieldsSchema(validCity).partial().superRefine(checkWindow);
}

export const idParams = z.strictObject({ id: opaqueId });
