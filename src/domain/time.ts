import { DateTime } from 'luxon';

/** Day and hour buckets in a campaign's IANA time zone (METRICS.md, "Time"). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD; hourCycle h23 keeps midnight at 00.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Every UTC offset in use, and every change of offset, falls on a quarter hour, so the local hour
 * is the same for every instant of a 15-minute slot. Enrichment asks for millions of instants
 * and Intl formatting is slow: one answer per zone and slot is kept.
 */
const SLOT_MS = 15 * 60_000;
const MAX_SLOTS = 50_000;
const hourCache = new Map<string, Map<number, string>>();

/** `YYYY-MM-DDTHH` of an instant in a zone. */
export function localHour(instant: string | Date, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const slot = Math.floor(date.getTime() / SLOT_MS);
  let slots = hourCache.get(timeZone);
  if (!slots) hourCache.set(timeZone, (slots = new Map()));
  const hit = slots.get(slot);
  if (hit !== undefined) return hit;
  const parts = formatter(timeZone).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const hour = `${get('year')}-${get('month')}-${get('day')}T${get('hour')}`;
  // Bounded: a long re-attribution touches many slots; starting over costs one format per slot.
  if (slots.size >= MAX_SLOTS) slots.clear();
  slots.set(slot, hour);
  return hour;
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDay(instant: string | Date, timeZone: string): string {
  return localHour(instant, timeZone).slice(0, 10);
}

export function isValidTimeZone(timeZone: string): boolean {
  return DateTime.local().setZone(timeZone).isValid;
}

/** The instant a local day starts in a zone, as an ISO string with offset. */
export function startOfLocalDay(day: string, timeZone: string): DateTime {
  return DateTime.fromISO(day, { zone: timeZone }).startOf('day');
}
