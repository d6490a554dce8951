/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { VIEWPORTS, horizontalOverflow, screenshot, serviceAndBrowser, unlabelledControls, watchPage, type ViewportName } from '../helpers/browser.js';
import { TEST_TOKEN } from '../helpers/service.js';
import { momentOf, recordStatus } from '../helpers/status-order.js';

/**
 * Accounts in the dashboard, in headless Chromium: signing in with e-mail and password (the
 * session cookie, CSRF on writes), landing on one's own campaigns, signing out; a sponsor's share
 * link opening the report read-only, and a revoked one its clear page; members and sponsor links
 * from the settings page; the account page's password and tokens.
 */

const demo = DEMO_CAMPAIGN_ID;
const PASSWORD = 'kata-sandi-rahasia-1';
const idNumber = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

interface Summary {
  posts: number;
  reach: number;
  from: string;
  to: string;
}
interface Link {
  id: string;
  token: string;
  url: string;
  label: string;
}

const e2e = serviceAndBrowser({ demo: true });

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return (body ? JSON.parse(body) : null) as T;
}

async function createUser(email: string, name: string, role: 'admin' | 'manager' | 'participant' | 'viewer', password = PASSWORD): Promise<{ id: string }> {
  const { user } = await json<{ user: { id: string } }>(await e2e.svc.api('/api/v1/users', { method: 'POST', json: { email, name, role, password } }), 201);
  return user;
}

async function createCampaign(name: string, hashtags: string[]): Promise<string> {
  const { campaign } = await json<{ campaign: { id: string } }>(
    await e2e.svc.api('/api/v1/campaigns', { method: 'POST', json: { name, hashtags, startsAt: '2015-01-01T00:00:00+07:00' } }),
    201,
  );
  return campaign.id;
}

async function addMember(campaignId: string, email: string, own: boolean): Promise<void> {
  await json(await e2e.svc.api(`/api/v1/campaigns/${campaignId}/members`, { method: 'POST', json: { email, own } }), 202);
}

async function createLink(campaignId: string, body: Record<string, unknown>): Promise<Link> {
  const { link } = await json<{ link: Link }>(await e2e.svc.api(`/api/v1/campaigns/${campaignId}/share-links`, { method: 'POST', json: body }), 201);
  return link;
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A fresh browser profile: no cookie, no stored token, the given language. */
async function fresh(viewport: ViewportName, locale: string): Promise<{ context: BrowserContext; page: Page; problems: ReturnType<typeof watchPage> }> {
  const context = await e2e.browser.newContext({ viewport: VIEWPORTS[viewport], locale });
  const page = await context.newPage();
  return { context, page, problems: watchPage(page, e2e.svc.url) };
}

const url = (path: string) => new URL(path, e2e.svc.url).href;

async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.waitForSelector('#password-form');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('#signin-submit');
}

/** Console errors other than the browser's own note on a refused request (a page without a credential meets one on purpose). */
const realConsoleErrors = (problems: ReturnType<typeof watchPage>) => problems.consoleErrors.filter((e) => !/status of 40[134]/.test(e));

describe('signing in with e-mail and password', () => {
  it('signs a manager in through the form, lists only their campaigns, writes with the cookie, and signs out', async () => {
    await createUser('manajer@kk.test', 'Manajer Kupang', 'manager');
    const mine = await createCampaign('Literasi Digital Kupang', ['#LiterasiKupang']);
    await createCampaign('Kampanye Orang Lain', ['#BukanMilikku']);
    await addMember(mine, 'manajer@kk.test', false);

    const { context, page, problems } = await fresh('phone', 'id-ID');
    // No credential: the dashboard sends the person to sign in, remembering where they were.
    await page.goto(url('/'));
    await page.waitForURL(/\/signin\.html\?/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/');
    await page.waitForSelector('#password-form');
    expect(await page.textContent('#signin-title')).toBe('Masuk');
    expect(await page.textContent('label[for="email"]')).toBe('Email');
    expect(await page.textContent('label[for="password"]')).toBe('Kata sandi');
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '/tmp/signin-360.png', fullPage: true });
    await screenshot(page, 'signin-phone-id');

    // Mistakes are said in words, next to the field, in the page's language.
    await page.click('#signin-submit');
    await page.waitForSelector('#email-error:not([hidden])');
    expect(await page.textContent('#email-error')).toBe('Isi alamat email Anda.');
    expect(await page.textContent('#password-error')).toContain('Periksa');
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    await signInThroughForm(page, 'manajer@kk.test', 'bukan-kata-sandinya');
    await page.waitForFunction(() => document.getElementById('password-error')?.textContent?.includes('salah'));
    expect(await page.textContent('#password-error')).toBe('Email atau kata sandi salah. Periksa lalu coba lagi.');
    await page.screenshot({ path: '/tmp/signin-error-360.png', fullPage: true });

    // The English switch, like every page; what was typed stays.
    await page.click('.lang-switch button[lang="en"]');
    await page.waitForSelector('html[lang="en"] #signin-title');
    expect(await page.textContent('#signin-title')).toBe('Sign in');
    expect(await page.inputValue('#email')).toBe('manajer@kk.test');

    await page.fill('#password', PASSWORD);
    await page.click('#signin-submit');
    await page.waitForURL(url('/'));
    await page.waitForSelector('.campaigns');
    expect(await page.$$eval('.campaigns h2 a', (as) => as.map((a) => a.textContent))).toEqual(['Literasi Digital Kupang']);
    // A manager creates campaigns; the header says who is signed in, with a way out.
    expect(await page.$('#new-campaign')).not.toBeNull();
    expect(await page.textContent('#who')).toBe('Manajer Kupang');
    expect(await page.textContent('#account .role')).toContain('manager');
    // On a phone the account sits in the header's menu.
    expect(await page.isVisible('#sign-out')).toBe(false);
    await page.click('#menu-toggle');
    expect(await page.isVisible('#sign-out')).toBe(true);
    await page.click('#menu-toggle');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'campaigns-manager-phone-en');

    // The session is an HttpOnly cookie, not a stored token.
    const cookie = (await context.cookies()).find((c) => c.name === 'kk_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('kk.token'))).toBeNull();
    expect(await page.evaluate(() => document.cookie)).not.toContain('kk_session');

    // A write with the cookie carries the CSRF token: saving the settings works.
    await page.goto(url(`/settings.html?id=${mine}`));
    await page.waitForSelector('#campaign-form');
    await page.fill('#s-name', 'Literasi Digital Kupang 2015');
    await page.click('#save');
    await page.waitForFunction(() => document.getElementById('save-status')?.textContent === 'Saved.');
    const { campaign } = await json<{ campaign: { name: string } }>(await e2e.svc.api(`/api/v1/campaigns/${mine}`), 200);
    expect(campaign.name).toBe('Literasi Digital Kupang 2015');

    // Signing out ends the session: the next page asks to sign in again.
    await page.click('#menu-toggle');
    await page.click('#sign-out');
    await page.waitForURL(/\/signin\.html\?/);
    await page.waitForSelector('#signin-notice');
    expect(await page.textContent('#signin-notice')).toBe('You have signed out.');
    expect((await context.cookies()).find((c) => c.name === 'kk_session')).toBeUndefined();

    // Where one was is where one comes back to.
    await page.goto(url(`/report.html?id=${mine}`));
    await page.waitForURL(/\/signin\.html\?/);
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/report.html?id=${mine}`);
    await signInThroughForm(page, 'manajer@kk.test', PASSWORD);
    await page.waitForURL(url(`/report.html?id=${mine}`));
    await page.waitForSelector('#report[data-ready]');

    expect(problems.pageErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
    expect(problems.dialogs).toEqual([]);
    expect(realConsoleErrors(problems)).toEqual([]);
    await context.close();
  });

  it('gives a viewer the campaigns they were added to, read-only', async () => {
    await createUser('pengamat@kk.test', 'Pengamat Sponsor', 'viewer');
    const id = await createCampaign('Literasi Digital Ende', ['#LiterasiEnde']);
    await addMember(id, 'pengamat@kk.test', false);
    const { context, page, problems } = await fresh('desktop', 'en-US');
    await page.goto(url('/signin.html'));
    await signInThroughForm(page, 'pengamat@kk.test', PASSWORD);
    await page.waitForSelector('.campaigns');
    expect(await page.$$eval('.campaigns h2 a', (as) => as.map((a) => a.textContent))).toEqual(['Literasi Digital Ende']);
    expect(await page.$('#new-campaign')).toBeNull();
    expect(await page.$('.campaigns a[href^="/settings.html"]')).toBeNull();

    await page.goto(url(`/settings.html?id=${id}`));
    await page.waitForSelector('.state-box.empty');
    expect(await page.textContent('main')).toContain('can see this campaign but not change it');
    expect(await page.$('#campaign-form')).toBeNull();
    expect(await page.$('#members')).toBeNull();
    expect(await page.$('#share-links')).toBeNull();
    expect(await page.$('.nav a[href^="/settings.html"]')).toBeNull();
    expect(problems.pageErrors).toEqual([]);
    expect(realConsoleErrors(problems)).toEqual([]);
    await context.close();
  });
});

describe('a participant', () => {
  it('sees a campaign not marked as theirs read-only, and may change it once it is', async () => {
    await createUser('peserta-kupang@kk.test', 'Peserta Kupang', 'participant');
    const id = await createCampaign('Lokakarya Kupang', ['#LokakaryaKupang']);
    await addMember(id, 'peserta-kupang@kk.test', false);
    const { context, page, problems } = await fresh('desktop', 'en-US');
    await page.goto(url(`/settings.html?id=${id}`));
    await signInThroughForm(page, 'peserta-kupang@kk.test', PASSWORD);
    // The API says the participant may not edit it: no form, the state only.
    await page.waitForSelector('main .state-box.empty');
    expect(await page.$('#campaign-form')).toBeNull();
    expect(await page.textContent('main h1')).toBe('Lokakarya Kupang');

    await addMember(id, 'peserta-kupang@kk.test', true);
    await page.reload();
    await page.waitForSelector('#campaign-form');
    // Members and links are for managers: not even asked for.
    expect(await page.$('#members')).toBeNull();
    expect(await page.$('#share-links')).toBeNull();
    // Nor anything in their place: no stray text such as "null" at the foot of the page.
    const strayText = await page.$eval('#main', (main) => Array.from(main.childNodes, (n) => (n.nodeType === Node.TEXT_NODE ? n.textContent : '')).join(''));
    expect(strayText).toBe('');
    await page.fill('#s-name', 'Lokakarya Kupang (peserta)');
    await page.click('#save');
    await page.waitForFunction(() => document.getElementById('save-status')?.textContent === 'Saved.');
    expect(problems.pageErrors).toEqual([]);
    expect(realConsoleErrors(problems)).toEqual([]);
    await context.close();
  });
});

describe('a sponsor’s share link', () => {
  it('opens the report read-only for its period, with figures and no way to other pages', async () => {
    const link = await createLink(demo, { label: 'Bank Nusantara', from: '2015-01-13', to: '2015-01-25', expiresAt: inDays(30) });
    expect(link.url).toMatch(/\/share\/kks_/);
    const asLink = await json<Summary>(await e2e.svc.api(`/api/v1/campaigns/${demo}/metrics/summary`, { token: link.token }), 200);
    const whole = await json<Summary>(await e2e.svc.api(`/api/v1/campaigns/${demo}/metrics/summary`), 200);
    expect(asLink.posts).toBeGreaterThan(0);
    expect(asLink.posts).toBeLessThan(whole.posts);

    const { context, page, problems } = await fresh('phone', 'id-ID');
    const res = await page.goto(url(new URL(link.url).pathname));
    expect(res?.status()).toBe(200);
    await page.waitForSelector('#report[data-ready]');
    // The address stays the link's.
    expect(new URL(page.url()).pathname).toBe(`/share/${link.token}`);
    expect(await page.textContent('[data-kpi="posts"] .value')).toBe(idNumber.format(asLink.posts));
    expect(await page.textContent('[data-kpi="reach"] .value')).toBe(idNumber.format(asLink.reach));
    expect(await page.textContent('#share-note')).toMatch(/^Laporan hanya-baca untuk Bank Nusantara, berlaku sampai \d{1,2} \S+ \d{4}\.$/);
    // The two daily charts; the cities and topics are tables (docs/report.md).
    expect(await page.$$eval('.report-chart img', (imgs) => imgs.length)).toBe(2);

    // Read-only: no navigation, no settings, no import, no other campaign, no export (the link does not allow it).
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    // In-page links only: the skip link and the summary's figures pointing at their definitions.
    expect(hrefs.filter((h) => !/^https?:\/\//.test(h) && h !== '#main' && !h.startsWith('#def-'))).toEqual([]);
    expect(await page.$('.nav')).toBeNull();
    expect(await page.$('#export')).toBeNull();
    expect(await page.$('#sign-out')).toBeNull();
    // The secret is a credential held in memory, never stored.
    const stored = await page.evaluate(() =>
      Object.keys(localStorage)
        .map((k) => `${k}=${localStorage.getItem(k)}`)
        .join(' '),
    );
    expect(stored).not.toContain(link.token);
    expect(stored).not.toContain('kk.token');
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '/tmp/share-report-360.png', fullPage: false });
    await page.screenshot({ path: '/tmp/share-report-360-full.png', fullPage: true });
    await screenshot(page, 'share-report-phone-id');

    // A shorter period inside the link's: the figures follow, the address stays the link's.
    const narrower = await json<Summary>(await e2e.svc.api(`/api/v1/campaigns/${demo}/metrics/summary?from=2015-01-20`, { token: link.token }), 200);
    await page.fill('#r-from', '2015-01-20');
    await page.click('.report-tools button[type="submit"]');
    await page.waitForFunction((n) => document.querySelector('[data-kpi="posts"] .value')?.textContent === n, idNumber.format(narrower.posts));
    expect(new URL(page.url()).pathname).toBe(`/share/${link.token}`);
    expect(new URL(page.url()).searchParams.get('from')).toBe('2015-01-20');
    await page.waitForSelector('#report[data-ready]');

    // Revoked while open: the next request says so in words.
    await json(await e2e.svc.api(`/api/v1/campaigns/${demo}/share-links/${link.id}`, { method: 'DELETE' }), 204);
    await page.fill('#r-from', '2015-01-21');
    await page.click('.report-tools button[type="submit"]');
    await page.waitForSelector('main .link-gone');
    expect(await page.textContent('main .link-gone')).toContain('sudah tidak berlaku');

    expect(problems.pageErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
    expect(realConsoleErrors(problems)).toEqual([]);
    await context.close();
  });

  it('offers the CSV when the link allows it', async () => {
    const link = await createLink(demo, { label: 'Dinas Kominfo', expiresAt: inDays(7), allowExport: true });
    const { context, page } = await fresh('desktop', 'en-US');
    await page.goto(url(new URL(link.url).pathname));
    await page.waitForSelector('#report[data-ready]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    expect(download.suggestedFilename()).toBe(`${demo}-posts.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toContain('post_id');
    expect(csv.split('\n').length).toBeGreaterThan(10);
    await context.close();
  });

  it('shows a revoked link’s clear page', async () => {
    const link = await createLink(demo, { label: 'Sponsor Lama', expiresAt: inDays(30) });
    await json(await e2e.svc.api(`/api/v1/campaigns/${demo}/share-links/${link.id}`, { method: 'DELETE' }), 204);
    const { context, page, problems } = await fresh('phone', 'id-ID');
    const res = await page.goto(url(new URL(link.url).pathname));
    expect(res?.status()).toBe(410);
    await page.waitForSelector('main.link-gone h1');
    expect(await page.textContent('main.link-gone h1')).toContain('Tautan sudah dicabut');
    expect(await page.$('#report')).toBeNull();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // Styled by the dashboard's sheet: a card, not a bare document.
    expect(await page.$eval('main.link-gone', (m) => getComputedStyle(m).borderTopStyle)).toBe('solid');
    await page.screenshot({ path: '/tmp/share-revoked-360.png', fullPage: true });
    await screenshot(page, 'share-revoked-phone-id');
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});

describe('members and sponsor links on the settings page', () => {
  it('adds and removes a member, creates a link shown once with a copy button, and revokes it', async () => {
    await createUser('pengelola@kk.test', 'Pengelola Makassar', 'manager');
    await createUser('peserta@kk.test', 'Peserta Lokakarya', 'participant');
    const id = await createCampaign('Literasi Digital Makassar', ['#LiterasiMakassar']);
    await addMember(id, 'pengelola@kk.test', true);

    const { context, page, problems } = await fresh('phone', 'en-US');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.svc.url });
    await page.goto(url(`/settings.html?id=${id}`));
    await page.waitForURL(/\/signin\.html\?/);
    await signInThroughForm(page, 'pengelola@kk.test', PASSWORD);
    await page.waitForURL(url(`/settings.html?id=${id}`));
    await page.waitForSelector('#members .item');
    expect(await page.$$eval('#members .item', (items) => items.map((i) => i.getAttribute('data-email')))).toEqual(['pengelola@kk.test']);
    // Each status is announced once its list shows the change (a reader, or a test, may read the list as soon as the status speaks).
    await recordStatus(page, '#member-status', '#member-list');
    await recordStatus(page, '#link-status', '#link-list');

    // An address without an account gets the same answer as one with: the page says nothing about it.
    await page.fill('#member-email', 'belum-ada@kk.test');
    await page.click('#member-add');
    await page.waitForFunction(() => document.querySelector('#member-status')?.textContent?.includes('belum-ada@kk.test'));
    expect(await page.textContent('#member-status')).toBe('If belum-ada@kk.test has an account, it is a member of this campaign now.');

    await page.fill('#member-email', 'peserta@kk.test');
    await page.check('#member-own');
    await page.click('#member-add');
    await page.waitForSelector('#members .item[data-email="peserta@kk.test"] .badge.own');
    expect(await page.textContent('#member-status')).toBe('If peserta@kk.test has an account, it is a member of this campaign now.');
    expect((await momentOf(page, '#member-status', 'If peserta@kk.test has an account, it is a member of this campaign now.'))?.region).toContain(
      'Peserta Lokakarya',
    );
    let members = (await json<{ members: Array<{ email: string; own: boolean }> }>(await e2e.svc.api(`/api/v1/campaigns/${id}/members`), 200)).members;
    expect(members.find((m) => m.email === 'peserta@kk.test')).toMatchObject({ own: true });

    // Removing asks first, as every action that takes something away does.
    await page.click('#members .item[data-email="peserta@kk.test"] .confirm-action button');
    await page.waitForSelector('#members .item[data-email="peserta@kk.test"] .confirm');
    // On the phone the question wraps inside the member's box, never past its edge.
    const [questionRight, itemRight] = await page.$eval('#members .item[data-email="peserta@kk.test"]', (item) => [
      item.querySelector('.confirm')!.getBoundingClientRect().right,
      item.getBoundingClientRect().right,
    ]);
    expect(questionRight).toBeLessThanOrEqual(itemRight!);
    expect(await page.textContent('#members .confirm p')).toBe('Remove Peserta Lokakarya from the campaign? They no longer see it unless added again.');
    await page.click('#members .item[data-email="peserta@kk.test"] .confirm button.danger-solid');
    await page.waitForFunction(() => !document.querySelector('#members .item[data-email="peserta@kk.test"]'));
    await page.waitForFunction(() => document.getElementById('member-status')?.textContent?.startsWith('Peserta Lokakarya'));
    const removedMoment = await momentOf(page, '#member-status', (await page.textContent('#member-status'))!);
    expect(removedMoment?.region).toContain('Pengelola Makassar');
    expect(removedMoment?.region).not.toContain('Peserta Lokakarya');
    members = (await json<{ members: Array<{ email: string; own: boolean }> }>(await e2e.svc.api(`/api/v1/campaigns/${id}/members`), 200)).members;
    expect(members.map((m) => m.email)).toEqual(['pengelola@kk.test']);

    // A link: label, period, expiry (90 days unless chosen), CSV allowed.
    expect(await page.inputValue('#link-expires')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.click('#link-create');
    await page.waitForSelector('#link-label-error:not([hidden])');
    expect(await page.textContent('#link-label-error')).toContain('Say whom this link is for');
    await page.fill('#link-label', 'Yayasan <b>Literasi</b>');
    await page.fill('#link-from', '2015-01-13');
    await page.fill('#link-to', '2015-01-20');
    await page.check('#link-export');
    await page.click('#link-create');
    await page.waitForSelector('#link-url');
    const shareUrl = await page.inputValue('#link-url');
    expect(shareUrl.startsWith(`${new URL(e2e.svc.url).origin}/share/`)).toBe(true);
    expect(new URL(shareUrl).pathname).toMatch(/^\/share\/kks_[A-Za-z0-9_-]{43}$/);
    expect(await page.textContent('#link-new')).toContain('Copy it now');
    await page.click('#link-url-copy');
    await page.waitForFunction(() => document.getElementById('link-url-status')?.textContent !== '');
    expect(await page.textContent('#link-url-status')).toBe('Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shareUrl);
    // The label is text, never markup.
    await page.waitForSelector('#share-links .item.active');
    expect(await page.textContent('#share-links .item.active .link-label')).toBe('Yayasan <b>Literasi</b>');
    expect(await page.$('#share-links b')).toBeNull();
    expect(await page.textContent('#share-links .item.active')).toContain('CSV download allowed');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await unlabelledControls(page)).toEqual([]);
    await page.locator('#share-links').screenshot({ path: '/tmp/settings-links-360.png' });
    await screenshot(page, 'settings-sharing-phone-en');

    const opened = await fetch(shareUrl);
    expect(opened.status).toBe(200);

    // Revoking asks first; "Cancel" leaves it be.
    await page.click('#share-links .item.active .confirm-action button');
    await page.waitForSelector('#share-links .confirm');
    await page.click('#share-links .confirm button.secondary');
    expect(await page.$('#share-links .confirm')).toBeNull();
    await page.click('#share-links .item.active .confirm-action button');
    await page.click('#share-links .confirm button.danger-solid');
    await page.waitForSelector('#share-links .item.revoked .badge[data-status="revoked"]');
    expect(await page.textContent('#link-status')).toBe('The link for Yayasan <b>Literasi</b> is revoked.');
    expect((await momentOf(page, '#link-status', 'The link for Yayasan <b>Literasi</b> is revoked.'))?.region).toContain('revoked');
    expect(await page.$('#link-url')).toBeNull();
    expect((await fetch(shareUrl)).status).toBe(410);

    expect(problems.pageErrors).toEqual([]);
    expect(problems.dialogs).toEqual([]);
    expect(realConsoleErrors(problems)).toEqual([]);
    await context.close();
  });

  it('shows both sections to the operator (admin) too', async () => {
    const { context, page } = await fresh('desktop', 'id-ID');
    await page.goto(url(`/settings.html?id=${demo}#token=${TEST_TOKEN}`));
    await page.waitForSelector('#members');
    await page.waitForSelector('#share-links #link-list :is(.item-list, p)');
    expect(await page.textContent('#members-title')).toBe('Anggota');
    expect(await page.textContent('#links-title')).toBe('Tautan sponsor');
    expect(await page.textContent('#who')).toBe('Operator');
    await context.close();
  });
});

describe('the account page', () => {
  it('creates a personal token shown once, revokes it, and changes the password', async () => {
    // A viewer: participants make tokens only where PARTICIPANT_TOKENS allows it (dashboard-people.test.ts).
    await createUser('peserta2@kk.test', 'Peserta Dua', 'viewer');
    const { context, page, problems } = await fresh('phone', 'en-US');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.svc.url });
    await page.goto(url('/account.html'));
    await signInThroughForm(page, 'peserta2@kk.test', PASSWORD);
    await page.waitForURL(url('/account.html'));
    await page.waitForSelector('#profile');
    expect(await page.textContent('#profile')).toContain('peserta2@kk.test');
    await page.waitForSelector('#token-list p');
    expect(await page.textContent('#token-list')).toBe('No tokens yet.');

    await page.fill('#token-name', 'skrip impor');
    await page.click('#token-create');
    await page.waitForSelector('#token-secret');
    const secret = await page.inputValue('#token-secret');
    expect(secret).toMatch(/^kkt_/);
    const who = await json<{ kind: string; user: { email: string } }>(await e2e.svc.api('/api/v1/session', { token: secret }), 200);
    expect(who).toMatchObject({ kind: 'user', user: { email: 'peserta2@kk.test' } });
    await page.waitForSelector('#tokens .item.active');
    expect(await page.textContent('#tokens .item.active .token-name')).toBe('skrip impor');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'account-phone-en');

    await recordStatus(page, '#token-status', '#token-list');
    await page.click('#tokens .item.active .confirm-action button');
    await page.click('#tokens .confirm button.danger-solid');
    await page.waitForSelector('#tokens .item.revoked');
    await page.waitForFunction(() => document.getElementById('token-status')?.textContent === 'The token skrip impor is revoked.');
    expect((await momentOf(page, '#token-status', 'The token skrip impor is revoked.'))?.region).toContain('revoked');
    expect((await e2e.svc.api('/api/v1/session', { token: secret })).status).toBe(401);

    // The password: checked here first, then by the server.
    await page.fill('#pw-current', PASSWORD);
    await page.fill('#pw-new', 'pendek');
    await page.click('#pw-submit');
    await page.waitForSelector('#pw-new-error:not([hidden])');
    expect(await page.textContent('#pw-new-error')).toBe('At least 10 characters.');
    await page.fill('#pw-current', 'bukan-yang-sekarang');
    await page.fill('#pw-new', 'kata-sandi-baru-sekali');
    await page.fill('#pw-confirm', 'kata-sandi-baru-sekali');
    await page.click('#pw-submit');
    await page.waitForSelector('#pw-current-error:not([hidden])');
    expect(await page.textContent('#pw-current-error')).toBe('The current password is not right.');
    await page.fill('#pw-current', PASSWORD);
    await page.click('#pw-submit');
    // Every session ends: sign in again, with the new password, back to the account page.
    await page.waitForURL(/\/signin\.html\?/);
    expect(await page.textContent('#signin-notice')).toContain('Sign in again with the new one');
    await signInThroughForm(page, 'peserta2@kk.test', 'kata-sandi-baru-sekali');
    await page.waitForURL(url('/account.html'));
    await page.waitForSelector('#profile');

    expect(problems.pageErrors).toEqual([]);
    expect(realConsoleErrors(problems)).toEqual([]);
    await context.close();
  });

  it('lets the operator create and disable accounts, each status said once the list shows it', async () => {
    const { context, page, problems } = await fresh('phone', 'en-US');
    await page.goto(url(`/account.html#token=${TEST_TOKEN}`));
    await page.waitForSelector('#people-list .people', { state: 'attached' });
    await recordStatus(page, '#people-status', '#people-list');

    await page.fill('#person-name', 'Relawan Sikka');
    await page.fill('#person-email', 'relawan.sikka@kk.test');
    await page.fill('#person-password', 'kata-sandi-relawan-1');
    await page.click('#person-create');
    const ready = 'The account of Relawan Sikka is ready, with the password you typed.';
    await page.waitForFunction((t) => document.getElementById('people-status')?.textContent === t, ready);
    expect((await momentOf(page, '#people-status', ready))?.region).toContain('relawan.sikka@kk.test');

    const person = '#people-list li[data-email="relawan.sikka@kk.test"]';
    await page.click(`${person} [data-action="status"] button`);
    await page.click(`${person} .confirm button.danger-solid`);
    const disabled = 'The account of Relawan Sikka is disabled.';
    await page.waitForFunction((t) => document.getElementById('people-status')?.textContent === t, disabled);
    expect(await page.locator(`${person}.is-disabled`).count()).toBe(1);
    expect((await momentOf(page, '#people-status', disabled))?.region).toMatch(/relawan\.sikka@kk\.testdisabled/);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it('tells the operator their token has no account', async () => {
    const { context, page } = await fresh('desktop', 'en-US');
    await page.goto(url(`/account.html#token=${TEST_TOKEN}`));
    await page.waitForSelector('#operator-note');
    expect(await page.textContent('#operator-note')).toContain('People');
    await context.close();
  });
});
