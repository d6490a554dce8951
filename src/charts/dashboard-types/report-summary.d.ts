/**
 * The first and the last day of the period, without repeating what they share: "13 and 31 January
 * 2015", "13 January and 9 February 2015", "20 December 2014 and 9 January 2015".
 * @param {string} from ISO instant, inclusive
 * @param {string} to ISO instant, exclusive
 * @param {string} timeZone
 * @param {string} locale
 */
export function periodEnds(from: string, to: string, timeZone: string, locale: string): {
    from: string;
    to: string;
};
/**
 * A large figure as a person says it: 1.97 million / 1,97 juta from a million up, every digit below.
 * @param {number} n
 * @param {Format} fmt
 */
export function sayNumber(n: number, fmt: Format): string;
/**
 * The paragraph as parts (text and marked figures) and the figures it names, in order of first mention.
 * @param {SummaryFigures} figures
 * @param {Translate} t
 * @param {Format} fmt
 * @returns {{ parts: SummaryPart[], figures: FigureKey[] }}
 */
export function composeSummary(figures: SummaryFigures, t: Translate, fmt: Format): {
    parts: SummaryPart[];
    figures: FigureKey[];
};
/**
 * One city's activation figures as `GET …/metrics/workshops?by=city` gives them (METRICS.md, "Per city").
 * @typedef {{ city: string, name: string, participants: number, active: number, activationRate: number | null }} CityActivation
 */
/**
 * "Of 84 participants in Kupang, 51 posted within 30 days: 60.71%": one sentence per city whose
 * workshops have participants, in the reader's language, with the page's number and percent formats.
 * @param {readonly CityActivation[]} cities
 * @param {number} days the window, 7 or 30
 * @param {Translate} t
 * @param {Format} fmt
 * @returns {string[]}
 */
export function activationSentences(cities: readonly CityActivation[], days: number, t: Translate, fmt: Format): string[];
/**
 * The change of the share of participants who posted, from the window before to the window after,
 * in percentage points ("+12 pts", "−3 poin"); a dash when either share is missing.
 * @param {number | null} after
 * @param {number | null} before
 * @param {Translate} t
 * @param {Format} fmt
 */
export function rateChange(after: number | null, before: number | null, t: Translate, fmt: Format): string;
/**
 * Minutes as a person reads them: "45 min", "2 h 05 min"; a dash for none.
 * @param {number | null} m
 * @param {Translate} t
 * @param {Format} fmt
 */
export function sayMinutes(m: number | null, t: Translate, fmt: Format): string;
/**
 * The support channel's totals over a period as `GET …/chat-activity` gives them (METRICS.md, "Support channel").
 * @typedef {{ messages: number, members: number, questions: number, answered: number, medianFirstResponseMinutes: number | null }} ChatTotals
 */
/**
 * The report's support-channel figures, each with its label and its definition, in the reader's
 * language; counts only. None when the period has no message.
 * @param {ChatTotals} totals
 * @param {Translate} t
 * @param {Format} fmt
 * @returns {Array<{ figure: ChatFigureKey, label: string, value: string }>}
 */
export function chatFigures(totals: ChatTotals, t: Translate, fmt: Format): Array<{
    figure: ChatFigureKey;
    label: string;
    value: string;
}>;
export function summaryText(parts: SummaryPart[]): string;
/**
 * What the paragraph is written from: the summary, the by-city breakdown (the known cities with
 * posts) and the busiest day of the daily series.
 */
export type SummaryFigures = {
    summary: {
        posts: number;
        contributors: number;
        reach: number;
        engagement: number;
        impressions: number;
        engagementRate: number | null;
        from: string;
        to: string;
    };
    /**
     * the campaign's hashtags, as written
     */
    hashtags: string[];
    /**
     * the campaign's zone, in which days are counted
     */
    timeZone: string;
    /**
     * known cities with posts, most posts first
     */
    cities: Array<{
        label: string;
        posts: number;
    }>;
    /**
     * the day with most posts
     */
    peak: {
        bucket: string;
        posts: number;
    } | null;
};
/**
 * The figures the report names, each with a definition (`def.<key>` in strings/<lang>.js): the
 * paragraph's, then the support channel's.
 */
export type FigureKey = "posts" | "contributors" | "cities" | "engagement" | "reach" | "impressions" | "engagementRate" | "peak" | ChatFigureKey;
/**
 * The figures the report names, each with a definition (`def.<key>` in strings/<lang>.js): the
 * paragraph's, then the support channel's.
 */
export type ChatFigureKey = "chatMessages" | "chatMembers" | "chatQuestions" | "chatAnswered" | "chatFirstResponse";
export type SummaryPart = string | {
    figure: FigureKey;
    text: string;
};
/**
 * One city's activation figures as `GET …/metrics/workshops?by=city` gives them (METRICS.md, "Per city").
 */
export type CityActivation = {
    city: string;
    name: string;
    participants: number;
    active: number;
    activationRate: number | null;
};
/**
 * The support channel's totals over a period as `GET …/chat-activity` gives them (METRICS.md, "Support channel").
 */
export type ChatTotals = {
    messages: number;
    members: number;
    questions: number;
    answered: number;
    medianFirstResponseMinutes: number | null;
};
import type { Format } from './format.js';
import type { Translate } from './format.js';
