import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DASHBOARD_DIR } from '../dashboard-dir.js';
import type * as ChartConfigModule from '../../dashboards/js/chart-config.js';
import type * as ChartSpecModule from '../../dashboards/js/chart-spec.js';
import type * as FormatModule from '../../dashboards/js/format.js';
import type * as StringsModule from '../../dashboards/js/strings-charts.js';

export type { ChartId } from '../../dashboards/js/chart-spec.js';
export type { Lang } from '../../dashboards/js/format.js';

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
