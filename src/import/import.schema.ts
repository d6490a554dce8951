import { DateTime } from 'luxon';
import { z } from 'zod';
import type { City } from '../geo/gazetteer.js';

/**
 * The columns of an import file (docs/import.md) and the zod schema of one row.
 * Pure: the campaign's time zone and the city lookup come in as arguments.
 */

/** Every column an import file may have, in the order docs/import.md documents them. */
export const IMPORT_COLUMNS = [
  'platform',
  'post_id',
  'url',
  'created_at',
  'text',
  'hashtags',
  'author_id',
  'author_handle',
  'author_name',
  'author_followers',
  'author_location',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'bookmarks',
  'views',
  'kind',
  'city',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Names that spreadsheets and platform insights use for our columns, to suggest the right one. */
export const COLUMN_HINTS: Readonly<Record<string, ImportColumn>> = {
  shares: 'reposts',
  comments: 'replies',
  saves: 'bookmarks',
  impressions: 'views',
  plays: 'views',
  caption: 'text',
  date: 'created_at',
  id: 'post_id',
  link: 'url',
  followers: 'author_followers',
  location: 'author_location',
  username: 'author_handle',
  type: 'kind',
};

/** Columns a CSV header must have (a JSON row may leave `text` out when it gives hashtags). */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['platform', 'post_id', 'created_at', 'text', 'author_id'];

/** The platforms posts are imported from; the original platform is kept in the post id. */
const IMPORT_PLATFORMS = ['instagram', 'facebook', 'tiktok', 'whatsapp', 'youtube', 'threads', 'linkedin', 'telegram', 'x', 'other'] as const;

export const MAX_IMPORT_ROWS = 10_000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** What the row schema needs from its campaign and the gazetteer. */
export interface RowContext {
  /** IANA zone in which local date-times (`2015-01-20 10:00`) are read: the campaign's. */
  timeZone: string;
  city(code: string): City | undefined;
}

const CREATED_AT_HELP =
  'must be an ISO 8601 instant with an offset (2015-01-20T10:00:00+07:00), or YYYY-MM-DD HH:mm or DD/MM/YYYY HH:mm in the campaign time zone';
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
const LOCAL_FORMATS = ['yyyy-MM-dd HH:mm', 'yyyy-MM-dd HH:mm:ss', 'd/M/yyyy H:mm', 'd/M/yyyy H:mm:ss'];

/** The instant a `created_at` cell names, as an ISO string in UTC; undefined when it names none. */
export function parseCreatedAt(value: string, timeZone: string): string | undefined {
  if (ISO_WITH_OFFSET.test(value)) {
    const t = DateTime.fromISO(value, { setZone: true });
    return t.isValid ? (t.toUTC().toISO() ?? undefined) : undefined;
  }
  for (const format of LOCAL_FORMATS) {
    const t = DateTime.fromFormat(value, format, { zone: timeZone });
    if (t.isValid) return t.toUTC().toISO() ?? undefined;
  }
  return undefined;
}

const HASHTAG = /^[\p{L}\p{M}\p{N}_]*[\p{L}\p{M}][\p{L}\p{M}\p{N}_]*$/u;
const COUNT_HELP = 'must be a whole number of 0 or more, like 1234 or 1.234 (leave it empty when the platform did not report it)';
const SHORTENED_HELP = 'is shortened: write the whole number, like 1200 or 1.200 for 1,2 rb or 1.2K, and 2000000 or 2.000.000 for 2 jt';

const requiredText = (max: number) =>
  z.string({ error: (i) => (i.input === undefined ? 'is required' : 'must be text') }).max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => z.string({ error: 'must be text' }).max(max, `must be at most ${max} characters`).optional();

/** `1.234`, `12.345.678` (Indonesian) or `1,234` (English): thousands, never decimals, since counts are whole. */
const GROUPED = /^\d{1,3}(?:\.\d{3})+$|^\d{1,3}(?:,\d{3})+$/;
/** `1,2 rb`, `1.2K`, `2jt`, `3 juta`, `1.5M`: what platforms show, rounded; the file needs the number itself. */
const SHORTENED = /^\d+(?:[.,]\d+)?\s*(?:rb|ribu|k|jt|juta|m|mio|b|bn|miliar|mlyr)\.?$/i;

/**
 * A count cell as a person writes it, or undefined when it is no count: plain digits, or digits
 * grouped in thousands by `.` (the Indonesian way) or `,` (the English way). Both groupings read
 * the same because a count has no fraction: `1.234` and `1,234` are 1234, while `1.5` or `1,25`
 * are no count at all. Exported for the tests.
 */
export function parseCount(cell: string): number | undefined {
  const v = cell.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (GROUPED.test(v)) return Number(v.replace(/[.,]/g, ''));
  return undefined;
}

/** A count as a person enters it: digits (CSV) or a JSON number. Empty means "not reported". */
const count = z
  .union([z.number(), z.string()], { error: COUNT_HELP })
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const n = typeof v === 'number' ? v : (parseCount(v) ?? Number.NaN);
    if (Number.isSafeInteger(n) && n >= 0) return n;
    // The value last: a translation keeps it apart from the words.
    const shortened = typeof v === 'string' && SHORTENED.test(v.trim());
    ctx.addIssue({ code: 'custom', message: shortened ? `${SHORTENED_HELP}: "${v.trim()}"` : COUNT_HELP });
    return z.NEVER;
  });

/** Space, comma or semicolon separated, `#` optional; JSON may give an array. */
const hashtags = z
  .union([z.string(), z.array(z.string())], { error: 'must be hashtags separated by spaces or commas' })
  .optional()
  .transform((v, ctx) => {
    const tokens = (Array.isArray(v) ? v.join(' ') : (v ?? '')).split(/[\s,;]+/).filter(Boolean);
    const tags = tokens.map((t) => t.replace(/^[#＃]/, ''));
    const bad = tokens.filter((_, i) => !HASHTAG.test(tags[i] ?? ''));
    if (bad.length === 0) return tags;
    ctx.addIssue({
      code: 'custom',
      // The values last: a translation keeps them apart from the words.
      message:
        bad.length === 1
          ? `is not a hashtag (letters, digits and _ only): "${bad[0]}"`
          : `are not hashtags (letters, digits and _ only): ${bad.map((b) => `"${b}"`).join(', ')}`,
    });
    return z.NEVER;
  });

const REPOST_KINDS = new Set(['repost', 'share', 'retweet', 'reblog', 'boost']);
const kind = z
  .string({ error: 'must be original, reply or quote' })
  .optional()
  .transform((v, ctx) => {
    const k = v?.toLowerCase() ?? 'original';
    if (k === 'original' || k === 'reply' || k === 'quote') return k;
    const message = REPOST_KINDS.has(k)
      ? 'a pure repost or share is not a post: add it to the reposts count of the post it shares'
      : 'must be original, reply or quote';
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });

/** The schema of one row; cells arrive trimmed, with blank cells already removed. */
export function importRowSchema(ctx: RowContext) {
  return z
    .strictObject({
      platform: requiredText(40)
        .transform((v) => v.toLowerCase())
        .pipe(z.enum(IMPORT_PLATFORMS, { error: `must be one of ${IMPORT_PLATFORMS.join(', ')}` })),
      post_id: requiredText(200),
      url: z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
        .max(2000, 'must be at most 2000 characters')
        .optional(),
      created_at: requiredText(40).transform((v, c) => {
        const instant = parseCreatedAt(v, ctx.timeZone);
        if (instant) return instant;
        c.addIssue({ code: 'custom', message: CREATED_AT_HELP });
        return z.NEVER;
      }),
      text: optionalText(10_000),
      hashtags,
      author_id: requiredText(200),
      author_handle: optionalText(200).transform((v) => v?.replace(/^@/, '')),
      author_name: optionalText(200),
      author_followers: count,
      author_location: optionalText(500),
      likes: count,
      reposts: count,
      replies: count,
      quotes: count,
      bookmarks: count,
      views: count,
      kind,
      city: z
        .string({ error: 'must be a city code like 73.71, as text' })
        .regex(/^\d{2}\.\d{2}$/, 'must be a city code like 73.71')
        .transform((code, c) => {
          const city = ctx.city(code);
          if (city) return city;
          c.addIssue({ code: 'custom', message: `${code} is not a known city code` });
          return z.NEVER;
        })
        .optional(),
    })
    .superRefine((row, c) => {
      if (!row.text && row.hashtags.length === 0) c.addIssue({ code: 'custom', path: ['text'], message: 'is empty: give the post text or its hashtags' });
    });
}

/** One valid row, as the schema gives it. */
export type ImportRow = z.output<ReturnType<typeof importRowSchema>>;
