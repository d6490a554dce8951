/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { VIEWPORTS, horizontalOverflow, screenshot, serviceAndBrowser, unlabelledControls, watchPage, type ViewportName } from '../helpers/browser.js';
import { TEST_TOKEN } from '../helpers/service.js';

/**
 * Issue 16 in Chromium: an import checked before anything is stored (template, columns in the
 * reader's language, the first rows with their problems, then the confirmation), and an admin
 * managing accounts on the account page (create with a password shown once, role, reset, disable);
 * a participant meets no API-token controls.
 */

const PASSWORD = 'kata-sandi-rahasia-1';

const e2e = serviceAndBrowser();

async function json<T>(res: Response, status = 200): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return (body ? JSON.parse(body) : null) as T;
}

const url = (path: string) => new URL(path, e2e.svc.url).href;

async function fresh(viewport: ViewportName, locale: string): Promise<{ context: BrowserContext; page: Page; problems: ReturnType<typeof watchPage> }> {
  const context = await e2e.browser.newContext({ viewport: VIEWPORTS[viewport], locale });
  const page = await context.newPage();
  return { context, page, problems: watchPage(page, e2e.svc.url) };
}

async function signIn(page: Page, email: string, password: string, next: string): Promise<void> {
  await page.goto(url(`/signin.html?next=${encodeURIComponent(next)}`));
  await page.waitForSelector('#password-form');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('#signin-submit');
  await page.waitForURL(url(next));
}

const signInStatus = async (email: string, password: string) =>
  (await e2e.svc.api('/api/v1/session', { method: 'POST', token: null, json: { email, password } })).status;

describe('an import checked before it is stored', () => {
  it('offers the template and the columns in Indonesian, previews the first rows with their problems, stores nothing until confirmed', async () => {
    const { campaign } = await json<{ campaign: { id: string } }>(
      await e2e.svc.api('/api/v1/campaigns', {
        method: 'POST',
        json: { name: 'Impor Instagram', hashtags: ['#SocMed4SocGood'], startsAt: '2015-01-13T00:00:00+07:00', sources: [{ type: 'import' }] },
      }),
      201,
    );
    const { context, page, problems } = await fresh('phone', 'id-ID');
    await page.goto(url(`/settings.html?id=${campaign.id}#token=${TEST_TOKEN}`));
    await page.waitForSelector('#import-form');
    expect(await page.getAttribute('#import-template', 'href')).toBe('/api/v1/import/template.csv');
    expect(await page.textContent('#import-template')).toBe('Unduh templat (CSV)');
    // The template the link names is the file the import reads.
    const template = await (await page.request.get(url('/api/v1/import/template.csv'))).text();
    expect(template.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^platform,post_id,url,created_at,text,/);

    await page.click('#import-columns summary');
    await page.waitForSelector('#import-columns-dl');
    expect(await page.textContent('#import-columns-dl dt[data-column="replies"] + dd')).toBe('komentarContoh: 12');
    expect(await page.textContent('#import-columns-dl dt[data-column="post_id"]')).toBe('post_id · wajib');
    expect(await page.textContent('#import-columns-dl dt[data-column="url"]')).toBe('url');

    const csv = [
      'platform;post_id;created_at;text;author_id;likes;views',
      'instagram;p1;20/01/2015 10:00;Workshop di Makassar #SocMed4SocGood;ig-1;1.234;12.345',
      'instagram;p2;20/01/2015 11:00;Tanpa tagar;ig-2;3;',
      'tiktok;p3;21/01/2015 09:00;Video #SocMed4SocGood;tt-1;1,2 rb;',
    ].join('\n');
    await page.setInputFiles('#import-file', { name: 'posts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('#import-check');
    await page.waitForSelector('#import-preview');
    expect(await page.textContent('#import-preview-summary')).toBe('3 baris dibaca · 1 bisa diimpor · 2 bermasalah');
    const rows = await page.$$eval('#import-preview-rows > li', (lis) =>
      lis.map((li) => ({ row: li.getAttribute('data-row'), ok: li.classList.contains('ok'), text: li.textContent ?? '' })),
    );
    expect(rows.map((r) => [r.row, r.ok])).toEqual([
      ['2', true],
      ['3', false],
      ['4', false],
    ]);
    // Read as written, in the campaign's time zone: 1.234 is a thousand and more.
    expect(rows[0]!.text).toContain('Baris 2 OK');
    expect(rows[0]!.text).toContain('instagram p1 · @ig-1 · 20 Jan 2015, 10.00');
    expect(rows[0]!.text).toContain('likes 1.234 · views 12.345');
    expect(rows[1]!.text).toMatch(/hashtags: tidak ada tagar kampanye/);
    expect(rows[2]!.text).toMatch(/tidak terbaca.*likes: disingkat: tulis angka lengkapnya/);
    // Checked, not stored.
    expect(await e2e.svc.rt.store.countPosts()).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await unlabelledControls(page)).toEqual([]);
    await page.locator('#import').screenshot({ path: 'test-artifacts/import-preview-360-id.png' });

    expect(await page.textContent('#import-confirm')).toBe('Impor 1 baris');
    await page.click('#import-confirm');
    await page.waitForSelector('#import-result .import-result');
    expect(await page.textContent('#import-result .import-result p')).toBe('1 diimpor · 0 sudah ada · 2 ditolak');
    expect(await e2e.svc.rt.store.countPosts()).toBe(1);

    // The same card at desktop width, in English.
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.click('.lang-switch button[lang="en"]');
    await page.waitForSelector('html[lang="en"] #import-form');
    await page.setInputFiles('#import-file', { name: 'posts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('#import-check');
    await page.waitForSelector('#import-preview');
    expect(await page.textContent('#import-preview-summary')).toBe('3 rows read · 1 can be imported · 2 with problems');
    await page.locator('#import').screenshot({ path: 'test-artifacts/import-preview-1366-en.png' });
    // Choosing another file drops the check: nothing is sent.
    await page.click('#import-cancel');
    expect(await page.$('#import-preview')).toBeNull();
    expect(await e2e.svc.rt.store.countPosts()).toBe(1);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('accounts managed by an admin', () => {
  it('creates an account with a password shown once, sets its role, gives a new password and disables it', async () => {
    await json(
      await e2e.svc.api('/api/v1/users', { method: 'POST', json: { email: 'admin@kk.test', name: 'Admin Satu', role: 'admin', password: PASSWORD } }),
      201,
    );
    const { context, page, problems } = await fresh('phone', 'id-ID');
    await signIn(page, 'admin@kk.test', PASSWORD, '/account.html');
    await page.waitForSelector('#people-list .people');
    expect(await page.textContent('#people-title')).toBe('Pengguna');

    await page.fill('#person-name', 'Peserta Baru');
    await page.fill('#person-email', 'peserta.baru@kk.test');
    await page.selectOption('#person-role', 'participant');
    await page.click('#person-create');
    await page.waitForSelector('#people-password');
    const first = await page.inputValue('#people-password');
    expect(first).toMatch(/^[a-z2-9]{6}-[a-z2-9]{6}-[a-z2-9]{6}$/);
    expect(await signInStatus('peserta.baru@kk.test', first)).toBe(200);
    const item = page.locator('li.person[data-email="peserta.baru@kk.test"]');
    await item.waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'people-360-id');

    const { users } = await json<{ users: Array<{ id: string; email: string; role: string; status: string }> }>(await e2e.svc.api('/api/v1/users'));
    const id = users.find((u) => u.email === 'peserta.baru@kk.test')!.id;
    await item.locator('select').selectOption('manager');
    await page.waitForFunction(() => document.getElementById('people-status')?.textContent?.includes('pengelola'));
    expect((await json<{ user: { role: string } }>(await e2e.svc.api(`/api/v1/users/${id}`))).user.role).toBe('manager');

    await item.locator('[data-action="reset"] button').click();
    await page.locator('li.person[data-email="peserta.baru@kk.test"] .confirm button.danger-solid').click();
    await page.waitForFunction((old) => {
      const input = document.getElementById('people-password') as HTMLInputElement | null;
      return input !== null && input.value !== old;
    }, first);
    const second = await page.inputValue('#people-password');
    expect(await signInStatus('peserta.baru@kk.test', first)).toBe(401);
    expect(await signInStatus('peserta.baru@kk.test', second)).toBe(200);
    const audit = await json<{ entries: Array<{ action: string; target: { id: string }; details: Record<string, unknown> }> }>(
      await e2e.svc.api('/api/v1/audit?limit=20'),
    );
    expect(audit.entries.find((e) => e.action === 'user.update' && e.target.id === id && e.details.password === 'reset')).toBeDefined();

    await page.locator('li.person[data-email="peserta.baru@kk.test"] [data-action="status"] button').click();
    await page.locator('li.person[data-email="peserta.baru@kk.test"] .confirm button.danger-solid').click();
    await page.waitForSelector('li.person.is-disabled[data-email="peserta.baru@kk.test"]');
    expect((await json<{ user: { status: string } }>(await e2e.svc.api(`/api/v1/users/${id}`))).user.status).toBe('disabled');
    expect(await signInStatus('peserta.baru@kk.test', second)).toBe(401);
    // The admin's own row offers no way to lock themselves out.
    const own = page.locator('li.person[data-email="admin@kk.test"]');
    expect(await own.locator('select').isDisabled()).toBe(true);
    expect(await own.locator('[data-action="status"]').count()).toBe(0);

    await page.setViewportSize(VIEWPORTS.desktop);
    await page.click('.lang-switch button[lang="en"]');
    await page.waitForSelector('html[lang="en"] #people-list .people');
    expect(await page.textContent('#people-title')).toBe('People');
    await screenshot(page, 'people-1366-en');
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows a participant no API-token controls; a viewer has them', async () => {
    for (const [email, role] of [
      ['peserta@kk.test', 'participant'],
      ['pemirsa@kk.test', 'viewer'],
    ] as const) {
      await json(await e2e.svc.api('/api/v1/users', { method: 'POST', json: { email, name: role, role, password: PASSWORD } }), 201);
      const { context, page } = await fresh('phone', 'en-US');
      await signIn(page, email, PASSWORD, '/account.html');
      await page.waitForSelector('#profile');
      expect(await page.$('#tokens')).toEqual(role === 'participant' ? null : expect.anything());
      expect(await page.$('#people')).toBeNull();
      await context.close();
    }
  }, 120_000);
});
