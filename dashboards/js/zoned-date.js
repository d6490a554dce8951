// Calendar days in a campaign's IANA zone ↔ instants with an offset, as the API wants them
// (METRICS.md, Time). Intl knows the zones; the browser's own zone plays no part.

/** @param {number} n */
const pad = (n) => String(n).padStart(2, '0');

/**
 * The zone's offset from UTC at an instant, in minutes (+420 for Asia/Jakarta).
 * @param {string} timeZone
 * @param {number} ms
 */
function offsetMinutes(timeZone, ms) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  /** @param {Intl.DateTimeFormatPartTypes} type */
  const get = (type) => Number(parts.find((p) => p.type === type)?.value);
  return Math.round((Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - ms) / 60_000);
}

/**
 * Midnight starting `day` (YYYY-MM-DD) in the zone: `2015-01-13T00:00:00+07:00`.
 * @param {string} day
 * @param {string} timeZone
 */
export function startOfDayIso(day, timeZone) {
  const [y, m, d] = /** @type {[number, number, number]} */ (day.split('-').map(Number));
  const utcMidnight = Date.UTC(y, m - 1, d);
  // The offset at the local midnight itself, which a first guess from UTC midnight finds.
  const offset = offsetMinutes(timeZone, utcMidnight - offsetMinutes(timeZone, utcMidnight) * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${day}T00:00:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The calendar day after `day`.
 * @param {string} day
 */
export function nextDay(day) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The day (YYYY-MM-DD) an instant falls on in the zone.
 * @param {string | number} instant
 * @param {string} timeZone
 */
export function dayInZone(instant, timeZone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/**
 * The calendar day `n` days after `day` (before, for a negative n).
 * @param {string} day
 * @param {number} n
 */
export function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
