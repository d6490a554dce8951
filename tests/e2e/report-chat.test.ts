/// <reference lib="dom" />
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { ARTIFACTS, horizontalOverflow, serviceAndBrowser, watchPage } from '../helpers/browser.js';
import { TEST_TOKEN } from '../helpers/service.js';

/**
 * The report's "Support channel" section (docs/report.md): the WhatsApp group's figures over the
 * report's period, from GET …/chat-activity, each linked to its numbered definition, in the
 * reader's language; counts only; no section without chat data; kept whole in print, and the
 * report still at most 4 A4 pages.
 */

const e2e = serviceAndBrowser({ demo: true });

const demo = DEMO_CAMPAIGN_ID;
const LOCALE = { en: 'en-GB', id: 'id-ID' } as const;
type Lang = keyof typeof LOCALE;
const VIEWS = { phone: { width: 360, height: 740 }, desktop: { width: 1366, height: 900 } } as const;
const FACILITATORS = ['Kak Rina', '+62 812-3456-7890'];
/** Names and numbers the export holds: none may reach the report. */
const NAMES = ['Kak Rina', 'Budi', 'Dewi', 'Citra', 'Andi', '3456-7890'];

/** The fixture conversation moved into the demo campaign's dates (Asia/Jakarta, 13 January to 9 February 2015). */
const exportIn2015 = () =>
  readFileSync(new URL('../fixtures/chat/android-id.txt', import.meta.url), 'utf8')
    .replaceAll('12/01/2024', '20/01/2015')
    .replaceAll('13/01/2024', '21/01/2015')
    .replaceAll('15/01/2024', '23/01/2015');

interface Totals {
  messages: number;
  members: number;
  questions: number;
  answered: number;
  medianFirstResponseMinutes: number | null;
}

async function json<T>(res: Response, status = 200): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

/** The figures as the section must write them, from the API's totals (the strings' own words for the minutes). */
function expectedRows(totals: Totals, lang: Lang): string[][] {
  const n = (x: number) => new Intl.NumberFormat(LOCALE[lang]).format(x);
  const pct = (x: number) => new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 2 }).format(x);
  const m = totals.medianFirstResponseMinutes;
  const minutes =
    m === null
      ? '—'
      : m < 60
        ? `${n(m)} ${lang === 'id' ? 'menit' : 'min'}`
        : `${n(Math.floor(m / 60))} ${lang === 'id' ? 'jam' : 'h'} ${String(Math.round(m % 60)).padStart(2, '0')} ${lang === 'id' ? 'menit' : 'min'}`;
  const answered = `${pct(totals.answered / totals.questions)} (${n(totals.answered)} ${lang === 'id' ? 'dari' : 'of'} ${n(totals.questions)})`;
  const labels =
    lang === 'id'
      ? ['Pesan', 'Anggota aktif', 'Pertanyaan', 'Pertanyaan yang dijawab fasilitator', 'Median respons pertama']
      : ['Messages', 'Active members', 'Questions', 'Questions answered by a facilitator', 'Median first response'];
  const values = [n(totals.messages), n(totals.members), n(totals.questions), answered, minutes];
  return labels.map((label, i) => [label, values[i]!]);
}

/** Imports the conversation into the demo campaign once (a later import adds nothing twice). */
async function importChat(): Promise<void> {
  const query = new URLSearchParams(FACILITATORS.map((f) => ['facilitators', f])).toString();
  const imported = await e2e.svc.api(`/api/v1/campaigns/${demo}/chat-import?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: exportIn2015(),
  });
  expect(await json(imported)).toMatchObject({ messages: 26, from: '2015-01-20', to: '2015-01-23', facilitators: 2 });
}

async function openReport(lang: Lang, view: keyof typeof VIEWS, path = `/report.html?id=${demo}#token=${TEST_TOKEN}`) {
  const context = await e2e.browser.newContext({ viewport: VIEWS[view], locale: lang === 'en' ? 'en-US' : 'id-ID' });
  const page = await context.newPage();
  const problems = watchPage(page, e2e.svc.url);
  await page.goto(new URL(path, e2e.svc.url).href);
  await page.waitForSelector('#report[data-ready]');
  return { page, problems, close: () => context.close() };
}

/** The section's rows as shown: the figure's name and its value without the note's number. */
const sectionRows = (page: Page) =>
  page.$$eval('#report-chat-table tbody tr', (rows) =>
    rows.map((r) => [r.querySelector('th')?.textContent ?? '', r.querySelector('td a.figure .value')?.textContent ?? '']),
  );

/** Each value's link and the note it points to, with the note's number in the list. */
const sectionLinks = (page: Page) =>
  page.$$eval('#report-chat-table a.figure', (links) =>
    links.map((a) => {
      const href = a.getAttribute('href') ?? '';
      const note = document.querySelector(href);
      const notes = Array.from(document.querySelectorAll('#report-notes li'));
      return { href, sup: a.querySelector('sup')?.textContent ?? '', position: note ? notes.indexOf(note) + 1 : 0, note: note?.textContent ?? '' };
    }),
  );

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;

describe('the report’s support-channel section', { timeout: 180_000 }, () => {
  it.each(['en', 'id'] as const)('is absent while the campaign has no chat data (%s)', async (lang) => {
    const { totals } = await json<{ totals: Totals }>(await e2e.svc.api(`/api/v1/campaigns/${demo}/chat-activity`));
    expect(totals.messages).toBe(0);
    const { page, problems, close } = await openReport(lang, 'desktop');
    expect(await page.$('#report-chat')).toBeNull();
    expect(await page.$$eval('#report-notes li', (lis) => lis.map((li) => li.id).filter((id) => id.startsWith('def-chat')))).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await close();
  });

  it('shows the figures of the API over the report’s period, each linked to its definition, in both languages; counts only', async () => {
    await importChat();
    const summary = await json<{ from: string; to: string }>(await e2e.svc.api(`/api/v1/campaigns/${demo}/metrics/summary`));
    const period = new URLSearchParams({ from: summary.from, to: summary.to }).toString();
    const { totals } = await json<{ totals: Totals }>(await e2e.svc.api(`/api/v1/campaigns/${demo}/chat-activity?${period}`));
    // The whole conversation lies inside the demo's period: real figures, not zeros.
    expect(totals).toMatchObject({ messages: 26, members: 7, questions: 7, answered: 5, medianFirstResponseMinutes: 80 });

    for (const lang of ['en', 'id'] as const) {
      const { page, problems, close } = await openReport(lang, 'desktop');
      expect(await page.textContent('#report-chat h2')).toBe(lang === 'id' ? 'Kanal dukungan' : 'Support channel');
      expect(await sectionRows(page)).toEqual(expectedRows(totals, lang));
      // Each value is a footnote: its number is its place in the one list of definitions, after the paragraph's.
      const paragraphNotes = await page.$$eval('#report-summary a.figure', (links) => new Set(links.map((a) => a.getAttribute('href'))).size);
      const links = await sectionLinks(page);
      expect(links.map((l) => l.href)).toEqual(['#def-chatMessages', '#def-chatMembers', '#def-chatQuestions', '#def-chatAnswered', '#def-chatFirstResponse']);
      links.forEach((l, i) => {
        expect(l.position).toBe(paragraphNotes + i + 1);
        expect(l.sup).toBe(String(l.position));
        expect(l.note.length).toBeGreaterThan(40);
      });
      expect(links[3]!.note).toMatch(lang === 'id' ? /^Dijawab fasilitator: / : /^Answered by a facilitator: /);
      const text = (await page.textContent('#report-chat')) ?? '';
      for (const name of NAMES) expect(text).not.toContain(name);
      expect(problems.pageErrors).toEqual([]);
      expect(problems.consoleErrors).toEqual([]);
      await close();
    }

    // A period without chat: no section.
    const later = await openReport('en', 'desktop', `/report.html?id=${demo}&from=2015-02-01&to=2015-02-09#token=${TEST_TOKEN}`);
    expect(await later.page.$('#report-chat')).toBeNull();
    await later.close();
  });

  it('through a share link for part of the period, shows the link’s days only, as the API answers the link', async () => {
    await importChat();
    const { link } = await json<{ link: { url: string; token: string } }>(
      await e2e.svc.api(`/api/v1/campaigns/${demo}/share-links`, {
        method: 'POST',
        json: { label: 'Sponsor', from: '2015-01-21', to: '2015-01-31', expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) },
      }),
      201,
    );
    const { totals } = await json<{ totals: Totals }>(await e2e.svc.api(`/api/v1/campaigns/${demo}/chat-activity`, { token: link.token }));
    // The 21st and the 23rd (the fixture's 13th and 15th).
    expect(totals.messages).toBe(16);
    for (const lang of ['en', 'id'] as const) {
      const { page, problems, close } = await openReport(lang, 'desktop', new URL(link.url).pathname);
      expect(await sectionRows(page)).toEqual(expectedRows(totals, lang));
      expect(problems.pageErrors).toEqual([]);
      await close();
    }
  });

  it.each(['en', 'id'] as const)('keeps the section whole in print, the report in at most 4 A4 pages, and fits a phone (%s)', async (lang) => {
    await importChat();
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const view of ['phone', 'desktop'] as const) {
      const { page, close } = await openReport(lang, view);
      expect(await horizontalOverflow(page)).toBe(0);
      await page.locator('#report-chat').screenshot({ path: `${ARTIFACTS}/report-chat-${view}-${lang}.png` });
      if (view === 'desktop') {
        await page.emulateMedia({ media: 'print' });
        expect(await page.$eval('#report-chat', (s) => getComputedStyle(s).breakInside)).toBe('avoid');
        expect(await page.$eval('#report-chat h2', (h) => getComputedStyle(h).breakAfter)).toBe('avoid');
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        writeFileSync(`${ARTIFACTS}/report-chat-${lang}.pdf`, pdf);
        const pages = pageCount(pdf);
        expect(pages).toBeGreaterThanOrEqual(2);
        expect(pages).toBeLessThanOrEqual(4);
      }
      await close();
    }
  });

  it('has no serious or critical accessibility finding in the section (axe-core, 360 and 1366 px, both languages)', async () => {
    await importChat();
    for (const view of ['phone', 'desktop'] as const) {
      for (const lang of ['en', 'id'] as const) {
        // axe's script tag needs the CSP bypassed; the page's own CSP is dashboard-csp.test.ts's subject.
        const context = await e2e.browser.newContext({ viewport: VIEWS[view], locale: LOCALE[lang], bypassCSP: true });
        const page = await context.newPage();
        await page.goto(new URL(`/report.html?id=${demo}#token=${TEST_TOKEN}`, e2e.svc.url).href);
        await page.waitForSelector(`html[lang="${lang}"] #report[data-ready] #report-chat`);
        await page.addScriptTag({ path: AXE });
        const serious = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(ctx: Element, opts: object): Promise<{ violations: Array<{ id: string; impact: string | null }> }> } })
            .axe;
          const result = await axe.run(document.querySelector('#report-chat')!, { resultTypes: ['violations'] });
          return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
        });
        expect(serious, `${view} ${lang}`).toEqual([]);
        await context.close();
      }
    }
  });
});
