import { describe, expect, it } from 'vitest';
import { basic, generatePosts, HOUR, postView, profile, type GeneratedData } from '../helpers/bluesky.fixtures.js';
import { useFakeBluesky } from '../helpers/bluesky.harness.js';
import type { RunningFakeBluesky } from '../helpers/fake-bluesky.js';

/** The fake must behave as Bluesky documents it, or the source tests prove nothing. Raw fetch, no client. */

const startFake = useFakeBluesky();

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function xrpc(fake: RunningFakeBluesky, nsid: string, init: { query?: string; token?: string; body?: unknown } = {}): Promise<Answer> {
  const res = await fetch(`${fake.baseUrl}${nsid}${init.query ? `?${init.query}` : ''}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? null : JSON.stringify(init.body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

async function signIn(fake: RunningFakeBluesky): Promise<{ accessJwt: string; refreshJwt: string }> {
  const res = await xrpc(fake, 'com.atproto.server.createSession', { body: { identifier: fake.account.handle, password: fake.account.password } });
  expect(res.status).toBe(200);
  return res.body as { accessJwt: string; refreshJwt: string };
}

const uris = (res: Answer): string[] => ((res.body.posts ?? []) as { uri: string }[]).map((p) => p.uri);

describe('fake Bluesky', () => {
  it('signs in, wants the access token everywhere else, expires and refreshes tokens', async () => {
    const fake = await startFake({ posts: [], profiles: [] });
    const wrong = await xrpc(fake, 'com.atproto.server.createSession', { body: { identifier: fake.account.handle, password: 'nope' } });
    expect(wrong).toMatchObject({ status: 401, body: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' } });
    const { accessJwt, refreshJwt } = await signIn(fake);
    expect(accessJwt.split('.')).toHaveLength(3);
    expect(await xrpc(fake, 'app.bsky.feed.searchPosts', { query: 'q=x' })).toMatchObject({ status: 401, body: { error: 'AuthenticationRequired' } });
    expect(await xrpc(fake, 'app.bsky.feed.searchPosts', { query: 'q=x', token: refreshJwt })).toMatchObject({ status: 400, body: { error: 'InvalidToken' } });
    expect((await xrpc(fake, 'app.bsky.feed.searchPosts', { query: 'q=x', token: accessJwt })).status).toBe(200);
    fake.expireAccessTokens();
    expect(await xrpc(fake, 'app.bsky.feed.searchPosts', { query: 'q=x', token: accessJwt })).toMatchObject({ status: 400, body: { error: 'ExpiredToken' } });
    const refreshed = await xrpc(fake, 'com.atproto.server.refreshSession', { token: refreshJwt, body: {} });
    expect(refreshed.status).toBe(200);
    // The refresh token rotates: the old one is spent.
    expect(await xrpc(fake, 'com.atproto.server.refreshSession', { token: refreshJwt, body: {} })).toMatchObject({
      status: 400,
      body: { error: 'ExpiredToken' },
    });
    expect((await xrpc(fake, 'app.bsky.feed.searchPosts', { query: 'q=x', token: String(refreshed.body.accessJwt) })).status).toBe(200);
  });

  it('filters by tag case-insensitively (facets and record tags), since inclusive and until exclusive, newest first', async () => {
    const t = Date.parse('2025-03-01T00:00:00.000Z');
    const author = basic(profile(1));
    const posts = [
      postView({ author, createdAt: t, text: 'a #SOCMED4SOCGOOD' }),
      postView({ author, createdAt: t + 1000, text: 'b #socmed4socgood #Kupang' }),
      postView({ author, createdAt: t + 2000, text: 'c no facet #SocMed4SocGood', facets: false }),
      postView({ author, createdAt: t + 3000, text: 'd', tags: ['SocMed4SocGood'] }),
      postView({ author, createdAt: t + 4000, text: 'e #lain' }),
    ];
    const fake = await startFake({ posts, profiles: [profile(1)] });
    const { accessJwt: token } = await signIn(fake);
    const all = await xrpc(fake, 'app.bsky.feed.searchPosts', { token, query: 'q=%23SocMed4SocGood&tag=SocMed4SocGood&sort=latest' });
    expect(uris(all)).toEqual([posts[3], posts[1], posts[0]].map((p) => p?.uri));
    const windowed = await xrpc(fake, 'app.bsky.feed.searchPosts', {
      token,
      query: `q=*&tag=socmed4socgood&since=${new Date(t).toISOString()}&until=${new Date(t + 3000).toISOString()}`,
    });
    expect(uris(windowed)).toEqual([posts[1], posts[0]].map((p) => p?.uri));
    const both = await xrpc(fake, 'app.bsky.feed.searchPosts', { token, query: 'q=%23kupang&tag=socmed4socgood' });
    expect(uris(both)).toEqual([posts[1]?.uri]);
  });

  it('pages with an opaque cursor while pages are full, and checks limit and actors', async () => {
    const data: GeneratedData = generatePosts({ count: 60, newestMs: Date.now() - HOUR, authors: 30 });
    const fake = await startFake(data);
    const { accessJwt: token } = await signIn(fake);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: Answer = await xrpc(fake, 'app.bsky.feed.searchPosts', { token, query: `q=%23SocMed4SocGood${cursor ? `&cursor=${cursor}` : ''}` });
      expect(page.headers.get('ratelimit-policy')).toBe('3000;w=300');
      seen.push(...uris(page));
      cursor = page.body.cursor as string | undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual(data.posts.map((p) => p.uri));
    expect(await xrpc(fake, 'app.bsky.feed.searchPosts', { token, query: 'q=x&limit=101' })).toMatchObject({ status: 400, body: { error: 'InvalidRequest' } });
    expect(await xrpc(fake, 'app.bsky.feed.searchPosts', { token, query: 'limit=10' })).toMatchObject({ status: 400, body: { error: 'InvalidRequest' } });
    const actors = data.profiles.map((p) => `actors=${p.did}`);
    expect((await xrpc(fake, 'app.bsky.actor.getProfiles', { token, query: actors.slice(0, 25).join('&') })).body.profiles).toHaveLength(25);
    expect(await xrpc(fake, 'app.bsky.actor.getProfiles', { token, query: actors.slice(0, 26).join('&') })).toMatchObject({
      status: 400,
      body: { error: 'InvalidRequest' },
    });
  });
});
