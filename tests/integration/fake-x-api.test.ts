import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src/demo/x-demo-data.js';
import type { XSearchResponse } from '../../src/sources/x/x.types.js';
import { createFakeXApi, type RunningFakeXApi } from '../helpers/fake-x-api.js';

// The fake must answer as X does, or the source tests prove nothing: these pin its behaviour.
const data = generateDemoData({ hashtag: 'SocMed4SocGood', start: new Date(Date.now() - 3 * 86_400_000), days: 2, posts: 150, seed: 3 });
let fake: RunningFakeXApi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function get(path: string, params: Record<string, string>, token = 'test-token'): Promise<{ status: number; body: unknown }> {
  fake ??= await createFakeXApi(data).start();
  const url = new URL(path, fake.baseUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

describe('fake X API', () => {
  it('refuses a wrong token with the body X sends', async () => {
    expect(await get('tweets/search/recent', { query: '#SocMed4SocGood' }, 'nope')).toEqual({
      status: 401,
      body: { title: 'Unauthorized', detail: 'Unauthorized', type: 'about:blank', status: 401 },
    });
  });

  it('returns only the default fields when none are asked for, newest first, 10 by default', async () => {
    const { status, body } = await get('tweets/search/recent', { query: '#socmed4socgood' });
    const res = body as XSearchResponse;
    expect(status).toBe(200);
    expect(res.data).toHaveLength(10);
    expect(Object.keys(res.data?.[0] ?? {}).sort()).toEqual(['edit_history_tweet_ids', 'id', 'text']);
    expect(res.data?.[0]?.id).toBe(data.tweets[0]?.id);
    expect(res.includes).toBeUndefined();
    expect(res.meta).toMatchObject({ newest_id: data.tweets[0]?.id, oldest_id: data.tweets[9]?.id, result_count: 10 });
    expect(res.meta?.next_token).toMatch(/^b26v/);
  });

  it('adds exactly the requested fields and expansions', async () => {
    const withPlace = data.tweets.findIndex((t) => t.geo?.place_id !== undefined);
    const { body } = await get('tweets/search/recent', {
      query: '#SocMed4SocGood -is:retweet',
      max_results: '100',
      expansions: 'author_id,geo.place_id',
      'tweet.fields': 'created_at',
      'user.fields': 'location',
      'place.fields': 'country_code',
    });
    const res = body as XSearchResponse;
    const tweet = res.data?.[withPlace];
    expect(Object.keys(tweet ?? {}).sort()).toEqual(['author_id', 'created_at', 'edit_history_tweet_ids', 'geo', 'id', 'text']);
    expect(tweet?.geo).toEqual({ place_id: data.tweets[withPlace]?.geo?.place_id });
    for (const u of res.includes?.users ?? []) expect(Object.keys(u).every((k) => ['id', 'name', 'username', 'location'].includes(k))).toBe(true);
    for (const p of res.includes?.places ?? []) expect(Object.keys(p).sort()).toEqual(['country_code', 'full_name', 'id']);
  });

  it('refuses what X refuses: max_results out of range, unknown fields or parameters, a start beyond 7 days', async () => {
    const tooFew = await get('tweets/search/recent', { query: '#SocMed4SocGood', max_results: '5' });
    expect(tooFew.status).toBe(400);
    expect(tooFew.body).toMatchObject({
      title: 'Invalid Request',
      errors: [{ message: 'The `max_results` query parameter value [5] is not between 10 and 100' }],
    });
    expect((await get('tweets/search/recent', { query: '#SocMed4SocGood', 'tweet.fields': 'likes' })).status).toBe(400);
    expect((await get('tweets/search/recent', { query: '#SocMed4SocGood', foo: '1' })).status).toBe(400);
    expect((await get('tweets/search/recent', { query: '-is:retweet' })).status).toBe(400);
    const old = new Date(Date.now() - 8 * 86_400_000).toISOString();
    expect((await get('tweets/search/recent', { query: '#SocMed4SocGood', start_time: old })).status).toBe(400);
  });

  it('honours since_id, until_id and time bounds, and omits data when nothing matches', async () => {
    const since = data.tweets[20]?.id ?? '';
    const until = data.tweets[5]?.id ?? '';
    const { body } = await get('tweets/search/recent', { query: '#SocMed4SocGood', since_id: since, until_id: until, max_results: '100' });
    expect((body as XSearchResponse).data?.map((t) => t.id)).toEqual(data.tweets.slice(6, 20).map((t) => t.id));
    const none = await get('tweets/search/recent', { query: '#TidakAda' });
    expect(none.body).toEqual({ meta: { result_count: 0 } });
  });

  it('matches whole hashtags, case-insensitively', async () => {
    const cityTag = data.tweets.flatMap((t) => t.entities?.hashtags ?? []).find((h) => /^SocMed4SocGood[A-Z]/.test(h.tag))?.tag ?? '';
    expect(cityTag).not.toBe('');
    const cityOnly = await get('tweets/search/recent', { query: `#${cityTag.toLowerCase()}`, max_results: '100' });
    const ids = ((cityOnly.body as XSearchResponse).data ?? []).map((t) => t.id);
    const expected = data.tweets.filter((t) => t.entities?.hashtags?.some((h) => h.tag === cityTag)).map((t) => t.id);
    expect(ids.length).toBeLessThan(data.tweets.length / 2);
    expect(ids).toEqual(expected.slice(0, 100));
  });

  it('looks tweets up by id and reports the missing ones inline', async () => {
    const { body } = await get('tweets', { ids: `${data.tweets[1]?.id},1` });
    expect((body as XSearchResponse).data?.map((t) => t.id)).toEqual([data.tweets[1]?.id]);
    expect((body as XSearchResponse).errors).toMatchObject([{ resource_id: '1', title: 'Not Found Error' }]);
  });
});
