/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CollectionRun } from '../../src/domain/campaign.js';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { horizontalOverflow, screenshot, serviceAndBrowser, watchPage } from '../helpers/browser.js';
import { TEST_TOKEN } from '../helpers/service.js';

/**
 * The dashboard's forms and its designed states in headless Chromium: campaign settings with the
 * API's validation messages, imports, hostile post text, a failed source, an empty campaign and
 * an API error.
 */

const e2e = serviceAndBrowser({ demo: true });

async function open(path: string, viewport = { width: 1280, height: 900 }) {
  const context = await e2e.browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  const problems = watchPage(page, e2e.svc.url);
  await page.goto(new URL(`${path}#token=${TEST_TOKEN}`, e2e.svc.url).href);
  return { page, problems, close: () => context.close() };
}

async function createCampaign(body: Record<string, unknown>): Promise<string> {
  const res = await e2e.svc.api('/api/v1/campaigns', { method: 'POST', json: { startsAt: '2015-01-01T00:00:00+07:00', ...body } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { campaign: { id: string } }).campaign.id;
}

const fieldError = (page: Page, field: string) => page.textContent(`#err-${field}`);

describe('campaign settings', () => {
  it('shows the API’s message next to a bad hashtag, then creates the campaign once it is fixed', async () => {
    const bad = { name: 'Literasi Digital Kupang', hashtags: ['#SocMed4SocGood', '#bad-tag'] };
    const apiAnswer = (await (await e2e.svc.api('/api/v1/campaigns', { method: 'POST', json: bad })).json()) as {
      error: { details: Array<{ field: string; message: string }> };
    };
    const detail = apiAnswer.error.details.find((d) => d.field === 'hashtags.1')!;
    expect(detail).toBeDefined();

    const { page, problems, close } = await open('/settings.html', { width: 360, height: 740 });
    await page.waitForSelector('#campaign-form');
    await page.fill('#s-name', bad.name);
    await page.fill('#s-hashtags', bad.hashtags.join(' '));
    await page.fill('#s-cities-search', 'kupang');
    await page.click('#city-results button >> nth=0');
    await page.click('#save');
    await page.waitForSelector('#err-hashtags:not([hidden])');
    expect(await fieldError(page, 'hashtags')).toContain(detail.message);
    expect(await fieldError(page, 'hashtags')).toContain('#bad-tag');
    expect(await page.getAttribute('#s-hashtags', 'aria-invalid')).toBe('true');
    expect(await page.isHidden('#err-name')).toBe(true);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'settings-error-phone-en');

    await page.fill('#s-hashtags', '#SocMed4SocGood #LiterasiDigital');
    // Days in the campaign's zone become instants with its offset; the last day is included.
    await page.fill('#s-startsAt', '2015-01-13');
    await page.fill('#s-endsAt', '2015-02-09');
    await page.selectOption('#s-timeZone', 'Asia/Makassar');
    await page.click('#save');
    await page.waitForURL(/settings\.html\?id=/);
    await page.waitForSelector('#collect');
    expect(await page.textContent('#save-status')).toBe('Saved.');
    const id = new URL(page.url()).searchParams.get('id')!;
    const { campaign } = (await (await e2e.svc.api(`/api/v1/campaigns/${id}`)).json()) as {
      campaign: { name: string; hashtags: string[]; cities: string[]; startsAt: string; endsAt: string };
    };
    expect(campaign).toMatchObject({ name: bad.name, hashtags: ['#SocMed4SocGood', '#LiterasiDigital'], cities: ['53.71'], timeZone: 'Asia/Makassar' });
    expect(Date.parse(campaign.startsAt)).toBe(Date.parse('2015-01-13T00:00:00+08:00'));
    expect(Date.parse(campaign.endsAt)).toBe(Date.parse('2015-02-10T00:00:00+08:00'));
    // The saved form shows the same days again.
    expect(await page.inputValue('#s-startsAt')).toBe('2015-01-13');
    expect(await page.inputValue('#s-endsAt')).toBe('2015-02-09');
    expect(problems.pageErrors).toEqual([]);
    await close();
  });

  it('offers the server’s sources, saying which lack credentials and what to set, and saves the ones ticked', async () => {
    const { sources } = (await (await e2e.svc.api('/api/v1/sources')).json()) as { sources: Array<{ type: string; setup: string | null }> };
    const { page, problems, close } = await open('/settings.html');
    await page.waitForSelector('#campaign-form');
    const shown = await page.$$eval('.source-choice', (els) =>
      els.map((e) => ({
        type: e.getAttribute('data-source'),
        setup: e.querySelector('.source-setup')?.textContent ?? null,
        flagged: e.querySelector('.badge') !== null,
        describedBy: e.querySelector('input')?.getAttribute('aria-describedby') ?? null,
      })),
    );
    expect(shown).toEqual(
      sources.map((s) => ({ type: s.type, setup: s.setup, flagged: s.setup !== null, describedBy: s.setup === null ? null : `setup-${s.type}` })),
    );
    // This server has no X token: the form says so, in the words of the API.
    expect(shown.find((s) => s.type === 'x')?.setup).toBe('No X credentials on this server: set X_BEARER_TOKEN.');
    await screenshot(page, 'settings-sources-en');

    await page.fill('#s-name', 'Sumber dari server');
    await page.fill('#s-hashtags', '#SumberServer');
    await page.check('#s-source-mastodon');
    await page.check('#s-source-import');
    await page.fill('#s-instances', 'mastodon.social');
    await page.click('#save');
    await page.waitForURL(/settings\.html\?id=/);
    const id = new URL(page.url()).searchParams.get('id')!;
    const { campaign } = (await (await e2e.svc.api(`/api/v1/campaigns/${id}`)).json()) as { campaign: { sources: unknown } };
    expect(campaign.sources).toEqual([{ type: 'mastodon', instances: ['mastodon.social'] }, { type: 'import' }]);
    await page.waitForSelector('#s-source-import:checked');
    expect(problems.pageErrors).toEqual([]);
    await close();
  });

  it('collects now and imports a file, showing the rejected rows by number', async () => {
    const id = await createCampaign({ name: 'Import dari Instagram', hashtags: ['#SocMed4SocGood'], sources: [{ type: 'import' }] });
    const { page, problems, close } = await open(`/settings.html?id=${id}`);
    await page.waitForSelector('#runs');
    await page.click('#collect');
    await page.waitForFunction(() => /Queued|No source/.test(document.getElementById('collect-result')?.textContent ?? ''));
    expect(await page.textContent('#collect-result')).toContain('No source to collect from');

    const csv = [
      'platform,post_id,created_at,text,author_id,likes',
      'instagram,p1,2015-01-20 10:00,Workshop #SocMed4SocGood,ig-1,10',
      'instagram,p2,2015-01-20 11:00,Tanpa tagar,ig-2,3',
      'instagram,p3,2015-01-20 12:00,Lagi #SocMed4SocGood,ig-3,lots',
    ].join('\n');
    await page.setInputFiles('#import-file', { name: 'posts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('#import-check');
    await page.waitForSelector('#import-preview');
    expect(await page.textContent('#import-preview-summary')).toBe('3 rows read · 1 can be imported · 2 with problems');
    await page.click('#import-confirm');
    await page.waitForSelector('#import-result .import-result');
    expect(await page.textContent('#import-result')).toContain('1 imported');
    const rows = await page.$$eval('#import-rejected tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (td) => td.textContent)));
    expect(rows.map((r) => r[0])).toEqual(['3', '4']);
    expect(rows[1]![1]).toMatch(/^likes/);
    await page.waitForSelector('#runs td >> text=import');
    expect(problems.consoleErrors).toEqual([]);
    await close();
  });
});

describe('designed states', () => {
  it('shows a post written as HTML as text, in the overview and the report, and runs none of it', async () => {
    const id = await createCampaign({ name: 'Aman', hashtags: ['#Aman'] });
    const hostile = '<img src=x onerror=alert(1)>';
    const res = await e2e.svc.api(`/api/v1/campaigns/${id}/import`, {
      method: 'POST',
      json: [
        {
          platform: 'instagram',
          post_id: 'xss',
          url: 'javascript:alert(2)',
          created_at: '2015-01-20T10:00:00+07:00',
          text: `${hostile} #Aman`,
          author_id: 'x1',
          author_name: '<script>alert(3)</script>',
          likes: 5,
        },
      ],
    });
    const imported = (await res.json()) as { imported: number; rejected: Array<{ error: string }> };
    // A javascript: link is refused by the import itself; the same row without it goes in.
    if (imported.imported === 0) {
      const again = await e2e.svc.api(`/api/v1/campaigns/${id}/import`, {
        method: 'POST',
        json: [
          {
            platform: 'instagram',
            post_id: 'xss',
            created_at: '2015-01-20T10:00:00+07:00',
            text: `${hostile} #Aman`,
            author_id: 'x1',
            author_name: '<script>alert(3)</script>',
            likes: 5,
          },
        ],
      });
      expect(((await again.json()) as { imported: number }).imported).toBe(1);
    }
    await e2e.svc.idle();

    for (const path of [`/campaign.html?id=${id}`, `/report.html?id=${id}`]) {
      const { page, problems, close } = await open(path);
      await page.waitForSelector('.posts .post-text');
      expect(await page.textContent('.posts .post-text')).toBe(`${hostile} #Aman`);
      // The import takes the author id as the handle when none is given.
      expect(await page.textContent('.posts .author')).toBe('<script>alert(3)</script> @x1');
      expect(await page.$('.posts img, .posts script')).toBeNull();
      expect(await page.$('a[href^="javascript:"]')).toBeNull();
      await page.waitForTimeout(200);
      expect(problems.dialogs).toEqual([]);
      expect(problems.pageErrors).toEqual([]);
      await close();
    }
  });

  it('warns about a failed source on the campaign list, the overview and the settings', async () => {
    const id = await createCampaign({ name: 'Sumber gagal', hashtags: ['#Gagal'], sources: [{ type: 'x' }] });
    const error = 'The X token was refused (HTTP 401): check X_BEARER_TOKEN';
    const run: CollectionRun = {
      id: 'run-failed',
      campaignId: id,
      source: 'x',
      kind: 'collect',
      jobId: 'collect.failed',
      status: 'failed',
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
      pages: 0,
      postsRead: 0,
      usersRead: 0,
      newPosts: 0,
      updatedPosts: 0,
      error,
      notes: [],
    };
    await e2e.svc.rt.store.saveRun(run);

    const { page, close } = await open('/');
    await page.waitForSelector('.campaigns');
    const card = page.locator('.campaign', { hasText: 'Sumber gagal' });
    expect(await card.locator('.warning').textContent()).toContain(error);
    expect(await card.locator('.badge.failed').count()).toBe(1);

    await page.goto(new URL(`/campaign.html?id=${id}`, e2e.svc.url).href);
    await page.waitForSelector('.campaign-head .warning');
    expect(await page.textContent('.campaign-head .warning')).toContain(error);
    // No post yet: the empty panel says what will come and where to act.
    await page.waitForSelector('#empty');
    expect(await page.textContent('#empty')).toContain('#Gagal');
    expect(await page.$('#empty a[href^="/settings.html"]')).not.toBeNull();
    await screenshot(page, 'overview-empty-failed-desktop-en');

    // The settings page says it in the same words, as a warning and not as a list turned into text.
    await page.goto(new URL(`/settings.html?id=${id}`, e2e.svc.url).href);
    await page.waitForSelector('#campaign-form');
    expect(await (await page.$('#main > .warning'))?.textContent()).toContain(error);
    expect(await page.textContent('#main')).not.toContain('[object');
    await close();
  });

  it('shows an API error in the card that failed, and recovers on “Try again”', async () => {
    const { page, close } = await open(`/campaign.html?id=${DEMO_CAMPAIGN_ID}`);
    let failing = true;
    await page.route('**/metrics/summary**', (route) =>
      failing
        ? route.fulfill({
            status: 500,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged.', details: [] } }),
          })
        : route.continue(),
    );
    await page.reload();
    await page.waitForSelector('#kpis .state-box.error');
    expect(await page.textContent('#kpis .state-box.error')).toContain('Something went wrong on our side');
    // The charts do not depend on the summary: they still draw.
    await page.waitForSelector('#card-by-city canvas');
    failing = false;
    await page.click('#kpis .state-box.error button');
    await page.waitForSelector('[data-kpi="posts"]');
    await close();
  });
});
