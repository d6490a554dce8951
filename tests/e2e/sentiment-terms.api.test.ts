import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { startService, type RunningService } from '../helpers/service.js';

/**
 * API.md 1.1 on the demo campaign: a person's sentiment (PATCH …/posts/:platform/:postId) wins,
 * moves the figures, survives a re-attribution and is audited; the top terms; the new
 * contributor sorts.
 */

interface PostView {
  platform: string;
  source: string;
  postId: string;
  sentiment: string;
  sentimentSource: string;
  text: string;
}
interface ErrorBody {
  error: { code: string; message: string; details: Array<{ field: string; message: string }> };
}
interface TermRow {
  term: string;
  posts: number;
  contributors: number;
  engagement: number;
}

let svc: RunningService;
const demo = `/api/v1/campaigns/${DEMO_CAMPAIGN_ID}`;

beforeAll(async () => {
  svc = await startService({ demo: true });
}, 120_000);
afterAll(async () => svc?.close());

async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const bySentiment = async (): Promise<Record<string, number>> => {
  const { rows } = await json<{ rows: Array<{ key: string; posts: number }> }>(await svc.api(`${demo}/metrics/breakdown?by=sentiment`));
  return Object.fromEntries(rows.map((r) => [r.key, r.posts]));
};

describe('manual sentiment', () => {
  it('sets, keeps through a re-attribution, moves the breakdown, is audited, and returns to automatic', async () => {
    const { posts } = await json<{ posts: PostView[] }>(await svc.api(`${demo}/posts?limit=1&sentiment=positive`));
    const post = posts[0]!;
    expect(post.sentimentSource).toBe('auto');
    const before = await bySentiment();
    const path = `${demo}/posts/${post.platform}/${encodeURIComponent(post.postId)}`;

    const set = await json<{ post: PostView }>(await svc.api(path, { method: 'PATCH', json: { sentiment: 'negative' } }));
    expect(set.post).toMatchObject({ postId: post.postId, platform: post.platform, sentiment: 'negative', sentimentSource: 'manual', text: post.text });
    expect(await bySentiment()).toEqual({ ...before, positive: (before.positive ?? 0) - 1, negative: (before.negative ?? 0) + 1 });
    const filtered = await json<{ posts: PostView[] }>(await svc.api(`${demo}/posts?limit=100&sentiment=negative`));
    expect(filtered.posts.map((p) => p.postId)).toContain(post.postId);

    // Campaign words re-read every automatic sentiment (a re-attribution): the person's stays.
    await json(await svc.api(demo, { method: 'PATCH', json: { sentimentWords: { positive: ['socmed4socgood'], negative: ['kecewa berat'] } } }));
    await svc.idle();
    const { campaign } = await json<{ campaign: { sentimentWords: unknown } }>(await svc.api(demo));
    expect(campaign.sentimentWords).toEqual({ positive: ['socmed4socgood'], negative: ['kecewa berat'] });
    const kept = await json<{ posts: PostView[] }>(await svc.api(`${demo}/posts?limit=100&sentiment=negative`));
    expect(kept.posts.find((p) => p.postId === post.postId)).toMatchObject({ sentiment: 'negative', sentimentSource: 'manual' });

    const { entries } = await json<{ entries: Array<{ action: string; details: Record<string, unknown> }> }>(await svc.api('/api/v1/audit?limit=20'));
    expect(entries.find((e) => e.action === 'post.sentiment')?.details).toMatchObject({ postId: post.postId, to: 'negative', sentimentSource: 'manual' });

    const back = await json<{ post: PostView }>(await svc.api(path, { method: 'PATCH', json: { sentiment: null } }));
    expect(back.post.sentimentSource).toBe('auto');
    expect(['positive', 'neutral', 'negative']).toContain(back.post.sentiment);
    await json(await svc.api(demo, { method: 'PATCH', json: { sentimentWords: { positive: [], negative: [] } } }));
    await svc.idle();
    expect(await bySentiment()).toEqual(before);
  });

  it('refuses a bad value naming sentiment, in the caller’s language, and changes nothing', async () => {
    const { posts } = await json<{ posts: PostView[] }>(await svc.api(`${demo}/posts?limit=1`));
    const post = posts[0]!;
    const path = `${demo}/posts/${post.platform}/${encodeURIComponent(post.postId)}`;
    for (const body of [{ sentiment: 'angry' }, {}, { sentiment: 'negative', extra: 1 }]) {
      const res = await svc.api(path, { method: 'PATCH', json: body, headers: { 'accept-language': 'id' } });
      const err = await json<ErrorBody>(res, 400);
      expect(err.error.details.map((d) => d.field).join(' ')).toMatch(/sentiment|extra/);
    }
    const en = await json<ErrorBody>(await svc.api(path, { method: 'PATCH', json: { sentiment: 'angry' }, headers: { 'accept-language': 'en' } }), 400);
    const id = await json<ErrorBody>(await svc.api(path, { method: 'PATCH', json: { sentiment: 'angry' }, headers: { 'accept-language': 'id' } }), 400);
    expect(en.error.details[0]).toMatchObject({ field: 'sentiment', message: 'must be positive, neutral, negative or null' });
    expect(id.error.details[0]?.field).toBe('sentiment');
    expect(id.error.details[0]?.message).not.toBe(en.error.details[0]?.message);
    const again = await json<{ posts: PostView[] }>(await svc.api(`${demo}/posts?limit=1`));
    expect(again.posts[0]).toEqual(post);
  });

  it('answers 404 for a post the campaign does not hold', async () => {
    const res = await svc.api(`${demo}/posts/x/does-not-exist`, { method: 'PATCH', json: { sentiment: 'neutral' } });
    expect((await json<ErrorBody>(res, 404)).error.code).toBe('not_found');
    const other = await svc.api(`${demo}/posts/instagram/does-not-exist`, { method: 'PATCH', json: { sentiment: 'neutral' } });
    expect(other.status).toBe(404);
  });
});

describe('metrics/terms', () => {
  it('lists the top hashtags, words and mentions, most posts first, under the filters', async () => {
    const summary = await json<{ posts: number }>(await svc.api(`${demo}/metrics/summary`));
    const hashtags = await json<{ kind: string; rows: TermRow[] }>(await svc.api(`${demo}/metrics/terms?kind=hashtag`));
    expect(hashtags.kind).toBe('hashtag');
    // Every demo post carries the campaign's hashtag.
    expect(hashtags.rows[0]).toMatchObject({ term: 'socmed4socgood', posts: summary.posts });
    expect(hashtags.rows.length).toBeLessThanOrEqual(50);
    for (const kind of ['hashtag', 'word', 'mention']) {
      const { rows } = await json<{ rows: TermRow[] }>(await svc.api(`${demo}/metrics/terms?kind=${kind}&limit=200`));
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = [rows[i - 1]!, rows[i]!];
        expect(a.posts > b.posts || (a.posts === b.posts && a.term < b.term), `${kind}: ${a.term} before ${b.term}`).toBe(true);
      }
      for (const r of rows) {
        expect(r.contributors).toBeGreaterThan(0);
        expect(r.contributors).toBeLessThanOrEqual(r.posts);
        if (kind === 'hashtag') expect(r.term).toMatch(/^[^#A-Z]+$/);
        if (kind === 'mention') expect(r.term).toMatch(/^@[^A-Z]+$/);
        if (kind === 'word') expect(r.term).not.toMatch(/^[@#]|^\d+$|^(yang|dan|di|the|and)$/);
      }
    }
    const city = await json<{ posts: number }>(await svc.api(`${demo}/metrics/summary?city=73.71`));
    const filtered = await json<{ rows: TermRow[] }>(await svc.api(`${demo}/metrics/terms?kind=hashtag&limit=1&city=73.71`));
    expect(filtered.rows).toEqual([expect.objectContaining({ term: 'socmed4socgood', posts: city.posts })]);
  });

  it('refuses a missing or unknown kind and a limit outside 1..200, naming the parameter', async () => {
    for (const [query, field] of [
      ['', 'kind'],
      ['kind=tags', 'kind'],
      ['kind=word&limit=0', 'limit'],
      ['kind=word&limit=201', 'limit'],
      ['kind=word&limit=ten', 'limit'],
    ] as const) {
      const err = await json<ErrorBody>(await svc.api(`${demo}/metrics/terms?${query}`), 400);
      expect(
        err.error.details.map((d) => d.field),
        query,
      ).toContain(field);
    }
  });
});

describe('contributors sorted by original posts and impressions', () => {
  it('orders by each, descending', async () => {
    for (const sort of ['original', 'impressions'] as const) {
      const { contributors } = await json<{ contributors: Array<Record<string, number>> }>(await svc.api(`${demo}/contributors?sort=${sort}&limit=50`));
      expect(contributors.length).toBeGreaterThan(1);
      for (let i = 1; i < contributors.length; i++) expect(contributors[i - 1]![sort]!).toBeGreaterThanOrEqual(contributors[i]![sort]!);
      for (const c of contributors) expect(c.original).toBeLessThanOrEqual(c.posts!);
    }
  });
});
