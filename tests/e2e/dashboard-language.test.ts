/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import type { CollectionRun } from '../../src/domain/campaign.js';
import { screenshot, serviceAndBrowser, watchPage } from '../helpers/browser.js';
import { TEST_TOKEN } from '../helpers/service.js';

/**
 * The API's messages in the caller's language (Accept-Language), and the Indonesian dashboard
 * showing the server's messages (validation, import rejections, collection failures) in Indonesian,
 * each on its own line.
 */

const e2e = serviceAndBrowser({ demo: true });

interface ErrorAnswer {
  error: { code: string; message: string; details: Array<{ field: string; message: string }> };
}

async function postCampaign(body: unknown, lang?: string): Promise<{ status: number; body: ErrorAnswer; vary: string | null }> {
  const res = await e2e.svc.api('/api/v1/campaigns', { method: 'POST', json: body, headers: lang ? { 'Accept-Language': lang } : {} });
  return { status: res.status, body: (await res.json()) as ErrorAnswer, vary: res.headers.get('vary') };
}

async function createCampaign(body: Record<string, unknown>): Promise<string> {
  const res = await e2e.svc.api('/api/v1/campaigns', { method: 'POST', json: { startsAt: '2015-01-01T00:00:00+07:00', ...body } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { campaign: { id: string } }).campaign.id;
}

describe('API messages follow Accept-Language', () => {
  it('answers in Indonesian for id, in English otherwise, with the same code and fields', async () => {
    const bad = { name: '', hashtags: ['#bad-tag'], extra: 1, timeZone: 'Mars/Olympus' };
    const [en, none, id, fr] = await Promise.all([
      postCampaign(bad, 'en'),
      postCampaign(bad),
      postCampaign(bad, 'id-ID,id;q=0.9,en;q=0.8'),
      postCampaign(bad, 'fr'),
    ]);
    for (const a of [en, none, id, fr]) expect(a.status).toBe(400);
    expect(none.body).toEqual(en.body);
    expect(fr.body).toEqual(en.body);
    expect(en.body.error.message).toMatch(/^Invalid request body: /);
    expect(id.body.error.code).toBe(en.body.error.code);
    expect(id.body.error.message).toMatch(/^Isi permintaan tidak valid: /);
    expect(id.body.error.details.map((d) => d.field)).toEqual(en.body.error.details.map((d) => d.field));
    const idByField = Object.fromEntries(id.body.error.details.map((d) => [d.field, d.message]));
    expect(idByField['hashtags.0']).toBe('harus # diikuti huruf, angka, atau _');
    expect(idByField.extra).toBe('kolom tidak dikenal');
    expect(idByField.timeZone).toBe('harus zona waktu IANA seperti Asia/Jakarta');
    // Every message changed language: none is left as it was in English.
    for (const [i, d] of id.body.error.details.entries()) expect(d.message, d.field).not.toBe(en.body.error.details[i]!.message);
    expect(id.vary).toMatch(/Accept-Language/i);

    const missing = await e2e.svc.api('/api/v1/campaigns/no-such-campaign', { headers: { 'Accept-Language': 'id' } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorAnswer).error).toMatchObject({ code: 'not_found', message: 'Kampanye tidak ditemukan.' });
  });
});

describe('the Indonesian dashboard shows the server in Indonesian', () => {
  it('validation, import rejections and a collection failure, each message on its own line', async () => {
    const id = await createCampaign({ name: 'Pesan server', hashtags: ['#PesanServer'], sources: [{ type: 'x' }, { type: 'import' }] });
    const now = new Date().toISOString();
    const run: CollectionRun = {
      id: 'run-failed-id',
      campaignId: id,
      source: 'x',
      kind: 'collect',
      jobId: 'collect.failed.id',
      status: 'failed',
      startedAt: now,
      finishedAt: now,
      pages: 0,
      postsRead: 0,
      usersRead: 0,
      newPosts: 0,
      updatedPosts: 0,
      error: 'The X token was refused (HTTP 401): check X_BEARER_TOKEN',
      notes: [],
    };
    await e2e.svc.rt.store.saveRun(run);

    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    const page = await context.newPage();
    const problems = watchPage(page, e2e.svc.url);
    await page.goto(new URL(`/settings.html?id=${id}#token=${TEST_TOKEN}`, e2e.svc.url).href);
    await page.waitForSelector('html[lang="id"] #campaign-form');

    // The failure: its title and the server's message, Indonesian, in two paragraphs.
    const warning = page.locator('#main > .warning');
    expect(await warning.locator('p').allTextContents()).toEqual(['Pengumpulan dari X gagal.', 'Token X ditolak (HTTP 401): periksa X_BEARER_TOKEN']);
    await page.waitForSelector('#runs table');
    expect(await page.textContent('#runs .run-error')).toBe('Token X ditolak (HTTP 401): periksa X_BEARER_TOKEN');

    // Validation next to the field.
    await page.fill('#s-hashtags', '#PesanServer #bad-tag');
    await page.click('#save');
    await page.waitForSelector('#err-hashtags:not([hidden])');
    expect(await page.textContent('#err-hashtags')).toContain('harus # diikuti huruf, angka, atau _');

    // An import: each problem of a row on its own line, in Indonesian.
    const csv = [
      'platform,post_id,created_at,text,author_id,likes',
      'instagram,p1,2015-01-20 10:00,Bagus #PesanServer,ig-1,10',
      'myspace,p2,kemarin,Lagi #PesanServer,ig-2,banyak',
    ].join('\n');
    await page.setInputFiles('#import-file', { name: 'posts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('#import-check');
    await page.waitForSelector('#import-confirm');
    await page.click('#import-confirm');
    await page.waitForSelector('#import-result .import-result');
    const lines = await page.locator('#import-rejected tbody tr >> nth=0').locator('li').allTextContents();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^platform: harus salah satu dari instagram/);
    expect(lines[1]).toMatch(/^created_at: harus waktu ISO 8601/);
    expect(lines[2]).toMatch(/^likes: harus bilangan bulat/);
    await screenshot(page, 'settings-server-messages-desktop-id');
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});
