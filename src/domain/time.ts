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

/** `YYYY-MM-DDTHH` of an instant in a zone. */
export function localHour(instant: string | Date, timeZone: string): string {
  const parts = formatter(timeZone).formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}`;
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
