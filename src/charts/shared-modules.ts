import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DASHBOARD_DIR } from '../dashboard-dir.js';
// Their types, generated from the modules' JSDoc (npm run dashboard-types).
import type * as ChartConfigModule from './dashboard-types/chart-config.js';
import type * as ChartSpecModule from './dashboard-types/chart-spec.js';
import type * as FormatModule from './dashboard-types/format.js';
import type * as StringsModule from './dashboard-types/strings-charts.js';

export type { ChartContext, ChartData, ChartId } from './dashboard-types/chart-spec.js';
export type { Lang } from './dashboard-types/format.js';

/**
 * The dashboard's chart modules, loaded from the very files the browser gets: the server's share
 * images and the page's charts are built by one definition (dashboards/js/chart-*.js). They are
 * loaded by path rather than by a relative import so the built server (dist/) finds them too.
 */
const load = (file: string): Promise<unknown> => import(pathToFileURL(path.join(DASHBOARD_DIR, 'js', file)).href);

const [spec, config, format, strings] = await Promise.all([load('chart-spec.js'), load('chart-config.js'), load('format.js'), load('strings-charts.js')]);

export const chartSpec = spec as typeof ChartSpecModule;
export const chartConfig = config as typeof ChartConfigModule;
export const chartFormat = format as typeof FormatModule;
export const chartStrings = strings as typeof StringsModule;
