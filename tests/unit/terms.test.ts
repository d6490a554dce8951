import { describe, expect, it } from 'vitest';
import { createTermCounter } from '../../src/terms/terms.count.js';
import { hashtagsOf, mentionsOf, STOP_WORDS, termsOf, wordsOf } from '../../src/terms/terms.extract.js';

describe('terms of a post', () => {
  it('reads words without stop words, numbers, links, mentions and hashtags, once each', () => {
    const words = wordsOf('Literasi DIGITAL itu penting, literasi untuk semua! 2015 10.000 https://t.co/x1 bit.ly/kelas @budi #SocMed4SocGood yg gak');
    // "penting" and "semua" are in the Indonesian list (Tala's, as the stopword package has it).
    expect([...words].sort()).toEqual(['digital', 'literasi']);
  });

  it('keeps reduplicated and apostrophe words whole, and drops one-letter words', () => {
    expect([...wordsOf('Anak-anak belajar x di kelas, they’re happy')].sort()).toEqual(['anak-anak', 'belajar', 'happy', 'kelas']);
  });

  it('drops the Indonesian and English stop words of the list', () => {
    for (const w of ['yang', 'dan', 'di', 'ke', 'dari', 'untuk', 'the', 'and', 'of', 'with', 'gak', 'aja']) expect(STOP_WORDS.has(w), w).toBe(true);
    for (const w of ['hoaks', 'literasi', 'workshop', 'digital']) expect(STOP_WORDS.has(w), w).toBe(false);
  });

  it('reads mentions lower-case with @, a server part kept, a sentence end not', () => {
    expect([...mentionsOf('Thanks @KominfoRI, @CekFakta.id. dan @budi@Mastodon.Social; mail a@b.org @budi')].sort()).toEqual([
      '@budi',
      '@budi@mastodon.social',
      '@cekfakta.id',
      '@kominfori',
    ]);
  });

  it("reads hashtags from the post's list, lower-case without #", () => {
    expect([...hashtagsOf(['SocMed4SocGood', '#internetsehat', 'socmed4socgood'])]).toEqual(['socmed4socgood', 'internetsehat']);
    expect([...termsOf({ text: '#ignored in text', hashtags: ['a1'] }, 'hashtag')]).toEqual(['a1']);
  });
});

describe('the term counter', () => {
  it('counts posts, distinct authors and engagement per term, most posts first then by term', () => {
    const counter = createTermCounter('word');
    counter.add({ text: 'hoaks hoaks literasi', hashtags: [], author: 'a', engagement: 5 });
    counter.add({ text: 'literasi digital', hashtags: [], author: 'a', engagement: 2 });
    counter.add({ text: 'hoaks', hashtags: [], author: 'b', engagement: 1 });
    expect(counter.top(10)).toEqual([
      { term: 'hoaks', posts: 2, contributors: 2, engagement: 6 },
      { term: 'literasi', posts: 2, contributors: 1, engagement: 7 },
      { term: 'digital', posts: 1, contributors: 1, engagement: 2 },
    ]);
    expect(counter.top(1).map((r) => r.term)).toEqual(['hoaks']);
  });
});
