/**
 * The breakdown dimension of a chart, or undefined for time series and the matrix.
 * @param {ChartId} id
 * @returns {BreakdownBy | undefined}
 */
export function breakdownOf(id: ChartId): BreakdownBy | undefined;
/**
 * The figure a time series chart plots.
 * @param {ChartId} id
 * @returns {'posts' | 'engagement'}
 */
export function seriesMetric(id: ChartId): "posts" | "engagement";
/**
 * What a person reads for a key: the catch-alls and default topics in the page's language, the API's label otherwise.
 * @param {string} by
 * @param {string} key
 * @param {string} apiLabel
 * @param {Translate} t
 * @returns {string}
 */
export function keyLabel(by: string, key: string, apiLabel: string, t: Translate): string;
/**
 * The matrix's row and column labels, translated like the breakdowns'.
 * @param {Matrix} data
 * @param {Translate} t
 */
export function matrixLabels(data: Matrix, t: Translate): {
    rows: string[];
    cols: string[];
};
/**
 * True when the answer has no post to draw: the card says so instead of drawing empty axes.
 * @param {ChartId} id
 * @param {ChartData} data the answer of CHART_DATA[id]
 */
export function isEmptyChart(id: ChartId, data: ChartData): boolean;
/**
 * Share of voice: each hashtag's posts over the posts of all hashtags (a post with two counts in both).
 * @param {ReadonlyArray<{ posts: number }>} rows
 */
export function shareOfVoice(rows: ReadonlyArray<{
    posts: number;
}>): number[];
/**
 * The table alternative of a chart: the same numbers as the API answer, formatted for the page's
 * language. `columns[0]` names the keys; the other columns are figures.
 * @param {ChartId} id
 * @param {ChartData} data the answer of CHART_DATA[id]
 * @param {ChartContext} ctx
 * @returns {ChartTable}
 */
export function chartTable(id: ChartId, data: ChartData, ctx: ChartContext): ChartTable;
/** @import { Format, Translate } from './format.js' */
/**
 * The API answers the charts read (API.md, Metrics), as far as they read them.
 * @typedef {{ bucket: string, posts: number, engagement: number, contributors: number }} SeriesPoint
 * @typedef {{ bucket: string, posts: number, expected: number }} SpikeMark a day far above the usual level (metrics/spikes)
 * @typedef {{ points: SeriesPoint[], spikes?: SpikeMark[] }} Timeseries `spikes`: added by the dashboard to the posts series
 * @typedef {{ key: string, label: string, posts: number, contributors: number, reach: number, engagement: number }} BreakdownRow
 * @typedef {{ rows: BreakdownRow[] }} Breakdown
 * @typedef {{ rows: string[], cols: string[], rowLabels: string[], colLabels: string[], values: number[][] }} Matrix
 * @typedef {Timeseries | Breakdown | Matrix} ChartData
 */
/**
 * A share image's frame around the chart.
 * @typedef {object} ShareOptions
 * @property {number} width
 * @property {number} height
 * @property {string[]} subtitle lines under the title: the campaign's name and the period
 * @property {string} footer
 * @property {number} [fontScale] type size relative to the default for this width (1)
 */
/**
 * The page's language, and for a share image its frame.
 * @typedef {object} ChartContext
 * @property {Translate} t
 * @property {Format} fmt
 * @property {ShareOptions} [share]
 */
/** @typedef {{ columns: string[], rows: string[][] }} ChartTable */
/** Every chart of the overview, in the order it shows them; also the names of the PNG route. */
export const CHART_IDS: readonly ["posts-over-time", "engagement-over-time", "by-city", "by-province", "by-topic", "city-topic", "by-source", "by-platform", "by-language", "by-sentiment", "share-of-voice"];
/** @typedef {typeof CHART_IDS[number]} ChartId */
/** @typedef {'city' | 'province' | 'topic' | 'source' | 'platform' | 'language' | 'sentiment' | 'hashtag'} BreakdownBy */
/**
 * @typedef {{ route: 'metrics/timeseries', params: { interval: 'day' } }
 *   | { route: 'metrics/breakdown', params: { by: BreakdownBy } }
 *   | { route: 'metrics/matrix', params: { rows: 'city', cols: 'topic', value: 'posts' } }} ChartDataSpec
 */
/** The API route (under /api/v1/campaigns/:id/) and parameters each chart reads; the filters are added to them. */
export const CHART_DATA: Readonly<{
    'posts-over-time': {
        route: "metrics/timeseries";
        params: {
            interval: "day";
        };
    };
    'engagement-over-time': {
        route: "metrics/timeseries";
        params: {
            interval: "day";
        };
    };
    'by-city': {
        route: "metrics/breakdown";
        params: {
            by: "city";
        };
    };
    'by-province': {
        route: "metrics/breakdown";
        params: {
            by: "province";
        };
    };
    'by-topic': {
        route: "metrics/breakdown";
        params: {
            by: "topic";
        };
    };
    'city-topic': {
        route: "metrics/matrix";
        params: {
            rows: "city";
            cols: "topic";
            value: "posts";
        };
    };
    'by-source': {
        route: "metrics/breakdown";
        params: {
            by: "source";
        };
    };
    'by-platform': {
        route: "metrics/breakdown";
        params: {
            by: "platform";
        };
    };
    'by-language': {
        route: "metrics/breakdown";
        params: {
            by: "language";
        };
    };
    'by-sentiment': {
        route: "metrics/breakdown";
        params: {
            by: "sentiment";
        };
    };
    'share-of-voice': {
        route: "metrics/breakdown";
        params: {
            by: "hashtag";
        };
    };
}>;
/**
 * The API answers the charts read (API.md, Metrics), as far as they read them.
 */
export type SeriesPoint = {
    bucket: string;
    posts: number;
    engagement: number;
    contributors: number;
};
/**
 * a day far above the usual level (metrics/spikes)
 */
export type SpikeMark = {
    bucket: string;
    posts: number;
    expected: number;
};
/**
 * `spikes`: added by the dashboard to the posts series
 */
export type Timeseries = {
    points: SeriesPoint[];
    spikes?: SpikeMark[];
};
/**
 * The API answers the charts read (API.md, Metrics), as far as they read them.
 */
export type BreakdownRow = {
    key: string;
    label: string;
    posts: number;
    contributors: number;
    reach: number;
    engagement: number;
};
/**
 * The API answers the charts read (API.md, Metrics), as far as they read them.
 */
export type Breakdown = {
    rows: BreakdownRow[];
};
/**
 * The API answers the charts read (API.md, Metrics), as far as they read them.
 */
export type Matrix = {
    rows: string[];
    cols: string[];
    rowLabels: string[];
    colLabels: string[];
    values: number[][];
};
/**
 * The API answers the charts read (API.md, Metrics), as far as they read them.
 */
export type ChartData = Timeseries | Breakdown | Matrix;
/**
 * A share image's frame around the chart.
 */
export type ShareOptions = {
    width: number;
    height: number;
    /**
     * lines under the title: the campaign's name and the period
     */
    subtitle: string[];
    footer: string;
    /**
     * type size relative to the default for this width (1)
     */
    fontScale?: number | undefined;
};
/**
 * The page's language, and for a share image its frame.
 */
export type ChartContext = {
    t: Translate;
    fmt: Format;
    share?: ShareOptions | undefined;
};
export type ChartTable = {
    columns: string[];
    rows: string[][];
};
export type ChartId = (typeof CHART_IDS)[number];
export type BreakdownBy = "city" | "province" | "topic" | "source" | "platform" | "language" | "sentiment" | "hashtag";
export type ChartDataSpec = {
    route: "metrics/timeseries";
    params: {
        interval: "day";
    };
} | {
    route: "metrics/breakdown";
    params: {
        by: BreakdownBy;
    };
} | {
    route: "metrics/matrix";
    params: {
        rows: "city";
        cols: "topic";
        value: "posts";
    };
};
import type { Translate } from './format.js';
import type { Format } from './format.js';
