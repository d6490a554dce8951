import { describe, expect, it } from 'vitest';
import { DEMO_PLACES, generateDemoData, generateDemoPages } from '../../src/demo/x-demo-data.js';
import { compareIds, snowflakeTime } from '../../src/sources/x/x.ids.js';
import { mapXResponse } from '../../src/sources/x/x.map.js';

const opts = { hashtag: 'SocMed4SocGood', start: new Date('2015-01-13T00:00:00+07:00'), days: 28, posts: 3000, seed: 2015 };
const pages = generateDemoPages(opts);
const tweets = pages.flatMap((p) => p.data ?? []);

describe('generateDemoPages', () => {
  it('gives the same pages for the same seed, and other pages for another seed', () => {
    expect(JSON.stringify(generateDemoPages(opts))).toBe(JSON.stringify(pages));
    const other = generateDemoPages({ ...opts, seed: 7 });
    expect(other.length).toBe(pages.length);
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(pages));
  });

  it('gives the same posts for another start date, so tests relative to now are repeatable', () => {
    const texts = (start: Date): string[] => generateDemoData({ ...opts, start, posts: 200 }).tweets.map((t) => t.text);
    expect(texts(new Date('2025-03-01T05:17:00Z'))).toEqual(texts(opts.start));
  });

  it('gives the number of posts asked for, 100 a page, from about 400 authors', () => {
    expect(pages.length).toBe(30);
    expect(pages.map((p) => p.data?.length)).toEqual(Array(30).fill(100));
    expect(pages.map((p) => p.meta?.result_count)).toEqual(Array(30).fill(100));
    expect(new Set(tweets.map((t) => t.id)).size).toBe(3000);
    expect(new Set(tweets.map((t) => t.author_id)).size).toBe(400);
    expect(generateDemoData(opts).users).toHaveLength(400);
  });

  it('orders ids strictly newest first within and across pages, consistent with created_at', () => {
    for (let i = 1; i < tweets.length; i += 1) {
      expect(compareIds(tweets[i - 1]?.id ?? '', tweets[i]?.id ?? '')).toBeGreaterThan(0);
    }
    for (const t of tweets) expect(Math.abs(snowflakeTime(t.id).getTime() - Date.parse(t.created_at ?? ''))).toBeLessThan(1000);
    for (const [i, page] of pages.entries()) {
      expect(page.meta?.newest_id).toBe(page.data?.[0]?.id);
      expect(page.meta?.oldest_id).toBe(page.data?.[page.data.length - 1]?.id);
      expect(page.meta?.next_token === undefined).toBe(i === pages.length - 1);
    }
  });

  it('keeps every post inside the requested days and on the campaign hashtag', () => {
    const startMs = opts.start.getTime();
    const endMs = startMs + 28 * 86_400_000;
    for (const t of tweets) {
      const at = Date.parse(t.created_at ?? '');
      expect(at).toBeGreaterThanOrEqual(startMs);
      expect(at).toBeLessThan(endMs);
      expect(t.entities?.hashtags?.some((h) => h.tag.toLowerCase() === 'socmed4socgood')).toBe(true);
      expect(t.referenced_tweets?.some((r) => r.type === 'retweeted') ?? false).toBe(false);
    }
  });

  it('puts in every page the users and places its tweets refer to, and only those', () => {
    for (const page of pages) {
      const authorIds = new Set(page.data?.map((t) => t.author_id));
      expect(new Set(page.includes?.users?.map((u) => u.id))).toEqual(authorIds);
      const placeIds = new Set(page.data?.flatMap((t) => t.geo?.place_id ?? []));
      expect(new Set(page.includes?.places?.map((p) => p.id) ?? [])).toEqual(placeIds);
    }
    expect(DEMO_PLACES.map((p) => p.full_name)).toEqual([
      'Jambi, Indonesia',
      'Makassar, Indonesia',
      'Bangka, Indonesia',
      'Samarinda, Indonesia',
      'Kupang, Indonesia',
      'Ternate, Indonesia',
    ]);
  });

  it('mixes location signals, kinds and reported impressions in realistic shares', () => {
    const share = (n: number): number => n / tweets.length;
    const withPlace = tweets.filter((t) => t.geo?.place_id !== undefined).length;
    const withCityTag = tweets.filter((t) => t.entities?.hashtags?.some((h) => /^SocMed4SocGood[A-Z]/.test(h.tag))).length;
    const users = new Map(generateDemoData(opts).users.map((u) => [u.id, u]));
    const locations = new Set([...users.values()].map((u) => u.location ?? ''));
    expect(share(withPlace)).toBeGreaterThan(0.05);
    expect(share(withPlace)).toBeLessThan(0.25);
    expect(share(withCityTag)).toBeGreaterThan(0.05);
    expect(share(withCityTag)).toBeLessThan(0.25);
    for (const shape of [
      'Makassar, Sulawesi Selatan',
      'Kota Kupang - NTT',
      'Pangkalpinang, Babel',
      'Samarinda, Kaltim',
      'Ternate - Maluku Utara',
      'Jambi',
      'di hatimu',
      '',
    ]) {
      expect(locations).toContain(shape);
    }
    const kinds = mapXResponse({ data: tweets, includes: { users: [...users.values()] } }, '2015-02-10T00:00:00Z').posts.map((p) => p.kind);
    expect(kinds.filter((k) => k === 'reply').length).toBeGreaterThan(150);
    expect(kinds.filter((k) => k === 'quote').length).toBeGreaterThan(60);
    expect(share(tweets.filter((t) => t.public_metrics?.impression_count !== undefined).length)).toBeGreaterThan(0.4);
    expect(share(tweets.filter((t) => t.public_metrics?.impression_count !== undefined).length)).toBeLessThan(0.6);
  });

  it('gives authors a heavy-tailed audience and older posts more engagement', () => {
    const followers = generateDemoData(opts)
      .users.map((u) => u.public_metrics?.followers_count ?? 0)
      .sort((a, b) => a - b);
    const median = followers[200] ?? 0;
    expect(median).toBeGreaterThan(50);
    expect(median).toBeLessThan(1000);
    expect(followers[followers.length - 1]).toBeGreaterThan(100 * median);
    const medianLikes = (from: number, to: number): number => {
      const likes = tweets
        .slice(from, to)
        .map((t) => t.public_metrics?.like_count ?? 0)
        .sort((a, b) => a - b);
      return likes[Math.floor(likes.length / 2)] ?? 0;
    };
    // The newest 60 posts are hours old at the end of the data set; the oldest 60 had weeks.
    expect(medianLikes(2940, 3000)).toBeGreaterThan(2 * medianLikes(0, 60));
  });

  it('writes in Bahasa Indonesia on the programme topics, some with CamelCase hashtags and some on no topic', () => {
    const texts = tweets.map((t) => t.text.toLowerCase());
    for (const word of [
      'lingkungan',
      'hutan',
      'sampah',
      'pendidikan',
      'literasi',
      'guru',
      'umkm',
      'usaha',
      'hoaks',
      'penipuan',
      'privasi',
      'keamanan digital',
      'literasi digital',
      'internet sehat',
      'kebebasan berekspresi',
    ]) {
      expect(texts.some((t) => t.includes(word))).toBe(true);
    }
    expect(tweets.some((t) => t.text.includes('#KeamananDigital'))).toBe(true);
    expect(texts.some((t) => t.includes('terima kasih narasumber'))).toBe(true);
  });
});
