/// <reference lib="dom" />
import { createCanvas } from '@napi-rs/canvas';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, VIEWPORTS, horizontalOverflow, serviceAndBrowser, watchPage } from '../helpers/browser.js';
import { TEST_TOKEN } from '../helpers/service.js';
import { createCampaign } from '../helpers/workshop-fixture.js';

/**
 * The organisation's logo in a campaign's settings, in Chromium: with no logo the preview stays
 * hidden (the hidden attribute wins over the preview's own display), an uploaded one shows and is
 * announced only once it shows, and removing it asks first (yes / cancel), like every deletion.
 */

let campaignId: string;

/** A 160 × 80 logo: a green block on white. */
function logoPng(): Buffer {
  const canvas = createCanvas(160, 80);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 160, 80);
  ctx.fillStyle = '#0b6e4f';
  ctx.fillRect(10, 10, 140, 60);
  return canvas.toBuffer('image/png');
}

const e2e = serviceAndBrowser({}, 60_000);
beforeAll(async () => {
  campaignId = await createCampaign(e2e.svc, {
    name: 'Literasi Digital Ende',
    hashtags: ['#LiterasiEnde'],
    startsAt: '2015-01-01T00:00:00+07:00',
    timeZone: 'Asia/Jakarta',
    organisation: 'Relawan TIK Ende',
  });
}, 60_000);

async function campaignLogo(): Promise<unknown> {
  const res = await e2e.svc.api(`/api/v1/campaigns/${campaignId}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { campaign: { logo?: unknown } }).campaign.logo ?? null;
}

/** Records, each time the logo's status line changes, whether the preview showed at that moment. */
function watchLogoStatus(page: Page): Promise<void> {
  return page.evaluate(() => {
    const status = document.getElementById('branding-logo-status')!;
    const seen: Array<{ text: string; previewShown: boolean }> = [];
    (window as unknown as { logoStatusSeen: typeof seen }).logoStatusSeen = seen;
    new MutationObserver(() => {
      const preview = document.getElementById('branding-logo')!;
      if (status.textContent) seen.push({ text: status.textContent, previewShown: preview.checkVisibility() });
    }).observe(status, { childList: true, characterData: true, subtree: true });
  });
}
const statusSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { logoStatusSeen: Array<{ text: string; previewShown: boolean }> }).logoStatusSeen);

describe('the organisation’s logo in the settings', () => {
  it.each([
    ['en', VIEWPORTS.desktop],
    ['id', VIEWPORTS.phone],
  ] as const)('hides the preview without a logo, shows an uploaded one, and asks before removing it (%s)', async (lang, viewport) => {
    const context = await e2e.browser.newContext({ viewport, locale: lang === 'id' ? 'id-ID' : 'en-US' });
    const page = await context.newPage();
    const problems = watchPage(page, e2e.svc.url);
    await page.goto(new URL(`/settings.html?id=${campaignId}#token=${TEST_TOKEN}`, e2e.svc.url).href);
    await page.waitForSelector(`html[lang="${lang}"] #branding-logo-form`);
    const words =
      lang === 'en'
        ? { none: 'No logo yet.', saved: 'The logo is saved.', removed: 'The logo is removed.', remove: 'Remove the logo', yes: 'Yes, remove' }
        : { none: 'Belum ada logo.', saved: 'Logo tersimpan.', removed: 'Logo dihapus.', remove: 'Hapus logo', yes: 'Ya, hapus' };

    // No logo: the preview is in the page, hidden, and nothing to remove.
    expect(await page.getAttribute('#branding-logo', 'hidden')).toBe('');
    expect(await page.locator('#branding-logo').isVisible()).toBe(false);
    expect(await page.textContent('#branding-no-logo')).toBe(words.none);
    expect(await page.locator('#branding-logo-remove button').count()).toBe(0);

    // Uploaded: it shows, and the status says so only once it shows.
    await watchLogoStatus(page);
    await page.setInputFiles('#b-logo', { name: 'logo.png', mimeType: 'image/png', buffer: logoPng() });
    await page.click('#branding-logo-upload');
    await page.waitForSelector('#branding-logo:visible');
    await page.waitForFunction((t) => document.getElementById('branding-logo-status')?.textContent === t, words.saved);
    expect(await statusSeen(page)).toEqual([{ text: words.saved, previewShown: true }]);
    expect(await page.locator('#branding-no-logo').isVisible()).toBe(false);
    expect(await campaignLogo()).toMatchObject({ contentType: 'image/png' });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.locator('#branding').screenshot({ path: `${ARTIFACTS}/settings-branding-logo-${lang}.png` });

    // Removing asks first; "cancel" keeps the logo.
    await page.click(`#branding-logo-remove button:has-text("${words.remove}")`);
    await page.waitForSelector('#branding-logo-remove .confirm');
    await page.locator('#branding').screenshot({ path: `${ARTIFACTS}/settings-branding-confirm-${lang}.png` });
    await page.click('#branding-logo-remove .confirm button.secondary');
    expect(await page.locator('#branding-logo-remove .confirm').count()).toBe(0);
    expect(await page.locator('#branding-logo').isVisible()).toBe(true);
    expect(await campaignLogo()).not.toBeNull();

    // "Yes" removes it: the preview hides again and the status follows.
    await page.click(`#branding-logo-remove button:has-text("${words.remove}")`);
    await page.click(`#branding-logo-remove .confirm button:has-text("${words.yes}")`);
    await page.waitForFunction((t) => document.getElementById('branding-logo-status')?.textContent === t, words.removed);
    expect(await page.locator('#branding-logo').isVisible()).toBe(false);
    expect(await page.locator('#branding-no-logo').isVisible()).toBe(true);
    expect(await page.locator('#branding-logo-remove button').count()).toBe(0);
    expect((await statusSeen(page)).at(-1)).toEqual({ text: words.removed, previewShown: false });
    expect(await campaignLogo()).toBeNull();

    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.dialogs).toEqual([]);
    await context.close();
  });
});
