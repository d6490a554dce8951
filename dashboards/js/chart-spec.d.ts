// Types of chart-spec.js for the server's TypeScript.
import type { Format } from './format.js';
import type { Translate } from './strings-charts.js';

export type ChartId = 'posts-over-time' | 'engagement-over-time' | 'by-city' | 'by-province' | 'by-topic' | 'city-topic' | 'by-source' | 'share-of-voice';

export type ChartDataSpec =
  | { route: 'metrics/timeseries'; params: { interval: 'day' } }
  | { route: 'metrics/breakdown'; params: { by: 'city' | 'province' | 'topic' | 'source' | 'hashtag' } }
  | { route: 'metrics/matrix'; params: { rows: 'city'; cols: 'topic'; value: 'posts' } };

export declare const CHART_IDS: readonly ChartId[];
export declare const CHART_DATA: Readonly<Record<ChartId, ChartDataSpec>>;

export interface ShareOptions {
  width: number;
  height: number;
  /** Lines under the title: the campaign's name and the period. */
  subtitle: string[];
  footer: string;
  /** Type size relative to the default for this width (1). */
  fontScale?: number;
}

export interface ChartContext {
  t: Translate;
  fmt: Format;
  share?: ShareOptions;
}

export interface ChartTable {
  columns: string[];
  rows: string[][];
}

export declare function breakdownOf(id: ChartId): string | undefined;
export declare function seriesMetric(id: ChartId): 'posts' | 'engagement';
export declare function keyLabel(by: string, key: string, apiLabel: string, t: Translate): string;
/** `data` is the API answer of CHART_DATA[id] (timeseries, breakdown or matrix). */
export declare function isEmptyChart(id: ChartId, data: unknown): boolean;
export declare function chartTable(id: ChartId, data: unknown, ctx: ChartContext): ChartTable;
export declare function shareOfVoice(rows: ReadonlyArray<{ posts: number }>): number[];
