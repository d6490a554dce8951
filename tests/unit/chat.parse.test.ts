import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isQuestion, MEDIA_TEXT, normalizeAuthor, parseChat, type ParsedChat } from '../../src/chat/chat.parse.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/chat/${name}`, import.meta.url), 'utf8');

/** The conversation every fixture holds (tests/fixtures/chat), as counted by hand. */
const AUTHORS = ['Kak Rina', 'Andi', 'Budi Santoso', '+6281311112222', 'Citra', '+6281234567890', 'Dewi'];
const PER_DAY = { '2024-01-12': 10, '2024-01-13': 8, '2024-01-15': 8 };

const dayOf = (m: ParsedChat['messages'][number]) => `${m.time.year}-${String(m.time.month).padStart(2, '0')}-${String(m.time.day).padStart(2, '0')}`;

function perDay(chat: ParsedChat): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of chat.messages) out[dayOf(m)] = (out[dayOf(m)] ?? 0) + 1;
  return out;
}

describe.each([
  ['android-id.txt', 'android', 'dmy'],
  ['android-en.txt', 'android', 'mdy'],
  ['ios-id.txt', 'ios', 'dmy'],
  ['ios-en.txt', 'ios', 'mdy'],
] as const)('%s', (file, format, order) => {
  const chat = parseChat(fixture(file));

  it('reads every message, WhatsApp’s own lines apart, and rejects the broken line', () => {
    expect(chat.format).toBe(format);
    expect(chat.dateOrder).toBe(order);
    // Day 13 (or 15) tells the order: nothing was assumed.
    expect(chat.dateOrderAssumed).toBe(false);
    expect(chat.messages).toHaveLength(26);
    expect(perDay(chat)).toEqual(PER_DAY);
    // Encryption notice, group created, six members added, one left, a deleted message, name and icon changed.
    expect(chat.systemLines).toBe(12);
    expect(chat.rejectedLines).toEqual([35]);
    expect([...new Set(chat.messages.map((m) => m.author))].sort()).toEqual([...AUTHORS].sort());
  });

  it('joins continuation lines, keeps the time as written, and reads media as a message of its author', () => {
    const first = chat.messages[0]!;
    expect(first).toMatchObject({ author: 'Kak Rina', line: 8, media: false });
    expect(first.text).toBe('Selamat pagi semua! Grup ini untuk tanya jawab setelah pelatihan.\nSilakan bertanya kapan saja.');
    expect(first.time).toMatchObject({ year: 2024, month: 1, day: 12, hour: 8, minute: 5 });
    const reset = chat.messages.find((m) => m.text.startsWith('Sudah coba reset'))!;
    expect(reset.text.split('\n')).toHaveLength(3);
    expect(reset.time).toMatchObject({ day: 13, hour: 7, minute: 46 });
    const media = chat.messages.filter((m) => m.media);
    expect(media.map((m) => [m.author, m.text])).toEqual([
      ['Andi', MEDIA_TEXT],
      ['Kak Rina', MEDIA_TEXT],
      ['+6281311112222', MEDIA_TEXT],
    ]);
    // The edit mark is not part of the text; a blank line inside a message is.
    expect(chat.messages.find((m) => m.text.startsWith('Mantap'))!.text).toBe('Mantap, sudah bisa login lagi');
    expect(chat.messages.at(-1)!.text).toBe('Terima kasih banyak untuk semua fasilitator.\n\nSampai jumpa di Gowa.');
    // Afternoon on a 12-hour clock.
    expect(chat.messages.find((m) => m.media && m.author.startsWith('+'))!.time).toMatchObject({ hour: 20, minute: 40 });
  });

  it('finds the questions: a question mark or a question word', () => {
    const questions = chat.messages.filter((m) => m.question).map((m) => m.text.split('\n')[0]);
    expect(questions).toEqual([
      'Selamat pagi semua! Grup ini untuk tanya jawab setelah pelatihan.',
      'Kak, bagaimana cara menjadwalkan unggahan di Instagram?',
      'Izin bertanya, apakah materi kemarin akan dibagikan',
      'Pagi kak, kenapa akun saya tidak bisa login ya',
      'Pelatihan lanjutan di Gowa kapan ya?',
      'Dan berapa biayanya?',
      'Ada yang tahu cara bikin Reels yang bagus',
      'What time is the next session?',
    ]);
  });
});

describe('dates and times', () => {
  it('assumes day first for a 24-hour file whose days are all 12 or less, and says so', () => {
    const chat = parseChat('01/02/2024, 09.15 - Ani: halo\n03/02/2024, 10.00 - Budi: pagi\n');
    expect(chat).toMatchObject({ dateOrder: 'dmy', dateOrderAssumed: true, rejectedLines: [] });
    expect(chat.messages[0]!.time).toMatchObject({ year: 2024, month: 2, day: 1, hour: 9, minute: 15 });
  });

  it('assumes month first for an ambiguous 12-hour file, and reads one without a comma after the date', () => {
    const chat = parseChat('1/12/24 9:15 AM - Name: message\n1/12/24 12:05 PM - Name: later\n1/12/24 12:01 AM - Name: midnight\n');
    expect(chat).toMatchObject({ dateOrder: 'mdy', dateOrderAssumed: true, format: 'android' });
    expect(chat.messages.map((m) => [m.time.month, m.time.day, m.time.hour, m.time.minute])).toEqual([
      [1, 12, 9, 15],
      [1, 12, 12, 5],
      [1, 12, 0, 1],
    ]);
  });

  it('lets one day above 12 anywhere in the file decide the order of every line', () => {
    const chat = parseChat('[1/12/24, 9:15:22 AM] Name: first\n[1/13/24, 9:15:22 AM] Name: second\n');
    expect(chat).toMatchObject({ dateOrder: 'mdy', dateOrderAssumed: false, format: 'ios' });
    expect(chat.messages[0]!.time).toMatchObject({ month: 1, day: 12, second: 22 });
    const uk = parseChat('[12/01/2024, 09:15:22] Name: first\n[13/01/2024, 17:00:00] Name: second\n');
    expect(uk).toMatchObject({ dateOrder: 'dmy', dateOrderAssumed: false });
    expect(uk.messages[1]!.time).toMatchObject({ month: 1, day: 13, hour: 17 });
  });

  it('rejects impossible dates and times, and lines outside any message, by line number', () => {
    const chat = parseChat(
      [
        'stray text before anything',
        '31/02/2024, 09.15 - Ani: 31 February',
        '12/01/2024, 09.15 - Ani: ok',
        '12/01/2024, 24.00 - Ani: hour 24',
        'orphan after a rejected line',
        '',
      ].join('\n'),
    );
    expect(chat.rejectedLines).toEqual([1, 2, 4, 5]);
    expect(chat.messages.map((m) => m.text)).toEqual(['ok']);
  });

  it('rejects a dated line that is neither a message nor one of WhatsApp’s sentences', () => {
    const chat = parseChat('12/01/2024, 09.15 - something without a sender\n12/01/2024, 09.16 - Ani keluar\n');
    expect(chat.rejectedLines).toEqual([1]);
    expect(chat.systemLines).toBe(1);
  });
});

describe('senders and questions', () => {
  it('writes a phone number without its spaces, dashes and direction marks', () => {
    expect(normalizeAuthor('\u202a+62 812-3456-7890\u202c')).toBe('+6281234567890');
    expect(normalizeAuthor('  Kak\u00a0 Rina ')).toBe('Kak Rina');
  });

  it('counts a question mark at the end (before emoji), a question word anywhere, a leading one only first', () => {
    expect(isQuestion('Jadi besok?')).toBe(true);
    expect(isQuestion('Jadi besok? 🙏')).toBe(true);
    expect(isQuestion('gmn caranya kak')).toBe(true);
    expect(isQuestion('Di mana lokasinya')).toBe(true);
    expect(isQuestion('Can I join online')).toBe(true);
    expect(isQuestion('I can join online')).toBe(false);
    expect(isQuestion('Terima kasih kak')).toBe(false);
    // A word holding a question word is not one.
    expect(isQuestion('Apapun hasilnya kami terima')).toBe(false);
  });

  it('keeps a message whose sender wrote WhatsApp-like words, but not WhatsApp’s own iOS lines', () => {
    const chat = parseChat('[12/01/24 09.15.22] Ani: Budi keluar dulu ya\n\u200e[12/01/24 09.16.00] Grup: \u200eBudi keluar\n');
    expect(chat.messages.map((m) => m.text)).toEqual(['Budi keluar dulu ya']);
    expect(chat.systemLines).toBe(1);
  });
});
