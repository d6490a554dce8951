import type { AlertLocale } from '../domain/alerts.js';

/**
 * Numbers and dates of alert messages, per locale, through Intl. The same Intl locales as the
 * dashboard's dashboards/js/format.js (id-ID, en-GB), so a figure reads the same in a message and on
 * the page. That module is the browser's and is loaded from disk by src/charts/ only; a message also
 * needs what a page does not: millions in words ("1,97 juta") and signed changes ("+35 %").
 */

const INTL: Readonly<Record<AlertLocale, string>> = { id: 'id-ID', en: 'en-GB' };

export interface MessageFormat {
  locale: AlertLocale;
  /** 1.234 (id) / 1,234 (en); one decimal at most. */
  number(n: number): string;
  /** Like number, but a million and more in words: 1,97 juta / 1.97 million. */
  big(n: number): string;
  /** A percentage given as 0–100: 12,5 % (id) / 12.5% (en). */
  percent(p: number): string;
  /** The change from `previous` to `current`: +35 % / −12 % / baru (previous 0); undefined when both are 0. */
  change(current: number, previous: number): string | undefined;
  /** `2015-01-13…` as 13 Januari 2015, read from the digits as given (the campaign's zone). */
  date(wall: Wall): string;
  /** 13 Jan. */
  shortDate(wall: Wall): string;
  /** Two days as one range: 12–18 Januari 2015, 29 Desember 2014 – 4 Januari 2015. */
  dateRange(first: Wall, last: Wall): string;
  /** 14.05 (id) / 14:05 (en). */
  time(wall: Wall): string;
}

/** A date and time as written in a fact (its local wall-clock digits, whatever the offset). */
export interface Wall {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2}))?)?/;

/**
 * The wall-clock digits of an ISO date or date-time as the facts give it (`2015-01-13`,
 * `2015-01-13T14`, `2015-01-13T14:05:00+07:00`): facts are written in the campaign's zone, so the
 * digits are what the campaign's people read. Undefined for anything else.
 */
export function wallOf(iso: string): Wall | undefined {
  const m = WALL.exec(iso.trim());
  if (!m) return undefined;
  const wall: Wall = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (m[4] !== undefined) {
    wall.hour = Number(m[4]);
    wall.minute = m[5] === undefined ? 0 : Number(m[5]);
  }
  return wall;
}

/** The day before a wall date (for exclusive ends). */
export function dayBefore(wall: Wall): Wall {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day - 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export const isMidnight = (wall: Wall): boolean => (wall.hour ?? 0) === 0 && (wall.minute ?? 0) === 0;

export const sameDay = (a: Wall, b: Wall): boolean => a.year === b.year && a.month === b.month && a.day === b.day;

const cache = new Map<AlertLocale, MessageFormat>();

export function messageFormat(locale: AlertLocale): MessageFormat {
  const hit = cache.get(locale);
  if (hit) return hit;
  const intl = INTL[locale] ?? INTL.en;
  const num = new Intl.NumberFormat(intl, { maximumFractionDigits: 1 });
  const whole = new Intl.NumberFormat(intl, { maximumFractionDigits: 0 });
  const millions = new Intl.NumberFormat(intl, { notation: 'compact', compactDisplay: 'long', maximumFractionDigits: 2 });
  const longDate = new Intl.DateTimeFormat(intl, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(intl, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const utc = (wall: Wall) => new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  const pad = (n: number) => String(n).padStart(2, '0');
  const pct = (p: number) => (locale === 'id' ? `${num.format(p)} %` : `${num.format(p)}%`);

  const format: MessageFormat = {
    locale,
    number: (n) => num.format(n),
    big: (n) => (Math.abs(n) >= 1_000_000 ? millions.format(n) : num.format(n)),
    percent: pct,
    change(current, previous) {
      if (previous === 0) return current === 0 ? undefined : locale === 'id' ? 'baru' : 'new';
      const change = ((current - previous) / Math.abs(previous)) * 100;
      const rounded = Math.round(change);
      if (rounded === 0) return locale === 'id' ? '±0 %' : '±0%';
      const magnitude = whole.format(Math.abs(rounded));
      // A true minus sign (U+2212), as typeset figures have it.
      return `${rounded > 0 ? '+' : '\u2212'}${locale === 'id' ? `${magnitude} %` : `${magnitude}%`}`;
    },
    date: (wall) => longDate.format(utc(wall)),
    shortDate: (wall) => short.format(utc(wall)),
    dateRange: (first, last) => longDate.formatRange(utc(first), utc(last)),
    time: (wall) => `${pad(wall.hour ?? 0)}${locale === 'id' ? '.' : ':'}${pad(wall.minute ?? 0)}`,
  };
  cache.set(locale, format);
  return format;
}
