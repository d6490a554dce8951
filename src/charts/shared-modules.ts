import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DASHBOARD_DIR } from '../dashboard-dir.js';
// Their types, generated from the modules' JSDoc (npm run dashboard-types).
import type * as ChartConfigModule from './dashboard-types/chart-config.js';
import type * as ChartSpecModule from './dashboard-types/chart-spec.js';
import type * as FormatModule from './dashboard-types/format.js';
import type * as WordsModule from './dashboard-types/strings/id.js';
import type { Lang } from './dashboard-types/format.js';

export type { ChartContext, ChartData, ChartId } from './dashboard-types/chart-spec.js';
export type { Lang } from './dashboard-types/format.js';

/**
 * The dashboard's chart modules, loaded from the very files the browser gets: the server's share
 * images and the page's charts are built by one definition (dashboards/js/chart-*.js) and say the
 * same words (dashboards/js/strings/<lang>.js). They are loaded by path rather than by a relative
 * import so the built server (dist/) finds them too.
 */
const load = (file: string): Promise<unknown> => import(pathToFileURL(path.join(DASHBOARD_DIR, 'js', file)).href);

const [spec, config, format, id, en] = await Promise.all([
  load('chart-spec.js'),
  load('chart-config.js'),
  load('format.js'),
  load('strings/id.js'),
  load('strings/en.js'),
]);

export const chartSpec = spec as typeof ChartSpecModule;
export const chartConfig = config as typeof ChartConfigModule;
export const chartFormat = format as typeof FormatModule;
export const chartStrings = {
  translator: (format as typeof FormatModule).translator,
  /** Every word of the dashboard, per language; the charts use theirs. */
  STRINGS: { id: (id as typeof WordsModule).default, en: (en as typeof WordsModule).default } satisfies Record<Lang, Readonly<Record<string, string>>>,
};
