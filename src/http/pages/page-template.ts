/** What makes one page of the dashboard different from the others; the rest of its head is shared. */
export interface PageParts {
  /** The title before " — Kabar Kampanye"; the page module replaces it in the reader's language. */
  title: string;
  description?: string;
  /** Stylesheet addresses; the dashboard's style.css when not given. */
  styles?: readonly string[];
  /** The page's one module (`/js/pages/overview.js`); a page without one runs no script. */
  module?: string;
  /** Keeps the page out of search engines (the sign-in page). */
  noindex?: boolean;
  /** The body's markup, trusted: written here, never from a request. */
  body: string;
}

const DESCRIPTION = 'Kabar Kampanye: jangkauan dan interaksi kampanye media sosial per kota dan topik.';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);

/**
 * A whole page from the one head every page shares. `preloads` are the addresses of the page
 * module's imports: listed as modulepreload, the browser fetches them in parallel with the module
 * instead of one import level at a time. No inline script: the CSP allows scripts from files only.
 * `assetBase` (`/v/<hash>`) goes before every style and script address; the module's relative
 * imports resolve under it too, so one prefix versions the whole module graph.
 */
export function renderPage(parts: PageParts, preloads: readonly string[] = [], assetBase = ''): string {
  const attr = (value: string) => `"${escapeHtml(value)}"`;
  const asset = (href: string) => attr(assetBase + href);
  const head = [
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<title>${escapeHtml(parts.title)} — Kabar Kampanye</title>`,
    `<meta name="description" content=${attr(parts.description ?? DESCRIPTION)} />`,
    parts.noindex ? '<meta name="robots" content="noindex" />' : null,
    '<link rel="icon" href="/favicon.svg" type="image/svg+xml" />',
    ...(parts.styles ?? ['/style.css']).map((href) => `<link rel="stylesheet" href=${asset(href)} />`),
    ...preloads.map((href) => `<link rel="modulepreload" href=${asset(href)} />`),
    parts.module ? `<script type="module" src=${asset(parts.module)}></script>` : null,
  ].filter((line) => line !== null);
  return `<!doctype html>
<html lang="id">
  <head>
    ${head.join('\n    ')}
  </head>
  <body>
    ${parts.body.trim().split('\n').join('\n    ')}
  </body>
</html>
`;
}
