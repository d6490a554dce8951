/**
 * Formatters for one language. Dates are shown in the campaign's zone, not the reader's (METRICS.md, Time).
 * @param {Lang} lang
 */
export function createFormat(lang: Lang): {
    lang: Lang;
    locale: string;
    /**
     * 1.234,5 (id) or 1,234.5 (en); a missing figure is a dash, never 0 (METRICS.md).
     * @param {number | null | undefined} n
     */
    number: (n: number | null | undefined) => string;
    /**
     * Axis ticks: 1,2 rb / 1.2K.
     * @param {number | null | undefined} n
     */
    compact: (n: number | null | undefined) => string;
    /**
     * A fraction as a percentage (0.0123 → 1,23 %).
     * @param {number | null | undefined} f
     */
    percent: (f: number | null | undefined) => string;
    /** 13 Januari 2015. */
    date: (instant: string | number, timeZone?: string) => string;
    /**
     * 13 Jan 2015 19.05, for run times and post times.
     * @param {string | number} instant
     * @param {string} [timeZone]
     */
    dateTime: (instant: string | number, timeZone?: string) => string;
    /**
     * A day bucket (`2015-01-13`, already in the campaign's zone) as "13 Jan".
     * @param {string} bucket
     */
    day: (bucket: string) => string;
    /**
     * A range with an exclusive end, as its first and last day: "13 Januari 2015 – 9 Februari 2015".
     * @param {string} from
     * @param {string} to
     * @param {string} timeZone
     */
    period: (from: string, to: string, timeZone: string) => string;
};
/** @typedef {(key: string, vars?: Readonly<Record<string, string | number>>) => string} Translate */
/**
 * A lookup for one language's words (strings/<lang>.js): `{name}` placeholders filled from vars,
 * the key itself when a word is missing.
 * @param {Readonly<Record<string, string>>} dictionary
 * @returns {Translate}
 */
export function translator(dictionary: Readonly<Record<string, string>>): Translate;
/** @typedef {'id' | 'en'} Lang */
/** @typedef {ReturnType<typeof createFormat>} Format */
/**
 * Intl locale of each interface language. en-GB puts the day first, as Indonesian readers expect.
 * @type {Readonly<Record<Lang, string>>}
 */
export const LOCALES: Readonly<Record<Lang, string>>;
export type Translate = (key: string, vars?: Readonly<Record<string, string | number>>) => string;
export type Lang = "id" | "en";
export type Format = ReturnType<typeof createFormat>;
