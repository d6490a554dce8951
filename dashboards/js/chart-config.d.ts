// Types of chart-config.js for the server's TypeScript.
import type { ChartConfiguration } from 'chart.js';
import type { ChartContext, ChartId } from './chart-spec.js';

export declare const COLORS: Readonly<Record<'ink' | 'muted' | 'grid' | 'primary' | 'engagement' | 'unknown', string>>;
/** `data` is the API answer of CHART_DATA[id]. */
export declare function buildChartConfig(id: ChartId, data: unknown, ctx: ChartContext): ChartConfiguration;
export declare function preferredHeight(id: ChartId, data: unknown): number;
export declare function isEmptyChart(id: ChartId, data: unknown): boolean;
