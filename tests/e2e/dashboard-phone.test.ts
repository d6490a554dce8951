/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { ARTIFACTS, VIEWPORTS, horizontalOverflow, launchBrowser, watchPage } from '../helpers/browser.js';
import { startService, TEST_TOKEN, type RunningService } from '../helpers/service.js';

/**
 * The overview on a 360 × 740 phone: the first screen shows the campaign's key figures, so the
 * header is one row and the filters fold behind a button that says whether they are open.
 */

let svc: RunningService;
let browser: Browser;
beforeAll(async () => {
  [svc, browser] = await Promise.all([startService({ demo: true }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

async function overview(lang: 'en' | 'id'): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: lang === 'en' ? 'en-US' : 'id-ID' });
  const page = await context.newPage();
  watchPage(page, svc.url);
  await page.goto(new URL(`/campaign.html?id=${DEMO_CAMPAIGN_ID}#token=${TEST_TOKEN}`, svc.url).href);
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
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(new URL(`/campaign.html?id=${DEMO_CAMPAIGN_ID}#token=${TEST_TOKEN}`, svc.url).href);
    await page.waitForSelector('#kpis .kpi');
    expect(await page.locator('#f-city').isVisible()).toBe(true);
    expect(await page.locator('#filters-toggle').isVisible()).toBe(false);
    await context.close();
  });
});
