import { describe, expect, it } from 'vitest';
import { readSentiment, sentimentOf } from '../../src/sentiment/sentiment-of.js';
import { undoDigits } from '../../src/sentiment/sentiment.tokenize.js';

const score = (text: string, language = 'id') => readSentiment(text, language).score;

describe('negation', () => {
  it.each([
    ['tidak bagus', 'id', 'negative'],
    ['materinya gak bagus', 'id', 'negative'],
    ['gak jelek kok', 'id', 'positive'],
    ['tidak mengecewakan', 'id', 'positive'],
    ['ga nyesel ikut', 'id', 'positive'],
    ['gk ada yg ngebosenin', 'id', 'positive'],
    ['sertifikatnya belum dikirim juga', 'id', 'negative'],
    ['not bad at all', 'en', 'positive'],
    ['not good enough', 'en', 'negative'],
    ['ora apik blas', 'jv', 'negative'],
    ['ora elek kok', 'jv', 'positive'],
    ['teu alus', 'su', 'negative'],
    ['teu goréng', 'su', 'positive'],
  ])('"%s" (%s) is %s', (text, language, expected) => expect(sentimentOf(text, language)).toBe(expected));

  it('stops at the end of the clause', () => {
    expect(sentimentOf('gak tau ya. acaranya bagus', 'id')).toBe('positive');
  });

  it('is a purpose, not a judgement, after "agar", "biar", "supaya"', () => {
    expect(sentimentOf('Tips agar tidak tertipu belanja online', 'id')).toBe('neutral');
    expect(sentimentOf('Cek dulu biar gak kena tipu', 'id')).toBe('neutral');
  });
});

describe('intensifiers and diminishers', () => {
  it.each([
    ['bagus banget', 'bagus', 'id'],
    ['bagus bgt', 'bagus', 'id'],
    ['sangat bagus', 'bagus', 'id'],
    ['keren abis', 'keren', 'id'],
    ['very good', 'good', 'en'],
    ['apik tenan', 'apik', 'jv'],
    ['saé pisan', 'saé', 'su'],
    ['kecewa banget', 'kecewa', 'id'],
  ])('"%s" is stronger than "%s"', (strong, plain, language) => expect(Math.abs(score(strong, language))).toBeGreaterThan(Math.abs(score(plain, language))));

  it('"agak" weakens', () => expect(Math.abs(score('agak panas'))).toBeLessThan(Math.abs(score('panas'))));

  it('"parah" intensifies a word of feeling and complains alone', () => {
    expect(sentimentOf('keren parah sih', 'id')).toBe('positive');
    expect(sentimentOf('parah sih ini', 'id')).toBe('negative');
  });
});

describe('slang and spelling', () => {
  it.each([
    'mantul kak',
    'bgs bgt',
    'kereeen',
    'keren abis',
    'b4gus b4nget',
    's3mangat terus kak',
    'mantaaap',
    'kece badai',
    'top markotop',
    'gokil sih',
    'worth it banget',
  ])('"%s" is positive', (text) => expect(sentimentOf(text, 'id')).toBe('positive'));

  it.each(['gk bgs', 'zonk', 'nyebelin', 'kecewaaa', 'ngaret parah', 'lemot bgt', 'garing'])('"%s" is negative', (text) =>
    expect(sentimentOf(text, 'id')).toBe('negative'),
  );

  it('undoes digits for letters but keeps numbers and reduplication apart', () => {
    expect(undoDigits('b4gus')).toBe('bagus');
    expect(undoDigits('s3mangat')).toBe('semangat');
    expect(undoDigits('g00d')).toBe('good');
    expect(undoDigits('bagus2')).toBe('bagus');
    expect(undoDigits('10gb')).toBe('10gb');
    expect(undoDigits('a52')).toBe('a52');
    expect(undoDigits('2024')).toBe('2024');
  });

  it('reads suffixed words ("kecewanya", "kerennya")', () => {
    expect(sentimentOf('kecewanya tuh di sini', 'id')).toBe('negative');
    expect(sentimentOf('kerennya kebangetan', 'id')).toBe('positive');
  });
});

describe('emoji and emoticons', () => {
  it.each([
    ['😍', 'positive'],
    ['👍👍', 'positive'],
    ['😡', 'negative'],
    ['😢😢', 'negative'],
    ['acara hari ini 😊', 'positive'],
    ['acara hari ini :)', 'positive'],
    ['acara hari ini :(', 'negative'],
    ['mantap:D', 'positive'],
    ['👍🏽', 'positive'],
    ['❤️', 'positive'],
    ['😤😤', 'negative'],
    ['🙄', 'negative'],
  ])('"%s" is %s', (text, expected) => expect(sentimentOf(text, 'und')).toBe(expected));

  it('a lone 🙏 is not praise, thanks with it is', () => {
    expect(sentimentOf('Mohon bawa HP masing-masing ya 🙏', 'id')).toBe('neutral');
    expect(sentimentOf('Terima kasih semuanya 🙏', 'id')).toBe('positive');
  });

  it('an emoji does not outweigh the words', () => {
    expect(sentimentOf('kecewa berat, sertifikat gak dikirim 🙏', 'id')).toBe('negative');
  });
});

describe('topic words are not feelings', () => {
  it.each([
    ['Waspada hoaks! Cek dulu sebelum share #LiterasiDigital', 'id'],
    ['5 cara menghindari penipuan online', 'id'],
    ['Lawan hoaks mulai dari jempolmu', 'id'],
    ['Awas scam! Jangan asal klik link undian', 'id'],
    ['Judi online merusak keluarga. Laporkan situs judol', 'id'],
    ['Beware of fake job offers asking for a registration fee. #ScamAlert', 'en'],
    ['How to spot a phishing link and secure your account', 'en'],
    ['Ati-ati karo penipuan sing ngaku saka bank', 'jv'],
    ['Waspada hoaks! Saméméh nyebarkeun béja, pariksa heula', 'su'],
  ])('"%s" is neutral', (text, language) => expect(sentimentOf(text, language)).toBe('neutral'));

  it('praise that names a topic is positive, a victim’s story negative', () => {
    expect(sentimentOf('Makasih udah ngingetin, hampir aja aku kena tipu 🙏', 'id')).toBe('positive');
    expect(sentimentOf('Ibu saya kena tipu kurir palsu, uang 3 juta hilang 😢', 'id')).toBe('negative');
  });
});

describe('what kind of post it is', () => {
  it('a complaint is negative', () => expect(sentimentOf('acaranya kacau, mic mati terus', 'id')).toBe('negative'));
  it('thanks and praise are positive', () => {
    expect(sentimentOf('Terima kasih @siberkreasi, workshopnya bermanfaat sekali', 'id')).toBe('positive');
    expect(sentimentOf('Matur nuwun sanget, ilmune migunani', 'jv')).toBe('positive');
    expect(sentimentOf('Hatur nuhun pisan kanggo ilmuna', 'su')).toBe('positive');
  });
  it('an announcement, a sale and a question are neutral', () => {
    expect(sentimentOf('Besok kelas Literasi Digital di Balai Kota Bandung jam 09.00 WIB. Daftar gratis: https://bit.ly/x', 'id')).toBe('neutral');
    expect(sentimentOf('Jual paket data murah 10GB cuma 35rb, minat DM', 'id')).toBe('neutral');
    expect(sentimentOf('Kak, pendaftaran kelas Makassar masih buka gak ya?', 'id')).toBe('neutral');
    expect(sentimentOf('Selamat pagi, berikut rundown acara hari ini', 'id')).toBe('neutral');
  });
  it('a courtesy "terima kasih" closing a request stays neutral', () => {
    expect(sentimentOf('Mohon info, apakah ada kelas untuk tunanetra? Terima kasih', 'id')).toBe('neutral');
  });
  it('what follows "tapi" / "but" outweighs what came before', () => {
    expect(sentimentOf('Bagus sih materinya, tapi molor parah dan panitianya jutek', 'id')).toBe('negative');
    expect(sentimentOf("It's not perfect, but it's a really good start", 'en')).toBe('positive');
  });
});

describe('campaign words', () => {
  const campaign = { positive: ['Lawan Hoaks', 'sobat cakap'], negative: ['mager'] };

  it('add the campaign’s own words', () => {
    expect(sentimentOf('Ayo jadi sobat cakap!', 'id')).toBe('neutral');
    expect(sentimentOf('Ayo jadi sobat cakap!', 'id', campaign)).toBe('positive');
    expect(sentimentOf('Hari ini mager banget', 'id', campaign)).toBe('negative');
  });

  it('override the lexicon, phrases matched whole and negatable', () => {
    expect(sentimentOf('lawan hoaks!', 'id')).toBe('neutral');
    expect(sentimentOf('lawan hoaks!', 'id', campaign)).toBe('positive');
    expect(sentimentOf('hoaks ada di mana-mana', 'id', campaign)).toBe('neutral');
    expect(sentimentOf('gak mager kok', 'id', campaign)).toBe('positive');
    expect(sentimentOf('acaranya bagus', 'id', { negative: ['bagus'] })).toBe('negative');
  });
});

describe('readSentiment', () => {
  it('scores within -1 … +1, 0 without any cue', () => {
    expect(score('Rapat dimulai pukul sembilan')).toBe(0);
    expect(score('keren banget mantap 😍😍🔥')).toBeGreaterThan(0.8);
    expect(score('keren banget mantap 😍😍🔥')).toBeLessThanOrEqual(1);
    expect(score('kecewa berat, kacau, jelek 😡')).toBeLessThan(-0.8);
  });
});
