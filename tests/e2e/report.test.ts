/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { ARTIFACTS, VIEWPORTS, horizontalOverflow, serviceAndBrowser, watchPage } from '../helpers/browser.js';
import { TEST_TOKEN } from '../helpers/service.js';

/**
 * The sponsor's report (docs/report.md): a paragraph written from the API's figures with their
 * definitions a click away, A4 print in at most four pages with page numbers and a running header,
 * tables that stack on a phone, and the organisation's logo, which only an image of at most 200 KB
 * may be and which a share link reads like the report.
 */

const e2e = serviceAndBrowser({ demo: true });

const demo = DEMO_CAMPAIGN_ID;
const LOCALE = { en: 'en-GB', id: 'id-ID' } as const;
type Lang = keyof typeof LOCALE;

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

interface Summary {
  posts: number;
  contributors: number;
  reach: number;
  engagement: number;
  impressions: number;
  engagementRate: number | null;
}
type Breakdown = { rows: Array<{ key: string; label: string; posts: number }> };

async function openReport(lang: Lang, viewport: { width: number; height: number }, path = `/report.html?id=${demo}#token=${TEST_TOKEN}`) {
  const context = await e2e.browser.newContext({ viewport, locale: lang === 'en' ? 'en-US' : 'id-ID' });
  const page = await context.newPage();
  const problems = watchPage(page, e2e.svc.url);
  await page.goto(new URL(path, e2e.svc.url).href);
  await page.waitForSelector('#report[data-ready]');
  return { page, problems, close: () => context.close() };
}

/** A figure as the paragraph says it: every digit below a million, "1.97 million" / "1,97 juta" above. */
function said(n: number, lang: Lang): string {
  const locale = LOCALE[lang];
  return n < 1_000_000
    ? new Intl.NumberFormat(locale).format(n)
    : new Intl.NumberFormat(locale, { notation: 'compact', compactDisplay: 'long', maximumFractionDigits: 2 }).format(n);
}

/** The pages of a PDF: its page objects (`/Type /Page`, not the `/Pages` tree). */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;

// Each test opens Chromium pages on the whole demo report: on a shared 2-core machine that takes more than the default 30 s.
describe('the report of the demo campaign', { timeout: 120_000 }, () => {
  it.each(['en', 'id'] as const)('opens with a paragraph of the API figures, each linked to its definition (%s)', async (lang) => {
    const summary = await json<Summary>(await e2e.svc.api(`/api/v1/campaigns/${demo}/metrics/summary`), 200);
    const cities = await json<Breakdown>(await e2e.svc.api(`/api/v1/campaigns/${demo}/metrics/breakdown?by=city`), 200);
    const knownCities = cities.rows.filter((r) => r.key !== 'unknown' && r.posts > 0).length;
    expect(summary.posts).toBeGreaterThan(0);

    const { page, problems, close } = await openReport(lang, VIEWPORTS.desktop);
    const figures = await page.$$eval('#report-summary a.figure', (links) =>
      links.map((a) => ({
        figure: (a as HTMLElement).dataset.figure ?? '',
        text: a.querySelector('.value')?.textContent ?? '',
        href: a.getAttribute('href') ?? '',
      })),
    );
    const byKey = Object.fromEntries(figures.map((f) => [f.figure, f.text]));
    const number = new Intl.NumberFormat(LOCALE[lang]);
    expect(byKey.posts).toBe(number.format(summary.posts));
    expect(byKey.contributors).toBe(number.format(summary.contributors));
    expect(byKey.engagement).toBe(number.format(summary.engagement));
    expect(byKey.cities).toBe(number.format(knownCities));
    expect(byKey.reach).toBe(said(summary.reach, lang));
    expect(byKey.impressions).toBe(said(summary.impressions, lang));
    const paragraph = (await page.textContent('#report-summary')) ?? '';
    expect(paragraph).toContain('#SocMed4SocGood');
    expect(paragraph).toMatch(lang === 'id' ? /^Antara \d+ Januari dan \d+ Februari 2015, / : /^Between \d+ January and \d+ February 2015, /);
    // One click away: every figure points at its footnote, which defines it in the page's language.
    for (const f of figures) {
      expect(f.href).toBe(`#def-${f.figure}`);
      const note = (await page.textContent(f.href)) ?? '';
      expect(note.length).toBeGreaterThan(20);
    }
    const notes = await page.$$eval('#report-notes li', (items) => items.map((li) => li.id));
    expect(notes).toEqual([...new Set(figures.map((f) => `def-${f.figure}`))]);
    expect(await page.textContent('#def-reach')).toMatch(lang === 'id' ? /^Jangkauan: / : /^Reach: /);
    // The sections a sponsor reads: contributors with their platform, platforms, sentiment, hashtags, cities × topics.
    for (const id of ['report-contributors-table', 'report-platforms-table', 'report-sentiment-table', 'report-hashtags-table', 'report-city-topic-table'])
      expect(await page.$$eval(`#${id} tbody tr`, (rows) => rows.length), id).toBeGreaterThan(0);
    expect(await page.$$eval('#report-contributors-table tbody tr td:nth-child(2)', (cells) => cells.every((c) => (c.textContent ?? '').trim() !== ''))).toBe(
      true,
    );
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/report-desktop-${lang}.png` });
    await close();
  });

  it.each(['en', 'id'] as const)(
    'says per city who went on to post after the workshops, from the API figures, counts only through a share link (%s)',
    async (lang) => {
      type City = { city: string; name: string; participants: number; active: number; activationRate: number };
      const { cities } = await json<{ cities: City[] }>(await e2e.svc.api(`/api/v1/campaigns/${demo}/metrics/workshops?window=30&by=city`), 200);
      const { workshops } = await json<{ workshops: Array<{ name: string; participants: number }> }>(
        await e2e.svc.api(`/api/v1/campaigns/${demo}/metrics/workshops?window=30`),
        200,
      );
      // The demo's six workshops have participants whose X handles are demo authors': real figures, not zeros.
      expect(cities).toHaveLength(6);
      expect(cities.every((c) => c.participants > 0 && c.active > 0 && c.active <= c.participants)).toBe(true);
      const n = (x: number) => new Intl.NumberFormat(LOCALE[lang]).format(x);
      const pct = (x: number) => new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 2 }).format(x);
      const expected = cities.map((c) =>
        lang === 'en'
          ? `Of ${n(c.participants)} participants in ${c.name}, ${n(c.active)} posted within 30 days: ${pct(c.activationRate)}`
          : `Dari ${n(c.participants)} peserta di ${c.name}, ${n(c.active)} memposting dalam 30 hari: ${pct(c.activationRate)}`,
      );
      const { link } = await json<{ link: { url: string } }>(
        await e2e.svc.api(`/api/v1/campaigns/${demo}/share-links`, {
          method: 'POST',
          json: { label: 'Sponsor', expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) },
        }),
        201,
      );
      const first = await json<{ participants: Array<{ name: string; accounts: Array<{ handle: string }> }> }>(
        await e2e.svc.api(`/api/v1/campaigns/${demo}/workshops/demo-ws-kupang/participants`),
        200,
      );
      for (const path of [undefined, new URL(link.url).pathname]) {
        const { page, problems, close } = await openReport(lang, VIEWPORTS.desktop, path);
        expect(await page.$$eval('#report-activation li', (lis) => lis.map((li) => li.textContent))).toEqual(expected);
        expect(await page.$$eval('#report-workshops-table tbody tr', (rows) => rows.length)).toBe(workshops.length);
        const section = (await page.textContent('#report-workshops')) ?? '';
        for (const p of first.participants.slice(0, 10)) {
          expect(section).not.toContain(p.name);
          for (const a of p.accounts) expect(section).not.toContain(a.handle);
        }
        expect(problems.pageErrors).toEqual([]);
        if (path === undefined) await page.locator('#report-workshops').screenshot({ path: `${ARTIFACTS}/report-workshops-${lang}.png` });
        await close();
      }
    },
  );

  it.each(['id', 'en'] as const)('prints on A4 in at most 4 pages, with page numbers and a running header, every table whole (%s)', async (lang) => {
    // A4's width less the page margins (210 − 2 × 12 mm) at 96 px per inch: the layout print gets.
    const { page, close } = await openReport(lang, { width: 703, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    const cut = await page.evaluate(() => {
      const right = document.querySelector('#report')!.getBoundingClientRect().right;
      return Array.from(document.querySelectorAll('#report table'))
        .filter((table) => table.getBoundingClientRect().right > right + 1 || table.scrollWidth > table.clientWidth + 1)
        .map((table) => table.id || table.className);
    });
    expect(cut).toEqual([]);
    // Every topic keeps its column, named in the page's language.
    const matrix = await json<{ cols: string[] }>(await e2e.svc.api(`/api/v1/campaigns/${demo}/metrics/matrix?rows=city&cols=topic&value=posts`), 200);
    expect(await page.$$eval('#report-city-topic-table thead th', (ths) => ths.length)).toBe(matrix.cols.length + 2);
    // The running header and the page numbers: @page margin boxes with the campaign's name and the reader's words.
    const frame = await page.evaluate(() =>
      Array.from(document.styleSheets)
        .flatMap((sheet) => Array.from(sheet.cssRules))
        .filter((rule) => rule instanceof CSSPageRule)
        .map((rule) => rule.cssText)
        .join('\n'),
    );
    expect(frame).toContain('Social Media for Social Good 2015');
    expect(frame).toMatch(lang === 'id' ? /"Halaman " counter\(page\) " dari " counter\(pages\)/ : /"Page " counter\(page\) " of " counter\(pages\)/);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    await close();
  });

  it.each(['id', 'en'] as const)('on a 360 px phone draws the charts at the screen width and stacks every table into cards (%s)', async (lang) => {
    const { page, close } = await openReport(lang, VIEWPORTS.phone);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const widths = await page.$$eval('.report-chart img', (imgs) => imgs.map((img) => img.getBoundingClientRect().width));
    expect(widths.length).toBe(2);
    for (const w of widths) expect(w).toBeGreaterThan(VIEWPORTS.phone.width * 0.8);
    const stacked = await page.evaluate(() =>
      Array.from(document.querySelectorAll('#report table.stack')).map((table) => {
        const row = table.querySelector('tbody tr');
        const cell = table.querySelector('tbody td');
        return {
          id: table.id,
          row: row ? getComputedStyle(row).display : 'none',
          label: cell ? getComputedStyle(cell, '::before').content : 'none',
          header: getComputedStyle(table.querySelector('thead')!).position,
        };
      }),
    );
    expect(stacked.length).toBeGreaterThanOrEqual(5);
    for (const t of stacked) {
      expect(t.row, t.id).toBe('block');
      expect(t.label, t.id).not.toBe('none');
      // The header row is still there for a screen reader, out of sight.
      expect(t.header, t.id).toBe('absolute');
    }
    await page.screenshot({ path: `${ARTIFACTS}/report-phone-${lang}.png` });
    await page.locator('#report-city-topic').screenshot({ path: `${ARTIFACTS}/report-phone-city-topic-${lang}.png` });
    await page.locator('#report-workshops').screenshot({ path: `${ARTIFACTS}/report-phone-workshops-${lang}.png` });
    await close();
  });

  it('offers a PDF through the browser print and the charts as PNG share images', async () => {
    const { page, close } = await openReport('id', VIEWPORTS.desktop);
    expect((await page.textContent('#print'))?.trim()).toBe('Unduh PDF');
    const printed = await page.evaluate(() => {
      let asked = 0;
      window.print = () => void asked++;
      document.querySelector<HTMLButtonElement>('#print')!.click();
      return asked;
    });
    expect(printed).toBe(1);
    const download = page.waitForEvent('download');
    await page.click('#report-share-images button[data-chart="by-city"]');
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${demo}-by-city.png`);
    const path = await file.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path).subarray(1, 4).toString('latin1')).toBe('PNG');
    await close();
  });
});

/** The smallest PNG: one transparent pixel. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>');

describe("the organisation's logo and the report's header", { timeout: 120_000 }, () => {
  const logoPath = `/api/v1/campaigns/${demo}/logo`;
  const upload = (body: Buffer, type: string, lang: Lang = 'en') =>
    e2e.svc.api(logoPath, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': type, 'accept-language': lang } });

  it('refuses what is not a PNG, JPEG or WebP, or is over 200 KB, naming the field in the caller language, and stores nothing', async () => {
    for (const lang of ['en', 'id'] as const) {
      const svg = await json<{ error: { code: string; message: string; details: Array<{ field: string; message: string }> } }>(
        await upload(SVG, 'image/svg+xml', lang),
        400,
      );
      expect(svg.error.details.map((d) => d.field)).toEqual(['logo']);
      expect(svg.error.message).toBe(
        lang === 'id'
          ? 'Logo harus berupa gambar PNG, JPEG, atau WebP (SVG tidak diterima).'
          : 'The logo must be a PNG, JPEG or WebP image (SVG is not accepted).',
      );
      // The declared type does not make it an image: the bytes do.
      await json(await upload(SVG, 'image/png', lang), 400);
      const big = Buffer.concat([PNG, Buffer.alloc(200 * 1024)]);
      const tooLarge = await json<{ error: { message: string; details: Array<{ field: string }> } }>(await upload(big, 'image/png', lang), 413);
      expect(tooLarge.error.details.map((d) => d.field)).toEqual(['logo']);
      expect(tooLarge.error.message).toMatch(lang === 'id' ? /^Logo lebih besar dari 200 KB/ : /^The logo is larger than 200 KB/);
    }
    await json(await e2e.svc.api(logoPath), 404);
    const { campaign } = await json<{ campaign: { logo?: unknown } }>(await e2e.svc.api(`/api/v1/campaigns/${demo}`), 200);
    expect(campaign.logo ?? null).toBeNull();
  });

  it('stores a PNG, serves it with its type and nosniff to a share link too, and shows it with the organisation in the report', async () => {
    const stored = await json<{ campaign: { logo: { contentType: string; size: number } } }>(await upload(PNG, 'application/octet-stream'), 200);
    expect(stored.campaign.logo).toMatchObject({ contentType: 'image/png', size: PNG.length });
    await json(
      await e2e.svc.api(`/api/v1/campaigns/${demo}`, { method: 'PATCH', json: { organisation: 'Yayasan Literasi Digital', preparedFor: 'Bank Nusantara' } }),
      200,
    );
    const res = await e2e.svc.api(logoPath);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);

    const { link } = await json<{ link: { url: string; token: string } }>(
      await e2e.svc.api(`/api/v1/campaigns/${demo}/share-links`, {
        method: 'POST',
        json: { label: 'Bank Nusantara', expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) },
      }),
      201,
    );
    const asLink = await e2e.svc.api(logoPath, { token: link.token });
    expect(asLink.status).toBe(200);
    expect(asLink.headers.get('content-type')).toBe('image/png');
    // A link reads; it does not change.
    expect((await e2e.svc.api(logoPath, { method: 'DELETE', token: link.token })).status).toBe(403);

    const { page, problems, close } = await openReport('id', VIEWPORTS.desktop, new URL(link.url).pathname);
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('#report-logo')?.src.startsWith('data:image/png'));
    expect(await page.textContent('#report-org')).toContain('Yayasan Literasi Digital');
    expect(await page.textContent('#report-prepared-for')).toBe('Disiapkan untuk Bank Nusantara');
    expect(problems.pageErrors).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/report-header-id.png` });
    await close();

    await json(await e2e.svc.api(logoPath, { method: 'DELETE' }), 200);
    await json(await e2e.svc.api(logoPath), 404);
  });

  it('sets the organisation, the prepared-for and the logo from the settings page', async () => {
    const context = await e2e.browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(new URL(`/settings.html?id=${demo}#token=${TEST_TOKEN}`, e2e.svc.url).href);
    await page.waitForSelector('#branding-form');
    await page.fill('#b-organisation', 'Relawan TIK');
    await page.fill('#b-prepared-for', 'Kementerian Kominfo');
    await page.click('#branding-save');
    await page.waitForSelector('#branding-status:has-text("saved")');
    await page.setInputFiles('#b-logo', { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: SVG });
    await page.click('#branding-logo-upload');
    await page.waitForSelector('#b-logo-error:not([hidden])');
    expect(await page.textContent('#b-logo-error')).toBe('is not a PNG, JPEG or WebP image');
    await page.setInputFiles('#b-logo', { name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await page.click('#branding-logo-upload');
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('#branding-logo')?.src.startsWith('data:image/png'));
    const { campaign } = await json<{ campaign: { organisation: string; preparedFor: string; logo: { contentType: string } } }>(
      await e2e.svc.api(`/api/v1/campaigns/${demo}`),
      200,
    );
    expect(campaign).toMatchObject({ organisation: 'Relawan TIK', preparedFor: 'Kementerian Kominfo', logo: { contentType: 'image/png' } });
    await page.locator('#branding').screenshot({ path: `${ARTIFACTS}/settings-branding-en.png` });
    await context.close();
  });
});
