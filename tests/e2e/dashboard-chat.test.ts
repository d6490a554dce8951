import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, horizontalOverflow, screenshot, scrollToSection, serviceAndBrowser, tableText, unlabelledControls, watchPage } from '../helpers/browser.js';
import { TEST_TOKEN } from '../helpers/service.js';
import { createCampaign } from '../helpers/workshop-fixture.js';

/**
 * The WhatsApp support channel in the dashboard, in headless Chromium: the settings page's import
 * form and its result, then the overview's per-day table, in both languages, on a phone and a desktop.
 */

let campaignId: string;

const VIEWS = { phone: { width: 360, height: 740 }, desktop: { width: 1366, height: 900 } } as const;
const LOCALES = { id: 'id-ID', en: 'en-GB' } as const;
const EXPORT = fileURLToPath(new URL('../fixtures/chat/android-id.txt', import.meta.url));

const e2e = serviceAndBrowser({}, 180_000);
beforeAll(async () => {
  campaignId = await createCampaign(e2e.svc, { name: 'Dukungan Makassar', startsAt: '2024-01-01T00:00:00+08:00' });
}, 180_000);

async function open(view: keyof typeof VIEWS, lang: keyof typeof LOCALES, address: string): Promise<{ page: Page; problems: ReturnType<typeof watchPage> }> {
  const context = await e2e.browser.newContext({ viewport: VIEWS[view], locale: LOCALES[lang] });
  const page = await context.newPage();
  const problems = watchPage(page, e2e.svc.url);
  await page.goto(new URL(`${address}#token=${TEST_TOKEN}`, e2e.svc.url).href);
  await page.waitForSelector(`html[lang="${lang}"]`);
  return { page, problems };
}

describe('the support channel in the dashboard', () => {
  let first = true;
  for (const view of ['phone', 'desktop'] as const) {
    for (const lang of ['id', 'en'] as const) {
      it(`imports an export on the settings page and shows the days on the overview (${view}, ${lang})`, async () => {
        const settings = await open(view, lang, `/settings.html?id=${campaignId}`);
        const page = settings.page;
        await page.waitForSelector('#chat-import-form');
        await page.setInputFiles('#chat-file', EXPORT);
        await page.fill('#chat-facilitators', 'Kak Rina, +62 812-3456-7890');
        await page.click('#chat-import-send');
        await page.waitForSelector('#chat-import-result li');
        const lines = await page.$$eval('#chat-import-result li', (lis) => lis.map((li) => li.textContent ?? ''));
        // The first import stores 26 messages; the later ones find them all known.
        expect(lines[0]).toMatch(
          lang === 'id'
            ? first
              ? /^26 pesan terbaca: 26 baru, 0 /
              : /^26 pesan terbaca: 0 baru, 26 /
            : first
              ? /^26 messages read: 26 new, 0 /
              : /^26 messages read: 0 new, 26 /,
        );
        first = false;
        expect(await page.textContent('#chat-rejected')).toBe(
          lang === 'id' ? 'Baris tidak dikenali: 1. Nomor baris: 35.' : 'Lines not understood: 1. Line numbers: 35.',
        );
        // The section alone: the settings page is long.
        await page.locator('#chat-import').screenshot({ path: `${ARTIFACTS}/chat-settings-${view}-${lang}.png` });
        expect(await unlabelledControls(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toBe(0);
        expect(settings.problems).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [], dialogs: [] });
        await page.context().close();

        const overview = await open(view, lang, `/campaign.html?id=${campaignId}`);
        // The section loads when scrolled near (first view under 160 KB).
        await scrollToSection(overview.page, '#chat-slot, #chat-activity', '#chat-activity:not([hidden]) .chat-table');
        const rows = await tableText(overview.page, '.chat-table');
        expect(rows).toHaveLength(4);
        expect(rows[1]!.slice(1)).toEqual(['10', '7', '2', '2', '0', lang === 'id' ? '33,5 menit' : '33.5 min']);
        expect(rows[3]!.slice(1, 6)).toEqual(['8', '5', '2', '1', '2']);
        expect(await overview.page.textContent('#chat-summary')).toContain(lang === 'id' ? '26 pesan dari 7 anggota' : '26 messages from 7 members');
        await overview.page.$eval('#chat-activity', (e) => e.scrollIntoView());
        await screenshot(overview.page, `chat-overview-${view}-${lang}`);
        expect(await horizontalOverflow(overview.page)).toBe(0);
        expect(overview.problems).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [], dialogs: [] });
        await overview.page.context().close();
      }, 240_000);
    }
  }

  it('deletes the support channel’s data from the settings page, after asking, in both languages', async () => {
    const totals = async () =>
      ((await (await e2e.svc.api(`/api/v1/campaigns/${campaignId}/chat-activity`)).json()) as { totals: { messages: number } }).totals.messages;
    if ((await totals()) === 0) {
      const imported = await e2e.svc.api(`/api/v1/campaigns/${campaignId}/chat-import?facilitators=Kak%20Rina&facilitators=%2B62%20812-3456-7890`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: readFileSync(EXPORT),
      });
      expect(imported.status).toBe(200);
    }
    expect(await totals()).toBe(26);
    // Indonesian: the button asks first; "cancel" deletes nothing.
    const id = await open('phone', 'id', `/settings.html?id=${campaignId}`);
    await id.page.click('#chat-delete button');
    expect(await id.page.textContent('#chat-delete .confirm')).toContain('Hapus semua pesan yang diimpor dan fasilitator kampanye ini?');
    await id.page.getByRole('button', { name: 'Batal' }).click();
    await id.page.waitForSelector('#chat-delete .confirm-action > button');
    expect(await id.page.textContent('#chat-delete .confirm-action > button')).toBe('Hapus data kanal dukungan');
    expect(await totals()).toBe(26);
    expect(await horizontalOverflow(id.page)).toBe(0);
    await id.page.context().close();

    // English: "yes" deletes, and says what it removed.
    const en = await open('desktop', 'en', `/settings.html?id=${campaignId}`);
    await en.page.click('#chat-delete button');
    await en.page.getByRole('button', { name: 'Yes, delete' }).click();
    await en.page.waitForFunction(() => (document.querySelector('#chat-delete-status')?.textContent ?? '') !== '');
    expect(await en.page.textContent('#chat-delete-status')).toBe('Removed 26 messages and 2 facilitators.');
    await en.page.locator('#chat-import').screenshot({ path: `${ARTIFACTS}/chat-delete-desktop-en.png` });
    expect(await totals()).toBe(0);
    expect(await (await e2e.svc.api(`/api/v1/campaigns/${campaignId}/chat-facilitators`)).json()).toEqual({ facilitators: 0 });
    expect(en.problems).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [], dialogs: [] });
    await en.page.context().close();
  }, 240_000);
});
