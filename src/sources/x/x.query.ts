/**
 * Pure helpers that turn a campaign into X recent-search parameters: the query strings and the
 * time window X will accept.
 */

/** X's limit on a recent-search query for the Basic and Pro access levels. */
const X_MAX_QUERY_LENGTH = 512;
/** Recent search reaches back 7 days; a minute of margin keeps a slow request inside it. */
const SEARCH_HORIZON_MS = 7 * 24 * 3_600_000 - 60_000;
/** X refuses an `end_time` later than 10 seconds before the request. */
const END_TIME_MIN_AGE_MS = 10_000;
/** Without `end_time` X searches up to 30 seconds ago; a pass over several queries pins that bound. */
const DEFAULT_END_AGE_MS = 30_000;

const RETWEET_FILTER = ' -is:retweet';

/**
 * The campaign hashtags OR-ed into as few queries as fit in `maxLength` characters, each
 * excluding retweets: `(#a OR #b) -is:retweet`. Hashtags are de-duplicated case-insensitively.
 */
export function buildSearchQueries(hashtags: readonly string[], maxLength = X_MAX_QUERY_LENGTH): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const raw of hashtags) {
    const tag = raw.trim().replace(/^#+/, '');
    if (tag === '' || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(`#${tag}`);
  }
  const render = (group: string[]): string => (group.length === 1 ? `${group[0]}${RETWEET_FILTER}` : `(${group.join(' OR ')})${RETWEET_FILTER}`);

  const queries: string[] = [];
  let group: string[] = [];
  for (const tag of tags) {
    if (render([tag]).length > maxLength) throw new RangeError(`The hashtag ${tag} is too long for an X search query`);
    if (group.length > 0 && render([...group, tag]).length > maxLength) {
      queries.push(render(group));
      group = [];
    }
    group.push(tag);
  }
  if (group.length > 0) queries.push(render(group));
  return queries;
}

/** `start_time`/`end_time` in the second-granularity form X documents. */
export interface SearchWindow {
  startTime: string;
  endTime?: string;
}

/**
 * The part of the campaign window that recent search can still reach at `now`, or null when
 * there is nothing to search (the campaign has not started, or ended beyond the 7 days).
 */
export function searchWindow(campaign: { startsAt: string; endsAt: string | null }, now: Date): SearchWindow | null {
  const nowMs = now.getTime();
  const startMs = Math.max(Date.parse(campaign.startsAt), nowMs - SEARCH_HORIZON_MS);
  let endMs: number | undefined;
  if (campaign.endsAt !== null && Date.parse(campaign.endsAt) <= nowMs) {
    endMs = Math.min(Date.parse(campaign.endsAt), nowMs - END_TIME_MIN_AGE_MS);
  }
  const start = ceilSecond(startMs);
  const latest = endMs ?? nowMs - DEFAULT_END_AGE_MS;
  if (start >= floorSecond(latest)) return null;
  const window: SearchWindow = { startTime: xTime(start) };
  if (endMs !== undefined) window.endTime = xTime(floorSecond(endMs));
  return window;
}

/**
 * The fixed upper bound of one pass over several queries, so that the newest id of the pass
 * is also a bound for every query of it (snowflake ids grow with time).
 */
export function passEndTime(window: SearchWindow, now: Date): string {
  const bound = floorSecond(now.getTime() - DEFAULT_END_AGE_MS);
  return window.endTime !== undefined && Date.parse(window.endTime) < bound ? window.endTime : xTime(bound);
}

/** The earliest instant recent search reaches at `now`. */
export function searchHorizon(now: Date): Date {
  return new Date(now.getTime() - SEARCH_HORIZON_MS);
}

function ceilSecond(ms: number): number {
  return Math.ceil(ms / 1000) * 1000;
}

function floorSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function xTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
