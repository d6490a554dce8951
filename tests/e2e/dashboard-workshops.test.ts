/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshot, scrollToSection, serviceAndBrowser, tableText, unlabelledControls, watchPage } from '../helpers/browser.js';
import { TEST_TOKEN } from '../helpers/service.js';
import { addParticipants, createWorkshop, workshopCampaign } from '../helpers/workshop-fixture.js';

/**
 * Workshops in the dashboard, in headless Chromium: the settings page's workshops section (create,
 * participants one by one and from the registration sheet), and the overview's "after the
 * workshops" section with its sentences and table, in both languages, on a phone and a desktop.
 */

let campaignId: string;

const VIEWS = { phone: { width: 360, height: 740 }, desktop: { width: 1366, height: 900 } } as const;
const LOCALES = { id: 'id-ID', en: 'en-GB' } as const;

async function ok<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

const e2e = serviceAndBrowser({}, 180_000);
beforeAll(async () => {
  ({ campaignId } = await workshopCampaign(e2e.svc, {
    campaign: { name: 'Literasi Digital NTT', cities: ['53.71'] },
    posts: [
      'platform,post_id,created_at,text,author_id,author_handle,author_followers,likes',
      'instagram,ig1,2015-01-16T10:00:00+08:00,Belajar #SocMed4SocGood,ig-ani,ani.kupang,300,10',
      'instagram,ig2,2015-01-17T10:00:00+08:00,Lagi #SocMed4SocGood,ig-budi,budi_k,120,4',
    ],
    workshop: {
      name: 'Lokakarya Kupang',
      city: '53.71',
      startsAt: '2015-01-15T09:00:00+08:00',
      endsAt: '2015-01-15T16:00:00+08:00',
      venue: 'Undana',
      capacity: 84,
    },
    participants: [
      { name: 'Ani', group: 'teacher', accounts: [{ platform: 'instagram', handle: '@ani.kupang' }], consent: true },
      { name: 'Budi', group: 'student', accounts: [{ platform: 'instagram', handle: 'budi_k' }], consent: true },
      { name: 'Citra', group: 'ngo', accounts: [], consent: true },
    ],
  }));
}, 180_000);

async function open(view: keyof typeof VIEWS, lang: keyof typeof LOCALES, address: string): Promise<{ page: Page; problems: ReturnType<typeof watchPage> }> {
  const context = await e2e.browser.newContext({ viewport: VIEWS[view], locale: LOCALES[lang] });
  const page = await context.newPage();
  const problems = watchPage(page, e2e.svc.url);
  await page.goto(new URL(`${address}#token=${TEST_TOKEN}`, e2e.svc.url).href);
  await page.waitForSelector(`html[lang="${lang}"]`);
  return { page, problems };
}

describe('the overview: who went on to post after each workshop', () => {
  for (const view of ['phone', 'desktop'] as const) {
    for (const lang of ['id', 'en'] as const) {
      it(`says it in a sentence and a table (${view}, ${lang})`, async () => {
        const { page, problems } = await open(view, lang, `/campaign.html?id=${campaignId}`);
        await scrollToSection(page, '#activation-slot, #activation', '#activation:not([hidden]) .activation-table');
        await page.waitForSelector('#activation:not([hidden]) .activation-table');
        const sentence = (await page.textContent('.activation-sentences li'))?.trim();
        // 2 of 3 posted within 30 days: 66.67 %.
        expect(sentence).toMatch(
          lang === 'id'
            ? /^Dari 3 peserta di Kupang, 2 memposting dalam 30 hari: 66,67\s?%$/
            : /^Of 3 participants in Kupang, 2 posted within 30 days: 66\.67\s?%$/,
        );
        const rows = await tableText(page, '.activation-table');
        expect(rows[1]?.slice(0, 4)).toEqual(['Lokakarya Kupang (Kupang)', '3', '2', expect.stringMatching(/^66[.,]67\s?%$/)]);
        // Before and after as two bars a workshop; per city the same one row (one workshop in Kupang).
        expect(await page.$$eval('#activation-chart li .bar-row', (rows) => rows.map((r) => r.className))).toEqual(['bar-row before', 'bar-row after']);
        await page.selectOption('#activation-by', 'city');
        await page.waitForFunction(() => document.querySelector('#activation-chart li')?.getAttribute('data-key') === '53.71');
        expect((await tableText(page, '.activation-table'))[1]?.slice(0, 3)).toEqual(['Kupang', '3', '2']);
        // The 7-day window: the same two posted (on the 16th and the 17th).
        await page.selectOption('#activation-window', '7');
        await page.waitForFunction(() => document.querySelector('.activation-table caption')?.textContent?.includes('7'));
        expect(await horizontalOverflow(page)).toBe(0);
        await screenshot(page, `workshops-overview-${view}-${lang}`);
        expect(problems).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [], dialogs: [] });
        await page.context().close();
      }, 180_000);
    }
  }
});

describe('the settings page: workshops and their participants', () => {
  for (const view of ['phone', 'desktop'] as const) {
    for (const lang of ['id', 'en'] as const) {
      it(`lists the workshops with their participants, every control labelled (${view}, ${lang})`, async () => {
        const { page, problems } = await open(view, lang, `/settings.html?id=${campaignId}`);
        await page.waitForSelector('#workshop-list .workshop');
        await page.click('#workshop-list .workshop details summary');
        await page.waitForSelector('.participant-list li');
        expect(await page.$$eval('.participant-list li .participant-text', (spans) => spans.map((span) => span.textContent))).toEqual([
          expect.stringMatching(/^Ani · .* · instagram: @ani\.kupang$/),
          expect.stringMatching(/^Budi · /),
          expect.stringMatching(/^Citra · /),
        ]);
        await screenshot(page, `workshops-settings-${view}-${lang}`);
        expect(await unlabelledControls(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toBe(0);
        expect(problems).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [], dialogs: [] });
        await page.context().close();
      }, 180_000);
    }
  }

  it('creates a workshop from the form and registers its participants from a sheet, showing the rows it refused', async () => {
    const { page, problems } = await open('desktop', 'id', `/settings.html?id=${campaignId}`);
    await page.waitForSelector('#workshop-list .workshop');
    await page.waitForSelector('#w-city option[value="53.71"]', { state: 'attached' });
    await page.fill('#w-name', 'Lokakarya Ambon');
    await page.selectOption('#w-city', '81.71');
    await page.fill('#w-day', '2015-02-01');
    await page.click('#w-submit');
    await page.waitForSelector('#workshop-status:has-text("Lokakarya Ambon")');
    const { workshops } = await ok<{ workshops: Array<{ id: string; name: string; city: string; startsAt: string }> }>(
      await e2e.svc.api(`/api/v1/campaigns/${campaignId}/workshops`),
      200,
    );
    const ambon = workshops.find((w) => w.name === 'Lokakarya Ambon');
    // 09:00 in the campaign's zone (WITA, +08:00).
    expect(ambon).toMatchObject({ city: '81.71', startsAt: '2015-02-01T09:00:00+08:00' });

    const item = page.locator(`[data-workshop="${ambon!.id}"]`);
    await item.locator('details summary').click();
    await item.locator('input[type="file"]').setInputFiles({
      name: 'pendaftaran.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('name;group;consent;instagram\nDewi;teacher;ya;@dewi\nEka;pilot;ya;\nFajar;student;ya;fajar_a\n'),
    });
    await item.locator('.sheet-form button[type="submit"]').click();
    await item.locator('.participants [role="status"] p').first().waitFor();
    await screenshot(page, 'workshops-sheet-desktop-id');
    expect(await item.locator('.participants [role="status"] p').first().textContent()).toBe('2 peserta ditambahkan.');
    expect(await item.locator('.rejected-rows li').allTextContents()).toEqual([expect.stringMatching(/^Baris 3: group: /)]);
    const { count } = await ok<{ count: number }>(await e2e.svc.api(`/api/v1/campaigns/${campaignId}/workshops/${ambon!.id}/participants`), 200);
    expect(count).toBe(2);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [], dialogs: [] });
    await page.context().close();
  }, 180_000);

  it.each(['id', 'en'] as const)(
    'changes a workshop, naming a bad field next to it, removes a participant and deletes the workshop (%s)',
    async (lang) => {
      const api = `/api/v1/campaigns/${campaignId}/workshops`;
      const { workshopId, participantsPath } = await createWorkshop(e2e.svc, campaignId, {
        name: `Lokakarya Sabu ${lang}`,
        city: '53.71',
        startsAt: '2015-02-03T09:00:00+08:00',
        endsAt: '2015-02-03T16:00:00+08:00',
      });
      const workshop = { id: workshopId };
      await addParticipants(e2e.svc, participantsPath, [
        { name: 'Gita', group: 'teacher', accounts: [], consent: true },
        { name: 'Hadi', group: 'student', accounts: [{ platform: 'x', handle: 'hadi_sabu' }], consent: true },
      ]);
      const { page, problems } = await open('desktop', lang, `/settings.html?id=${campaignId}`);
      const item = page.locator(`[data-workshop="${workshop.id}"]`);
      await item.locator('.item-actions button', { hasText: lang === 'id' ? 'Ubah' : 'Edit' }).click();
      const form = page.locator(`#workshop-edit-${workshop.id}`);
      await form.waitFor();
      // The form starts with the workshop as it is, in the campaign's zone.
      expect(await form.locator(`#we-day-${workshop.id}`).inputValue()).toBe('2015-02-03');
      expect(await form.locator(`#we-from-${workshop.id}`).inputValue()).toBe('09:00');
      await page.waitForFunction((id) => document.querySelector<HTMLSelectElement>(`#we-city-${id}`)?.value === '53.71', workshop.id);

      // An end before the start: the API's message beside the end, in the page's language; nothing changed.
      await form.locator(`#we-from-${workshop.id}`).fill('17:00');
      await form.locator(`#we-to-${workshop.id}`).fill('10:00');
      await form.locator('button[type="submit"]').click();
      const error = page.locator(`#we-to-${workshop.id}-error`);
      await error.waitFor();
      expect(await error.textContent()).toBe(lang === 'id' ? 'tidak boleh sebelum startsAt' : 'must not be before startsAt');
      expect(await page.getAttribute(`#we-to-${workshop.id}`, 'aria-invalid')).toBe('true');
      await screenshot(page, `workshops-edit-error-desktop-${lang}`);
      expect((await ok<{ workshop: { startsAt: string } }>(await e2e.svc.api(`${api}/${workshop.id}`), 200)).workshop.startsAt).toBe(
        '2015-02-03T09:00:00+08:00',
      );

      await form.locator(`#we-to-${workshop.id}`).fill('18:30');
      await form.locator(`#we-name-${workshop.id}`).fill(`Lokakarya Sabu Raijua ${lang}`);
      await form.locator(`#we-capacity-${workshop.id}`).fill('40');
      await form.locator('button[type="submit"]').click();
      await page.waitForSelector(`#workshop-status:has-text("Lokakarya Sabu Raijua ${lang}")`);
      expect((await ok<{ workshop: Record<string, unknown> }>(await e2e.svc.api(`${api}/${workshop.id}`), 200)).workshop).toMatchObject({
        name: `Lokakarya Sabu Raijua ${lang}`,
        startsAt: '2015-02-03T17:00:00+08:00',
        endsAt: '2015-02-03T18:30:00+08:00',
        capacity: 40,
        city: '53.71',
      });

      // Remove Hadi: asked first, then gone from the list and the API.
      const saved = page.locator(`[data-workshop="${workshop.id}"]`);
      await saved.locator('details summary').click();
      const hadi = saved.locator('.participant-list li', { hasText: 'Hadi' });
      await hadi.locator('.confirm-action > button').click();
      await hadi.locator('.confirm button.danger-solid').click();
      await saved.locator('.participants [role="status"] p.saved').waitFor();
      expect(await saved.locator('.participant-list li .participant-text > span').allTextContents()).toEqual(['Gita']);
      expect((await ok<{ count: number }>(await e2e.svc.api(`${api}/${workshop.id}/participants`), 200)).count).toBe(1);

      // Delete the workshop.
      await saved.locator('.item-actions > .confirm-action > button').click();
      await saved.locator('.item-actions .confirm button.danger-solid').click();
      await page.waitForSelector(`#workshop-status:has-text("Lokakarya Sabu Raijua ${lang}")`);
      await page.waitForSelector(`[data-workshop="${workshop.id}"]`, { state: 'detached' });
      expect((await e2e.svc.api(`${api}/${workshop.id}`)).status).toBe(404);
      // The one refused PATCH is the browser's only complaint.
      expect(problems).toEqual({
        consoleErrors: ['Failed to load resource: the server responded with a status of 400 (Bad Request)'],
        pageErrors: [],
        foreignRequests: [],
        dialogs: [],
      });
      await page.context().close();
    },
    180_000,
  );
});
