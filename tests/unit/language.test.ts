import { describe, expect, it } from 'vitest';
import { languageOf } from '../../src/language/language-of.js';
import { normalizeLanguageTag } from '../../src/language/language-tag.normalize.js';
import { stripEntities } from '../../src/language/post-text.clean.js';

const JAKARTA = { timeZone: 'Asia/Jakarta' };

describe('normalizeLanguageTag', () => {
  it.each([
    ['in', 'id'],
    ['id', 'id'],
    ['IN', 'id'],
    ['en-US', 'en'],
    ['pt_BR', 'pt'],
    ['ind', 'id'],
    ['jav', 'jv'],
    ['sun', 'su'],
    ['may', 'ms'],
    ['zsm', 'ms'],
    ['jw', 'jv'],
    ['iw', 'he'],
    ['bjn', 'bjn'],
  ])('%s → %s', (tag, code) => expect(normalizeLanguageTag(tag)).toBe(code));

  it.each(['und', 'qme', 'qht', 'qam', 'qct', 'qst', 'zxx', 'art', 'mul', '', '  ', 'x1', 'english', undefined, null])('%s names no language', (tag) =>
    expect(normalizeLanguageTag(tag)).toBe('und'),
  );
});

describe('stripEntities', () => {
  it('removes links, bare short links, mentions with dots and hashtags, and keeps a missing space after a full stop', () => {
    const text = 'Daftar https://bit.ly/x1 atau s.id/umkm3 @cekfakta.id #SocMed4SocGood lapor ke aduankonten.id ya.Terima kasih';
    const kept = stripEntities(text).split(/\s+/).filter(Boolean);
    expect(kept).toEqual(['Daftar', 'atau', 'lapor', 'ke', 'ya.Terima', 'kasih']);
  });
});

describe('languageOf: the platform tag wins', () => {
  it('takes X, Mastodon and Bluesky tags, normalised', () => {
    expect(languageOf({ text: 'Matur nuwun sanget, acarane apik tenan', lang: 'in' })).toBe('id');
    expect(languageOf({ text: 'whatever', lang: 'en-GB' })).toBe('en');
    expect(languageOf({ text: 'Hatur nuhun pisan', lang: 'su' })).toBe('su');
  });

  it('detects from the text when the tag names no language', () => {
    expect(languageOf({ text: 'Terima kasih banyak untuk pelatihan hari ini, sangat bermanfaat sekali', lang: 'und' }, JAKARTA)).toBe('id');
    expect(languageOf({ text: 'Thanks so much for the workshop today, it was really useful', lang: 'qme' })).toBe('en');
    expect(languageOf({ text: 'Thanks so much for the workshop today, it was really useful', lang: null })).toBe('en');
  });
});

describe('languageOf: detection from the text', () => {
  it.each([
    ['id', 'Besok ada kelas literasi digital di balai kota, daftar gratis ya kak #SocMed4SocGood'],
    ['id', 'gk bgs, materinya cuma copas dari internet'],
    ['en', 'Huge thanks to everyone who joined our workshop in Jakarta today! https://example.org #Jakarta'],
    ['jv', 'Matur nuwun sanget, acarane apik tenan lan pematerine sabar pol'],
    ['jv', 'aku ora iso melu sesuk, wis kebak jadwale'],
    ['su', 'Hatur nuhun pisan, acarana saé pisan, abdi resep tiasa ngiring'],
    ['su', 'teu acan dikirim sertifikatna, tos sabulan abdi ngantosan'],
  ])('%s: %s', (language, text) => expect(languageOf({ text }, JAKARTA)).toBe(language));

  it('reads Indonesian with a Javanese thank-you as Indonesian', () => {
    expect(languageOf({ text: 'Matur nuwun... eh terima kasih maksudnya, acaranya seru sekali, ditunggu di Klaten lagi' }, JAKARTA)).toBe('id');
  });

  it('calls text too short to tell und, counting neither hashtags, mentions, links nor emoji', () => {
    for (const text of ['mantul 👍', 'Nice!', '🔥🔥🔥 #SocMed4SocGood #LiterasiDigital', '@siberkreasi 👍👍', 'https://bit.ly/3xYz #Bandung', 'ok']) {
      expect(languageOf({ text }, JAKARTA)).toBe('und');
    }
  });

  it('counts Malay as Indonesian in an Indonesian time zone only', () => {
    const malay = 'Saya nak pergi ke kedai sekejap, awak nak kirim apa-apa tak?';
    expect(languageOf({ text: malay }, { timeZone: 'Asia/Kuala_Lumpur' })).toBe('ms');
    for (const timeZone of ['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura']) expect(languageOf({ text: malay }, { timeZone })).toBe('id');
  });

  it('hands other languages to the statistical detector', () => {
    expect(languageOf({ text: 'Gracias a todos por venir al taller de alfabetización digital, fue increíble' })).toBe('es');
    expect(languageOf({ text: 'Bedankt voor de leuke workshop vandaag, we hebben veel geleerd over nepnieuws' })).toBe('nl');
    expect(languageOf({ text: 'شكرا جزيلا على ورشة العمل الرائعة اليوم، تعلمنا الكثير' })).toBe('ar');
    expect(languageOf({ text: '오늘 워크숍 정말 유익했어요. 감사합니다' })).toBe('ko');
    expect(languageOf({ text: '今天的数字素养工作坊非常有用，谢谢大家的参与' })).toBe('zh');
  });
});
