// Types of strings-charts.js for the server's TypeScript.
import type { Lang } from './format.js';

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export declare const CHART_STRINGS: Readonly<Record<Lang, Readonly<Record<string, string>>>>;

export declare function translator(dictionary: Readonly<Record<string, string>>): Translate;
