import type { RequestHandler } from 'express';
import type { HttpDeps } from './deps.js';
import type { RateLimits } from './rate-limits.js';
import { assetBase, dashboardPages } from './pages/dashboard-pages.js';
import { renderPage } from './pages/page-template.js';

type Reason = 'expired' | 'revoked' | 'unknown';

/** Bilingual, self-contained (no script), so it reads the same on any phone. */
const TEXT: Record<Reason, { title: string; id: string; en: string }> = {
  expired: {
    title: 'Tautan sudah kedaluwarsa · Link expired',
    id: 'Tautan laporan ini sudah melewati tanggal berlakunya.',
    en: 'This report link has passed its expiry date.',
  },
  revoked: {
    title: 'Tautan sudah dicabut · Link revoked',
    id: 'Pengelola kampanye sudah mencabut tautan laporan ini.',
    en: 'The campaign’s manager has revoked this report link.',
  },
  unknown: {
    title: 'Tautan tidak dikenal · Unknown link',
    id: 'Tautan laporan ini tidak ada. Periksa apakah tautannya tersalin lengkap.',
    en: 'This report link does not exist. Check that it was copied whole.',
  },
};

function goneHtml(reason: Reason): string {
  const t = TEXT[reason];
  return renderPage(
    {
      title: t.title,
      body: `<header class="top"><span class="brand">Kabar Kampanye</span></header>
<main id="main" class="link-gone"><h1>${t.title}</h1><p>${t.id}</p><p lang="en">${t.en}</p>
<p>Minta tautan baru kepada pengelola kampanye. · Ask the campaign’s manager for a new link.</p></main>`,
    },
    [],
    assetBase(),
  );
}

/**
 * GET /share/<secret>: a valid link opens the report page (which reads the secret from its own
 * address and sends it as its Bearer credential); an expired, revoked or unknown one gets a page
 * that says so in words, with 410 (or 404), never an error document.
 */
export function sharePage(deps: HttpDeps, limits: RateLimits): RequestHandler {
  const report = dashboardPages().get('/report.html')!;
  return async (req, res) => {
    const secret = typeof req.params.secret === 'string' ? req.params.secret : '';
    const { state } = await deps.access.openShareLink(secret);
    const reason: Reason | undefined = state === 'active' ? undefined : state;
    // The address is a credential: no cache keeps it, no referrer carries it.
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' });
    if (reason) {
      if (reason === 'unknown') await limits.badCredential(req.ip ?? 'unknown');
      res
        .status(reason === 'unknown' ? 404 : 410)
        .type('html')
        .send(goneHtml(reason));
      return;
    }
    res.type('html').send(report);
  };
}
