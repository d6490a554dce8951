import { QUESTION_WORDS } from './question-words.js';

/**
 * Reads a WhatsApp chat export (the text of `_chat.txt` or `WhatsApp Chat with ….txt`): Android
 * (`12/01/2024, 09.15 - Nama: pesan`, `1/12/24, 9:15 AM - Name: message`) and iOS
 * (`[12/01/24 09.15.22] Nama: pesan`, `[1/12/24, 9:15:22 AM] Name: message`, with the invisible
 * marks iOS puts in), dates day-first or month-first, 24-hour or AM/PM. Pure: no I/O, no clock.
 * docs/whatsapp.md says what managers export; METRICS.md ("Support channel") what is counted.
 */

/** A local date and time as the export writes it: the phone's time, without a zone. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface ParsedChatMessage {
  /** 1-based line of the file where the message starts. */
  line: number;
  time: LocalTime;
  /** The sender as the export shows it (name or phone number), invisible marks removed. */
  author: string;
  /** The text, continuation lines joined with `\n`; `<media>` for a media file left out. */
  text: string;
  media: boolean;
  question: boolean;
}

export type DateOrder = 'dmy' | 'mdy';

export interface ParsedChat {
  format: 'android' | 'ios' | 'unknown';
  messages: ParsedChatMessage[];
  /** Lines recognised as WhatsApp's own (encryption notice, joins, leaves, deleted messages…). */
  systemLines: number;
  /** Lines that fit nothing (1-based line numbers, in order). */
  rejectedLines: number[];
  dateOrder: DateOrder;
  /** True when no date in the file told the order (no day above 12), so it was assumed. */
  dateOrderAssumed: boolean;
}

/** The text a media message is stored and keyed as, whatever the export's language or format. */
export const MEDIA_TEXT = '<media>';

// U+200E/U+200F (marks iOS puts before system texts and media), embedding and isolate controls, BOM.
const INVISIBLE = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const ODD_SPACES = /[\u00a0\u2007\u202f]/g;

const DATE = String.raw`(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})`;
const TIME = String.raw`(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?(?: ?([AaPp])\.? ?[Mm]\.?)?`;
const ANDROID = new RegExp(String.raw`^${DATE},? ${TIME} - (.*)$`);
const IOS = new RegExp(String.raw`^\[${DATE},? ${TIME}\] (.*)$`);

/** A sender part: short, and not itself a sentence of WhatsApp's (`X changed the subject from "a: b"`). */
const SENDER = /^([^:\n]{1,80}?): (.*)$/s;

const MEDIA = [
  /^<(media omitted|media tidak disertakan)>$/i,
  /^(image|video|audio|sticker|gif|document|contact card|foto|gambar|stiker|dokumen|kartu kontak) (omitted|tidak disertakan)$/i,
  /^<(attached|terlampir): [^>]+>$/i,
  /^.+\.(jpe?g|png|webp|gif|mp4|opus|ogg|m4a|pdf|docx?|xlsx?|pptx?|vcf) \((file attached|file terlampir)\)$/i,
  /^null$/i,
];

/** WhatsApp's own lines; a deleted message is one (it no longer says anything). */
const SYSTEM = [
  /^(messages and calls are end-to-end encrypted|pesan dan panggilan terenkripsi secara end-to-end)/i,
  /^(this message was deleted|you deleted this message|pesan ini telah dihapus|anda menghapus pesan ini)\.?$/i,
  / (added|menambahkan) .+/i,
  / (removed|mengeluarkan) .+/i,
  /^.+ (left|keluar)\.?$/i,
  / (joined using this group's invite link|bergabung menggunakan tautan undangan grup ini|telah bergabung)/i,
  / (created group|membuat grup)/i,
  / (changed the subject|changed the group name|changed this group's icon|changed the group description|deleted this group's icon|changed this group's settings|changed the settings)/i,
  / (mengubah nama grup|mengubah subjek|mengubah ikon grup|mengubah deskripsi grup|menghapus ikon grup|mengubah setelan)/i,
  / (changed their phone number|changed to|mengganti nomor telepon|telah mengganti)/i,
  /^(you're now an admin|you are now an admin|anda sekarang admin|sekarang anda admin)/i,
  /^(missed voice call|missed video call|panggilan suara tak terjawab|panggilan video tak terjawab)/i,
  /(security code changed|kode keamanan .* berubah)/i,
];
/** A sentence of WhatsApp's that may hold `: ` in the names it quotes: recognised before any sender is looked for. */
const SYSTEM_WITH_QUOTES =
  / (created group|membuat grup|changed the subject from|changed the group name from|changed the group description|mengubah nama grup dari|mengubah subjek dari|mengubah deskripsi grup)/i;

const EDITED = /\s*<(this message was edited|pesan ini diedit)>$/i;

interface Header {
  line: number;
  a: number;
  b: number;
  year: number;
  hour: number;
  minute: number;
  second: number;
  meridiem: 'a' | 'p' | null;
  rest: string;
  format: 'android' | 'ios';
}

function header(raw: string, line: number): Header | null {
  const cleaned = raw.replace(ODD_SPACES, ' ');
  // An iOS line begins with U+200E before the bracket when the message is WhatsApp's own or media.
  const start = cleaned.replace(/^[\u200e\u200f\ufeff]+/, '');
  const m = IOS.exec(start) ?? ANDROID.exec(start);
  if (!m) return null;
  const [, a, b, y, h, mi, s, ap, rest] = m;
  const year = Number(y);
  const body = rest!;
  return {
    line,
    a: Number(a),
    b: Number(b),
    year: year < 100 ? 2000 + year : year,
    hour: Number(h),
    minute: Number(mi),
    second: s === undefined ? 0 : Number(s),
    meridiem: ap === undefined ? null : (ap.toLowerCase() as 'a' | 'p'),
    rest: body,
    format: start.startsWith('[') ? 'ios' : 'android',
  };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function localTime(h: Header, order: DateOrder): LocalTime | null {
  const [day, month] = order === 'dmy' ? [h.a, h.b] : [h.b, h.a];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(h.year, month)) return null;
  let hour = h.hour;
  if (h.meridiem !== null) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (h.meridiem === 'p' ? 12 : 0);
  }
  if (hour > 23 || h.minute > 59 || h.second > 59) return null;
  return { year: h.year, month, day, hour, minute: h.minute, second: h.second };
}

/** Day and month order from the whole file: a first number above 12 is a day, a second one above 12 too. */
function detectOrder(headers: readonly Header[]): { order: DateOrder; assumed: boolean } {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const h of headers) {
    if (h.a > 12 && h.a <= 31 && h.b <= 12) dayFirst++;
    else if (h.b > 12 && h.b <= 31 && h.a <= 12) monthFirst++;
  }
  if (dayFirst > 0 || monthFirst > 0) return { order: dayFirst >= monthFirst ? 'dmy' : 'mdy', assumed: false };
  // Nothing tells: a 12-hour clock is the US English setting (month first); Indonesian and most
  // other settings write the day first.
  const twelveHour = headers.some((h) => h.meridiem !== null);
  return { order: twelveHour ? 'mdy' : 'dmy', assumed: true };
}

const normalizeText = (s: string) => s.replace(INVISIBLE, '').replace(ODD_SPACES, ' ');

/** Words of a text, lower case, for the question test. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

const phrases = (list: readonly string[]) => list.map((p) => p.split(' '));
const ANYWHERE = phrases([...QUESTION_WORDS.id.anywhere, ...QUESTION_WORDS.en.anywhere]);
const LEADING = phrases([...QUESTION_WORDS.id.leading, ...QUESTION_WORDS.en.leading]);

function holdsAt(ws: readonly string[], phrase: readonly string[], at: number): boolean {
  return phrase.every((p, i) => ws[at + i] === p);
}

/** METRICS.md, "Support channel": ends in a question mark, or holds a question word (registry: question-words.ts). */
export function isQuestion(text: string): boolean {
  const t = text.trim();
  if (/[?？]\s*[\p{Emoji_Presentation}\p{Extended_Pictographic}\s]*$/u.test(t)) return true;
  const ws = words(t);
  if (LEADING.some((p) => holdsAt(ws, p, 0))) return true;
  for (let i = 0; i < ws.length; i++) if (ANYWHERE.some((p) => holdsAt(ws, p, i))) return true;
  return false;
}

/** The sender name or phone number as one string (a phone number without its spaces and dashes). */
export function normalizeAuthor(author: string): string {
  const s = normalizeText(author).normalize('NFC').trim().replace(/\s+/g, ' ');
  if (/^\+?[\d\s\-().]{6,}$/.test(s)) return s.replace(/[^\d+]/g, '');
  return s;
}

type Body = { kind: 'message'; author: string; text: string; media: boolean } | { kind: 'system' };

function readBody(h: Header): Body | null {
  const rest = h.rest;
  const plain = normalizeText(rest).trim();
  if (SYSTEM_WITH_QUOTES.test(plain) && !/^[^:]{1,80}: \u200e/.test(rest)) {
    // A sentence of WhatsApp's about the group's name or description, names quoted in it.
    const sender = SENDER.exec(plain);
    if (!sender || SYSTEM_WITH_QUOTES.test(sender[1]!)) return { kind: 'system' };
  }
  // iOS puts U+200E before its own sentences and media, after the sender: split there first, so a
  // group name holding `: ` (its sentences are posted under it) stays whole.
  const mark = rest.indexOf(': \u200e');
  const sender = mark > 0 && mark <= 120 ? [rest, rest.slice(0, mark), rest.slice(mark + 2)] : SENDER.exec(rest);
  if (sender) {
    const author = normalizeAuthor(sender[1]!);
    const rawText = sender[2]!;
    const text = normalizeText(rawText).replace(EDITED, '').trim();
    if (MEDIA.some((r) => r.test(text))) return { kind: 'message', author, text: MEDIA_TEXT, media: true };
    // iOS marks its own sentences (posted under the group's name) with U+200E.
    const marked = rawText.startsWith('\u200e');
    if (SYSTEM.slice(0, 2).some((r) => r.test(text))) return { kind: 'system' };
    if (marked && SYSTEM.some((r) => r.test(text))) return { kind: 'system' };
    if (author === '') return null;
    return { kind: 'message', author, text, media: false };
  }
  if (SYSTEM.some((r) => r.test(plain))) return { kind: 'system' };
  return null;
}

/** Reads the export's text: messages, WhatsApp's own lines, and the lines that fit nothing. */
export function parseChat(text: string): ParsedChat {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const headers: Header[] = [];
  // A line starting with a date and time (even an impossible one: it is rejected) starts a message;
  // any other line continues the message before it.
  const kinds: Array<Header | 'other'> = lines.map((raw, i) => {
    const h = header(raw, i + 1);
    if (h) headers.push(h);
    return h ?? 'other';
  });
  const { order, assumed } = detectOrder(headers);
  const messages: ParsedChatMessage[] = [];
  const rejectedLines: number[] = [];
  let systemLines = 0;
  /** The message a continuation line joins; null after a system line or a rejected line. */
  let open: ParsedChatMessage | null = null;
  let androidLines = 0;
  let iosLines = 0;
  kinds.forEach((k, i) => {
    const line = i + 1;
    if (k === 'other') {
      const raw = lines[i]!;
      if (open !== null) {
        const joined: ParsedChatMessage = open;
        if (!joined.media) {
          joined.text = `${joined.text}\n${normalizeText(raw).replace(EDITED, '')}`;
        }
        return;
      }
      // A blank line outside any message is nothing to count.
      if (normalizeText(raw).trim() !== '') rejectedLines.push(line);
      return;
    }
    const time = localTime(k, order);
    const body = time === null ? null : readBody(k);
    if (time === null || body === null) {
      rejectedLines.push(line);
      open = null;
      return;
    }
    if (k.format === 'ios') iosLines++;
    else androidLines++;
    if (body.kind === 'system') {
      systemLines++;
      open = null;
      return;
    }
    const message: ParsedChatMessage = { line, time, author: body.author, text: body.text, media: body.media, question: false };
    messages.push(message);
    open = message;
  });
  for (const m of messages) {
    m.text = m.text.trim();
    m.question = !m.media && isQuestion(m.text);
  }
  const format = androidLines === 0 && iosLines === 0 ? 'unknown' : iosLines > androidLines ? 'ios' : 'android';
  return { format, messages, systemLines, rejectedLines, dateOrder: order, dateOrderAssumed: assumed };
}
