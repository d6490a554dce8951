/**
 * The chart.js configuration of chart `id` for its API answer `data`. `ctx` carries the page's
 * language (`t`, `fmt`) and, for a share image, `share: { width, height, subtitle, footer, fontScale? }`.
 * @param {ChartId} id
 * @param {ChartData} data the answer of CHART_DATA[id]
 * @param {ChartContext} ctx
 * @returns {ChartConfiguration} whichever type the chart is (each builder is checked against its own)
 */
export function buildChartConfig(id: ChartId, data: ChartData, ctx: ChartContext): ChartConfiguration;
/**
 * How tall a chart wants to be on the page, in CSS pixels: bar and heat map rows need room to stay readable.
 * @param {ChartId} id
 * @param {ChartData} data the answer of CHART_DATA[id]
 */
export function preferredHeight(id: ChartId, data: ChartData): number;
export const COLORS: Readonly<{
    ink: "#1d2433";
    muted: "#4b5565";
    grid: "#e3e7ee";
    primary: "#0b6e4f";
    engagement: "#b4480c";
    unknown: "#8a94a6";
    spike: "#b91c1c";
}>;
export { isEmptyChart };
export type BaseOptions = ReturnType<typeof baseOptions>;
import type { ChartId } from './chart-spec.js';
import type { ChartData } from './chart-spec.js';
import type { ChartContext } from './chart-spec.js';
import type { ChartConfiguration } from 'chart.js';
import { isEmptyChart } from './chart-spec.js';
/**
 * Options every chart shares: sizes, colours, the title block of a share image.
 * @param {string} title
 * @param {ChartContext} ctx
 * @param {number} size
 */
declare function baseOptions(title: string, ctx: ChartContext, size: number): {
    layout: {
        padding: number | {
            top: number;
            right: number;
            bottom: number;
            left: number;
        };
    };
    plugins: {
        legend: {
            display: boolean;
            labels: {
                color: "#1d2433";
                font: {
                    size: number;
                };
                boxWidth: number;
                padding: number;
            };
        };
        title: {
            display: boolean;
            text: string;
            color: "#1d2433";
            font: {
                size: number;
                weight: "bold";
            };
            padding: {
                bottom: number;
            };
        };
        subtitle: {
            display: boolean;
            text: string | string[];
            color: "#4b5565";
            font: {
                size: number;
            };
            padding: {
                bottom: number;
            };
        };
    };
    devicePixelRatio?: number | undefined;
    responsive: boolean;
    maintainAspectRatio: boolean;
    animation: false;
};
