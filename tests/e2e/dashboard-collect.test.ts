/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { generateDemoData } from '../../src/demo/x-demo-data.js';
import { launchBrowser, screenshot, watchPage } from '../helpers/browser.js';
import { createFakeXApi, type RunningFakeXApi } from '../helpers/fake-x-api.js';
import { startService, TEST_TOKEN, type RunningService } from '../helpers/service.js';

/**
 * Collection as a manager meets it on the dashboard: the campaign's badge follows its window,
 * "Collect now" queues no source this server has no credentials for and says what to set, and the
 * settings page follows running work by itself, with its progress, until it is done.
 */

const HOUR = 3_600_000;
let browser: Browser;
let demo: RunningService;
let withX: RunningService;
let fake: RunningFakeXApi;

beforeAll(async () => {
  fake = await createFakeXApi(generateDemoData({ hashtag: 'SocMed4SocGood', start: new Date(Date.now() - 30 * HOUR), days: 1, posts: 250, seed: 5 })).start();
  [browser, demo, withX] = await Promise.all([
    launchBrowser(),
    startService({ demo: true }),
    startService({ env: { X_BEARER_TOKEN: fake.bearerToken, X_API_BASE_URL: fake.baseUrl } }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([demo?.close(), withX?.close(), fake?.close()]);
});

async function open(svc: RunningService, path: string) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const problems = watchPage(page, svc.url);
  await page.goto(new URL(`${path}#token=${TEST_TOKEN}`, svc.url).href);
  return { page, problems, close: () => context.close() };
}

describe('collection on the dashboard', () => {
  it('badges the ended 2015 demo campaign as ended, not active', async () => {
    const { page, close } = await open(demo, '/');
    const card = page.locator('.campaign', { has: page.locator(`a[href*="${DEMO_CAMPAIGN_ID}"]`) }).first();
    await card.waitFor();
    expect(await card.locator('.meta .badge').first().textContent()).toBe('ended');
    expect(await card.locator('.badge.active').count()).toBe(0);
    await close();
  });

  it('queues no source without credentials, and says what to set', async () => {
    const before = ((await (await demo.api(`/api/v1/campaigns/${DEMO_CAMPAIGN_ID}/runs`)).json()) as { runs: unknown[] }).runs.length;
    const { page, problems, close } = await open(demo, `/settings.html?id=${DEMO_CAMPAIGN_ID}`);
    await page.waitForSelector('#runs table');
    await page.click('#collect');
    await page.waitForSelector('#collect-result .warning');
    expect(await page.textContent('#collect-result')).toContain('Nothing was queued.');
    expect(await page.textContent('#collect-result .warning')).toBe('X not collected: No X credentials on this server: set X_BEARER_TOKEN.');
    await demo.idle();
    const after = ((await (await demo.api(`/api/v1/campaigns/${DEMO_CAMPAIGN_ID}/runs`)).json()) as { runs: unknown[] }).runs.length;
    expect(after).toBe(before);
    expect(problems.pageErrors).toEqual([]);
    await close();
  });

  it('follows a running collection by itself, with its progress, and shows the outcome without a reload', async () => {
    const res = await withX.api('/api/v1/campaigns', {
      method: 'POST',
      json: { name: 'Berjalan', hashtags: ['#SocMed4SocGood'], startsAt: new Date(Date.now() - 72 * HOUR).toISOString(), sources: [{ type: 'x' }] },
    });
    const { campaign } = (await res.json()) as { campaign: { id: string } };
    const { page, problems, close } = await open(withX, `/settings.html?id=${campaign.id}`);
    await page.waitForSelector('#runs');
    // A slow platform: each page takes a while, so the run is seen running.
    fake.setDelay(1500);
    await page.click('#collect');
    await page.waitForSelector('#collect-progress:not([hidden])');
    expect(await page.textContent('#collect-progress')).toMatch(/X: (waiting in the queue|collecting — \d+ pages?, [\d,]+ posts read so far)/);
    await page.waitForFunction(() => /collecting — [1-9]/.test(document.getElementById('collect-progress')?.textContent ?? ''), null, { timeout: 60_000 });
    await screenshot(page, 'settings-collect-running-1366-en');
    fake.setDelay(0);
    // Done: the progress goes, the runs list and the per-source line say so, with no reload.
    await page.waitForSelector('#collect-progress[hidden]', { state: 'attached', timeout: 60_000 });
    await page.waitForSelector('#runs tbody tr:first-child .badge.succeeded');
    await page.waitForSelector('.sources .badge.succeeded');
    expect(problems.pageErrors).toEqual([]);
    await close();
  }, 120_000);
});
