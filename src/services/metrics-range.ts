import { LRUCache } from 'lru-cache';
import { DateTime, type Zone } from 'luxon';
import type { Campaign } from '../domain/campaign.js';
import { DIMENSION_SPECS, FILTER_DIMENSIONS, filterKeys } from '../domain/dimensions.js';
import type { MetricsFilter } from '../domain/metrics-query.js';
import { zoneOf } from '../time/zone.js';
import type { FilterParams } from '../contracts/metrics.schema.js';
import { LIMITS } from '../domain/limits.js';

/** A range in the campaign's zone, for the response and for buckets. */
export interface Range {
  from: DateTime;
  to: DateTime;
}

/** A request's filters resolved against a campaign: instants for the range, keys for each filter dimension. */
export interface ResolvedFilter extends Range {
  filter: MetricsFilter;
}

/**
 * `from` and `to` take instants or local dates; a date `to` includes that whole day. The range
 * defaults to the campaign's window (an open end: until now).
 */
export function resolveFilter(campaign: Campaign, params: FilterParams, now: Date): ResolvedFilter {
  const zone = zoneOf(campaign.timeZone);
  const start = parseIn(campaign.startsAt, zone, false);
  const end = campaign.endsAt ? parseIn(campaign.endsAt, zone, false) : DateTime.fromJSDate(now).setZone(zone);
  const from = params.from ? parseIn(params.from, zone, false) : start;
  const to = params.to ? parseIn(params.to, zone, true) : end;
  const filter: Record<string, unknown> = { from: from.toUTC().toISO()!, to: to.toUTC().toISO()! };
  const asked = params as Readonly<Record<string, readonly string[] | undefined>>;
  for (const d of FILTER_DIMENSIONS) {
    const { param, filter: spec } = DIMENSION_SPECS[d];
    const values = asked[param];
    if (values) filter[spec.field] = filterKeys(d, values);
  }
  // Each field was set from its dimension's validated parameter (contracts/metrics.schema.ts).
  return { filter: filter as MetricsFilter, from, to };
}

/**
 * The whole local days (campaign zone, `YYYY-MM-DD`, both included; null: open) inside a request's
 * `from` and `to`, read as `resolveFilter` reads them (dates or instants; a date `to` includes its
 * day, an instant `to` is excluded), for figures counted per day. A day only partly inside is left
 * out, so a share link's period never shows a day's figures beyond it; `reversed` when `to` is
 * before `from`.
 */
export function periodDays(
  timeZone: string,
  params: { from?: string | undefined; to?: string | undefined },
): { from: string | null; to: string | null; reversed: boolean } {
  const zone = zoneOf(timeZone);
  const from = params.from === undefined ? undefined : parseIn(params.from, zone, false);
  const to = params.to === undefined ? undefined : parseIn(params.to, zone, true);
  // The first day starting at or after `from`; the last day ending at or before `to`.
  const firstDay = from === undefined ? null : (from.toMillis() === from.startOf('day').toMillis() ? from : from.startOf('day').plus({ days: 1 })).toISODate();
  const lastDay = to === undefined ? null : to.startOf('day').minus({ days: 1 }).toISODate();
  return { from: firstDay, to: lastDay, reversed: from !== undefined && to !== undefined && to < from };
}

/** Parsed instants kept (luxon's DateTime is immutable, so one can serve every request). */
const parsed = new LRUCache<string, DateTime>({ max: 1000 });

/**
 * An instant or a local date (`to` includes its whole day) in a zone. Every request parses the
 * campaign's start and usually the same range again: luxon's ISO parsing was ~5 % of a cached
 * request.
 */
function parseIn(v: string, zone: Zone, endOfDay: boolean): DateTime {
  const key = `${zone.name} ${endOfDay ? 'end' : 'start'} ${v}`;
  let t = parsed.get(key);
  if (!t) {
    t = v.length === 10 ? DateTime.fromISO(v, { zone }).plus(endOfDay ? { days: 1 } : {}) : DateTime.fromISO(v, { setZone: true }).setZone(zone);
    parsed.set(key, t);
  }
  return t;
}

/** METRICS.md, previous period: for [from, to), the range [from − (to − from), from), in the same zone. */
export function previousRange(range: Range): Range {
  const length = range.to.toMillis() - range.from.toMillis();
  return { from: range.from.minus({ milliseconds: length }), to: range.from };
}

/** Whether a range lies inside bounds (ISO instants; null: open on that side). */
export function rangeWithin(range: Range, bounds: { from: string | null; to: string | null }): boolean {
  return (bounds.from === null || range.from.toMillis() >= Date.parse(bounds.from)) && (bounds.to === null || range.to.toMillis() <= Date.parse(bounds.to));
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The local calendar date of an instant, as a UTC midnight (ms): days and weeks need no zone arithmetic past this. */
const localDate = (t: DateTime) => Date.UTC(t.year, t.month - 1, t.day);

/**
 * How many buckets `bucketsBetween` returns, without making them: the cap on an answer
 * (domain/limits.ts) is checked before any work.
 */
export function bucketCount(from: DateTime, to: DateTime, interval: 'hour' | 'day' | 'week'): number {
  if (to <= from) return 0;
  if (interval === 'hour') return Math.ceil((to.toMillis() - from.startOf('hour').toMillis()) / HOUR_MS);
  const first = localDate(from.startOf(interval));
  const last = localDate(to.minus({ milliseconds: 1 }));
  const step = (interval === 'week' ? 7 : 1) * DAY_MS;
  return Math.floor((last - first) / step) + 1;
}

/**
 * Every bucket key between from (inclusive) and to (exclusive), in the campaign's zone. Callers
 * check `bucketCount` against the limits first; the guard here only keeps a forgotten check from
 * looping for ever.
 */
export function bucketsBetween(from: DateTime, to: DateTime, interval: 'hour' | 'day' | 'week'): string[] {
  const keys: string[] = [];
  if (to <= from) return keys;
  const guard = LIMITS.seriesBuckets[interval];
  if (interval !== 'hour') {
    // Days and weeks are calendar dates: once the first and the last local date are known, no
    // time-zone arithmetic is needed (luxon's per-bucket arithmetic was most of a cached
    // timeseries request on a year-long campaign). The last bucket holds the instant before `to`.
    const end = localDate(to.minus({ milliseconds: 1 }));
    const step = (interval === 'week' ? 7 : 1) * DAY_MS;
    for (let d = localDate(from.startOf(interval)); d <= end && keys.length < guard; d += step) keys.push(new Date(d).toISOString().slice(0, 10));
    return keys;
  }
  let t = from.startOf('hour');
  for (let i = 0; t < to && i < guard; i++) {
    keys.push(bucketKey(t, interval));
    t = t.plus({ hours: 1 });
  }
  return keys;
}

/** `2015-01-13` (day), `2015-01-12` (Monday of the ISO week), `2015-01-13T09` (hour). */
function bucketKey(t: DateTime, interval: 'hour' | 'day' | 'week'): string {
  if (interval === 'hour') return t.toFormat("yyyy-MM-dd'T'HH");
  if (interval === 'week') return t.startOf('week').toFormat('yyyy-MM-dd');
  return t.toFormat('yyyy-MM-dd');
}
