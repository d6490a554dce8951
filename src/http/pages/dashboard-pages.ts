import { readFileSync } from 'node:fs';
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
  '/account.html': { title: 'Akun saya', module: '/js/pages/account.js', body: SHELL },
  '/signin.html': { title: 'Masuk', noindex: true, module: '/js/pages/signin.js', body: SHELL },
};

/** A page with its modulepreload list computed from its module's imports, so the list cannot fall behind them. */
export function buildPage(parts: PageParts, dir = DASHBOARD_DIR): string {
  const read = (address: string) => readFileSync(path.join(dir, address), 'utf8');
  return renderPage(parts, parts.module ? staticImportClosure(parts.module, read) : []);
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
