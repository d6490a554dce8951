import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID, DEMO_CITIES } from '../../src/demo/demo.loader.js';
import { EXPORT_COLUMNS } from '../../src/services/posts-export.js';
import { startService, type RunningService } from '../helpers/service.js';

/**
 * API-level consistency on the demo campaign: the export, the matrix, the posts, the contributors
 * and the summary and breakdown all describe the same set of posts, under the same filters.
 */

interface Summary {
  posts: number;
  contributors: number;
  engagement: number;
  impressions: number;
  reach: number;
}
interface Row {
  key: string;
  posts: number;
  engagement: number;
  reach: number;
  contributors: number;
}
interface Matrix {
  rows: string[];
  cols: string[];
  values: number[][];
  rowLabels: string[];
  colLabels: string[];
  value: string;
  rowTotals: number[];
  colTotals: number[];
}
interface PostView {
  platform: string;
  postId: string;
  engagement: number;
  createdAt: string;
  city: { code: string } | null;
  topics: string[];
  impressions: number | null;
}
interface Contributor {
  posts: number;
  engagement: number;
  impressions: number;
  reach: number;
  followers: number | null;
}

let svc: RunningService;
const demo = `/api/v1/campaigns/${DEMO_CAMPAIGN_ID}`;

beforeAll(async () => {
  svc = await startService({ demo: true });
});
afterAll(async () => svc?.close());

async function get<T>(path: string, status = 200): Promise<T> {
  const res = await svc.api(path);
  const body = (await res.json()) as T;
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const withQuery = (path: string, qs: string) => (qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path);

async function csvRows(qs = '', campaignPath = demo): Promise<Array<Record<string, string>>> {
  const res = await svc.api(withQuery(`${campaignPath}/export.csv`, qs));
  expect(res.status).toBe(200);
  return parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
}

/** Every post of a filtered set, through the cursor, with the pages' sizes. */
async function walkPosts(qs: string, sort: 'engagement' | 'recent', limit: number): Promise<PostView[]> {
  const all: PostView[] = [];
  let cursor: string | null = null;
  do {
    const page: { posts: PostView[]; nextCursor: string | null } = await get(
      withQuery(`${demo}/posts?sort=${sort}&limit=${limit}`, [qs, cursor ? `cursor=${cursor}` : ''].filter(Boolean).join('&')),
    );
    expect(page.posts.length).toBeLessThanOrEqual(limit);
    if (page.nextCursor) expect(page.posts).toHaveLength(limit);
    all.push(...page.posts);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

describe('export.csv', () => {
  it('streams one row per post, with the documented columns and headers, adding up to the summary and the city breakdown', async () => {
    const res = await svc.api(`${demo}/export.csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${DEMO_CAMPAIGN_ID}-posts.csv"`);
    const text = await res.text();
    expect(text.split('\n', 1)[0]).toBe(EXPORT_COLUMNS.join(','));
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    const s = await get<Summary>(`${demo}/metrics/summary`);
    expect(rows).toHaveLength(s.posts);
    expect(new Set(rows.map((r) => `${r.platform}:${r.post_id}`)).size).toBe(s.posts);
    expect(sum(rows.map((r) => Number(r.engagement)))).toBe(s.engagement);
    expect(sum(rows.map((r) => Number(r.impressions || 0)))).toBe(s.impressions);
    const byCity = await get<{ rows: Row[] }>(`${demo}/metrics/breakdown?by=city`);
    for (const city of byCity.rows)
      expect(
        rows.filter((r) => (r.city_code || 'unknown') === city.key),
        city.key,
      ).toHaveLength(city.posts);
    // Instants in the campaign's offset, and its local day.
    const first = rows[0] ?? {};
    expect(first.created_at).toMatch(/^2015-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00$/);
    expect(first.created_at?.slice(0, 10)).toBe(first.day);
  });

  it('prefixes a text cell a spreadsheet would run as a formula, and leaves unreported counts empty', async () => {
    const { campaign } = (await (
      await svc.api('/api/v1/campaigns', { method: 'POST', json: { name: 'Injection', hashtags: ['#Inject'], startsAt: '2015-01-01T00:00:00Z' } })
    ).json()) as { campaign: { id: string } };
    const createdAt = '2015-02-01T00:00:00.000Z';
    await svc.rt.store.saveBatch({
      posts: [
        {
          platform: 'mastodon',
          postId: 'm1',
          url: 'https://mastodon.social/@x/1',
          text: '=HYPERLINK("http://evil.test","klik")',
          createdAt,
          kind: 'original',
          authorId: 'u1',
          hashtags: ['inject'],
          counts: { likes: 2, reposts: 1, replies: 0 },
          observedAt: createdAt,
          engagement: 3,
        },
      ],
      authors: [{ platform: 'mastodon', authorId: 'u1', handle: '@evil', name: '-2+3', observedAt: createdAt }],
      memberships: [
        {
          campaignId: campaign.id,
          platform: 'mastodon',
          postId: 'm1',
          publishedOn: 'mastodon',
          language: 'und',
          sentiment: 'neutral',
          sentimentSource: 'auto',
          authorId: 'u1',
          createdAt,
          day: '2015-02-01',
          hour: '2015-02-01T07',
          cityCode: null,
          provinceCode: null,
          locationMethod: 'none',
          topics: [],
          hashtags: ['inject'],
        },
      ],
    });
    const [row] = await csvRows('', `/api/v1/campaigns/${campaign.id}`);
    expect(row).toMatchObject({
      text: `'=HYPERLINK("http://evil.test","klik")`,
      author_handle: "'@evil",
      author_name: "'-2+3",
      quotes: '',
      bookmarks: '',
      likes: '2',
      impressions: '',
      impressions_source: '',
      city_code: '',
      topics: 'other',
    });
  });

  it('answers 404 for an unknown campaign and 400 for an unknown parameter, before any CSV', async () => {
    expect((await svc.api('/api/v1/campaigns/nope/export.csv')).status).toBe(404);
    const res = await svc.api(`${demo}/export.csv?sort=recent`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
  });
});

describe('matrix', () => {
  it('city × source: the rows add up to the city breakdown, every campaign city shown, unknown last', async () => {
    const m = await get<Matrix>(`${demo}/metrics/matrix?rows=city&cols=source`);
    const byCity = await get<{ rows: Row[] }>(`${demo}/metrics/breakdown?by=city`);
    expect(m.value).toBe('posts');
    // The campaign's cities and unknown always, and any other city that has posts, like the breakdown.
    expect(m.rows).toEqual(expect.arrayContaining([...DEMO_CITIES, 'unknown']));
    expect([...m.rows].sort()).toEqual(byCity.rows.map((r) => r.key).sort());
    expect(m.rows.at(-1)).toBe('unknown');
    expect(m.cols).toEqual(['x']);
    expect(m.rowLabels[m.rows.indexOf('73.71')]).toBe('Makassar');
    for (const [i, key] of m.rows.entries()) {
      const expected = byCity.rows.find((r) => r.key === key)!.posts;
      expect(sum(m.values[i]!)).toBe(expected);
      expect(m.rowTotals[i]).toBe(expected);
    }
    const known = m.rowTotals.slice(0, -1);
    expect(known).toEqual([...known].sort((a, b) => b - a));
  });

  it('city × topic by reach counts an author once per cell, and its totals are the breakdown reaches', async () => {
    const m = await get<Matrix>(`${demo}/metrics/matrix?rows=topic&cols=city&value=reach`);
    const byTopic = await get<{ rows: Row[] }>(`${demo}/metrics/breakdown?by=topic`);
    expect(m.rows.at(-1)).toBe('other');
    for (const [i, key] of m.rows.entries()) {
      expect(m.rowTotals[i]).toBe(byTopic.rows.find((r) => r.key === key)!.reach);
      for (const v of m.values[i]!) expect(v).toBeLessThanOrEqual(m.rowTotals[i]!);
    }
    const s = await get<Summary>(`${demo}/metrics/summary?topic=education&city=73.71`);
    expect(m.values[m.rows.indexOf('education')]![m.cols.indexOf('73.71')]).toBe(s.reach);
  });

  it('day × city lists every day of the range in calendar order, zeros included', async () => {
    const m = await get<Matrix>(`${demo}/metrics/matrix?rows=day&cols=city&value=engagement`);
    const s = await get<Summary>(`${demo}/metrics/summary`);
    expect(m.rows).toHaveLength(28);
    expect(m.rows).toEqual([...m.rows].sort());
    expect(sum(m.values.flat())).toBe(s.engagement);
  });

  it.each([
    ['rows=city&cols=city', 'cols'],
    ['rows=city', 'cols'],
    ['rows=hour&cols=city', 'rows'],
    ['rows=city&cols=topic&value=rate', 'value'],
    ['rows=city&cols=topic&by=city', 'by'],
  ])('rejects ?%s with a 400 naming %s', async (qs, field) => {
    const body = await get<{ error: { details: Array<{ field: string }> } }>(`${demo}/metrics/matrix?${qs}`, 400);
    expect(body.error.details.map((d) => d.field)).toContain(field);
  });
});

describe('posts', () => {
  it.each(['engagement', 'recent'] as const)('walks every post of a filtered set exactly once, by %s, in order', async (sort) => {
    const s = await get<Summary>(`${demo}/metrics/summary?topic=education`);
    const posts = await walkPosts('topic=education', sort, 37);
    expect(posts).toHaveLength(s.posts);
    expect(new Set(posts.map((p) => `${p.platform}:${p.postId}`)).size).toBe(s.posts);
    expect(sum(posts.map((p) => p.engagement))).toBe(s.engagement);
    const keys = posts.map((p) => (sort === 'engagement' ? p.engagement : Date.parse(p.createdAt)));
    expect(keys).toEqual([...keys].sort((a, b) => b - a));
    for (const p of posts) expect(p.topics).toContain('education');
  });

  it('shows a post with its link, author, place, topics and figures', async () => {
    const { posts } = await get<{ posts: Array<Record<string, unknown>> }>(`${demo}/posts?limit=1&city=73.71`);
    expect(posts[0]).toMatchObject({
      platform: 'x',
      kind: expect.any(String),
      url: expect.stringMatching(/^https:\/\//),
      locationMethod: expect.any(String),
      city: { code: '73.71', label: 'Makassar' },
      province: { code: '73', label: expect.any(String) },
      author: { id: expect.any(String), handle: expect.any(String), name: expect.any(String) },
      likes: expect.any(Number),
      engagement: expect.any(Number),
      impressionsSource: expect.stringMatching(/^(reported|estimated)$/),
    });
    expect(String(posts[0]!.createdAt)).toMatch(/\+07:00$/);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['sort=likes', 'sort'],
    ['cursor=%3D%3D', 'cursor'],
    ['cursor=bm90LWpzb24', 'cursor'],
    ['page=2', 'page'],
  ])('rejects ?%s with a 400 naming %s', async (qs, field) => {
    const body = await get<{ error: { details: Array<{ field: string }> } }>(`${demo}/posts?${qs}`, 400);
    expect(body.error.details.map((d) => d.field)).toContain(field);
  });

  it('refuses a cursor given for another sort', async () => {
    const { nextCursor } = await get<{ nextCursor: string }>(`${demo}/posts?sort=recent&limit=2`);
    const body = await get<{ error: { details: Array<{ field: string; message: string }> } }>(`${demo}/posts?sort=engagement&cursor=${nextCursor}`, 400);
    expect(body.error.details[0]).toMatchObject({ field: 'cursor', message: expect.stringContaining('sort=recent') });
  });
});

describe('contributors', () => {
  it('add up to the summary when the limit covers every author, reach included', async () => {
    const qs = 'city=53.71&from=2015-01-13&to=2015-01-23';
    const s = await get<Summary>(`${demo}/metrics/summary?${qs}`);
    expect(s.contributors).toBeGreaterThan(1);
    expect(s.contributors).toBeLessThanOrEqual(100);
    const { contributors } = await get<{ contributors: Contributor[] }>(`${demo}/contributors?limit=100&${qs}`);
    expect(contributors).toHaveLength(s.contributors);
    expect(sum(contributors.map((c) => c.posts))).toBe(s.posts);
    expect(sum(contributors.map((c) => c.engagement))).toBe(s.engagement);
    expect(sum(contributors.map((c) => c.impressions))).toBe(s.impressions);
    expect(sum(contributors.map((c) => c.reach))).toBe(s.reach);
    const reach = contributors.map((c) => c.reach);
    expect(reach).toEqual([...reach].sort((a, b) => b - a));
  });

  it.each(['posts', 'engagement'] as const)('ranks by %s, 20 by default', async (sort) => {
    const { contributors } = await get<{ contributors: Contributor[] }>(`${demo}/contributors?sort=${sort}`);
    expect(contributors).toHaveLength(20);
    const keys = contributors.map((c) => c[sort]);
    expect(keys).toEqual([...keys].sort((a, b) => b - a));
  });
});

describe('one filter, one set: summary, breakdown, matrix, posts, contributors and CSV agree', () => {
  it.each([
    ['city', 'city=73.71'],
    ['topic', 'topic=education'],
    ['from/to dates', 'from=2015-01-20&to=2015-01-26'],
    ['instants', 'from=2015-01-20T12:00:00%2B07:00&to=2015-01-21T00:00:00Z'],
    ['combined', 'city=53.71&city=unknown&topic=digital%20safety&from=2015-01-15'],
  ])('%s', async (_, qs) => {
    const s = await get<Summary>(`${demo}/metrics/summary?${qs}`);
    expect(s.posts).toBeGreaterThan(0);
    const bySource = await get<{ rows: Row[] }>(`${demo}/metrics/breakdown?by=source&${qs}`);
    expect(sum(bySource.rows.map((r) => r.posts))).toBe(s.posts);
    const m = await get<Matrix>(`${demo}/metrics/matrix?rows=city&cols=source&${qs}`);
    expect(sum(m.values.flat())).toBe(s.posts);
    const me = await get<Matrix>(`${demo}/metrics/matrix?rows=source&cols=city&value=engagement&${qs}`);
    expect(sum(me.values.flat())).toBe(s.engagement);
    const posts = await walkPosts(qs, 'recent', 100);
    expect(posts).toHaveLength(s.posts);
    const csv = await csvRows(qs);
    expect(csv).toHaveLength(s.posts);
    expect(new Set(csv.map((r) => r.post_id))).toEqual(new Set(posts.map((p) => p.postId)));
    expect(sum(csv.map((r) => Number(r.engagement)))).toBe(s.engagement);
    const { contributors } = await get<{ contributors: Contributor[] }>(`${demo}/contributors?limit=100&${qs}`);
    expect(contributors.length).toBe(Math.min(100, s.contributors));
  });
});

describe('OpenAPI', () => {
  it('describes the new routes with their parameters', async () => {
    const doc = await get<{ paths: Record<string, { get: { parameters: Array<{ name: string }> } }> }>('/api/v1/openapi.json');
    const names = (path: string) => doc.paths[path]!.get.parameters.map((p) => p.name);
    expect(names('/api/v1/campaigns/{id}/metrics/matrix')).toEqual(expect.arrayContaining(['rows', 'cols', 'value', 'city', 'topic', 'from']));
    expect(names('/api/v1/campaigns/{id}/posts')).toEqual(expect.arrayContaining(['sort', 'limit', 'cursor', 'hashtag']));
    expect(names('/api/v1/campaigns/{id}/contributors')).toEqual(expect.arrayContaining(['sort', 'limit', 'source']));
    expect(names('/api/v1/campaigns/{id}/export.csv')).toEqual(expect.arrayContaining(['from', 'to', 'city', 'province', 'topic', 'source', 'hashtag']));
  });
});
