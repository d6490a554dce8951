import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DASHBOARD_DIR } from '../../dashboard-dir.js';
import { staticImportClosure } from './module-closure.js';
import { renderPage, type PageParts } from './page-template.js';

/** Until its module has drawn it, a page is its skip link, its header and a loading message, in both languages. */
const SHELL = `
<a class="skip" href="#main">Langsung ke isi · Skip to content</a>
<header class="top" id="top"><a class="brand" href="/">Kabar Kampanye</a></header>
<main id="main" tabindex="-1"><p class="state-box loading">Memuat… · Loading…</p></main>`;

/** The dashboard's pages by address; docs/dashboard.md says what each shows. */
export const DASHBOARD_PAGES: Readonly<Record<string, PageParts>> = {
  '/index.html': { title: 'Kampanye', module: '/js/pages/campaigns.js', body: SHELL },
  '/campaign.html': { title: 'Ringkasan kampanye', module: '/js/pages/overview.js', body: SHELL },
  '/report.html': { title: 'Laporan kampanye', styles: ['/style.css', '/report.css'], module: '/js/pages/report.js', body: SHELL },
  '/settings.html': { title: 'Pengaturan kampanye', module: '/js/pages/settings.js', body: SHELL },
  '/me.html': { title: 'Aktivitas saya', module: '/js/pages/me.js', body: SHELL },
  '/account.html': { title: 'Akun saya', module: '/js/pages/account.js', body: SHELL },
  '/signin.html': { title: 'Masuk', noindex: true, module: '/js/pages/signin.js', body: SHELL },
};

const require = createRequire(import.meta.url);

/** chart.js and its heat map controller, served from node_modules at `<asset base>/vendor/<name>` (no CDN). */
export const VENDOR_FILES: Readonly<Record<string, string>> = {
  // chart.js does not export its UMD build; it sits beside the CommonJS entry.
  'chart.umd.min.js': path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
  // The heat map controller's UMD build registers itself on the page's global Chart.
  'chartjs-chart-matrix.min.js': path.join(path.dirname(require.resolve('chartjs-chart-matrix')), 'chartjs-chart-matrix.min.js'),
};

/**
 * The content hash of every dashboard file and vendor script: a release that changes any of them
 * gets new asset addresses, so a browser may keep the old ones for a year without asking again.
 * One hash for all, because relative imports cannot carry a hash per file without rewriting them.
 */
export function assetVersion(dir = DASHBOARD_DIR): string {
  const hash = createHash('sha256');
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of [...files, ...Object.values(VENDOR_FILES)]) hash.update(path.relative(dir, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 12);
}

let base: string | undefined;
/** `/v/<assetVersion>`: the prefix of every versioned style, script and vendor address. */
export function assetBase(): string {
  base ??= `/v/${assetVersion()}`;
  return base;
}

/** A page with its modulepreload list computed from its module's imports, so the list cannot fall behind them. */
export function buildPage(parts: PageParts, dir = DASHBOARD_DIR, prefix = assetBase()): string {
  const read = (address: string) => readFileSync(path.join(dir, address), 'utf8');
  return renderPage(parts, parts.module ? staticImportClosure(parts.module, read) : [], prefix);
}

let built: ReadonlyMap<string, string> | undefined;

/**
 * Every page of DASHBOARD_PAGES as served, built the first time it is asked for (at start-up, by
 * createApp): a module that imports a missing file stops the service then, not a reader later.
 */
export function dashboardPages(): ReadonlyMap<string, string> {
  built ??= new Map(Object.entries(DASHBOARD_PAGES).map(([address, parts]) => [address, buildPage(parts)]));
  return built;
}
