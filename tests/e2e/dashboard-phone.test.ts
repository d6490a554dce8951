/// <reference lib="dom" />
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { ARTIFACTS, VIEWPORTS, horizontalOverflow, serviceAndBrowser, watchPage } from '../helpers/browser.js';
import { TEST_TOKEN } from '../helpers/service.js';
import { createShareLink } from '../helpers/workshop-fixture.js';

/**
 * The dashboard on a 360 × 740 phone: the first screen shows the campaign's key figures, so the
 * header is one row on every page, in both languages (the navigation and the account fold behind
 * a "Menu" button), nothing scrolls sideways, and the filters fold behind a button that says
 * whether they are open.
 */

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PASSWORD = 'kata-sandi-rahasia-1';
const LANGS = ['id', 'en'] as const;
type Lang = (typeof LANGS)[number];
const demo = DEMO_CAMPAIGN_ID;

let sharePath: string;
const e2e = serviceAndBrowser({ demo: true }, 120_000);
beforeAll(async () => {
  // A long name: the account area is the header's widest part.
  const user = await e2e.svc.api('/api/v1/users', {
    method: 'POST',
    json: { email: 'admin@ponsel.test', name: 'Administrator Kabar Kampanye', role: 'admin', password: PASSWORD },
  });
  expect(user.status).toBe(201);
  sharePath = new URL((await createShareLink(e2e.svc, demo)).url).pathname;
}, 120_000);

/** Each page, and what shows it is drawn (with the signed-in header: `#who`). */
const PAGES: Record<string, { path: () => string; ready: string }> = {
  campaigns: { path: () => '/', ready: '.campaigns' },
  overview: { path: () => `/campaign.html?id=${demo}`, ready: '#kpis .kpi' },
  settings: { path: () => `/settings.html?id=${demo}`, ready: '#campaign-form' },
  account: { path: () => '/account.html', ready: '#profile' },
  // The admin is no participant of the demo campaign: the page's empty state.
  me: { path: () => `/me.html?id=${demo}`, ready: '#me-empty' },
  share: { path: () => sharePath, ready: '#report[data-ready]' },
};

/**
 * A browser profile in a language, signed in as the admin through the API (its cookie). `bypassCSP`
 * lets axe's script tag in (the pages' own CSP is dashboard-csp.test.ts's subject).
 */
async function signedIn(viewport: { width: number; height: number }, lang: Lang, bypassCSP = false): Promise<BrowserContext> {
  const context = await e2e.browser.newContext({ viewport, locale: lang === 'id' ? 'id-ID' : 'en-US', bypassCSP });
  await context.addInitScript((l) => localStorage.setItem('kk.lang', l), lang);
  const res = await context.request.post(new URL('/api/v1/session', e2e.svc.url).href, { data: { email: 'admin@ponsel.test', password: PASSWORD } });
  expect(res.status()).toBe(200);
  return context;
}

async function open(context: BrowserContext, name: string, lang: Lang): Promise<Page> {
  const spec = PAGES[name]!;
  const page = await context.newPage();
  await page.goto(new URL(spec.path(), e2e.svc.url).href);
  await page.waitForSelector(`html[lang="${lang}"] ${spec.ready}`);
  if (name !== 'share') await page.waitForSelector('#who', { state: 'attached' });
  return page;
}

/**
 * The header's items and its height: one row when every item's box overlaps every other's
 * vertically and the header is no taller than its tallest item plus its padding and border.
 */
function headerRows(page: Page) {
  return page.evaluate(() => {
    const header = document.querySelector('header.top')!;
    const style = getComputedStyle(header);
    const items = Array.from(header.children)
      .map((c) => ({ name: c.className || c.tagName, box: c.getBoundingClientRect() }))
      .filter((c) => c.box.width > 0 && c.box.height > 0);
    const lowestTop = Math.max(...items.map((i) => i.box.top));
    const highestBottom = Math.min(...items.map((i) => i.box.bottom));
    const chrome = ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'].reduce((sum, k) => sum + parseFloat(style[k as 'paddingTop']), 0);
    return {
      items: items.map((i) => i.name),
      oneRow: lowestTop < highestBottom,
      height: header.getBoundingClientRect().height,
      oneRowHeight: Math.max(...items.map((i) => i.box.height)) + chrome,
      right: Math.max(...items.map((i) => i.box.right)),
    };
  });
}

async function overview(lang: 'en' | 'id'): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await e2e.browser.newContext({ viewport: VIEWPORTS.phone, locale: lang === 'en' ? 'en-US' : 'id-ID' });
  const page = await context.newPage();
  watchPage(page, e2e.svc.url);
  await page.goto(new URL(`/campaign.html?id=${DEMO_CAMPAIGN_ID}#token=${TEST_TOKEN}`, e2e.svc.url).href);
  await page.waitForSelector('#kpis .kpi');
  return { page, close: () => context.close() };
}

describe('the overview on a phone', () => {
  it.each(['en', 'id'] as const)('shows every key figure on the first screen, under a one-row header (%s)', async (lang) => {
    const { page, close } = await overview(lang);
    await page.screenshot({ path: `${ARTIFACTS}/phone-first-screen-${lang}.png` });
    const layout = await page.evaluate(() => {
      const header = document.querySelector('header.top')!.getBoundingClientRect();
      const brand = document.querySelector('header.top .brand')!.getBoundingClientRect();
      const kpis = Array.from(document.querySelectorAll('#kpis .kpi')).map((k) => k.getBoundingClientRect().bottom + window.scrollY);
      return { headerHeight: header.height, brandHeight: brand.height, kpis };
    });
    expect(layout.kpis.length).toBeGreaterThanOrEqual(4);
    expect(await horizontalOverflow(page)).toBe(0);
    for (const bottom of layout.kpis) expect(bottom).toBeLessThanOrEqual(VIEWPORTS.phone.height);
    // One row: no taller than one line of its tallest item plus its padding.
    expect(layout.headerHeight).toBeLessThan(layout.brandHeight + 40);
    await close();
  });

  it('folds the filters behind a button that opens and closes them', async () => {
    const { page, close } = await overview('en');
    const toggle = page.locator('#filters-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#f-city').isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.waitForSelector('#f-city:visible');
    await page.screenshot({ path: `${ARTIFACTS}/phone-filters-open.png` });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#f-city').isVisible()).toBe(false);
    await close();
  });

  it('shows the filters without a button on a desktop screen', async () => {
    const context = await e2e.browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(new URL(`/campaign.html?id=${DEMO_CAMPAIGN_ID}#token=${TEST_TOKEN}`, e2e.svc.url).href);
    await page.waitForSelector('#kpis .kpi');
    expect(await page.locator('#f-city').isVisible()).toBe(true);
    expect(await page.locator('#filters-toggle').isVisible()).toBe(false);
    await context.close();
  });
});

describe('every page on a phone', () => {
  const cases = Object.keys(PAGES).flatMap((name) => LANGS.map((lang) => [name, lang] as const));
  it.each(cases)(
    '%s in %s: a one-row header and nothing wider than the screen',
    async (name, lang) => {
      const context = await signedIn(VIEWPORTS.phone, lang);
      const page = await open(context, name, lang);
      await page.screenshot({ path: `${ARTIFACTS}/phone-header-${name}-${lang}.png` });
      const rows = await headerRows(page);
      expect(rows.oneRow, JSON.stringify(rows)).toBe(true);
      expect(rows.height).toBeLessThanOrEqual(rows.oneRowHeight + 1);
      expect(rows.right).toBeLessThanOrEqual(VIEWPORTS.phone.width);
      // The language buttons stay in the row; the navigation folds on every signed-in page.
      expect(await page.locator('.lang-switch button[lang="en"]').isVisible()).toBe(true);
      if (name !== 'share') {
        expect(await page.locator('#menu-toggle').isVisible()).toBe(true);
        expect(await page.locator('#site-menu .nav').isVisible()).toBe(false);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await context.close();
    },
    60_000,
  );

  it('opens and closes the menu by click, by keyboard and with Escape; axe finds nothing serious in it', async () => {
    const context = await signedIn(VIEWPORTS.phone, 'id', true);
    const page = await open(context, 'overview', 'id');
    const toggle = page.locator('#menu-toggle');
    expect(await toggle.textContent()).toBe('Menu');
    expect(await toggle.getAttribute('aria-controls')).toBe('site-menu');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    // A click opens it: the campaign's pages and the account, under the header.
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.waitForSelector('#site-menu .nav a[href^="/report.html"]:visible');
    expect(await page.locator('#sign-out').isVisible()).toBe(true);
    const labels = await page.$$eval('#site-menu .nav a', (as) => as.map((a) => a.textContent));
    expect(labels).toEqual(['Kampanye', 'Ringkasan', 'Laporan', 'Aktivitas saya', 'Pengaturan']);
    await page.screenshot({ path: `${ARTIFACTS}/phone-menu-open-id.png` });
    const rows = await headerRows(page);
    expect(rows.height).toBeLessThanOrEqual(rows.oneRowHeight + 1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.addScriptTag({ path: AXE });
    const findings = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: object, opts: object): Promise<{ violations: Array<Record<string, unknown>> }> } }).axe;
      const result = await axe.run({ include: [['header.top']] }, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: String(v.id), impact: (v.impact as string | null) ?? null }));
    });
    expect(findings.filter((f) => f.impact === 'serious' || f.impact === 'critical')).toEqual([]);

    // A second click closes it.
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#site-menu .nav').isVisible()).toBe(false);

    // From the keyboard: Tab reaches the button, Enter opens, Tab goes into the menu, Escape closes
    // and gives the focus back to the button.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.focus('header.top .brand');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('menu-toggle');
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('#site-menu') !== null && document.activeElement?.tagName)).toBe('A');
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('menu-toggle');
    expect(await page.locator('#site-menu .nav').isVisible()).toBe(false);
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // A click elsewhere closes it too.
    await page.mouse.click(180, 600);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await context.close();
  });

  it('keeps the whole navigation in the header row on a 1366 px screen, with no menu button', async () => {
    const context = await signedIn({ width: 1366, height: 900 }, 'en');
    const page = await open(context, 'overview', 'en');
    expect(await page.locator('#menu-toggle').isVisible()).toBe(false);
    for (const a of await page.locator('header.top .nav a').all()) expect(await a.isVisible()).toBe(true);
    expect(await page.locator('#sign-out').isVisible()).toBe(true);
    expect(await page.locator('.lang-switch button[lang="en"]').textContent()).toBe('EnglishEN');
    expect(await page.locator('.lang-switch button[lang="en"] .short').isVisible()).toBe(false);
    const rows = await headerRows(page);
    expect(rows.oneRow).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/desktop-header-en.png` });
    await context.close();
  });
});
