import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS } from '../../src/import/import.schema.js';
import { startService, type RunningService } from '../helpers/service.js';

/**
 * Import without the README, over HTTP: the template and the column list, and the dry run that
 * shows the first rows and every problem while storing nothing, then the import itself.
 */

let svc: RunningService;
beforeAll(async () => {
  svc = await startService();
});
afterAll(async () => svc?.close());

async function json<T = Record<string, unknown>>(res: Response, status = 200): Promise<T> {
  const body = (await res.json()) as T;
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

interface Preview {
  dryRun: true;
  rows: number;
  accepted: number;
  rejected: Array<{ row: number; error: string }>;
  preview: Array<{
    row: number;
    ok: boolean;
    error?: string;
    platform?: string;
    postId?: string;
    author?: string;
    counts?: Record<string, number>;
    views?: number;
  }>;
}

const CSV = [
  'platform;post_id;created_at;text;author_id;likes;views',
  'instagram;p1;20/01/2015 10:00;Workshop #SocMed4SocGood;ig-1;1.234;12.345',
  'instagram;p2;20/01/2015 11:00;Tanpa tagar kampanye;ig-2;3;',
  'tiktok;p3;21/01/2015 09:00;Video #SocMed4SocGood;tt-1;1,2 rb;2jt',
  'facebook;p4;kemarin;#SocMed4SocGood;fb-1;5;',
  'facebook;p5;22/01/2015 08:00;Lagi #SocMed4SocGood;fb-2;1,234;',
].join('\n');

async function newCampaign(): Promise<string> {
  const input = { name: 'Pratinjau impor', hashtags: ['#SocMed4SocGood'], startsAt: '2015-01-13T00:00:00+07:00', sources: [{ type: 'import' }] };
  const { campaign } = await json<{ campaign: { id: string } }>(await svc.api('/api/v1/campaigns', { method: 'POST', json: input }), 201);
  return `/api/v1/campaigns/${campaign.id}`;
}

const send = (base: string, query: string, lang = 'en') =>
  svc.api(`${base}/import${query}`, { method: 'POST', body: CSV, headers: { 'content-type': 'text/csv', 'accept-language': lang } });

/** Everything an import could change: posts, runs, audit entries and the campaign's figures. */
async function footprint(base: string) {
  const runs = await json<{ runs: unknown[] }>(await svc.api(`${base}/runs`));
  const audit = await json<{ entries: unknown[] }>(await svc.api('/api/v1/audit?limit=500'));
  const summary = await json<{ posts: number }>(await svc.api(`${base}/metrics/summary`));
  return { posts: await svc.rt.store.countPosts(), runs: runs.runs.length, audit: audit.entries.length, summaryPosts: summary.posts };
}

describe('the import dry run', () => {
  it('answers the first rows read and every problem, stores nothing, and the import then takes the same rows', async () => {
    const base = await newCampaign();
    const before = await footprint(base);
    const preview = await json<Preview>(await send(base, '?dryRun=true'));
    expect(preview).toMatchObject({ dryRun: true, rows: 5, accepted: 2 });
    expect(preview.rejected.map((r) => r.row)).toEqual([3, 4, 5]);
    expect(preview.rejected[0]!.error).toMatch(/^hashtags: none of the campaign hashtags/);
    expect(preview.rejected[1]!.error).toBe(
      'likes: is shortened: write the whole number, like 1200 or 1.200 for 1,2 rb or 1.2K, and 2000000 or 2.000.000 for 2 jt: "1,2 rb"; ' +
        'views: is shortened: write the whole number, like 1200 or 1.200 for 1,2 rb or 1.2K, and 2000000 or 2.000.000 for 2 jt: "2jt"',
    );
    expect(preview.rejected[2]!.error).toMatch(/^created_at: must be an ISO 8601 instant/);
    expect(preview.preview.map((r) => [r.row, r.ok])).toEqual([
      [2, true],
      [3, false],
      [4, false],
      [5, false],
      [6, true],
    ]);
    // What was read, as the person wrote it: the Indonesian thousands are whole numbers.
    expect(preview.preview[0]).toMatchObject({ platform: 'instagram', postId: 'p1', author: 'ig-1', counts: { likes: 1234 }, views: 12_345 });
    expect(preview.preview[4]).toMatchObject({ platform: 'facebook', postId: 'p5', counts: { likes: 1234 } });
    // A row the schema could not read has only its problems.
    expect(preview.preview[2]).toEqual({ row: 4, ok: false, error: preview.rejected[1]!.error });
    expect(await footprint(base)).toEqual(before);

    const inId = await json<Preview>(await send(base, '?dryRun=true', 'id'));
    expect(inId.rejected[1]!.error).toMatch(/^likes: disingkat: tulis angka lengkapnya, seperti 1200 atau 1.200 .*: "1,2 rb"; views: disingkat/);
    expect(inId.preview[1]!.error).toMatch(/^hashtags: tidak ada tagar kampanye/);
    expect(await footprint(base)).toEqual(before);

    const done = await json<{ imported: number; duplicates: number; rejected: unknown[] }>(await send(base, ''));
    expect(done).toMatchObject({ imported: preview.accepted, duplicates: 0 });
    expect(done.rejected).toEqual(preview.rejected);
    const after = await footprint(base);
    expect(after.posts).toBe(before.posts + 2);
    expect(after.runs).toBe(before.runs + 1);
    expect(after.audit).toBe(before.audit + 1);
  });

  it('refuses a bad query value and a whole bad file as the import does, storing nothing', async () => {
    const base = await newCampaign();
    const before = await footprint(base);
    const bad = await json<{ error: { details: Array<{ field: string }> } }>(await send(base, '?dryRun=yes'), 400);
    expect(bad.error.details.map((d) => d.field)).toEqual(['dryRun']);
    const res = await svc.api(`${base}/import?dryRun=true`, { method: 'POST', body: 'platform,shares\nx,1\n', headers: { 'content-type': 'text/csv' } });
    const refused = await json<{ error: { code: string } }>(res, 400);
    expect(refused.error.code).toBe('unknown_columns');
    expect(await footprint(base)).toEqual(before);
  });
});

describe('the template and the columns', () => {
  it('serves a CSV template with every column and an example row, to anyone', async () => {
    const res = await svc.api('/api/v1/import/template.csv', { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.split(',')).toEqual([...IMPORT_COLUMNS]);
  });

  it('lists the columns in the reader’s language', async () => {
    type Columns = { columns: Array<{ name: string; required: boolean; meaning: string; example: string }> };
    const en = await json<Columns>(await svc.api('/api/v1/import/columns', { token: null, headers: { 'accept-language': 'en' } }));
    const id = await json<Columns>(await svc.api('/api/v1/import/columns', { token: null, headers: { 'accept-language': 'id' } }));
    expect(en.columns.map((c) => c.name)).toEqual([...IMPORT_COLUMNS]);
    expect(id.columns.map((c) => c.name)).toEqual([...IMPORT_COLUMNS]);
    expect(en.columns.find((c) => c.name === 'replies')!.meaning).toBe('comments');
    expect(id.columns.find((c) => c.name === 'replies')!.meaning).toBe('komentar');
    expect(en.columns.find((c) => c.name === 'post_id')!.required).toBe(true);
  });
});
