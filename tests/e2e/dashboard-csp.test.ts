/// <reference lib="dom" />
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { screenshot, serviceAndBrowser, watchPage } from '../helpers/browser.js';
import { TEST_TOKEN } from '../helpers/service.js';

/**
 * The Content Security Policy takes styles and fonts from the service's own files only (no inline
 * style attributes or <style> blocks, no other site), and every page still draws without a violation.
 */

let shareToken: string;

const e2e = serviceAndBrowser({ demo: true });
beforeAll(async () => {
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const made = await e2e.svc.api(`/api/v1/campaigns/${DEMO_CAMPAIGN_ID}/share-links`, { method: 'POST', json: { label: 'Sponsor', expiresAt } });
  expect(made.status).toBe(201);
  shareToken = ((await made.json()) as { link: { token: string } }).link.token;
});

/** Parses a CSP header into its directives. */
function directives(header: string): Map<string, string[]> {
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

describe('the Content Security Policy', () => {
  it.each(['/index.html', '/share/kks_unknown'])('allows styles and fonts from the service only (%s)', async (address) => {
    const res = await fetch(new URL(address, e2e.svc.url));
    const csp = directives(res.headers.get('content-security-policy') ?? '');
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('font-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    // No finer directive reopens what style-src closes.
    expect([...csp.keys()].filter((name) => name.startsWith('style-src-'))).toEqual([]);
  });

  const pages: Array<[name: string, address: () => string, signedIn: boolean]> = [
    ['campaigns', () => '/index.html', true],
    ['overview', () => `/campaign.html?id=${DEMO_CAMPAIGN_ID}`, true],
    ['settings', () => `/settings.html?id=${DEMO_CAMPAIGN_ID}`, true],
    ['report', () => `/report.html?id=${DEMO_CAMPAIGN_ID}`, true],
    ['sign-in', () => '/signin.html', false],
    ['account', () => '/account.html', true],
    ['share link', () => `/share/${shareToken}`, false],
    ['gone share link', () => `/share/kks_${'A'.repeat(43)}`, false],
  ];

  it.each(pages)('%s draws with no policy violation', async (name, address, signedIn) => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    const problems = watchPage(page, e2e.svc.url);
    // Listening from the first script on, before any of the page's own modules run.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    const response = await page.goto(new URL(`${address()}${signedIn ? `#token=${TEST_TOKEN}` : ''}`, e2e.svc.url).href);
    expect(response?.headers()['content-security-policy']).toContain("style-src 'self'");
    // Drawn: the loading message has gone and no region (a chart) is still busy. Scrolled to the end
    // on the way, so the sections that load when scrolled near (the overview's terms) load too.
    await page.waitForFunction(
      () => {
        window.scrollTo(0, document.documentElement.scrollHeight);
        return !document.querySelector('.state-box.loading') && !document.querySelector('[aria-busy="true"]');
      },
      undefined,
      { polling: 250 },
    );
    await page.waitForLoadState('networkidle');
    // The stylesheet applied: the brand is styled by style.css, not the browser's default.
    expect(await page.$eval('.brand', (e) => getComputedStyle(e).fontWeight)).toBe('700');
    await screenshot(page, `csp-${name.replace(/\s+/g, '-')}`);
    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect(violations).toEqual([]);
    expect(problems.consoleErrors.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});
