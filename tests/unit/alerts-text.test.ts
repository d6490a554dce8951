import { describe, expect, it } from 'vitest';
import { emailMessage, eventText, whatsAppShareUrl } from '../../src/alerts-text/index.js';
import { TEXT_LIMIT } from '../../src/alerts-text/message.js';
import { escapeHtml, safeHref } from '../../src/alerts-text/render.js';
import { ALERT_KINDS, ALERT_LOCALES, type AlertFacts, type AlertKind, type AlertLocale } from '../../src/domain/alerts.js';

const link = { campaignName: 'Literasi Digital Surabaya', url: 'https://kabar.example.org/dashboards/overview?campaign=cmp_8f2a1c' };
const chars = (text: string) => [...text].length;

/** One realistic event of each kind, with what its message must show in each locale. */
const CASES: Record<AlertKind, { facts: AlertFacts; shows: Record<AlertLocale, string[]> }> = {
  source_failing: {
    facts: { kind: 'source_failing', source: 'mastodon', runs: 3, lastError: 'The instance answered 503' },
    shows: {
      id: ['Pengambilan data dari Mastodon gagal', 'Sudah 3 kali berturut-turut gagal.', 'The instance answered 503'],
      en: ['Collecting from Mastodon failed', 'last 3 runs', 'The instance answered 503'],
    },
  },
  volume_spike: {
    facts: { kind: 'volume_spike', interval: 'hour', bucket: '2015-01-13T14:00:00+07:00', posts: 1240, expected: 155 },
    shows: {
      id: ['Lonjakan postingan', '13 Januari 2015', '14.00–15.00', '*1.240 postingan*', 'sekitar 155 per jam', '8 kali lipat'],
      en: ['Spike in posts', '13 January 2015', '14:00–15:00', '*1,240 posts*', 'about 155 an hour', '8 times as many'],
    },
  },
  budget: {
    facts: { kind: 'budget', source: 'x', used: 8500, budget: 10000, percent: 85 },
    shows: {
      id: ['Kuota baca X hampir habis', '*85 %*', '8.500 dari 10.000'],
      en: ['X read budget nearly used up', '*85%*', '8,500 of 10,000'],
    },
  },
  quiet: {
    facts: { kind: 'quiet', hours: 48, lastPostAt: '2015-01-11T19:05:00+07:00' },
    shows: {
      id: ['Kampanye sedang sepi', '*48 jam*', '11 Januari 2015, pukul 19.05'],
      en: ['The campaign has gone quiet', '*48 hours*', '11 January 2015, 19:05'],
    },
  },
  negative_share: {
    facts: { kind: 'negative_share', negative: 25, posts: 200, percent: 12.5 },
    shows: {
      id: ['postingan bernada negatif', '*12,5 %*', '25 dari 200'],
      en: ['negative', '*12.5%*', '25 of 200'],
    },
  },
  digest: {
    facts: {
      kind: 'digest',
      cadence: 'weekly',
      from: '2015-01-12T00:00:00+07:00',
      to: '2015-01-19T00:00:00+07:00',
      figures: { posts: 1350, contributors: 352, reach: 1_970_000, engagement: 45_678 },
      previous: { posts: 1000, contributors: 400, reach: 0, engagement: 45_678 },
      topPosts: [
        { url: 'https://x.com/budi/status/1', author: '@budi', text: 'Ayo cek fakta sebelum berbagi!', engagement: 1234 },
        { url: 'https://x.com/sari/status/2', author: '@sari', text: 'Workshop hari ini seru', engagement: 987 },
        { url: 'https://mastodon.social/@rudi/3', author: '@rudi', text: 'Cek sumber, cek tanggal', engagement: 456 },
        { url: 'https://x.com/dewi/status/4', author: '@dewi', text: 'Keempat, tidak ikut', engagement: 12 },
      ],
      cities: [
        { code: '3578', name: 'Surabaya', posts: 620 },
        { code: '3573', name: 'Malang', posts: 210 },
        { code: '3171', name: 'Jakarta Pusat', posts: 95 },
      ],
    },
    shows: {
      id: [
        'Ringkasan mingguan 12–18 Januari 2015',
        'Postingan: *1.350* (+35 %)',
        'Kontributor: *352* (−12 %)',
        'Jangkauan: *1,97 juta* (baru)',
        'Interaksi: *45.678* (±0 %)',
        '1. @budi',
        '1.234 interaksi',
        '3. @rudi',
        'Surabaya (620), Malang (210), Jakarta Pusat (95)',
      ],
      en: [
        'Weekly digest 12\u2009–\u200918 January 2015', // Intl's thin spaces around the dash
        'Posts: *1,350* (+35%)',
        'Contributors: *352* (−12%)',
        'Reach: *1.97 million* (new)',
        'Engagement: *45,678* (±0%)',
        '1. @budi',
        '1,234 engagements',
        'Surabaya (620), Malang (210), Jakarta Pusat (95)',
      ],
    },
  },
};

describe('eventText: the WhatsApp message of each kind', () => {
  it('has a case for every kind', () => {
    expect(Object.keys(CASES).sort()).toEqual([...ALERT_KINDS].sort());
  });

  for (const kind of ALERT_KINDS) {
    for (const locale of ALERT_LOCALES) {
      it(`${kind} in ${locale}: the figures in the locale's format, a bold headline, the campaign and the link last, within ${TEXT_LIMIT[kind]} characters`, () => {
        const { facts, shows } = CASES[kind];
        const text = eventText(facts, locale, link);
        for (const part of shows[locale]) expect(text).toContain(part);
        expect(text.split('\n')[0]).toMatch(/^\S+ \*[^*]+\*$/);
        expect(text.endsWith(`\n\n*${link.campaignName}*\n${link.url}`)).toBe(true);
        expect(chars(text)).toBeLessThanOrEqual(TEXT_LIMIT[kind]);
        // No word of the other language's fixed phrases.
        if (locale === 'id') expect(text).not.toMatch(/\b(posts|failed|hours|budget|digest)\b/);
        else expect(text).not.toMatch(/\b(postingan|gagal|jam|kuota|ringkasan)\b/i);
      });
    }
  }

  it('limits short alerts to 280 characters and digests to 600, however long the quoted texts and the name are', () => {
    const long = 'kata '.repeat(400);
    const name = `Kampanye ${'sangat '.repeat(40)}panjang`;
    const longLink = { campaignName: name, url: link.url };
    const failing = eventText({ kind: 'source_failing', source: 'x', runs: 12, lastError: long }, 'id', longLink);
    expect(chars(failing)).toBeLessThanOrEqual(280);
    expect(failing).toContain('Pengambilan data dari X gagal');
    expect(failing).toContain(link.url);
    const base = CASES.digest.facts as Extract<AlertFacts, { kind: 'digest' }>;
    const digest = {
      ...base,
      topPosts: base.topPosts.map((p) => ({ ...p, author: `@${'a'.repeat(80)}`, text: long })),
      cities: base.cities.map((c) => ({ ...c, name: 'Kota '.repeat(30) })),
    };
    for (const locale of ALERT_LOCALES) {
      const text = eventText(digest, locale, longLink);
      expect(chars(text)).toBeLessThanOrEqual(600);
      expect(text).toContain(locale === 'id' ? 'Postingan: *1.350* (+35 %)' : 'Posts: *1,350* (+35%)');
      expect(text).toContain('…');
      expect(text.endsWith(link.url)).toBe(true);
    }
  });

  it('keeps user text on its own line: line breaks in an error or a post are folded', () => {
    const text = eventText({ kind: 'source_failing', source: 'x', runs: 1, lastError: 'line one\n\n*line two*' }, 'en', link);
    expect(text).toContain('Error: line one *line two*');
    expect(text).toContain('The last run failed.');
  });

  it('says "baru"/"new" when the previous period had none, and nothing when both had none', () => {
    const facts: AlertFacts = {
      kind: 'digest',
      cadence: 'daily',
      from: '2015-01-13T00:00:00+07:00',
      to: '2015-01-14T00:00:00+07:00',
      figures: { posts: 0, contributors: 0, reach: 0, engagement: 0 },
      previous: { posts: 0, contributors: 0, reach: 0, engagement: 0 },
      topPosts: [],
      cities: [],
    };
    const id = eventText(facts, 'id', link);
    expect(id).toContain('Ringkasan harian 13 Januari 2015');
    expect(id).toContain('Postingan: *0*\n');
    expect(id).toContain('Tidak ada postingan baru');
    expect(id).not.toContain('Postingan teratas');
    const en = eventText({ ...facts, figures: { posts: 3, contributors: 2, reach: 40, engagement: 5 } }, 'en', link);
    expect(en).toContain('Daily digest 13 January 2015');
    expect(en).toContain('Posts: *3* (new)');
    expect(en).toContain('_In brackets: change on the day before._');
  });

  it('writes a period that does not run midnight to midnight with its times', () => {
    const facts = {
      ...(CASES.digest.facts as Extract<AlertFacts, { kind: 'digest' }>),
      cadence: 'daily' as const,
      from: '2015-01-12T08:00:00+07:00',
      to: '2015-01-13T08:00:00+07:00',
    };
    expect(eventText(facts, 'id', link)).toContain('12 Jan 08.00 – 13 Jan 08.00 2015');
  });

  it('counts percentages from the counts when there are any, and says when the budget is used up', () => {
    expect(eventText({ kind: 'budget', source: 'bluesky', used: 10_250, budget: 10_000, percent: 1.025 }, 'id', link)).toContain('*102,5 %*');
    expect(eventText({ kind: 'budget', source: 'bluesky', used: 10_250, budget: 10_000, percent: 102.5 }, 'en', link)).toContain(
      'Bluesky read budget used up this month',
    );
    expect(eventText({ kind: 'negative_share', negative: 1, posts: 3, percent: 33 }, 'id', link)).toContain('*33,3 %*');
  });

  it('reads a spike day and a quiet campaign without a last post', () => {
    const day = eventText({ kind: 'volume_spike', interval: 'day', bucket: '2015-02-01', posts: 12_345, expected: 0 }, 'id', link);
    expect(day).toContain('1 Februari 2015: *12.345 postingan*');
    expect(day).not.toContain('lipat');
    expect(eventText({ kind: 'quiet', hours: 72 }, 'en', link)).toContain('No post at all yet.');
  });
});

describe('emailMessage: subject, plain text and HTML saying the same', () => {
  for (const kind of ALERT_KINDS) {
    for (const locale of ALERT_LOCALES) {
      it(`${kind} in ${locale}`, () => {
        const { facts, shows } = CASES[kind];
        const mail = emailMessage(facts, locale, link);
        expect(mail.subject).toContain(link.campaignName);
        expect(mail.subject).not.toMatch(/[*\n]/);
        // The same figures, without WhatsApp's stars.
        for (const part of shows[locale]) {
          const plain = part.replaceAll('*', '').replace(/^(\w+): /, '');
          expect(mail.text).toContain(plain);
          expect(mail.html).toContain(escapeHtml(plain.replace(/^\d\. /, '').replace(/ \((.*)\)$/, '')));
        }
        expect(mail.text).toContain(link.url);
        expect(mail.html).toContain(`href="${escapeHtml(link.url)}"`);
        expect(mail.html).toContain(`<html lang="${locale}">`);
        // Inline styles only: no style sheet, no script.
        expect(mail.html).not.toMatch(/<style|<script|<link/i);
        expect(mail.html).toMatch(/style="/);
      });
    }
  }

  it('escapes a script in a post, an author, a city and the campaign name', () => {
    const evil = '<script>alert("x")</script>';
    const facts: AlertFacts = {
      ...(CASES.digest.facts as Extract<AlertFacts, { kind: 'digest' }>),
      topPosts: [{ url: 'https://x.com/a/status/1', author: `@a${evil}`, text: `hai ${evil} & "kutip"`, engagement: 5 }],
      cities: [{ code: '1', name: `Kota${evil}`, posts: 1 }],
    };
    const mail = emailMessage(facts, 'id', { campaignName: `Kampanye ${evil}`, url: link.url });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('&amp; &quot;kutip&quot;');
    // The plain text is text: it says what was written.
    expect(mail.text).toContain(`Kampanye ${evil}`);
    const failing = emailMessage({ kind: 'source_failing', source: '<img src=x onerror=alert(1)>', runs: 1, lastError: evil }, 'en', link);
    expect(failing.html).not.toMatch(/<img|<script/);
  });

  it('links a post only when its address is http(s)', () => {
    const facts: AlertFacts = {
      ...(CASES.digest.facts as Extract<AlertFacts, { kind: 'digest' }>),
      topPosts: [
        { url: 'javascript:alert(1)', author: '@jahat', text: 'klik', engagement: 1 },
        { url: 'https://x.com/baik/status/2', author: '@baik', text: 'aman', engagement: 1 },
      ],
    };
    const mail = emailMessage(facts, 'en', link);
    expect(mail.html).not.toContain('javascript:');
    expect(mail.text).not.toContain('javascript:');
    expect(mail.html).toContain('<a href="https://x.com/baik/status/2"');
    expect(safeHref('data:text/html,hi')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
  });
});

describe('whatsAppShareUrl', () => {
  it('opens WhatsApp with the text ready to send, every character encoded', () => {
    const text = eventText(CASES.negative_share.facts, 'id', link);
    const url = whatsAppShareUrl(text);
    expect(url.startsWith('https://wa.me/?text=')).toBe(true);
    expect(url).not.toMatch(/\s/);
    expect(decodeURIComponent(url.slice('https://wa.me/?text='.length))).toBe(text);
    expect(new URL(url).searchParams.get('text')).toBe(text);
    expect(whatsAppShareUrl('a&b=c #d')).toBe('https://wa.me/?text=a%26b%3Dc%20%23d');
  });
});
