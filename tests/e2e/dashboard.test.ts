/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { ARTIFACTS, launchBrowser, paintedPixels, watchPage } from '../helpers/browser.js';
import { startService, TEST_TOKEN, type RunningService } from '../helpers/service.js';

let svc: RunningService;
let browser: Browser;

beforeAll(async () => {
  [svc, browser] = await Promise.all([startService({ demo: true }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 360, height: 740 } };

describe.each(Object.entries(VIEWPORTS))('dashboard on %s', (name, viewport) => {
  it('signs in from the printed link, lists the demo campaign and shows its figures and charts', async () => {
    const page = await browser.newPage({ viewport });
    const problems = watchPage(page, svc.url);
    await page.goto(`${svc.url}#token=${TEST_TOKEN}`);
    // The token leaves the address bar once stored.
    await page.waitForSelector('.campaigns a');
    expect(page.url()).not.toContain('token');
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-${name}.png`, fullPage: true });

    await page.click(`a[href="?campaign=${DEMO_CAMPAIGN_ID}"]`);
    await page.waitForSelector('#kpis .kpi');
    await page.waitForFunction(() => document.querySelectorAll('canvas').length === 3);
    await page.screenshot({ path: `${ARTIFACTS}/campaign-${name}.png`, fullPage: true });

    const summary = (await (await svc.api(`/api/v1/campaigns/${DEMO_CAMPAIGN_ID}/metrics/summary`)).json()) as Record<string, number>;
    const kpis = await page.$$eval('#kpis .kpi', (cards) => Object.fromEntries(cards.map((c) => [c.querySelector('.label')!.textContent, c.querySelector('.value')!.textContent])));
    const en = new Intl.NumberFormat('en');
    expect(kpis.Posts).toBe(en.format(summary.posts!));
    expect(kpis.Reach).toBe(en.format(summary.reach!));
    expect(kpis.Contributors).toBe(en.format(summary.contributors!));
    expect(await page.isVisible('#c-demo')).toBe(true);

    for (const id of ['#chart-time', '#chart-city', '#chart-topic']) expect(await paintedPixels(page, id), id).toBeGreaterThan(1000);
    // The chart's table alternative carries the same numbers as the API.
    const byCity = (await (await svc.api(`/api/v1/campaigns/${DEMO_CAMPAIGN_ID}/metrics/breakdown?by=city`)).json()) as { rows: Array<{ label: string; posts: number }> };
    const firstRow = await page.$$eval('#table-city tbody tr:first-child td', (tds) => tds.map((td) => td.textContent));
    expect(firstRow.slice(0, 2)).toEqual([byCity.rows[0]!.label, en.format(byCity.rows[0]!.posts)]);

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems, JSON.stringify(problems)).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [], dialogs: [] });
    await page.close();
  });
});

describe('dashboard safety', () => {
  it('shows a campaign name made of HTML as text and runs none of it', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const res = await svc.api('/api/v1/campaigns', { method: 'POST', json: { name: hostile, hashtags: ['#Aman'] } });
    expect(res.status).toBe(201);
    const page = await browser.newPage();
    const problems = watchPage(page, svc.url);
    await page.goto(`${svc.url}#token=${TEST_TOKEN}`);
    await page.waitForSelector('.campaigns a');
    const names = await page.$$eval('.campaigns a', (as) => as.map((a) => a.textContent));
    expect(names).toContain(hostile);
    expect(await page.$('.campaigns img')).toBeNull();
    expect(problems.dialogs).toEqual([]);
    await page.close();
  });

  it('asks for a token when none is stored, and refuses a wrong one', async () => {
    const page = await browser.newPage();
    await page.goto(svc.url);
    await page.waitForSelector('#signin-form');
    await page.fill('#token', 'wrong');
    await page.click('#signin-form button');
    await page.waitForFunction(() => document.getElementById('signin-error')?.textContent !== '');
    expect(await page.textContent('#signin-error')).toMatch(/not accepted/);
    await page.close();
  });
});
