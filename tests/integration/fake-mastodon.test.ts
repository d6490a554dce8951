import { afterEach, describe, expect, it } from 'vitest';
import type { MastodonStatus } from '../../src/sources/mastodon/mastodon.types.js';
import { createFakeMastodon, type FakeMastodonOptions, type RunningFakeMastodon } from '../helpers/fake-mastodon.js';
import { fakeStatus } from '../helpers/mastodon.fixtures.js';

// The fake stands in for Mastodon in the source tests, so its paging has to be Mastodon's:
// these pin it to the documented behaviour of GET /api/v1/timelines/tag/:hashtag.

const running: RunningFakeMastodon[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.close()));
});

/** 50 statuses tagged #SocMed4SocGood, newest first, a minute apart. */
const statuses: MastodonStatus[] = Array.from({ length: 50 }, (_, i) =>
  fakeStatus({
    server: 'kupang.social',
    username: `user${i % 4}`,
    createdAt: new Date(Date.UTC(2025, 0, 15, 12, 0) - i * 60_000),
    seq: i,
    tags: ['SocMed4SocGood'],
  }),
);
const idsOf = (list: readonly MastodonStatus[]): string[] => list.map((s) => s.id);
const at = (i: number): string => statuses[i]?.id ?? '';

async function start(options?: FakeMastodonOptions): Promise<RunningFakeMastodon> {
  const fake = await createFakeMastodon(
    [...statuses, fakeStatus({ server: 'kupang.social', username: 'x', createdAt: new Date(), tags: ['Other'] })],
    options,
  ).start();
  running.push(fake);
  return fake;
}

async function get(
  fake: RunningFakeMastodon,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; ids: string[]; headers: Headers; body: unknown }> {
  const res = await fetch(`${fake.baseUrl}${path}`, { headers });
  const body = (await res.json()) as unknown;
  return { status: res.status, ids: Array.isArray(body) ? idsOf(body as MastodonStatus[]) : [], headers: res.headers, body };
}

describe('fake Mastodon hashtag timeline', () => {
  it('matches the tag case-insensitively, newest first, 20 by default and 40 at most', async () => {
    const fake = await start();
    expect((await get(fake, '/api/v1/timelines/tag/SOCMED4SOCGOOD')).ids).toEqual(idsOf(statuses.slice(0, 20)));
    expect((await get(fake, '/api/v1/timelines/tag/socmed4socgood?limit=100')).ids).toEqual(idsOf(statuses.slice(0, 40)));
    expect((await get(fake, '/api/v1/timelines/tag/nothing')).ids).toEqual([]);
  });

  it('applies max_id, since_id and min_id as documented', async () => {
    const fake = await start();
    const q = (params: string) => get(fake, `/api/v1/timelines/tag/socmed4socgood?${params}`).then((r) => r.ids);
    expect(await q(`limit=5&max_id=${at(10)}`)).toEqual(idsOf(statuses.slice(11, 16)));
    // since_id: the newest statuses above the bound, not the ones just above it.
    expect(await q(`limit=5&since_id=${at(30)}`)).toEqual(idsOf(statuses.slice(0, 5)));
    expect(await q(`limit=40&since_id=${at(5)}&max_id=${at(1)}`)).toEqual(idsOf(statuses.slice(2, 5)));
    // min_id: the statuses immediately newer than it, still newest first; since_id is ignored.
    expect(await q(`limit=5&min_id=${at(30)}`)).toEqual(idsOf(statuses.slice(25, 30)));
    expect(await q(`limit=5&min_id=${at(30)}&since_id=${at(1)}`)).toEqual(idsOf(statuses.slice(25, 30)));
    expect(await q(`limit=40&min_id=${at(30)}&max_id=${at(27)}`)).toEqual(idsOf(statuses.slice(28, 30)));
  });

  it('sends a Link header with next and prev on a non-empty page only, carrying limit', async () => {
    const fake = await start();
    const page = await get(fake, `/api/v1/timelines/tag/SocMed4SocGood?limit=3&since_id=${at(40)}`);
    const base = `${fake.baseUrl}/api/v1/timelines/tag/SocMed4SocGood`;
    expect(page.headers.get('link')).toBe(`<${base}?limit=3&max_id=${at(2)}>; rel="next", <${base}?limit=3&min_id=${at(0)}>; rel="prev"`);
    expect((await get(fake, `/api/v1/timelines/tag/socmed4socgood?min_id=${at(0)}`)).headers.get('link')).toBeNull();
  });

  it('sends rack-attack rate-limit headers and a 429 once the window is used up', async () => {
    const fake = await start({ rateLimit: { limit: 2, windowSeconds: 300 } });
    const first = await get(fake, '/api/v1/timelines/tag/socmed4socgood');
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(first.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    await get(fake, '/api/v1/timelines/tag/socmed4socgood');
    const third = await get(fake, '/api/v1/timelines/tag/socmed4socgood');
    expect(third.status).toBe(429);
    expect(third.body).toEqual({ error: 'Too many requests' });
    expect(third.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 429]);
  });

  it('refuses anonymous reads and unknown tokens as Mastodon does', async () => {
    const fake = await start({ requireToken: true, tokens: ['good'] });
    expect(await get(fake, '/api/v1/timelines/tag/socmed4socgood')).toMatchObject({ status: 401, body: { error: 'This API requires an authenticated user' } });
    expect(await get(fake, '/api/v1/timelines/tag/socmed4socgood', { authorization: 'Bearer bad' })).toMatchObject({
      status: 401,
      body: { error: 'The access token is invalid' },
    });
    expect((await get(fake, '/api/v1/timelines/tag/socmed4socgood', { authorization: 'Bearer good' })).ids).toHaveLength(20);
    expect(fake.requests.map((r) => r.authorization)).toEqual([undefined, 'Bearer bad', 'Bearer good']);
  });
});
