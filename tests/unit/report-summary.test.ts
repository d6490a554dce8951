import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_DIR } from '../../src/dashboard-dir.js';
import { chartFormat, chartStrings } from '../../src/charts/shared-modules.js';
import type * as SummaryModule from '../../src/charts/dashboard-types/report-summary.js';

/**
 * The report's opening paragraph (dashboards/js/report-summary.js), composed from the API's figures
 * in each language: numbers in the language's format, the period said once, each figure marked
 * with the definition it stands on.
 */

const { activationSentences, chatFigures, composeSummary, rateChange, sayMinutes, summaryText, sayNumber } = (await import(
  pathToFileURL(path.join(DASHBOARD_DIR, 'js', 'report-summary.js')).href
)) as typeof SummaryModule;

const words = (lang: 'id' | 'en') => ({ t: chartStrings.translator(chartStrings.STRINGS[lang]), fmt: chartFormat.createFormat(lang) });

const figures = {
  summary: {
    posts: 3000,
    contributors: 412,
    reach: 1_974_821,
    engagement: 100_678,
    impressions: 10_882_288,
    engagementRate: 100_678 / 10_882_288,
    // 13 to 31 January 2015 in Asia/Jakarta (the end is exclusive).
    from: '2015-01-12T17:00:00.000Z',
    to: '2015-01-31T17:00:00.000Z',
  },
  hashtags: ['#SocMed4SocGood'],
  timeZone: 'Asia/Jakarta',
  cities: [
    { label: 'Makassar', posts: 762 },
    { label: 'Samarinda', posts: 574 },
    { label: 'Jambi', posts: 436 },
    { label: 'Kupang', posts: 360 },
    { label: 'Ternate', posts: 353 },
    { label: 'Bangka', posts: 164 },
  ],
  peak: { bucket: '2015-01-19', posts: 128 },
};

describe('the summary paragraph', () => {
  it('says the figures in English, the period once and large numbers in words', () => {
    const { t, fmt } = words('en');
    const { parts, figures: named } = composeSummary(figures, t, fmt);
    expect(summaryText(parts)).toBe(
      'Between 13 and 31 January 2015, 412 people in 6 cities wrote 3,000 posts with #SocMed4SocGood, which drew 100,678 interactions and reached up to 1.97 million accounts. ' +
        'The posts were seen 10.88 million times, and the interactions came to 0.93% of those impressions. ' +
        'The busiest day was 19 January 2015, with 128 posts; most posts came from Makassar (762).',
    );
    expect(named).toEqual(['contributors', 'cities', 'posts', 'engagement', 'reach', 'impressions', 'engagementRate', 'peak']);
  });

  it('says them in Indonesian with Indonesian number and date formats', () => {
    const { t, fmt } = words('id');
    const text = summaryText(composeSummary(figures, t, fmt).parts);
    expect(text).toBe(
      'Antara 13 dan 31 Januari 2015, 412 orang di 6 kota menulis 3.000 postingan dengan #SocMed4SocGood, yang mendapat 100.678 interaksi dan menjangkau hingga 1,97 juta akun. ' +
        'Postingan itu ditayangkan 10,88 juta kali, dan interaksinya setara 0,93% dari tayangan tersebut. ' +
        'Hari tersibuk adalah 19 Januari 2015, dengan 128 postingan; postingan terbanyak datang dari Makassar (762).',
    );
  });

  it('marks every figure with a definition in both languages, each named once in the notes', () => {
    for (const lang of ['id', 'en'] as const) {
      const { t, fmt } = words(lang);
      const { parts, figures: named } = composeSummary(figures, t, fmt);
      const marked = parts.filter((p) => typeof p !== 'string');
      expect(new Set(marked.map((p) => p.figure))).toEqual(new Set(named));
      for (const key of named) expect(t(`def.${key}`, { zone: 'Asia/Jakarta' })).not.toBe(`def.${key}`);
      // The marked text is the figure as shown: the reach in words, the posts with the language's separator.
      expect(marked.find((p) => p.figure === 'posts')?.text).toBe(lang === 'id' ? '3.000' : '3,000');
    }
  });

  it('spans months and years without repeating what the two days share', () => {
    const { t, fmt } = words('en');
    const across = { ...figures, summary: { ...figures.summary, from: '2014-12-19T17:00:00.000Z', to: '2015-02-09T17:00:00.000Z' } };
    expect(summaryText(composeSummary(across, t, fmt).parts)).toMatch(/^Between 20 December 2014 and 9 February 2015, /);
    const months = { ...figures, summary: { ...figures.summary, to: '2015-02-09T17:00:00.000Z' } };
    expect(summaryText(composeSummary(months, t, fmt).parts)).toMatch(/^Between 13 January and 9 February 2015, /);
  });

  it('names the one city, leaves out cities when none is known, and leaves out the rate without impressions', () => {
    const { t, fmt } = words('en');
    const one = composeSummary({ ...figures, cities: [{ label: 'Kupang', posts: 9 }] }, t, fmt);
    expect(summaryText(one.parts)).toContain('412 people in Kupang wrote');
    expect(summaryText(one.parts)).toContain('The busiest day was 19 January 2015, with 128 posts.');
    const none = composeSummary({ ...figures, cities: [], summary: { ...figures.summary, impressions: 0, engagementRate: null } }, t, fmt);
    expect(summaryText(none.parts)).toContain('412 people wrote 3,000 posts');
    expect(none.figures).not.toContain('engagementRate');
    expect(none.figures).not.toContain('cities');
  });

  it('says so when the period has no post', () => {
    const { t, fmt } = words('id');
    const empty = composeSummary(
      { ...figures, cities: [], peak: null, summary: { ...figures.summary, posts: 0, contributors: 0, reach: 0, engagement: 0 } },
      t,
      fmt,
    );
    expect(summaryText(empty.parts)).toBe('Antara 13 dan 31 Januari 2015, belum ada postingan dengan #SocMed4SocGood.');
    expect(empty.figures).toEqual([]);
  });

  it('writes every digit below a million', () => {
    expect(sayNumber(999_999, chartFormat.createFormat('id'))).toBe('999.999');
    expect(sayNumber(1_500_000, chartFormat.createFormat('en'))).toBe('1.5 million');
  });
});

describe('the workshops sentences of the report', () => {
  const cities = [
    { city: '53.71', name: 'Kupang', participants: 84, active: 51, activationRate: 51 / 84 },
    { city: '82.71', name: 'Ternate', participants: 1234, active: 0, activationRate: 0 },
    { city: '15.71', name: 'Jambi', participants: 0, active: 0, activationRate: null },
  ];

  it('says one sentence per city with participants, in each language with its number and percent formats', () => {
    expect(activationSentences(cities, 30, words('en').t, words('en').fmt)).toEqual([
      'Of 84 participants in Kupang, 51 posted within 30 days: 60.71%',
      'Of 1,234 participants in Ternate, 0 posted within 30 days: 0%',
    ]);
    expect(activationSentences(cities, 7, words('id').t, words('id').fmt)).toEqual([
      'Dari 84 peserta di Kupang, 51 memposting dalam 7 hari: 60,71%',
      'Dari 1.234 peserta di Ternate, 0 memposting dalam 7 hari: 0%',
    ]);
  });

  it('gives the change of the share in percentage points, a dash without a share', () => {
    expect(rateChange(0.6, 0.45, words('en').t, words('en').fmt)).toBe('+15 pts');
    expect(rateChange(0.5, 0.625, words('id').t, words('id').fmt)).toBe('−12,5 poin');
    expect(rateChange(0.5, 0.5, words('en').t, words('en').fmt)).toBe('± 0 pts');
    expect(rateChange(null, 0.5, words('en').t, words('en').fmt)).toBe('—');
  });
});

describe('the support-channel figures of the report', () => {
  const totals = { messages: 1234, members: 7, questions: 7, answered: 5, medianFirstResponseMinutes: 80 };

  it('gives each figure with its label, its value and its definition, in each language', () => {
    expect(chatFigures(totals, words('en').t, words('en').fmt)).toEqual([
      { figure: 'chatMessages', label: 'Messages', value: '1,234' },
      { figure: 'chatMembers', label: 'Active members', value: '7' },
      { figure: 'chatQuestions', label: 'Questions', value: '7' },
      { figure: 'chatAnswered', label: 'Questions answered by a facilitator', value: '71.43% (5 of 7)' },
      { figure: 'chatFirstResponse', label: 'Median first response', value: '1 h 20 min' },
    ]);
    expect(chatFigures(totals, words('id').t, words('id').fmt).map((r) => [r.label, r.value])).toEqual([
      ['Pesan', '1.234'],
      ['Anggota aktif', '7'],
      ['Pertanyaan', '7'],
      ['Pertanyaan yang dijawab fasilitator', '71,43% (5 dari 7)'],
      ['Median respons pertama', '1 jam 20 menit'],
    ]);
    for (const lang of ['id', 'en'] as const) {
      const { t, fmt } = words(lang);
      for (const { figure } of chatFigures(totals, t, fmt)) expect(t(`def.${figure}`, { zone: 'Asia/Jakarta' })).not.toBe(`def.${figure}`);
    }
  });

  it('says nothing without a message, and a dash for a share or a time that has no question to stand on', () => {
    expect(
      chatFigures({ ...totals, messages: 0, members: 0, questions: 0, answered: 0, medianFirstResponseMinutes: null }, words('en').t, words('en').fmt),
    ).toEqual([]);
    const none = chatFigures({ messages: 3, members: 2, questions: 0, answered: 0, medianFirstResponseMinutes: null }, words('en').t, words('en').fmt);
    expect(none.map((r) => r.value)).toEqual(['3', '2', '0', '—', '—']);
  });

  it('says minutes as a person reads them', () => {
    expect(sayMinutes(33.5, words('en').t, words('en').fmt)).toBe('33.5 min');
    expect(sayMinutes(33.5, words('id').t, words('id').fmt)).toBe('33,5 menit');
    expect(sayMinutes(60, words('en').t, words('en').fmt)).toBe('1 h 00 min');
    expect(sayMinutes(2694, words('id').t, words('id').fmt)).toBe('44 jam 54 menit');
    expect(sayMinutes(null, words('en').t, words('en').fmt)).toBe('—');
  });
});
