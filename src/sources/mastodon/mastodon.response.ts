import { z } from 'zod';
import type { MastodonStatus } from './mastodon.types.js';

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time');
const count = z.number().int().min(0).optional();

const accountSchema = z.looseObject({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  display_name: z.string(),
  url: z.string().nullish(),
  followers_count: count,
});

// Only what the mapper and the pager rely on; everything else passes through untouched.
const statusSchema = z.looseObject({
  id: z.string().min(1),
  uri: z.string().min(1),
  url: z.string().nullish(),
  created_at: instant,
  account: accountSchema,
  content: z.string(),
  language: z.string().nullish(),
  in_reply_to_id: z.string().nullish(),
  reblog: z.looseObject({}).nullish(),
  quote: z.looseObject({ state: z.string() }).nullish(),
  tags: z.array(z.looseObject({ name: z.string() })).optional(),
  replies_count: count,
  reblogs_count: count,
  favourites_count: count,
});

const timelineSchema = z.array(statusSchema);

/**
 * Checks that a 2xx body is the array of statuses the mapper expects, so that a proxy's page or
 * an unexpected shape fails the run with a message naming the instance and the field, instead of
 * storing half a page or a post without an author.
 */
export function parseTimeline(body: unknown, what: string): MastodonStatus[] {
  const parsed = timelineSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the body';
    const why = Array.isArray(body) ? `${where}: ${issue?.message ?? 'invalid'}` : `expected an array of statuses, got ${describe(body)}`;
    throw new Error(`${what} returned an unexpected response: ${why}`);
  }
  // The schema checked every field the service reads; the rest is Mastodon's, passed through.
  return body as MastodonStatus[];
}

/** The kind of value only: its keys or text are the instance's, and a run record never repeats them. */
function describe(body: unknown): string {
  if (body === null) return 'null';
  if (typeof body === 'object') return 'an object';
  return `a ${typeof body}`;
}
