import { describe, expect, it } from 'vitest';
import { hashtagsInText, normalizedHashtags, normalizeHashtag } from '../../src/domain/hashtags.js';

describe('hashtags in text', () => {
  it('finds hashtags as X does: not inside words, not all digits, not HTML entities', () => {
    expect(hashtagsInText('C# bukan hashtag, #2015 juga bukan, &#39; pun bukan; #Tahun2015 dan #ＵＭＫＭ ya, #Internet_Sehat!')).toEqual([
      'Tahun2015',
      'ＵＭＫＭ',
      'Internet_Sehat',
    ]);
  });

  it('keeps the written case, which carries the words of a CamelCase hashtag', () => {
    expect(hashtagsInText('＃LiterasiDigital #Kebersihan #café')).toEqual(['LiterasiDigital', 'Kebersihan', 'café']);
  });

  it('normalises for comparison: no #, lower case, unique, in order', () => {
    expect(normalizeHashtag('#SocMed4SocGood')).toBe('socmed4socgood');
    expect(normalizeHashtag('＃UMKM')).toBe('umkm');
    expect(normalizedHashtags(['#B', 'a', '#b', '', '#'])).toEqual(['b', 'a']);
  });
});
