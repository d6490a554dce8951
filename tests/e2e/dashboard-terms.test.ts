/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { ARTIFACTS, horizontalOverflow, scrollToSection, serviceAndBrowser, watchPage } from '../helpers/browser.js';

/** A phone, and the common laptop width. */
const VIEWPORTS = { phone: { width: 360, height: 740 }, desktop: { width: 1366, height: 900 } } as const;
type ViewportName = keyof typeof VIEWPORTS;
import { TEST_TOKEN } from '../helpers/service.js';

/**
 * The overview's top hashtags (bars with their table) and top words, in both languages and both
 * sizes, under the page's filters, against what metrics/terms answers; and the settings page's
 * campaign words.
 */

const demo = DEMO_CAMPAIGN_ID;

interface TermRow {
  term: string;
  posts: number;
}

const e2e = serviceAndBrowser({ demo: true }, 120_000);

async function terms(kind: string, limit: number, extra = ''): Promise<TermRow[]> {
  const res = await e2e.svc.api(`/api/v1/campaigns/${demo}/metrics/terms?kind=${kind}&limit=${limit}${extra}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { rows: TermRow[] }).rows;
}

async function open(viewport: ViewportName, locale: string, path: string) {
  const context = await e2e.browser.newContext({ viewport: VIEWPORTS[viewport], locale });
  const page = await context.newPage();
  const problems = watchPage(page, e2e.svc.url);
  await page.goto(new URL(`${path}#token=${TEST_TOKEN}`, e2e.svc.url).href);
  return { context, page, problems };
}

describe('top terms on the overview', () => {
  for (const [viewport, locale, heading] of [
    ['phone', 'id-ID', 'Tagar teratas'],
    ['desktop', 'en-US', 'Top hashtags'],
    ['phone', 'en-US', 'Top hashtags'],
    ['desktop', 'id-ID', 'Tagar teratas'],
  ] as const) {
    it(`shows the hashtags as bars with a table, and the words (${viewport}, ${locale})`, async () => {
      const { context, page, problems } = await open(viewport, locale, `/campaign.html?id=${demo}&city=73.71`);
      try {
        await scrollToSection(page, '#terms', '#top-hashtags .term-bars li');
        await page.waitForSelector('#top-hashtags .term-bars li');
        await page.waitForSelector('#top-words .word-list li');
        expect(await page.textContent('#hashtags-title')).toBe(heading);
        const hashtags = await terms('hashtag', 15, '&city=73.71');
        const names = await page.$$eval('#top-hashtags .term-name', (els) => els.map((e) => e.textContent));
        expect(names).toEqual(hashtags.map((r) => `#${r.term}`));
        // The longest bar is the hashtag with the most posts; the others are shorter.
        const widths = await page.$$eval('#top-hashtags .term-fill', (els) => els.map((e) => (e as HTMLElement).getBoundingClientRect().width));
        expect(widths[0]).toBeGreaterThan(0);
        for (const w of widths) expect(w).toBeLessThanOrEqual(widths[0]!);
        // The table alternative holds the same rows.
        await page.click('#top-hashtags details summary');
        const cells = await page.$$eval('#top-hashtags table tbody th', (els) => els.map((e) => e.textContent));
        expect(cells).toEqual(names);
        const words = await terms('word', 30, '&city=73.71');
        const shown = await page.$$eval('#top-words .word-list .word', (els) => els.map((e) => e.textContent));
        expect(shown).toEqual(words.map((r) => r.term));
        expect(await horizontalOverflow(page)).toBe(0);
        const section = await page.$('#terms');
        await section!.screenshot({ path: `${ARTIFACTS}/terms-${viewport}-${locale}.png` });
        expect(problems.consoleErrors).toEqual([]);
        expect(problems.pageErrors).toEqual([]);
        expect(problems.foreignRequests).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

describe('campaign words on the settings page', () => {
  it('saves positive and negative phrases, comma separated, and shows the API’s refusal next to the field', async () => {
    const { context, page, problems } = await open('desktop', 'en-US', `/settings.html?id=${demo}`);
    try {
      await page.waitForSelector('#s-sentimentPositive');
      await page.fill('#s-sentimentPositive', 'lawan hoaks, mantap jiwa');
      await page.fill('#s-sentimentNegative', 'x'.repeat(61));
      await page.click('#save');
      await page.waitForSelector('#err-sentimentWords:not([hidden])');
      expect(await page.textContent('#err-sentimentWords')).toMatch(/60/);
      await page.fill('#s-sentimentNegative', 'kecewa berat');
      await page.click('#save');
      await expect.poll(async () => (await page.textContent('#save-status')) ?? '').not.toBe('');
      const res = await e2e.svc.api(`/api/v1/campaigns/${demo}`);
      const { campaign } = (await res.json()) as { campaign: { sentimentWords: unknown } };
      expect(campaign.sentimentWords).toEqual({ positive: ['lawan hoaks', 'mantap jiwa'], negative: ['kecewa berat'] });
      await page.screenshot({ path: `${ARTIFACTS}/settings-sentiment-words-desktop-en.png`, fullPage: true });
      expect(problems.pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
