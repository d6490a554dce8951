/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, launchBrowser, screenshot, watchPage } from '../helpers/browser.js';
import { NO_RATE_LIMITS, startService, type RunningService } from '../helpers/service.js';
import { workshopCampaign } from '../helpers/workshop-fixture.js';

/**
 * A participant's own page (me.html) in Chromium: a participant signed in on a 360 px phone in
 * Indonesian reads their figures, their days and their latest posts with links, and only theirs;
 * one whose handles match no post gets the empty state naming the handles matched. Screenshots at
 * 360 and 1366 px, in both languages.
 */
const PASSWORD = 'halaman-saya-0123';
const SIZES = { 360: { width: 360, height: 740 }, 1366: { width: 1366, height: 900 } } as const;

describe('me.html, a participant’s own page', () => {
  let s: RunningService;
  let browser: Browser;
  let campaignId: string;

  beforeAll(async () => {
    [s, browser] = await Promise.all([startService({ rateLimits: NO_RATE_LIMITS }), launchBrowser()]);
    ({ campaignId } = await workshopCampaign(s, {
      campaign: { name: 'Lokakarya Kupang' },
      users: ['ani@example.org', 'citra@example.org'].map((email) => ({ email, role: 'participant' as const, password: PASSWORD })),
      posts: [
        'platform,post_id,url,created_at,text,author_id,author_handle,author_name,author_followers,likes',
        'instagram,ig1,https://www.instagram.com/p/ig1,2015-01-16T10:00:00+08:00,Belajar literasi digital bersama teman-teman di Kupang #SocMed4SocGood,ig-ani,ani.kupang,Ani,300,10',
        'instagram,ig2,https://www.instagram.com/p/ig2,2015-01-18T10:00:00+08:00,Hari kedua berbagi cerita #SocMed4SocGood,ig-ani,ani.kupang,Ani,300,5',
        'instagram,ig3,https://www.instagram.com/p/ig3,2015-01-20T10:00:00+08:00,Terima kasih semuanya #SocMed4SocGood,ig-ani,ani.kupang,Ani,300,7',
        'instagram,ig9,https://www.instagram.com/p/ig9,2015-01-18T11:00:00+08:00,Postingan orang lain #SocMed4SocGood,ig-x,orang_lain,Orang Lain,900,99',
      ],
      workshop: { name: 'Kupang', city: '53.71', startsAt: '2015-01-15T09:00:00+08:00', endsAt: '2015-01-15T17:00:00+08:00' },
      participants: [
        { name: 'Ani', group: 'teacher', consent: true, email: 'ani@example.org', accounts: [{ platform: 'instagram', handle: '@ani.kupang' }] },
        { name: 'Citra', group: 'ngo', consent: true, email: 'citra@example.org', accounts: [{ platform: 'tiktok', handle: 'citra_ntt' }] },
      ],
    }));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  async function open(who: string, size: keyof typeof SIZES, lang: 'id' | 'en'): Promise<{ page: Page; problems: ReturnType<typeof watchPage> }> {
    const context = await browser.newContext({ viewport: SIZES[size], locale: lang === 'id' ? 'id-ID' : 'en-US' });
    await context.addInitScript((l) => localStorage.setItem('kk.lang', l), lang);
    const res = await context.request.post(new URL('/api/v1/session', s.url).href, { data: { email: `${who}@example.org`, password: PASSWORD } });
    expect(res.status()).toBe(200);
    const page = await context.newPage();
    const problems = watchPage(page, s.url);
    await page.goto(new URL(`/me.html?id=${campaignId}`, s.url).href);
    return { page, problems };
  }

  it('shows a participant on a phone, in Indonesian, their figures, days and latest posts with links, and nobody else’s', async () => {
    const { page, problems } = await open('ani', 360, 'id');
    await page.locator('#me-posts li').first().waitFor();
    expect(await page.locator('h1').textContent()).toBe('Aktivitas saya');
    expect(await page.locator('#me-kpis [data-kpi="posts"] .value').textContent()).toBe('3');
    expect(await page.locator('#me-kpis [data-kpi="engagement"] .value').textContent()).toBe('22');
    expect(await page.locator('#me-daily li').count()).toBe(3);
    expect(await page.locator('#me-accounts').textContent()).toContain('@ani.kupang');
    const texts = await page.locator('#me-posts .post-text').allTextContents();
    expect(texts).toEqual(['Terima kasih semuanya #SocMed4SocGood', 'Hari kedua berbagi cerita #SocMed4SocGood', expect.stringContaining('Belajar literasi')]);
    expect(await page.locator('#me-posts a.post-link').first().getAttribute('href')).toBe('https://www.instagram.com/p/ig3');
    expect(await page.content()).not.toContain('orang_lain');
    // Three posts fit one page: no button for a next one.
    expect(await page.locator('#me-more').count()).toBe(0);
    // The page's nav leads here, named in the page's language.
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Aktivitas saya');
    expect(await page.locator('#me-workshops').textContent()).toContain('30 hari setelahnya: 3 postingan');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [], dialogs: [] });
    await screenshot(page, 'me-360-id');
    await page.context().close();
  }, 90_000);

  it('reads at 1366 px and in English too', async () => {
    for (const [size, lang] of [
      [1366, 'id'],
      [360, 'en'],
      [1366, 'en'],
    ] as const) {
      const { page, problems } = await open('ani', size, lang);
      await page.locator('#me-posts li').first().waitFor();
      expect(await page.locator('h1').textContent()).toBe(lang === 'id' ? 'Aktivitas saya' : 'My activity');
      expect(await horizontalOverflow(page)).toBe(0);
      expect(problems.pageErrors).toEqual([]);
      await screenshot(page, `me-${size}-${lang}`);
      await page.context().close();
    }
    // Three pages in turn: room for a loaded machine.
  }, 180_000);

  it('tells a participant whose handles match no post so, naming the handles matched', async () => {
    const { page } = await open('citra', 360, 'id');
    await page.locator('#me-empty').waitFor();
    expect(await page.locator('#me-empty').textContent()).toContain('Belum ada postingan dari akun Anda');
    expect(await page.locator('#me-accounts').textContent()).toContain('Akun Anda: @citra_ntt (TikTok)');
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'me-empty-360-id');
    await page.context().close();
  }, 90_000);
});
