/// <reference lib="dom" />
import { readFileSync, writeFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import {
  ARTIFACTS,
  VIEWPORTS,
  horizontalOverflow,
  paintedPixels,
  screenshot,
  scrollToSection,
  serviceAndBrowser,
  tableText,
  trackTransfers,
  unlabelledControls,
  watchPage,
  type ViewportName,
} from '../helpers/browser.js';
import { pngStats } from '../helpers/png.js';
import { TEST_TOKEN } from '../helpers/service.js';

/**
 * The dashboard in headless Chromium against the service on the embedded store with the demo
 * campaign: every page in both languages and both sizes, charts against the API, filters in the
 * address, the language switch, and the weight of a campaign's first view.
 */

const demo = DEMO_CAMPAIGN_ID;
const base = `/api/v1/campaigns/${demo}`;
const CHARTS = [
  'posts-over-time',
  'engagement-over-time',
  'by-city',
  'by-province',
  'by-topic',
  'city-topic',
  'by-source',
  'by-platform',
  'by-language',
  'by-sentiment',
  'share-of-voice',
];
const en = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const id = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

interface Summary {
  posts: number;
  contributors: number;
  reach: number;
  engagement: number;
}
interface Breakdown {
  rows: Array<{ key: string; label: string; posts: number; contributors: number; reach: number; engagement: number }>;
}

const e2e = serviceAndBrowser({ demo: true });

async function api<T>(path: string): Promise<T> {
  const res = await e2e.svc.api(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** A fresh browser profile (no cache, no stored token or language) signed in through the printed link. */
async function signedIn(viewport: ViewportName, path = '/'): Promise<{ context: BrowserContext; page: Page; problems: ReturnType<typeof watchPage> }> {
  const context = await e2e.browser.newContext({ viewport: VIEWPORTS[viewport], locale: 'en-US' });
  const page = await context.newPage();
  const problems = watchPage(page, e2e.svc.url);
  await page.goto(new URL(`${path}#token=${TEST_TOKEN}`, e2e.svc.url).href);
  return { context, page, problems };
}

const chartsDrawn = (page: Page) =>
  page.waitForFunction((n) => document.querySelectorAll('.chart-card canvas').length === n && !document.querySelector('.chart-card[aria-busy]'), CHARTS.length);
const kpi = (page: Page, field: string) => page.textContent(`[data-kpi="${field}"] .value`);

const PAGES: Array<{ name: string; path: string; ready(page: Page): Promise<unknown> }> = [
  { name: 'campaigns', path: '/', ready: (p) => p.waitForSelector('.campaigns .headline:not([aria-busy])') },
  { name: 'overview', path: `/campaign.html?id=${demo}`, ready: async (p) => (await p.waitForSelector('[data-kpi="posts"]'), chartsDrawn(p)) },
  { name: 'settings', path: `/settings.html?id=${demo}`, ready: (p) => p.waitForSelector('#runs table') },
  { name: 'report', path: `/report.html?id=${demo}`, ready: (p) => p.waitForSelector('#report[data-ready]') },
];

// The two sizes side by side, each in its own browser context: the same test, nothing shared but the service.
describe('every page', () => {
  it.concurrent.for(Object.keys(VIEWPORTS) as ViewportName[])(
    'on a %s: loads in English and in Bahasa Indonesia with no error, no other host and no sideways scroll',
    // Eight page loads with their charts and screenshots: a budget, not a speed check (that is npm run bench).
    { timeout: 120_000 },
    async (viewport, { expect }) => {
      const { context, page, problems } = await signedIn(viewport);
      await page.waitForSelector('.campaigns');
      // The token leaves the address bar once stored.
      expect(page.url()).not.toContain('token');
      for (const lang of ['en', 'id']) {
        if (lang === 'id') {
          await page.click('.lang-switch button[lang="id"]');
          await page.waitForSelector('html[lang="id"]');
        }
        for (const p of PAGES) {
          await page.goto(new URL(p.path, e2e.svc.url).href);
          await p.ready(page);
          expect(await page.getAttribute('html', 'lang'), `${p.name} remembers the language`).toBe(lang);
          expect(await horizontalOverflow(page), `${p.name} ${viewport} ${lang}`).toBeLessThanOrEqual(0);
          expect(await unlabelledControls(page), `${p.name}: every control has a name`).toEqual([]);
          await screenshot(page, `${p.name}-${viewport}-${lang}`);
        }
      }
      expect(problems, JSON.stringify(problems)).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [], dialogs: [] });
      await context.close();
    },
  );
});

describe('campaign overview', () => {
  it('draws every chart, with tables and KPIs that carry the API numbers', async () => {
    const { context, page, problems } = await signedIn('desktop', `/campaign.html?id=${demo}`);
    await chartsDrawn(page);
    for (const chart of CHARTS) expect(await paintedPixels(page, `#card-${chart} canvas`), chart).toBeGreaterThan(1000);

    const summary = await api<Summary>(`${base}/metrics/summary`);
    for (const field of ['posts', 'contributors', 'reach', 'engagement'] as const) expect(await kpi(page, field)).toBe(en.format(summary[field]));

    const byCity = await api<Breakdown>(`${base}/metrics/breakdown?by=city`);
    const cityTable = await tableText(page, '#card-by-city table');
    expect(cityTable[0]).toEqual(['City', 'Posts', 'Contributors', 'Reach', 'Engagement']);
    expect(cityTable.slice(1)).toEqual(
      byCity.rows.map((r) => [r.label, en.format(r.posts), en.format(r.contributors), en.format(r.reach), en.format(r.engagement)]),
    );

    const series = await api<{ points: Array<{ posts: number }> }>(`${base}/metrics/timeseries?interval=day`);
    const seriesTable = await tableText(page, '#card-posts-over-time table');
    expect(seriesTable.slice(1).map((r) => r[1])).toEqual(series.points.map((p) => en.format(p.posts)));

    const matrix = await api<{ values: number[][]; rowLabels: string[] }>(`${base}/metrics/matrix?rows=city&cols=topic&value=posts`);
    const matrixTable = await tableText(page, '#card-city-topic table');
    expect(matrixTable.slice(1).map((r) => r.slice(1))).toEqual(matrix.values.map((row) => row.map((v) => en.format(v))));

    // Every chart downloads as a square share image, drawn by the same definition as the server's.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#card-by-city .chart-head button')]);
    expect(download.suggestedFilename()).toBe(`${demo}-by-city.png`);
    const image = await pngStats(readFileSync((await download.path())!));
    expect(image).toMatchObject({ width: 1080, height: 1080 });
    expect(image.inked).toBeGreaterThan(20_000);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('applies a filter to every card, keeps it in the address, and keeps it on reload', async () => {
    const { context, page } = await signedIn('desktop', `/campaign.html?id=${demo}`);
    await chartsDrawn(page);
    const all = await api<Summary>(`${base}/metrics/summary`);
    const makassar = await api<Summary>(`${base}/metrics/summary?city=73.71&from=2015-01-20`);
    expect(makassar.posts).toBeLessThan(all.posts);

    await page.waitForSelector('#f-city:not([disabled])');
    await page.selectOption('#f-city', '73.71');
    await page.fill('#f-from', '2015-01-20');
    await page.dispatchEvent('#f-from', 'change');
    await page.waitForFunction((n) => document.querySelector('[data-kpi="posts"] .value')?.textContent === n, en.format(makassar.posts));
    expect(new URL(page.url()).searchParams.getAll('city')).toEqual(['73.71']);
    expect(new URL(page.url()).searchParams.get('from')).toBe('2015-01-20');
    await chartsDrawn(page);
    expect((await tableText(page, '#card-by-city table')).slice(1).map((r) => r[0])).toEqual(['Makassar']);

    await page.reload();
    await page.waitForSelector('[data-kpi="posts"]');
    expect(await kpi(page, 'posts')).toBe(en.format(makassar.posts));
    expect(await kpi(page, 'reach')).toBe(en.format(makassar.reach));
    await page.waitForSelector('#f-city:not([disabled])');
    expect(await page.inputValue('#f-city')).toBe('73.71');
    expect(await page.inputValue('#f-from')).toBe('2015-01-20');
    await context.close();
  });

  it('switches language: text and number format change, and the choice is remembered', async () => {
    const { context, page } = await signedIn('desktop', `/campaign.html?id=${demo}`);
    await chartsDrawn(page);
    const summary = await api<Summary>(`${base}/metrics/summary`);
    expect(await page.textContent('#charts-title')).toBe('Charts');
    expect(await kpi(page, 'posts')).toBe(en.format(summary.posts));
    expect(await page.textContent('#period')).toContain('13 January 2015');

    // From the keyboard: the switch is a pair of real buttons.
    await page.focus('.lang-switch button[lang="id"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('html[lang="id"] #charts-title');
    await chartsDrawn(page);
    expect(await page.textContent('#charts-title')).toBe('Grafik');
    expect(await page.textContent('[data-kpi="posts"] .label')).toBe('Postingan');
    expect(await kpi(page, 'posts')).toBe(id.format(summary.posts));
    expect(id.format(summary.posts)).toContain('.');
    expect(await page.textContent('#period')).toContain('13 Januari 2015');
    const byTopic = await tableText(page, '#card-by-topic table');
    expect(byTopic[0]![0]).toBe('Topik');
    expect(byTopic.flat()).toContain('Lainnya');

    await page.reload();
    await page.waitForSelector('html[lang="id"] #charts-title');
    expect(await page.textContent('#charts-title')).toBe('Grafik');
    await context.close();
  });

  it('first view weighs under 160 KB compressed', async () => {
    // A phone with an empty cache opens a campaign: every response (page, styles, modules, chart.js,
    // the language's words, JSON) counted as it came over the wire, headers included, until the key
    // figures, every chart and the top posts show and the network has been idle for half a second.
    const context = await e2e.browser.newContext({ viewport: VIEWPORTS.phone, locale: 'id-ID' });
    const page = await context.newPage();
    const tracked = trackTransfers(page);
    await page.goto(new URL(`/campaign.html?id=${demo}#token=${TEST_TOKEN}`, e2e.svc.url).href);
    await page.waitForSelector('[data-kpi="posts"]');
    await chartsDrawn(page);
    await page.waitForSelector('.posts .post');
    await page.waitForLoadState('networkidle');
    const transfers = await tracked.settled();
    const total = transfers.reduce((a, t) => a + t.bytes, 0);
    const scripts = transfers.filter((t) => t.url.endsWith('.js'));
    const largest = [...transfers].sort((a, b) => b.bytes - a.bytes).slice(0, 5);
    writeFileSync(`${ARTIFACTS}/first-view-weight.json`, JSON.stringify({ totalBytes: total, requests: transfers.length, transfers }, null, 2));
    console.log(
      [
        `first view of a campaign: ${(total / 1024).toFixed(1)} KB compressed over ${transfers.length} requests; the five largest:`,
        ...largest.map((t) => `  ${(t.bytes / 1024).toFixed(1)} KB ${t.encoding ?? 'identity'} ${new URL(t.url).pathname}${new URL(t.url).search}`),
      ].join('\n'),
    );
    expect(scripts.length).toBeGreaterThan(5);
    for (const s of scripts) expect(['gzip', 'br'], s.url).toContain(s.encoding);
    // Only the reader's language; below the charts, nothing before the reader scrolls there.
    const paths = transfers.map((t) => new URL(t.url).pathname);
    expect(paths.some((p) => p.endsWith('/js/strings/id.js'))).toBe(true);
    for (const later of ['/js/strings/en.js', '/js/workshops.js', '/js/terms.js', '/metrics/terms', '/metrics/workshops', '/network', '/api/v1/cities'])
      expect(
        paths.filter((p) => p.endsWith(later)),
        later,
      ).toEqual([]);
    expect(total).toBeLessThan(160 * 1024);

    // Scrolled to the end, the sections below load and show.
    await scrollToSection(page, '#connectors', '#connectors table');
    await page.waitForSelector('#connectors table');
    await scrollToSection(page, '#terms', '#top-hashtags .term-bars li');
    await page.waitForSelector('#top-hashtags .term-bars li');
    await context.close();
  }, 120_000);
});

describe('dashboard safety', () => {
  it('shows a campaign name made of HTML as text and runs none of it', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const res = await e2e.svc.api('/api/v1/campaigns', { method: 'POST', json: { name: hostile, hashtags: ['#Aman'] } });
    expect(res.status).toBe(201);
    const { context, page, problems } = await signedIn('desktop');
    await page.waitForSelector('.campaigns a');
    const names = await page.$$eval('.campaigns h2 a', (as) => as.map((a) => a.textContent));
    expect(names).toContain(hostile);
    expect(await page.$('.campaigns img')).toBeNull();
    expect(problems.dialogs).toEqual([]);
    await context.close();
  });

  it('asks for a token when none is stored, and refuses a wrong one', async () => {
    const page = await e2e.browser.newPage();
    await page.goto(e2e.svc.url);
    await page.waitForSelector('#signin-form', { state: 'attached' });
    // People meet e-mail and password; the token form is folded away for operators.
    expect(await page.isVisible('#token')).toBe(false);
    expect(await page.textContent('main')).not.toMatch(/npm start|DEMO=|admin-token/);
    await page.click('#token-details summary');
    await page.fill('#token', 'wrong');
    await page.click('#signin-form button');
    await page.waitForFunction(() => document.getElementById('signin-error')?.textContent !== '');
    expect(await page.textContent('#signin-error')).toMatch(/not accepted|tidak diterima/);
    await page.close();
  });
});
