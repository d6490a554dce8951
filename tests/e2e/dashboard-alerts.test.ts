/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventText, whatsAppShareUrl } from '../../src/alerts-text/index.js';
import type { Alert, AlertFacts, AlertInput, Delivery } from '../../src/domain/alerts.js';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { horizontalOverflow, screenshot, serviceAndBrowser, unlabelledControls, watchPage } from '../helpers/browser.js';
import { TEST_TOKEN } from '../helpers/service.js';
import { momentOf, recordStatus } from '../helpers/status-order.js';

/**
 * The alerts section of the settings page (issue 17) in headless Chromium: the latest messages with
 * copy, a wa.me link and the digest's share image; the deliveries with a failing channel and what to
 * do; the rules editor. The alerts API is not on this branch yet, so its four routes are answered by
 * page.route() from the contract's shapes (API.md, src/domain/alerts.ts), with texts written by the
 * real src/alerts-text; everything else (the page, the session, the campaign, the share image) is the
 * real service. Once the API is merged, the same page can be run against it.
 */

const e2e = serviceAndBrowser({ demo: true });

const ID = DEMO_CAMPAIGN_ID;
const NAME = 'Social Media for Social Good 2015 (demo data)';

const digestFacts: AlertFacts = {
  kind: 'digest',
  cadence: 'weekly',
  from: '2015-01-12T00:00:00+07:00',
  to: '2015-01-19T00:00:00+07:00',
  figures: { posts: 1350, contributors: 352, reach: 1_970_000, engagement: 45_678 },
  previous: { posts: 1000, contributors: 400, reach: 0, engagement: 44_000 },
  topPosts: [
    { url: 'https://x.com/budi/status/1', author: '@budi', text: 'Ayo cek fakta sebelum berbagi! <b>bukan tebal</b>', engagement: 1234 },
    { url: 'https://x.com/sari/status/2', author: '@sari', text: 'Workshop literasi digital hari ini seru', engagement: 987 },
    { url: 'https://mastodon.social/@rudi/3', author: '@rudi', text: 'Cek sumber, cek tanggal, cek foto', engagement: 456 },
  ],
  cities: [
    { code: '35.78', name: 'Surabaya', posts: 620 },
    { code: '35.73', name: 'Malang', posts: 210 },
    { code: '31.71', name: 'Jakarta Pusat', posts: 95 },
  ],
};
const spikeFacts: AlertFacts = { kind: 'volume_spike', interval: 'hour', bucket: '2015-01-16T14:00:00+07:00', posts: 240, expected: 30 };
const failingFacts: AlertFacts = { kind: 'source_failing', source: 'x', runs: 3, lastError: 'The platform answered 401: check X_BEARER_TOKEN' };

/** The fake alerts API: its state, and every request it was sent. */
function fakeAlertsApi(serviceUrl: string) {
  const url = new URL(`/campaign.html?id=${ID}`, serviceUrl).href;
  const link = { campaignName: NAME, url };
  const stamp = '2015-01-01T00:00:00.000Z';
  const rule = (id: string, input: AlertInput, enabled = true): Alert => ({ ...input, id, campaignId: ID, enabled, createdAt: stamp, updatedAt: stamp });
  const alerts: Alert[] = [
    rule('al_digest', {
      kind: 'digest',
      params: { cadence: 'weekly', at: '08:00', weekday: 1 },
      channels: [
        { type: 'webhook', url: 'https://hooks.example.org/kabar' },
        { type: 'email', to: ['manager@example.org'] },
      ],
      locale: 'id',
      cooldownMinutes: 60,
    }),
    rule('al_spike', {
      kind: 'volume_spike',
      params: { interval: 'hour', factor: 3 },
      channels: [{ type: 'webhook', url: 'https://old.example.org/gone' }],
      locale: 'id',
      cooldownMinutes: 120,
    }),
    rule(
      'al_fail',
      { kind: 'source_failing', params: { source: 'x', runs: 3 }, channels: [{ type: 'email', to: ['ops@example.org'] }], locale: 'en', cooldownMinutes: 60 },
      false,
    ),
  ];
  const event = (id: string, facts: AlertFacts, when: string, locale: 'id' | 'en') => ({
    id,
    kind: facts.kind,
    at: when,
    text: eventText(facts, locale, link),
    url,
  });
  const events = {
    digest: event('ev_digest', digestFacts, '2015-01-19T08:00:00+07:00', 'id'),
    spike: event('ev_spike', spikeFacts, '2015-01-16T15:05:00+07:00', 'id'),
    failing: event('ev_fail', failingFacts, '2015-01-15T09:30:00+07:00', 'en'),
  };
  const delivery = (id: string, alertId: string, ev: (typeof events)[keyof typeof events], d: Partial<Delivery>): Delivery & { event: typeof ev } => ({
    id,
    eventId: ev.id,
    alertId,
    campaignId: ID,
    channel: 'webhook',
    target: 'https://hooks.example.org',
    attempts: 1,
    outcome: 'delivered',
    createdAt: ev.at,
    updatedAt: ev.at,
    event: ev,
    ...d,
  });
  const deliveries = [
    delivery('dl_1', 'al_digest', events.digest, { deliveredAt: '2015-01-19T01:00:02.000Z' }),
    delivery('dl_2', 'al_digest', events.digest, { channel: 'email', target: 'manager@example.org', deliveredAt: '2015-01-19T01:00:03.000Z' }),
    delivery('dl_3', 'al_spike', events.spike, {
      target: 'https://old.example.org:4430',
      outcome: 'failed',
      lastError: 'The webhook https://old.example.org:4430 answered HTTP 404. Check the address and the receiver; it is not retried.',
    }),
    delivery('dl_4', 'al_fail', events.failing, {
      channel: 'email',
      target: 'ops@example.org',
      outcome: 'retrying',
      attempts: 3,
      lastError: 'connect ECONNREFUSED smtp',
    }),
  ];
  const requests: Array<{ method: string; path: string; body: unknown }> = [];
  let next = 1;

  const handle = async (route: Route) => {
    const req = route.request();
    const path = new URL(req.url()).pathname;
    const body = req.postData() ? (JSON.parse(req.postData()!) as Record<string, unknown>) : undefined;
    requests.push({ method: req.method(), path, body });
    const json = (status: number, data?: unknown) =>
      route.fulfill({ status, contentType: 'application/json', body: data === undefined ? '' : JSON.stringify(data) });
    const base = `/api/v1/campaigns/${ID}/alerts`;
    if (path === `${base}/deliveries` && req.method() === 'GET') return json(200, { deliveries });
    if (path === base && req.method() === 'GET') return json(200, { alerts });
    if (path === base && req.method() === 'POST') {
      const input = body as unknown as AlertInput;
      // A literal private address is refused at creation, naming the field (issue 17).
      const hook = input.channels.findIndex((c) => c.type === 'webhook' && /\/\/(127\.|10\.|localhost)/.test(c.url));
      if (hook >= 0)
        return json(400, {
          error: {
            code: 'validation_failed',
            message: `channels[${hook}].url: must be a public address`,
            details: [{ field: `channels[${hook}].url`, message: 'must be a public address (not loopback, private or link-local)' }],
          },
        });
      const created = rule(`al_new${next++}`, input);
      alerts.push(created);
      return json(201, { alert: created });
    }
    const one = alerts.findIndex((a) => path === `${base}/${a.id}`);
    if (one >= 0 && req.method() === 'PATCH') {
      alerts[one] = { ...alerts[one]!, ...(body as Partial<Alert>) };
      return json(200, { alert: alerts[one] });
    }
    if (one >= 0 && req.method() === 'DELETE') {
      alerts.splice(one, 1);
      return json(204);
    }
    return json(404, { error: { code: 'not_found', message: 'not found', details: [] } });
  };
  return { alerts, deliveries, events, requests, handle };
}

async function open(lang: 'id' | 'en', viewport = { width: 1366, height: 900 }) {
  const context: BrowserContext = await e2e.browser.newContext({ viewport, locale: lang === 'id' ? 'id-ID' : 'en-GB' });
  const page: Page = await context.newPage();
  const problems = watchPage(page, e2e.svc.url);
  const api = fakeAlertsApi(e2e.svc.url);
  await page.route((u) => u.pathname.startsWith(`/api/v1/campaigns/${ID}/alerts`), api.handle);
  await page.goto(new URL(`/settings.html?id=${ID}#token=${TEST_TOKEN}`, e2e.svc.url).href);
  // The section is folded and asks the API for nothing until it is opened.
  await page.waitForSelector('#alerts > summary');
  expect(api.requests).toEqual([]);
  await page.click('#alerts > summary');
  await page.waitForSelector('#alerts .alert-event');
  await page.waitForSelector('#alert-rules .alert-rule');
  return { page, context, problems, api, close: () => context.close() };
}

// A page of this section makes a dozen requests and the machine may be busy: more time than the default 30 s.
describe('the alerts section of the settings page', { timeout: 120_000 }, () => {
  it('shows the latest messages as they will be pasted, with copy, a wa.me link and the digest’s share image', async () => {
    const { page, context, problems, api, close } = await open('en');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.svc.url });
    // Newest first, one per event however many channels it went to.
    const ids = await page.$$eval('#alert-events .alert-event', (els) => els.map((e) => e.getAttribute('data-event-id')));
    expect(ids).toEqual(['ev_digest', 'ev_spike', 'ev_fail']);
    const digest = page.locator('.alert-event[data-event-id="ev_digest"]');
    // The text as written, line breaks kept, markup in a post shown as characters.
    expect(await digest.locator('pre.alert-text').textContent()).toBe(api.events.digest.text);
    expect(api.events.digest.text).toContain('Postingan: *1.350* (+35 %)');
    expect(await page.$$eval('.alert-text b', (b) => b.length)).toBe(0);
    expect(await digest.locator('a.wa-share').getAttribute('href')).toBe(whatsAppShareUrl(api.events.digest.text));
    expect(await digest.locator('a.wa-share').getAttribute('rel')).toContain('noopener');

    await digest.locator('button.alert-copy').click();
    await page.waitForFunction(() => document.querySelector('.alert-event[data-event-id="ev_digest"] .copy-status')?.textContent !== '');
    expect(await digest.locator('.copy-status').textContent()).toBe('Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(api.events.digest.text);

    // The share image of the week before the digest, drawn by the real service, in the page's language.
    const [download, png] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForResponse((r) => r.url().includes('/charts/')),
      digest.locator('button.alert-image').click(),
    ]);
    const pngUrl = new URL(png.url());
    expect(pngUrl.pathname).toBe(`/api/v1/campaigns/${ID}/charts/posts-over-time.png`);
    expect(Object.fromEntries(pngUrl.searchParams)).toEqual({ from: '2015-01-12', to: '2015-01-18', lang: 'en', size: 'square' });
    expect(png.status()).toBe(200);
    expect(download.suggestedFilename()).toBe(`${ID}-posts-over-time-2015-01-12.png`);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    // Only a digest has an image.
    expect(await page.locator('.alert-event[data-event-id="ev_spike"] button.alert-image').count()).toBe(0);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
    await close();
  });

  it('copies with the fallback where the Clipboard API is refused', async () => {
    const { page, close } = await open('id');
    await page.evaluate(() => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
      const w = window as unknown as { copied: string[] };
      w.copied = [];
      document.execCommand = (command: string) => {
        const area = document.activeElement as HTMLTextAreaElement | null;
        w.copied.push(`${command}:${area?.value?.slice(area.selectionStart, area.selectionEnd) ?? ''}`);
        return true;
      };
    });
    const spike = page.locator('.alert-event[data-event-id="ev_spike"]');
    await spike.locator('button.alert-copy').click();
    await page.waitForFunction(() => document.querySelector('.alert-event[data-event-id="ev_spike"] .copy-status')?.textContent !== '');
    expect(await spike.locator('.copy-status').textContent()).toBe('Tersalin.');
    const copied = await page.evaluate(() => (window as unknown as { copied: string[] }).copied);
    expect(copied).toHaveLength(1);
    expect(copied[0]).toBe(`copy:${await spike.locator('pre.alert-text').textContent()}`);
    // The hidden text area is gone again.
    expect(await page.locator('textarea.offscreen').count()).toBe(0);
    await close();
  });

  it('lists each delivery with channel, attempts and outcome, and says what to do about a failing channel', async () => {
    const { page, close } = await open('en');
    const items = page.locator('#alert-deliveries .delivery');
    expect(await items.count()).toBe(4);
    const failed = page.locator('.delivery[data-delivery-id="dl_3"]');
    expect(await failed.locator('.item-title').textContent()).toBe('Webhook failed');
    expect(await failed.textContent()).toContain('https://old.example.org');
    expect(await failed.textContent()).toContain('· 1 attempt');
    expect(await failed.locator('.delivery-advice').textContent()).toBe('The webhook answered 404: check the address.');
    const retrying = page.locator('.delivery[data-delivery-id="dl_4"]');
    expect(await retrying.locator('[data-outcome]').textContent()).toBe('trying again');
    expect(await retrying.textContent()).toContain('3 attempts');
    expect(await retrying.locator('.delivery-advice').textContent()).toContain('SMTP_URL');
    const ok = page.locator('.delivery[data-delivery-id="dl_2"]');
    expect(await ok.locator('[data-outcome]').textContent()).toBe('delivered');
    expect(await ok.locator('.delivery-advice').count()).toBe(0);
    // The failing channels at the top of the section, each with what to do.
    const warnings = await page.$$eval('#alert-failing .failing-channel', (els) => els.map((e) => e.textContent));
    expect(warnings).toEqual([
      'Webhook to https://old.example.org:4430 failedThe webhook answered 404: check the address.',
      'E-mail to ops@example.org is failing, still tryingThe e-mail could not be sent: the operator should check the SMTP_URL and MAIL_FROM settings.',
    ]);
    await close();
  });

  it('edits the rules: lists them in words, adds one with its kind’s parameters, switches one off, deletes one', async () => {
    const { page, api, problems, close } = await open('en', { width: 360, height: 740 });
    const summaries = await page.$$eval('#alert-rules .rule-summary', (els) => els.map((e) => e.textContent));
    expect(summaries).toEqual(['Weekly digest, Monday at 08:00', 'Spike in posts: an hour with 3× the usual', 'X: the last 3 runs fail']);
    expect(await page.locator('.alert-rule[data-alert-id="al_fail"] .badge').textContent()).toBe('off');
    // Each status is announced once the rules show the change.
    await recordStatus(page, '#alert-status', '#alert-rules');

    // The form's fields follow the kind; the weekday only for a weekly digest.
    expect(await page.inputValue('#alert-kind')).toBe('digest');
    await page.selectOption('#alert-p-cadence', 'daily');
    expect(await page.isHidden('#alert-p-weekday')).toBe(true);
    await page.selectOption('#alert-kind', 'negative_share');
    expect(await page.locator('#alert-params input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name))).toEqual(['percent', 'minPosts']);

    // Checked before sending: no channel, a bad address, nothing sent.
    const before = api.requests.length;
    await page.fill('#alert-p-percent', '250');
    await page.click('#alert-add');
    await page.waitForSelector('#alert-error:not([hidden])');
    expect(await page.textContent('#alert-p-percent-error')).toBe('Give a number from 1 to 100.');
    expect(await page.textContent('#alert-webhook-error')).toBe('Give a webhook address or an e-mail address (or both).');
    await page.fill('#alert-p-percent', '40');
    await page.fill('#alert-email', 'manager@example.org, bukan-email');
    await page.click('#alert-add');
    await page.waitForSelector('#alert-email-error:not([hidden])');
    expect(await page.textContent('#alert-email-error')).toBe('“bukan-email” is not an e-mail address.');
    expect(api.requests.length).toBe(before);

    // The API's refusal lands on the field it names, and nothing is added.
    await page.fill('#alert-email', 'manager@example.org');
    await page.fill('#alert-webhook', 'http://127.0.0.1:9/hook');
    await page.click('#alert-add');
    await page.waitForSelector('#alert-webhook-error:not([hidden])');
    expect(await page.textContent('#alert-webhook-error')).toContain('must be a public address');
    expect(api.alerts).toHaveLength(3);

    await page.fill('#alert-webhook', 'https://hooks.example.org/negative');
    await page.fill('#alert-secret', 'short');
    await page.click('#alert-add');
    await page.waitForSelector('#alert-secret-error:not([hidden])');
    expect(await page.textContent('#alert-secret-error')).toBe('At least 16 characters.');
    await page.fill('#alert-secret', 'a-secret-of-24-characters');
    await page.selectOption('#alert-locale', 'id');
    await page.fill('#alert-cooldown', '180');
    await page.click('#alert-add');
    await page.waitForFunction(() => document.querySelectorAll('#alert-rules .alert-rule').length === 4);
    const post = api.requests.filter((r) => r.method === 'POST').at(-1)!;
    expect(post.body).toEqual({
      kind: 'negative_share',
      params: { percent: 40, minPosts: 20 },
      channels: [
        { type: 'webhook', url: 'https://hooks.example.org/negative', secret: 'a-secret-of-24-characters' },
        { type: 'email', to: ['manager@example.org'] },
      ],
      locale: 'id',
      cooldownMinutes: 180,
    });
    expect(await page.textContent('#alert-status')).toBe('Added: Negative posts at 40% or more (of at least 20).');
    expect((await momentOf(page, '#alert-status', 'Added: Negative posts at 40% or more (of at least 20).'))?.region).toContain(
      'Negative posts at 40% or more',
    );
    await screenshot(page, 'alerts-rules-phone-en');

    // Switch off, then delete after asking.
    await page.click('.alert-rule[data-alert-id="al_spike"] .alert-toggle');
    await page.waitForSelector('.alert-rule[data-alert-id="al_spike"].paused');
    const switchedOff = 'Switched off: Spike in posts: an hour with 3× the usual.';
    await page.waitForFunction((t) => document.getElementById('alert-status')?.textContent === t, switchedOff);
    expect((await momentOf(page, '#alert-status', switchedOff))?.region).toContain('3× the usual off');
    expect(api.requests.find((r) => r.method === 'PATCH')).toEqual({
      method: 'PATCH',
      path: `/api/v1/campaigns/${ID}/alerts/al_spike`,
      body: { enabled: false },
    });
    await page.click('.alert-rule[data-alert-id="al_digest"] .confirm-action button.danger');
    await page.click('.alert-rule[data-alert-id="al_digest"] .confirm button.danger-solid');
    await page.waitForFunction(() => !document.querySelector('.alert-rule[data-alert-id="al_digest"]'));
    const deleted = 'Deleted: Weekly digest, Monday at 08:00.';
    await page.waitForFunction((t) => document.getElementById('alert-status')?.textContent === t, deleted);
    const deletedMoment = await momentOf(page, '#alert-status', deleted);
    expect(deletedMoment?.region).toContain('X: the last 3 runs fail');
    expect(deletedMoment?.region).not.toContain('Weekly digest');
    expect(api.requests.some((r) => r.method === 'DELETE' && r.path.endsWith('/alerts/al_digest'))).toBe(true);
    expect(api.alerts.map((a) => a.id)).toEqual(['al_spike', 'al_fail', 'al_new1']);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems.pageErrors).toEqual([]);
    await close();
  });

  it('is shown to managers only: a viewer of the campaign sees none of it and its page asks nothing of the alerts API', async () => {
    const email = 'alerts-viewer@example.org';
    const password = 'alerts-viewer-password-0123';
    expect((await e2e.svc.api('/api/v1/users', { method: 'POST', json: { email, name: 'Vina', role: 'viewer', password } })).status).toBe(201);
    expect((await e2e.svc.api(`/api/v1/campaigns/${ID}/members`, { method: 'POST', json: { email, own: false } })).status).toBe(202);
    const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    // The context's own requests share its cookies: this signs the page in as the viewer.
    expect((await context.request.post(new URL('/api/v1/session', e2e.svc.url).href, { data: { email, password } })).status()).toBe(200);
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith(`/api/v1/campaigns/${ID}/alerts`)) asked.push(r.url());
    });
    await page.goto(new URL(`/settings.html?id=${ID}`, e2e.svc.url).href);
    await page.waitForSelector('#who');
    await page.waitForSelector('main h1');
    expect(await page.textContent('#who')).toBe('Vina');
    expect(await page.locator('#alerts').count()).toBe(0);
    expect(asked).toEqual([]);
    await context.close();
  });

  for (const lang of ['id', 'en'] as const) {
    for (const [name, viewport] of [
      ['phone', { width: 360, height: 740 }],
      ['desktop', { width: 1366, height: 900 }],
    ] as const) {
      it(`reads well in ${lang} on a ${name} (${viewport.width} px): no sideways scroll, every control named`, async () => {
        const { page, problems, close } = await open(lang, viewport);
        await page.locator('#alerts').scrollIntoViewIfNeeded();
        expect(await page.textContent('#alerts-title')).toBe(lang === 'id' ? 'Peringatan dan ringkasan' : 'Alerts and digests');
        expect(await page.textContent('.alert-event[data-event-id="ev_digest"] button.alert-copy')).toBe(lang === 'id' ? 'Salin' : 'Copy');
        expect(await page.textContent('.alert-rule[data-alert-id="al_digest"] .rule-summary')).toBe(
          lang === 'id' ? 'Ringkasan mingguan, Senin pukul 08:00' : 'Weekly digest, Monday at 08:00',
        );
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        expect(await unlabelledControls(page)).toEqual([]);
        expect(problems.pageErrors).toEqual([]);
        expect(problems.consoleErrors).toEqual([]);
        await page.locator('#alerts').screenshot({ path: `test-artifacts/alerts-${name}-${lang}.png` });
        await close();
      });
    }
  }
});
