// Number and date formats per language, through Intl only, and looking words up. Shared by the
// dashboard and the server's share images (src/charts/), so a figure reads and a chart speaks the
// same on a page and in a PNG: Indonesian gets 1.234,5 and "13 Januari 2015", English 1,234.5 and
// "13 January 2015".

/** @typedef {'id' | 'en'} Lang */
/** @typedef {ReturnType<typeof createFormat>} Format */

/**
 * Intl locale of each interface language. en-GB puts the day first, as Indonesian readers expect.
 * @type {Readonly<Record<Lang, string>>}
 */
export const LOCALES = Object.freeze({ id: 'id-ID', en: 'en-GB' });

/**
 * Formatters for one language. Dates are shown in the campaign's zone, not the reader's (METRICS.md, Time).
 * @param {Lang} lang
 */
export function createFormat(lang) {
  const locale = LOCALES[lang] ?? LOCALES.en;
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const compactNum = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  /** @type {Map<string, Intl.DateTimeFormat>} */
  const dateCache = new Map();
  /**
   * @param {Intl.DateTimeFormatOptions} options
   * @param {string | undefined} timeZone the reader's own zone when undefined
   */
  const dateFormat = (options, timeZone) => {
    const key = JSON.stringify([options, timeZone]);
    let format = dateCache.get(key);
    if (!format) dateCache.set(key, (format = new Intl.DateTimeFormat(locale, { ...options, timeZone })));
    return format;
  };
  /**
   * @param {number | null | undefined} n
   * @returns {n is null | undefined}
   */
  const missing = (n) => n === null || n === undefined || Number.isNaN(n);
  /**
   * @param {string | number} instant
   * @param {string} [timeZone]
   */
  const longDate = (instant, timeZone) => dateFormat({ day: 'numeric', month: 'long', year: 'numeric' }, timeZone).format(new Date(instant));

  return {
    lang,
    locale,
    /**
     * 1.234,5 (id) or 1,234.5 (en); a missing figure is a dash, never 0 (METRICS.md).
     * @param {number | null | undefined} n
     */
    number: (n) => (missing(n) ? '—' : num.format(n)),
    /**
     * Axis ticks: 1,2 rb / 1.2K.
     * @param {number | null | undefined} n
     */
    compact: (n) => (missing(n) ? '—' : compactNum.format(n)),
    /**
     * A fraction as a percentage (0.0123 → 1,23 %).
     * @param {number | null | undefined} f
     */
    percent: (f) => (missing(f) ? '—' : pct.format(f)),
    /** 13 Januari 2015. */
    date: longDate,
    /**
     * 13 Jan 2015 19.05, for run times and post times.
     * @param {string | number} instant
     * @param {string} [timeZone]
     */
    dateTime: (instant, timeZone) =>
      dateFormat({ day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }, timeZone).format(new Date(instant)),
    /**
     * A day bucket (`2015-01-13`, already in the campaign's zone) as "13 Jan".
     * @param {string} bucket
     */
    day: (bucket) => dateFormat({ day: 'numeric', month: 'short' }, 'UTC').format(new Date(`${bucket}T00:00:00Z`)),
    /**
     * A range with an exclusive end, as its first and last day: "13 Januari 2015 – 9 Februari 2015".
     * @param {string} from
     * @param {string} to
     * @param {string} timeZone
     */
    period: (from, to, timeZone) => `${longDate(from, timeZone)} – ${longDate(Date.parse(to) - 1, timeZone)}`,
  };
}

/** @typedef {(key: string, vars?: Readonly<Record<string, string | number>>) => string} Translate */

/**
 * A lookup for one language's words (strings/<lang>.js): `{name}` placeholders filled from vars,
 * the key itself when a word is missing.
 * @param {Readonly<Record<string, string>>} dictionary
 * @returns {Translate}
 */
export function translator(dictionary) {
  return (key, vars) => {
    const text = dictionary[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m)) : text;
  };
}
