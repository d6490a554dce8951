import cron from 'node-cron';
import { z } from 'zod';
import { refusedTarget } from '../net/outbound-address.js';
import { SOURCES, sourceDescriptor } from '../sources/registry.js';
import { isValidTimeZone } from '../time/zone.js';
import { formatLimit, LIMITS } from '../domain/limits.js';
import { mapKey, opaqueId, plainText } from './text.schema.js';

/** Request and response schemas of the campaign routes (API.md, Campaigns). */

const hashtagSchema = z
  .string()
  .max(100)
  .regex(/^#[\p{L}\p{N}_]+$/u, 'must be # followed by letters, digits or _');

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with an offset, like 2015-01-13T00:00:00+07:00' });
const cityCode = z.string().regex(/^\d{2}\.\d{2}$/, 'must be a city code like 73.71');

/** A campaign's entry for one source: its type and the options that source declares (Mastodon's instances). */
export const sourceConfigSchema = z.discriminatedUnion('type', nonEmpty(SOURCES.map((s) => s.campaignEntry)));

function nonEmpty<T>(items: T[]): [T, ...T[]] {
  const [first, ...rest] = items;
  if (first === undefined) throw new Error('the source registry is empty');
  return [first, ...rest];
}

/** How the schemas check the servers a campaign makes the service contact (ALLOW_PRIVATE_TARGETS). */
export interface TargetRules {
  allowPrivateTargets: boolean;
}

/** Private, loopback, link-local and metadata addresses are refused unless the operator allowed them. */
const REFUSE_PRIVATE: TargetRules = { allowPrivateTargets: false };

/** A source option naming a server that may not be contacted (a literal address; names are checked when resolved) is a 400 naming it. */
function checkTargets(rules: TargetRules) {
  return (entries: Array<{ type: string }>, ctx: z.RefinementCtx) => {
    entries.forEach((entry, i) => {
      for (const target of sourceDescriptor(entry.type)?.outboundTargets(entry) ?? []) {
        const problem = refusedTarget(target.url, rules.allowPrivateTargets);
        if (problem !== null) ctx.addIssue({ code: 'custom', path: [i, ...target.path], message: problem });
      }
    });
  };
}

/** A campaign's own words of feeling (docs/sentiment.md): words or short phrases, a bounded list of each. */
const sentimentWordList = z
  .array(plainText(60).refine((w) => /[\p{L}\p{N}]/u.test(w), 'must contain a letter or a digit'))
  .max(LIMITS.sentimentWordsPerList, `A campaign takes at most ${LIMITS.sentimentWordsPerList} words of each kind.`)
  .refine((words) => new Set(words.map((w) => w.toLowerCase())).size === words.length, 'must not list a word twice');

/** Fields a caller may set; `validCity` checks codes against the gazetteer. */
function campaignFieldsSchema(validCity: (code: string) => boolean, rules: TargetRules) {
  return z.strictObject({
    name: plainText(200),
    hashtags: z
      .array(hashtagSchema)
      .min(1, 'needs at least one hashtag')
      .max(LIMITS.hashtagsPerCampaign, `A campaign takes at most ${LIMITS.hashtagsPerCampaign} hashtags.`),
    startsAt: instant,
    endsAt: instant.nullable(),
    timeZone: z.string().refine(isValidTimeZone, 'must be an IANA time zone like Asia/Jakarta'),
    cities: z
      .array(cityCode.refine(validCity, 'is not a known city code'))
      .max(LIMITS.citiesPerCampaign, `A campaign takes at most ${LIMITS.citiesPerCampaign} cities.`),
    cityHashtags: z
      .record(
        cityCode.refine(validCity, 'is not a known city code'),
        z.array(hashtagSchema).max(LIMITS.hashtagsPerCity, `A city takes at most ${LIMITS.hashtagsPerCity} hashtags of its own.`),
      )
      .refine((r) => Object.keys(r).length <= LIMITS.citiesPerCampaign, `At most ${LIMITS.citiesPerCampaign} cities may have hashtags of their own.`),
    topics: z
      .record(
        mapKey(60),
        z
          .array(plainText(100))
          .min(1)
          .max(LIMITS.keywordsPerTopic, `A topic takes at most ${formatLimit(LIMITS.keywordsPerTopic)} keywords.`),
      )
      .refine((t) => Object.keys(t).length <= LIMITS.topicsPerCampaign, `A campaign takes at most ${LIMITS.topicsPerCampaign} topics.`),
    sources: z.array(sourceConfigSchema).max(SOURCES.length).superRefine(checkTargets(rules)),
    schedule: z.string().refine((s) => cron.validate(s), 'must be a cron expression like */15 * * * *'),
    sentimentWords: z.strictObject({ positive: sentimentWordList, negative: sentimentWordList }),
    monthlyReadBudget: z.number().int('must be a whole number of posts').min(100, 'must be at least 100 posts (one X page)').nullable(),
    /** The report's header (docs/report.md); null clears it. */
    organisation: plainText(120).nullable(),
    preparedFor: plainText(200).nullable(),
    /** Imported WhatsApp chats keep their message text (docs/whatsapp.md); default false. */
    chatKeepText: z.boolean(),
    /** Share links show pseudonyms instead of handles and names (docs/API.md). */
    shareMaskHandles: z.boolean({ message: 'must be true or false' }),
  });
}

export type CampaignFields = z.infer<ReturnType<typeof campaignFieldsSchema>>;

function checkWindow(v: { startsAt?: string; endsAt?: string | null }, ctx: z.RefinementCtx) {
  if (v.startsAt && v.endsAt && Date.parse(v.endsAt) <= Date.parse(v.startsAt)) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  }
}

/** POST body: name and hashtags required, the rest defaulted by the service. */
export function campaignInputSchema(validCity: (code: string) => boolean, rules: TargetRules = REFUSE_PRIVATE) {
  const f = campaignFieldsSchema(validCity, rules);
  return f.partial().required({ name: true, hashtags: true }).superRefine(checkWindow);
}

/** PATCH body: any part of the input. */
export function campaignPatchSchema(validCity: (code: string) => boolean, rules: TargetRules = REFUSE_PRIVATE) {
  return campaignFieldsSchema(validCity, rules).partial().superRefine(checkWindow);
}

export const idParams = z.strictObject({ id: opaqueId });
