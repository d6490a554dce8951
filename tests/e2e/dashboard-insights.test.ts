/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { ARTIFACTS, scrollToSection, serviceAndBrowser, tableText, watchPage } from '../helpers/browser.js';
import { TEST_TOKEN } from '../helpers/service.js';

/**
 * The overview's reading of the numbers: the change since the previous period on the key figures,
 * the spike days on the posts chart and the top connectors, in both languages, on a phone and a
 * laptop, each as the API gives them.
 */

const e2e = serviceAndBrowser({ demo: true });

interface Summary {
  posts: number;
  from: string;
  to: string;
  previous: { posts: number };
}

const CASES = [
  { lang: 'en', width: 360, vs: /vs the previous \d+ days$/ },
  { lang: 'id', width: 360, vs: /dibanding \d+ hari sebelumnya$/ },
  { lang: 'en', width: 1366, vs: /vs the previous \d+ days$/ },
  { lang: 'id', width: 1366, vs: /dibanding \d+ hari sebelumnya$/ },
] as const;

describe('the overview reads the numbers', () => {
  it.each(CASES)(
    'shows the change, the spikes and the connectors ($lang, $width px)',
    async ({ lang, width, vs }) => {
      const context = await e2e.browser.newContext({ viewport: { width, height: 900 }, locale: lang === 'en' ? 'en-US' : 'id-ID' });
      const page = await context.newPage();
      const problems = watchPage(page, e2e.svc.url);
      await page.goto(new URL(`/campaign.html?id=${DEMO_CAMPAIGN_ID}#token=${TEST_TOKEN}`, e2e.svc.url).href);
      await page.waitForSelector(`html[lang="${lang}"] #kpis [data-change="posts"]`);

      // The change in posts, as the API's two periods give it.
      const summary = (await (await e2e.svc.api(`/api/v1/campaigns/${DEMO_CAMPAIGN_ID}/metrics/summary?compare=previous`)).json()) as Summary;
      const change = (await page.locator('#kpis [data-change="posts"]').textContent()) ?? '';
      expect(change).toMatch(vs);
      if (summary.previous.posts > 0) {
        const pct = Math.round((Math.abs(summary.posts - summary.previous.posts) / summary.previous.posts) * 100);
        expect(change.replace(/[\s\u00a0]/g, '')).toContain(`${summary.posts >= summary.previous.posts ? '+' : '−'}${pct}%`);
      }

      // The spike days, in words under the posts chart, one per spike of the API.
      const spikes = (await (await e2e.svc.api(`/api/v1/campaigns/${DEMO_CAMPAIGN_ID}/metrics/spikes?interval=day`)).json()) as { points: unknown[] };
      await page.waitForSelector('#card-posts-over-time canvas');
      if (spikes.points.length > 0) {
        const note = (await page.locator('#card-posts-over-time #spike-note').textContent()) ?? '';
        expect(note.split(';')).toHaveLength(spikes.points.length);
      } else {
        expect(await page.locator('#spike-note').count()).toBe(0);
      }

      // The top connectors: the API's nodes with links, highest degree first.
      await scrollToSection(page, '#connectors', '#connectors table');
      await page.waitForSelector('#connectors table');
      const rows = await tableText(page, '#connectors table');
      const network = (await (await e2e.svc.api(`/api/v1/campaigns/${DEMO_CAMPAIGN_ID}/network?limit=10`)).json()) as {
        nodes: Array<{ handle: string; degree: number }>;
      };
      const linked = network.nodes.filter((n) => n.degree > 0);
      expect(rows.slice(1).map((r) => r[0])).toEqual(linked.map((n) => `@${n.handle.replace(/^@/, '')}`));
      expect(rows.slice(1).map((r) => Number((r[2] ?? '').replace(/\D/g, '')))).toEqual(linked.map((n) => n.degree));

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBe(0);
      await page.screenshot({ path: `${ARTIFACTS}/insights-${lang}-${width}.png`, fullPage: true });
      expect(problems.pageErrors).toEqual([]);
      expect(problems.consoleErrors).toEqual([]);
      await context.close();
      // A whole overview (every chart, the posts, the network) in a browser: slow on a loaded machine, not a measure of speed.
    },
    180_000,
  );
});
