import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get as httpGet } from 'node:http';
import { startService, TEST_TOKEN, type RunningService } from '../helpers/service.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8');

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

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ field: string }> };
}

interface ImportBody {
  imported: number;
  duplicates: number;
  rejected: Array<{ row: number; error: string }>;
}

/** A new campaign of #SocMed4SocGood from 13 January 2015, open-ended. */
async function newCampaign(name: string): Promise<string> {
  const input = { name, hashtags: ['#SocMed4SocGood'], startsAt: '2015-01-13T00:00:00+07:00', cities: ['73.71', '53.71', '82.71'] };
  const { campaign } = await json<{ campaign: { id: string } }>(await svc.api('/api/v1/campaigns', { method: 'POST', json: input }), 201);
  return `/api/v1/campaigns/${campaign.id}`;
}

const postCsv = (base: string, text: string, type = 'text/csv; charset=utf-8') =>
  svc.api(`${base}/import`, { method: 'POST', body: text, headers: { 'content-type': type } });

/** What a rejected request must leave untouched. */
async function footprint(base: string) {
  const runs = await json<{ runs: unknown[] }>(await svc.api(`${base}/runs`));
  return { posts: await svc.rt.store.countPosts(), runs: runs.runs.length };
}

describe('a breakdown, answered once and shared between requests', () => {
  it('follows new posts, a new city and a new spelling of a hashtag at once', async () => {
    const base = await newCampaign('Breakdown freshness');
    const byCity = async () => (await json<{ rows: Array<{ key: string; posts: number }> }>(await svc.api(`${base}/metrics/breakdown?by=city`))).rows;
    const empty = await byCity();
    expect(empty.map((r) => r.key).sort()).toEqual(['53.71', '73.71', '82.71', 'unknown']);
    expect(await byCity()).toEqual(empty);
    const csv = 'platform,post_id,created_at,text,author_id,likes,city\ninstagram,fresh-1,2015-01-20T10:00:00+07:00,#SocMed4SocGood di Makassar,ig-1,5,73.71\n';
    expect((await json<ImportBody>(await postCsv(base, csv))).imported).toBe(1);
    expect((await byCity()).find((r) => r.key === '73.71')?.posts).toBe(1);
    // A campaign edit that changes no post: its new city is listed, with no post.
    await json(await svc.api(base, { method: 'PATCH', json: { cities: ['73.71', '53.71', '82.71', '81.71'] } }));
    expect((await byCity()).find((r) => r.key === '81.71')).toMatchObject({ posts: 0 });
    const label = async () => (await json<{ rows: Array<{ label: string }> }>(await svc.api(`${base}/metrics/breakdown?by=hashtag`))).rows[0]?.label;
    expect(await label()).toBe('#SocMed4SocGood');
    await json(await svc.api(base, { method: 'PATCH', json: { hashtags: ['#socmed4socgood'] } }));
    expect(await label()).toBe('#socmed4socgood');
  });
});

describe('an imported post keeps the platform it was published on', () => {
  it('shows an Instagram post as instagram in posts, breakdowns, filters, contributors and the CSV', async () => {
    const base = await newCampaign('Platforms');
    const csv =
      'platform,post_id,created_at,text,author_id,likes\n' +
      'instagram,C1a2,2015-01-20T10:00:00+07:00,#SocMed4SocGood Makassar,relawan_mks,5\n' +
      'tiktok,7301,2015-01-21T10:00:00+07:00,#SocMed4SocGood Kupang,relawan_kpg,2\n';
    expect((await json<ImportBody>(await postCsv(base, csv))).imported).toBe(2);

    const { posts } = await json<{ posts: Array<{ platform: string; source: string; postId: string }> }>(await svc.api(`${base}/posts?sort=recent`));
    expect(posts.map((p) => [p.platform, p.source, p.postId])).toEqual([
      ['tiktok', 'import', 'tiktok:7301'],
      ['instagram', 'import', 'instagram:C1a2'],
    ]);
    const { rows } = await json<{ rows: Array<{ key: string; label: string; posts: number }> }>(await svc.api(`${base}/metrics/breakdown?by=platform`));
    expect(rows.filter((r) => r.posts > 0).map((r) => [r.key, r.label, r.posts])).toEqual([
      ['instagram', 'Instagram', 1],
      ['tiktok', 'TikTok', 1],
    ]);
    const summary = await json<{ posts: number; engagement: number }>(await svc.api(`${base}/metrics/summary?platform=instagram`));
    expect(summary).toMatchObject({ posts: 1, engagement: 5 });
    const { contributors } = await json<{ contributors: Array<{ platform: string; source: string; authorId: string }> }>(
      await svc.api(`${base}/contributors?sort=posts&platform=tiktok`),
    );
    expect(contributors.map((c) => [c.platform, c.source, c.authorId])).toEqual([['tiktok', 'import', 'tiktok:relawan_kpg']]);
    const matrix = await json<{ rows: string[]; cols: string[] }>(await svc.api(`${base}/metrics/matrix?rows=platform&cols=source`));
    expect(matrix.rows).toEqual(expect.arrayContaining(['instagram', 'tiktok']));

    const exported = await (await svc.api(`${base}/export.csv?platform=instagram`)).text();
    const [header, row, extra] = exported.trim().split(/\r?\n/);
    expect(header?.split(',').slice(0, 3)).toEqual(['platform', 'source', 'post_id']);
    expect(row?.split(',').slice(0, 3)).toEqual(['instagram', 'import', 'instagram:C1a2']);
    expect(extra).toBeUndefined();

    const bad = await json<ErrorBody>(await svc.api(`${base}/metrics/summary?platform=friendster`), 400);
    expect(bad.error.details.map((d) => d.field)).toContain('platform');
  });
});

describe('the language of a post', () => {
  it('is detected from an imported text and is a breakdown, a filter and a column', async () => {
    const base = await newCampaign('Languages');
    const csv =
      'platform,post_id,created_at,text,author_id\n' +
      'instagram,L1,2015-01-20T10:00:00+07:00,Thank you everyone who joined the digital literacy workshop in Makassar today #SocMed4SocGood,a1\n' +
      'facebook,L2,2015-01-20T11:00:00+07:00,Terima kasih semua peserta pelatihan literasi digital di Makassar hari ini #SocMed4SocGood,a2\n' +
      'facebook,L3,2015-01-20T12:00:00+07:00,#SocMed4SocGood,a3\n';
    expect((await json<ImportBody>(await postCsv(base, csv))).imported).toBe(3);
    const { posts } = await json<{ posts: Array<{ postId: string; language: string }> }>(await svc.api(`${base}/posts?sort=recent`));
    expect(posts.map((p) => [p.postId, p.language])).toEqual([
      ['facebook:L3', 'und'],
      ['facebook:L2', 'id'],
      ['instagram:L1', 'en'],
    ]);
    const { rows } = await json<{ rows: Array<{ key: string; label: string; posts: number }> }>(await svc.api(`${base}/metrics/breakdown?by=language`));
    expect(rows.map((r) => [r.key, r.label, r.posts])).toEqual(
      expect.arrayContaining([
        ['en', 'English', 1],
        ['id', 'Indonesian', 1],
        ['und', 'Unknown', 1],
      ]),
    );
    expect(await json<{ posts: number }>(await svc.api(`${base}/metrics/summary?language=en&language=id`))).toMatchObject({ posts: 2 });
    const exported = await (await svc.api(`${base}/export.csv?language=en`)).text();
    const [header, row] = exported.trim().split(/\r?\n/);
    const column = header?.split(',').indexOf('language') ?? -1;
    expect(column).toBeGreaterThan(0);
    expect(row?.split(',')[column]).toBe('en');
    const bad = await json<ErrorBody>(await svc.api(`${base}/metrics/breakdown?by=city&language=English`), 400);
    expect(bad.error.details.map((d) => d.field)).toContain('language');
  });
});

describe('the sentiment of a post', () => {
  it('is read from the text: a dimension, a filter, a column, and netSentiment in the summary', async () => {
    const base = await newCampaign('Sentiment');
    expect(await json<{ posts: number; netSentiment: number | null }>(await svc.api(`${base}/metrics/summary`))).toMatchObject({
      posts: 0,
      netSentiment: null,
    });
    const csv =
      'platform,post_id,created_at,text,author_id\n' +
      'instagram,S1,2015-01-20T10:00:00+07:00,Pelatihannya keren banget dan bermanfaat! Terima kasih #SocMed4SocGood,a1\n' +
      'instagram,S2,2015-01-20T11:00:00+07:00,Pelatihannya bagus sekali #SocMed4SocGood,a2\n' +
      'facebook,S3,2015-01-20T12:00:00+07:00,Kecewa banget pelatihannya dibatalkan lagi tanpa kabar #SocMed4SocGood,a3\n' +
      'facebook,S4,2015-01-20T13:00:00+07:00,Pelatihan literasi digital dimulai pukul sembilan di balai kota #SocMed4SocGood,a4\n';
    expect((await json<ImportBody>(await postCsv(base, csv))).imported).toBe(4);
    const { posts } = await json<{ posts: Array<{ postId: string; sentiment: string; sentimentSource: string }> }>(await svc.api(`${base}/posts?sort=recent`));
    expect(posts.map((p) => [p.postId, p.sentiment, p.sentimentSource])).toEqual([
      ['facebook:S4', 'neutral', 'auto'],
      ['facebook:S3', 'negative', 'auto'],
      ['instagram:S2', 'positive', 'auto'],
      ['instagram:S1', 'positive', 'auto'],
    ]);
    // (2 positive − 1 negative) / 4 posts.
    expect(await json<{ netSentiment: number }>(await svc.api(`${base}/metrics/summary`))).toMatchObject({ posts: 4, netSentiment: 0.25 });
    expect(await json<{ netSentiment: number }>(await svc.api(`${base}/metrics/summary?platform=facebook`))).toMatchObject({ posts: 2, netSentiment: -0.5 });
    const { rows } = await json<{ rows: Array<{ key: string; label: string; posts: number }> }>(await svc.api(`${base}/metrics/breakdown?by=sentiment`));
    expect(rows.map((r) => [r.key, r.label, r.posts])).toEqual([
      ['positive', 'Positive', 2],
      ['negative', 'Negative', 1],
      ['neutral', 'Neutral', 1],
    ]);
    expect(await json<{ posts: number }>(await svc.api(`${base}/metrics/summary?sentiment=negative`))).toMatchObject({ posts: 1, netSentiment: -1 });
    const exported = await (await svc.api(`${base}/export.csv?sentiment=negative`)).text();
    const [header, row] = exported.trim().split(/\r?\n/);
    const columns = header?.split(',') ?? [];
    expect(row?.split(',')[columns.indexOf('sentiment')]).toBe('negative');
    expect(row?.split(',')[columns.indexOf('sentiment_source')]).toBe('auto');
    const bad = await json<ErrorBody>(await svc.api(`${base}/metrics/summary?sentiment=happy`), 400);
    expect(bad.error.details.map((d) => d.field)).toContain('sentiment');
  });
});

/**
 * The status of a GET with If-None-Match. Not through fetch: a conditional request makes fetch
 * add `Cache-Control: no-cache`, which rightly forbids a 304.
 */
function conditionalStatus(pathname: string, etag: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const req = httpGet(new URL(pathname, svc.url), { headers: { authorization: `Bearer ${TEST_TOKEN}`, 'if-none-match': etag } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
  });
}

describe('a shared breakdown over HTTP', () => {
  it('is JSON with an ETag that answers a conditional request with 304 until the data changes', async () => {
    const base = await newCampaign('Breakdown ETag');
    const url = `${base}/metrics/breakdown?by=city`;
    const first = await svc.api(url);
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    const body = await first.json();
    const again = await svc.api(url);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.json()).toEqual(body);
    expect(await conditionalStatus(url, etag!)).toBe(304);
    const csv = 'platform,post_id,created_at,text,author_id,likes,city\ninstagram,etag-1,2015-01-20T10:00:00+07:00,#SocMed4SocGood,ig-2,5,53.71\n';
    expect((await json<ImportBody>(await postCsv(base, csv))).imported).toBe(1);
    expect(await conditionalStatus(url, etag!)).toBe(200);
    expect((await svc.api(url)).headers.get('etag')).not.toBe(etag);
  });
});

describe('POST /campaigns/:id/import', () => {
  it('imports a CSV file: good rows stored, bad rows reported by row number and field', async () => {
    const base = await newCampaign('Import CSV');
    const body = await json<ImportBody>(await postCsv(base, fixture('posts.csv')));
    expect(body.imported).toBe(4);
    expect(body.duplicates).toBe(0);
    expect(body.rejected.map((r) => [r.row, r.error.split(':')[0]])).toEqual([
      [6, 'kind'],
      [7, 'likes'],
      [8, 'created_at'],
      [9, 'hashtags'],
    ]);
    await svc.idle();

    // The metrics count exactly the imported posts, under the source `import`.
    const summary = await json(await svc.api(`${base}/metrics/summary`));
    expect(summary).toMatchObject({
      posts: 4,
      contributors: 4,
      engagement: 1205,
      impressions: 17_000,
      impressionsReported: 17_000,
      impressionsEstimated: 0,
      reach: 2000,
    });
    const bySource = await json<{ rows: Array<{ key: string; label: string; posts: number }> }>(await svc.api(`${base}/metrics/breakdown?by=source`));
    expect(bySource.rows.filter((r) => r.posts > 0)).toEqual([expect.objectContaining({ key: 'import', label: 'Import', posts: 4 })]);
    const byCity = await json<{ rows: Array<{ key: string; posts: number }> }>(await svc.api(`${base}/metrics/breakdown?by=city`));
    expect(Object.fromEntries(byCity.rows.map((r) => [r.key, r.posts]))).toMatchObject({ '73.71': 1, '53.71': 2, unknown: 1 });
    // Day figures come from the rollups the metrics job refreshed after the import.
    const series = await json<{ points: Array<{ bucket: string; posts: number }> }>(
      await svc.api(`${base}/metrics/timeseries?interval=day&from=2015-01-20&to=2015-01-22`),
    );
    expect(series.points.map((p) => [p.bucket, p.posts])).toEqual([
      ['2015-01-20', 1],
      ['2015-01-21', 2],
      ['2015-01-22', 1],
    ]);

    // The import shows as a run and in the campaign's collection status.
    const { runs } = await json<{ runs: Array<{ source: string; status: string; newPosts: number }> }>(await svc.api(`${base}/runs`));
    expect(runs[0]).toMatchObject({ source: 'import', status: 'succeeded', newPosts: 4 });
    const { campaign } = await json<{ campaign: { collection: Record<string, { outcome: string; postsStored: number }> } }>(await svc.api(base));
    expect(campaign.collection.import).toMatchObject({ outcome: 'succeeded', postsStored: 4 });

    // The same file again: all duplicates, nothing counted twice.
    const again = await json<ImportBody>(await postCsv(base, fixture('posts.csv')));
    expect(again).toMatchObject({ imported: 0, duplicates: 4 });
    await svc.idle();
    expect(await json(await svc.api(`${base}/metrics/summary`))).toMatchObject({ posts: 4, engagement: 1205 });
  });

  it('imports a semicolon-separated export sent as text/plain', async () => {
    const base = await newCampaign('Import semicolons');
    const body = await json<ImportBody>(await postCsv(base, fixture('insights-semicolon.csv'), 'text/plain'));
    expect(body).toEqual({ imported: 2, duplicates: 0, rejected: [] });
  });

  it('imports JSON, as {"posts": [...]} and as a bare array', async () => {
    const base = await newCampaign('Import JSON');
    const doc = JSON.parse(fixture('posts.json')) as { posts: Array<Record<string, unknown>> };
    const body = await json<ImportBody>(await svc.api(`${base}/import`, { method: 'POST', json: doc }));
    expect(body).toEqual({ imported: 2, duplicates: 0, rejected: [{ row: 3, error: expect.stringMatching(/^created_at: /) }] });
    const more = [{ ...doc.posts[0], post_id: 'J2' }, doc.posts[0]];
    expect(await json<ImportBody>(await svc.api(`${base}/import`, { method: 'POST', json: more }))).toEqual({ imported: 1, duplicates: 1, rejected: [] });
    await svc.idle();
    expect(await json(await svc.api(`${base}/metrics/summary`))).toMatchObject({ posts: 3, contributors: 2 });
  });

  it('answers 415 for another content type, 400 naming unknown columns, 413 for an oversized body, and writes nothing', async () => {
    const base = await newCampaign('Import refusals');
    const before = await footprint(base);

    const xml = await json<ErrorBody>(await postCsv(base, '<posts/>', 'application/xml'), 415);
    expect(xml.error).toMatchObject({ code: 'unsupported_media_type', details: [{ field: 'content-type' }] });
    const form = await svc.api(`${base}/import`, { method: 'POST', body: new URLSearchParams({ platform: 'instagram' }) });
    expect((await json<ErrorBody>(form, 415)).error.code).toBe('unsupported_media_type');
    const untyped = await svc.api(`${base}/import`, { method: 'POST', body: new TextEncoder().encode(fixture('posts.csv')) });
    expect((await json<ErrorBody>(untyped, 415)).error.message).toContain('no content type');

    const unknown = await json<ErrorBody>(await postCsv(base, fixture('unknown-columns.csv')), 400);
    expect(unknown.error.code).toBe('unknown_columns');
    expect(unknown.error.message).toMatch(/shares.*reach/);
    expect(unknown.error.details.map((d) => d.field)).toEqual(['shares', 'reach']);

    const header = 'platform,post_id,created_at,text,author_id\n';
    const big = header + 'instagram,1,2015-01-20 10:00,#SocMed4SocGood,u\n'.repeat(Math.ceil((5 * 1024 * 1024) / 40));
    const tooBig = await json<ErrorBody>(await postCsv(base, big), 413);
    expect(tooBig.error.code).toBe('payload_too_large');
    expect(tooBig.error.message).toContain('5 MB');
    const bigJson = JSON.stringify({ posts: [{ text: 'x'.repeat(5 * 1024 * 1024) }] });
    expect(
      (await json<ErrorBody>(await svc.api(`${base}/import`, { method: 'POST', body: bigJson, headers: { 'content-type': 'application/json' } }), 413)).error
        .code,
    ).toBe('payload_too_large');

    expect(
      (await json<ErrorBody>(await svc.api(`${base}/import`, { method: 'POST', body: '[{', headers: { 'content-type': 'application/json' } }), 400)).error.code,
    ).toBe('invalid_json');
    expect((await json<ErrorBody>(await svc.api(`${base}/import`, { method: 'POST', json: { rows: [] } }), 400)).error.code).toBe('invalid_file');
    expect((await json<ErrorBody>(await postCsv(base, ''), 400)).error.code).toBe('missing_header');

    expect(await footprint(base)).toEqual(before);
  });

  it('answers 404 for an unknown campaign and 401 without a credential', async () => {
    expect((await json<ErrorBody>(await postCsv('/api/v1/campaigns/nope', fixture('posts.csv')), 404)).error.code).toBe('not_found');
    const res = await svc.api('/api/v1/campaigns/nope/import', {
      method: 'POST',
      body: fixture('posts.csv'),
      headers: { 'content-type': 'text/csv' },
      token: null,
    });
    expect((await json<ErrorBody>(res, 401)).error.code).toBe('unauthorized');
  });

  it('is in the OpenAPI document with both content types', async () => {
    const doc = await json<{
      paths: Record<string, Record<string, { requestBody: { content: Record<string, unknown> }; responses: Record<string, unknown> }>>;
    }>(await svc.api('/api/v1/openapi.json', { token: null }));
    const op = doc.paths['/api/v1/campaigns/{id}/import']!.post!;
    expect(Object.keys(op.requestBody.content).sort()).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '413', '415']));
  });
});
