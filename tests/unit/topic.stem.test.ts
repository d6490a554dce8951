import { describe, expect, it } from 'vitest';
import { ROOT_WORDS } from '../../src/topics/root-words.data.js';
import { createStemmer, stem } from '../../src/topics/stem.js';
import { createTopicMatcher } from '../../src/topics/topic.match.js';

/** Does a post made of `text` fall in a topic whose only keyword is `keyword`? */
const matches = (text: string, keyword: string) =>
  createTopicMatcher({ t: [keyword] })
    .match(text, [])
    .includes('t');

describe('Indonesian affixed forms of a keyword match it (stem.ts)', () => {
  it.each([
    // meN-/peN-/ber-/ter-/di- with -kan/-an around didik, and the possessive.
    ['pendidikan', 'pendidikan'],
    ['mendidik', 'pendidikan'],
    ['didik', 'pendidikan'],
    ['berpendidikan', 'pendidikan'],
    ['terdidik', 'pendidikan'],
    ['pendidik', 'pendidikan'],
    ['pendidikannya', 'pendidikan'],
    ['PENDIDIKAN', 'pendidikan'],
    ['Pèndidikan', 'pendidikan'],
    // usaha: ber-, peng- + vowel, per-…-an, di-…-kan, meng-…-kan.
    ['berusaha', 'usaha'],
    ['pengusaha', 'usaha'],
    ['perusahaan', 'usaha'],
    ['diusahakan', 'usaha'],
    ['mengusahakan', 'usaha'],
    ['usahanya', 'usaha'],
    ['kewirausahaan', 'wirausaha'],
    ['berwirausaha', 'wirausaha'],
    ['berbisnis', 'bisnis'],
    // peN-/meN- + t restored, ter-, di-.
    ['menipu', 'penipuan'],
    ['tertipu', 'penipuan'],
    ['ditipu', 'penipuan'],
    ['penipu', 'penipuan'],
    // men- + j, pen- + j, ber-…-an, -an.
    ['menjual', 'jualan'],
    ['penjualan', 'jualan'],
    ['berjualan', 'jualan'],
    ['dijual', 'jualan'],
    // meng- + k restored, meng- + vowel, mem- + per-…-i.
    ['mengirim', 'kirim'],
    ['pengirim', 'kirim'],
    ['mengambil', 'ambil'],
    ['memperbaiki', 'baik'],
    // Possessives and particles; ke-…-an; per-…-an.
    ['hutanku', 'hutan'],
    ['kehutanan', 'hutan'],
    ['sampahmu', 'sampah'],
    ['persampahan', 'sampah'],
    ['lingkungannya', 'lingkungan'],
    ['literasinya', 'literasi'],
    ['literasilah', 'literasi'],
    ['bersekolah', 'sekolah'],
    ['sekolahnya', 'sekolah'],
    // Decided: sekolahan (school grounds, schooling) is about school, both ways.
    ['sekolahan', 'sekolah'],
    ['sekolah', 'sekolahan'],
    ['kesehatan', 'sehat'],
    ['keamanan', 'aman'],
    // A keyword outside the built-in roots, written as a root, still reaches its forms.
    ['pertambangan', 'tambang'],
    ['menambang', 'tambang'],
    // Multi-word keywords: every word by its stem, in order.
    ['bebas berekspresi', 'kebebasan berekspresi'],
    ['kebebasan mengekspresikan pendapat', 'kebebasan berekspresi'],
    ['mengamankan data digital', 'aman data'],
  ])('%s matches %s', (text, keyword) => {
    expect(matches(text, keyword)).toBe(true);
  });

  it.each([
    // Decided: -wan/-wati make a person, not the activity; not removed.
    ['usahawan', 'usaha'],
    ['wirausahawan', 'wirausaha'],
    // Another root that merely contains the keyword.
    ['hutang', 'hutan'],
    ['guruh', 'guru'],
    ['gurun', 'guru'],
    ['pair', 'air'],
    ['paman', 'aman'],
    ['kenyamanan', 'aman'],
    ['jalan', 'jualan'],
    ['bisnisman', 'bisnis'],
    ['scammer', 'scam'],
    // Roots that look affixed are not taken apart (root-words.data.ts).
    ['sekolah', 'olah'],
    ['mengolah', 'sekolah'],
    ['masalah', 'masa'],
    ['teman', 'aman'],
    ['sehati', 'sehat'],
    ['berita', 'rita'],
    // Literasi stays literasi: -i is not a suffix of it, and a phrase needs all its words.
    ['literasi', 'literasi digital'],
    ['digital', 'literasi digital'],
    ['kebebasan', 'kebebasan berekspresi'],
    ['internet', 'internet sehat'],
  ])('%s does not match %s', (text, keyword) => {
    expect(matches(text, keyword)).toBe(false);
  });
});

describe('stem', () => {
  it.each([
    ['pendidikan', 'didik'],
    ['berpendidikan', 'didik'],
    ['pengusaha', 'usaha'],
    ['keamanan', 'aman'],
    ['kebebasan', 'bebas'],
    ['berekspresi', 'ekspresi'],
    ['literasi', 'literasi'],
    ['konservasi', 'konservasi'],
    ['usahawan', 'usahawan'],
    ['sekolah', 'sekolah'],
    ['air', 'air'],
    ['2015', '2015'],
    ['ñandú', 'ñandú'],
  ])('%s → %s', (word, root) => {
    expect(stem(word)).toBe(root);
  });

  it('leaves a word with no known root as it is, rather than guessing one', () => {
    expect(stem('menggelegar')).toBe('menggelegar');
    expect(stem('pertambangan')).toBe('pertambangan');
    expect(stem('pertambangan', new Set([...ROOT_WORDS, 'tambang']))).toBe('tambang');
  });

  it('gives the same stems through a small cache that evicts', () => {
    const cached = createStemmer(ROOT_WORDS, 2);
    const words = ['pendidikan', 'berusaha', 'hutanku', 'pendidikan', 'menipu', 'berusaha'];
    expect(words.map(cached)).toEqual(words.map((w) => stem(w)));
  });
});
