/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { screenshot, serviceAndBrowser, watchPage } from '../helpers/browser.js';
import { TEST_TOKEN } from '../helpers/service.js';

/**
 * Defects people met on the dashboard (issue: a dashboard a participant reads on a phone): the
 * topic editor, daily charts, chart sizes, the heat map's labels and the filter menus.
 */

const e2e = serviceAndBrowser({ demo: true });

async function open(path: string, opts: { width?: number; lang?: 'en' | 'id' } = {}) {
  const width = opts.width ?? 1366;
  const context = await e2e.browser.newContext({ viewport: { width, height: width < 500 ? 740 : 900 }, locale: opts.lang === 'id' ? 'id-ID' : 'en-US' });
  const page = await context.newPage();
  const problems = watchPage(page, e2e.svc.url);
  await page.goto(new URL(`${path}#token=${TEST_TOKEN}`, e2e.svc.url).href);
  return { page, problems, close: () => context.close() };
}

const drawn = (page: Page) =>
  page.waitForFunction(() => document.querySelectorAll('.chart-card canvas').length > 0 && !document.querySelector('.chart-card[aria-busy]'));

/** A campaign that runs from ten days ago to twenty days ahead, with three posts from one city under one hashtag. */
async function runningCampaign(): Promise<{ id: string; today: string }> {
  const zone = 'Asia/Jakarta';
  const now = DateTime.now().setZone(zone);
  const res = await e2e.svc.api('/api/v1/campaigns', {
    method: 'POST',
    json: {
      name: 'Berjalan',
      hashtags: ['#Berjalan'],
      timeZone: zone,
      startsAt: now.minus({ days: 10 }).startOf('day').toISO(),
      endsAt: now.plus({ days: 20 }).startOf('day').toISO(),
      sources: [{ type: 'import' }],
    },
  });
  expect(res.status).toBe(201);
  const { campaign } = (await res.json()) as { campaign: { id: string } };
  const at = (days: number) => now.minus({ days, hours: 1 }).toFormat('yyyy-MM-dd HH:mm');
  const csv = [
    'platform,post_id,created_at,text,author_id,city,likes',
    `instagram,a1,${at(3)},Satu #Berjalan,u1,73.71,4`,
    `instagram,a2,${at(2)},Dua #Berjalan,u2,73.71,9`,
    `instagram,a3,${at(1)},Tiga #Berjalan,u3,73.71,1`,
  ].join('\n');
  const imported = await e2e.svc.api(`/api/v1/campaigns/${campaign.id}/import`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
  expect(imported.status).toBe(200);
  expect(((await imported.json()) as { imported: number }).imported).toBe(3);
  return { id: campaign.id, today: now.toISODate()! };
}

describe('the topic editor', () => {
  it('starts a new campaign with the default topics, by their Indonesian names, and keeps them when one is added', async () => {
    const defaults = ((await (await e2e.svc.api('/api/v1/topics/defaults')).json()) as { topics: Record<string, string[]> }).topics;
    expect(Object.keys(defaults).length).toBeGreaterThan(3);
    const { page, problems, close } = await open('/settings.html', { lang: 'id' });
    await page.waitForSelector('html[lang="id"] #campaign-form');
    const names = await page.$$eval('.topic-name', (els) => els.map((e) => (e as HTMLInputElement).value));
    expect(names).toContain('Lingkungan');
    expect(names).toContain('Pendidikan');
    expect(names).toHaveLength(Object.keys(defaults).length);

    await page.fill('#s-name', 'Topik sendiri');
    await page.fill('#s-hashtags', '#TopikSendiri');
    await page.click('#topic-add');
    await page.fill('.topic-row:last-child .topic-name', 'kesehatan');
    await page.fill('.topic-row:last-child .topic-words', 'sehat, puskesmas');
    await page.click('#save');
    await page.waitForURL(/settings\.html\?id=/);
    const id = new URL(page.url()).searchParams.get('id')!;
    const { campaign } = (await (await e2e.svc.api(`/api/v1/campaigns/${id}`)).json()) as { campaign: { topics: Record<string, string[]> } };
    expect(campaign.topics).toEqual({ ...defaults, kesehatan: ['sehat', 'puskesmas'] });
    expect(problems.pageErrors).toEqual([]);
    await close();
  });
});

describe('daily charts', () => {
  it('end at today for a running campaign, with no invented days, and draw each day as a bar', async () => {
    const { id, today } = await runningCampaign();
    const series = (await (await e2e.svc.api(`/api/v1/campaigns/${id}/metrics/timeseries?interval=day`)).json()) as {
      points: Array<{ bucket: string; posts: number }>;
    };
    expect(series.points.at(-1)!.bucket).toBe(today);
    expect(series.points).toHaveLength(11);
    expect(series.points.reduce((a, p) => a + p.posts, 0)).toBe(3);

    const { page, close } = await open(`/campaign.html?id=${id}`);
    await drawn(page);
    const config = await page.$eval('#card-posts-over-time canvas', (c) => {
      const chart = (
        window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { config: { type: string; data: { labels: unknown[] } } } } }
      ).Chart.getChart(c as HTMLCanvasElement);
      return { type: chart.config.type, days: chart.config.data.labels.length };
    });
    expect(config).toEqual({ type: 'bar', days: 11 });

    // One city and one hashtag: a short bar card and a small ring, not a whole card each.
    const height = (sel: string) => page.$eval(sel, (e) => e.getBoundingClientRect().height);
    expect(await height('#card-by-city .chart-box')).toBeLessThanOrEqual(100);
    expect(await height('#card-share-of-voice .chart-box')).toBeLessThanOrEqual(170);
    await screenshot(page, 'overview-running-1366-en');
    await close();
  });
});

describe('layout at 1366 px', () => {
  for (const lang of ['en', 'id'] as const) {
    it(`shows every filter menu's text in full and the heat map's column names apart (${lang})`, async () => {
      const { page, close } = await open(`/campaign.html?id=${DEMO_CAMPAIGN_ID}`, { lang });
      await drawn(page);
      await page.waitForSelector('#f-city:not([disabled])');
      const cut = await page.$$eval('.filters select', (selects) =>
        selects.flatMap((s) => {
          const select = s as HTMLSelectElement;
          const style = getComputedStyle(select);
          const ctx = document.createElement('canvas').getContext('2d')!;
          ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const text = select.options[select.selectedIndex]?.text ?? '';
          // Room for the text: the box less its padding and the arrow.
          const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
          return ctx.measureText(text).width > room ? [`${select.id}: "${text}" needs ${Math.ceil(ctx.measureText(text).width)} px, has ${room}`] : [];
        }),
      );
      expect(cut).toEqual([]);

      const overlaps = await page.$eval('#card-city-topic canvas', (c) => {
        type Item = { label: string | string[]; font: { string: string; lineHeight: number }; options: { rotation: number } };
        const chart = (
          window as unknown as {
            Chart: {
              getChart(c: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; scales: { x: { getLabelItems(): Item[]; getPixelForTick(i: number): number } } };
            };
          }
        ).Chart.getChart(c as HTMLCanvasElement);
        const x = chart.scales.x;
        const items = x.getLabelItems();
        const out: string[] = [];
        for (let i = 0; i < items.length; i++) {
          const item = items[i]!;
          const lines = Array.isArray(item.label) ? item.label : [item.label];
          chart.ctx.font = item.font.string;
          const width = Math.max(...lines.map((l) => chart.ctx.measureText(l).width));
          const height = item.font.lineHeight * lines.length;
          const rot = item.options.rotation;
          // How much of the axis the label covers, and how much room its column has.
          const extent = Math.abs(Math.cos(rot)) * width + Math.abs(Math.sin(rot)) * height;
          const room = items.length > 1 ? Math.abs(x.getPixelForTick(1) - x.getPixelForTick(0)) : Infinity;
          if (extent > room + 0.5) out.push(`${lines.join(' ')}: ${Math.round(extent)} px in ${Math.round(room)}`);
        }
        return out;
      });
      expect(overlaps).toEqual([]);
      await screenshot(page, `overview-demo-1366-${lang}`);
      await close();
    });
  }
});
