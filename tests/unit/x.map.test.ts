import { describe, expect, it } from 'vitest';
import { mapXResponse } from '../../src/sources/x/x.map.js';
import type { XSearchResponse } from '../../src/sources/x/x.types.js';

// Shaped as X API v2 returns a recent search with expansions=author_id,geo.place_id and the
// tweet/user/place fields the X source asks for.
const recorded: XSearchResponse = {
  data: [
    {
      id: '1879412345678901250',
      text: 'Belajar #KeamananDigital bareng komunitas di Makassar! #SocMed4SocGood #socmed4socgood',
      edit_history_tweet_ids: ['1879412345678901250'],
      author_id: '2244994945',
      created_at: '2025-01-15T03:21:09.000Z',
      lang: 'in',
      conversation_id: '1879412345678901250',
      geo: { place_id: '4f0b6a1c2d3e5f71' },
      entities: {
        hashtags: [
          { start: 8, end: 24, tag: 'KeamananDigital' },
          { start: 54, end: 69, tag: 'SocMed4SocGood' },
          { start: 70, end: 85, tag: 'socmed4socgood' },
        ],
      },
      public_metrics: { retweet_count: 4, reply_count: 2, like_count: 31, quote_count: 1, bookmark_count: 3, impression_count: 1520 },
    },
    {
      id: '1879412000000000001',
      text: 'RT @rinaw: Hati-hati hoaks! #SocMed4SocGood',
      edit_history_tweet_ids: ['1879412000000000001'],
      author_id: '99887766',
      created_at: '2025-01-15T03:20:00.000Z',
      lang: 'in',
      referenced_tweets: [{ type: 'retweeted', id: '1879400000000000000' }],
      entities: { hashtags: [{ start: 28, end: 43, tag: 'SocMed4SocGood' }] },
      public_metrics: { retweet_count: 12, reply_count: 0, like_count: 0, quote_count: 0, bookmark_count: 0 },
    },
    {
      id: '1879411000000000002',
      text: '@rinaw Setuju, cek dulu sebelum berbagi #SocMed4SocGood',
      edit_history_tweet_ids: ['1879411000000000002'],
      author_id: '55443322',
      created_at: '2025-01-15T03:10:00.000Z',
      conversation_id: '1879400000000000000',
      referenced_tweets: [{ type: 'replied_to', id: '1879400000000000000' }],
      entities: { hashtags: [{ start: 40, end: 55, tag: 'SocMed4SocGood' }], mentions: [{ start: 0, end: 6, username: 'rinaw', id: '11223344' }] },
      public_metrics: { like_count: 2, retweet_count: 0 },
    },
    {
      id: '1879410000000000003',
      text: 'Wajib baca: #SocMed4SocGood https://t.co/abcdEFGH12',
      edit_history_tweet_ids: ['1879410000000000003'],
      author_id: '55443322',
      created_at: '2025-01-15T03:00:00.000Z',
      referenced_tweets: [{ type: 'quoted', id: '1879400000000000000' }],
      entities: { hashtags: [{ start: 12, end: 27, tag: 'SocMed4SocGood' }] },
    },
  ],
  includes: {
    users: [
      {
        id: '2244994945',
        name: 'Rina Wulandari',
        username: 'rinawulan',
        location: 'Makassar, Sulawesi Selatan',
        verified: false,
        public_metrics: { followers_count: 1834, following_count: 301, tweet_count: 5120, listed_count: 12 },
      },
      { id: '99887766', name: 'Budi Santoso', username: 'budis', public_metrics: { followers_count: 90 } },
      { id: '55443322', name: 'Andi Daeng', username: 'andidaeng', location: '' },
    ],
    places: [{ id: '4f0b6a1c2d3e5f71', full_name: 'Makassar, Indonesia', name: 'Makassar', country_code: 'ID', place_type: 'city' }],
  },
  meta: { newest_id: '1879412345678901250', oldest_id: '1879410000000000003', result_count: 4 },
};

const observedAt = '2025-01-15T04:00:00.000Z';

describe('mapXResponse', () => {
  const batch = mapXResponse(recorded, new Date(observedAt));
  const byId = new Map(batch.posts.map((p) => [p.postId, p]));

  it('drops a pure retweet, and its author with it', () => {
    expect(batch.posts.map((p) => p.postId)).toEqual(['1879412345678901250', '1879411000000000002', '1879410000000000003']);
    expect(batch.authors.map((a) => a.authorId)).toEqual(['2244994945', '55443322']);
  });

  it('maps an original post with every figure X reported', () => {
    expect(byId.get('1879412345678901250')).toEqual({
      platform: 'x',
      postId: '1879412345678901250',
      url: 'https://x.com/rinawulan/status/1879412345678901250',
      text: 'Belajar #KeamananDigital bareng komunitas di Makassar! #SocMed4SocGood #socmed4socgood',
      createdAt: '2025-01-15T03:21:09.000Z',
      lang: 'in',
      kind: 'original',
      authorId: '2244994945',
      hashtags: ['keamanandigital', 'socmed4socgood'],
      counts: { likes: 31, reposts: 4, replies: 2, quotes: 1, bookmarks: 3 },
      reportedImpressions: 1520,
      place: { fullName: 'Makassar, Indonesia', name: 'Makassar', countryCode: 'ID' },
      references: { mentions: [] },
      observedAt,
    });
  });

  it('tells replies from quotes', () => {
    expect(byId.get('1879411000000000002')?.kind).toBe('reply');
    expect(byId.get('1879410000000000003')?.kind).toBe('quote');
  });

  it('leaves a count X did not report absent, never 0', () => {
    const reply = byId.get('1879411000000000002');
    expect(reply?.counts).toStrictEqual({ likes: 2, reposts: 0 });
    expect(reply && 'reportedImpressions' in reply).toBe(false);
    const quote = byId.get('1879410000000000003');
    expect(quote?.counts).toStrictEqual({});
    expect(quote && 'reportedImpressions' in quote).toBe(false);
  });

  it('gives followers and location only when X gave them', () => {
    expect(batch.authors[0]).toStrictEqual({
      platform: 'x',
      authorId: '2244994945',
      handle: 'rinawulan',
      name: 'Rina Wulandari',
      followers: 1834,
      location: 'Makassar, Sulawesi Selatan',
      observedAt,
    });
    expect(batch.authors[1]).toStrictEqual({ platform: 'x', authorId: '55443322', handle: 'andidaeng', name: 'Andi Daeng', observedAt });
  });

  it('takes hashtags from the text when the entities are absent', () => {
    const { posts } = mapXResponse(
      {
        data: [
          {
            id: '1879412345678901999',
            text: 'Belajar #LiterasiDigital di #Kupang bareng #SocMed4SocGood #socmed4socgood',
            author_id: '1',
            created_at: '2025-01-15T00:00:00.000Z',
          },
        ],
      },
      observedAt,
    );
    expect(posts[0]?.hashtags).toEqual(['literasidigital', 'kupang', 'socmed4socgood']);
    expect(posts[0]?.url).toBe('https://x.com/i/web/status/1879412345678901999');
  });

  it('takes no place when the expanded place is missing from includes', () => {
    const { posts } = mapXResponse(
      { data: [{ id: '1879412345678901998', text: '#SocMed4SocGood', author_id: '1', geo: { place_id: 'ffff' }, created_at: '2025-01-15T00:00:00.000Z' }] },
      observedAt,
    );
    expect(posts[0] && 'place' in posts[0]).toBe(false);
  });

  it('maps an empty search result to an empty batch', () => {
    expect(mapXResponse({ meta: { result_count: 0 } }, observedAt)).toEqual({ posts: [], authors: [] });
  });
});
