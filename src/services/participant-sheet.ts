import { parse as parseCsv } from 'csv-parse/sync';
import { PLATFORMS } from '../domain/post.js';
import { AppError } from '../errors.js';
import { MAX_PARTICIPANTS, participantInputSchema, type ParticipantInput } from '../contracts/workshop.schema.js';

/**
 * A workshop's registration sheet (CSV) or a JSON list of participants → the good rows and the
 * rejected ones, in the style of the post import (docs/import.md): the header is row 1 of a CSV,
 * the first element row 1 of a JSON list, and a rejected row names its fields (`group: must be …`).
 *
 * CSV columns: name, group, consent (yes/ya/true/1), optionally email (the participant's user
 * account), and one column per platform holding that platform's handle (x, instagram, tiktok…);
 * headers are read case-insensitively.
 */

export interface SheetRow {
  row: number;
  participant: ParticipantInput;
}
export interface ParsedSheet {
  rows: SheetRow[];
  rejected: Array<{ row: number; error: string }>;
}

const YES = new Set(['yes', 'ya', 'y', 'true', '1', 'setuju']);
const NO = new Set(['', 'no', 'tidak', 'n', 'false', '0']);
const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);
const REQUIRED = ['name', 'group', 'consent'] as const;
/** Columns a sheet may have besides the required ones and the platforms. */
const OPTIONAL: ReadonlySet<string> = new Set(['email']);

function sheetError(code: string, message: string, field = 'body'): AppError {
  return new AppError(400, code, message, [{ field, message }]);
}

function check(row: number, data: unknown, out: ParsedSheet): void {
  const r = participantInputSchema.safeParse(data);
  if (r.success) out.rows.push({ row, participant: r.data });
  else out.rejected.push({ row, error: r.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'row'}: ${i.message}`).join('; ') });
}

const delimiterOf = (body: string): string => {
  const header = body.slice(0, body.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => ({ d, n: header.split(d).length - 1 })).sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
};

export function parseParticipantCsv(text: string): ParsedSheet {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '')
    throw sheetError('missing_header', 'The sheet is empty: its first row must name the columns (name, group, consent, and one column per platform).');
  let records: string[][];
  try {
    records = parseCsv(body, { delimiter: delimiterOf(body), relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (err) {
    throw sheetError('invalid_csv', `The sheet is not valid CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
  const [header = [], ...data] = records;
  const names = header.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length > 0)
    throw new AppError(
      400,
      'missing_columns',
      `Missing required columns: ${missing.join(', ')}.`,
      missing.map((field) => ({ field, message: 'required column is missing' })),
    );
  const unknown = names.filter((n) => n !== '' && !REQUIRED.includes(n as (typeof REQUIRED)[number]) && !OPTIONAL.has(n) && !PLATFORM_SET.has(n));
  if (unknown.length > 0)
    throw new AppError(
      400,
      'unknown_columns',
      `Unknown columns: ${unknown.join(', ')}. A sheet has name, group, consent, optionally email, and one column per platform (${PLATFORMS.join(', ')}).`,
      unknown.map((field) => ({ field, message: 'unknown column' })),
    );
  const filled = data.filter((r) => r.some((v) => v.trim() !== ''));
  if (filled.length > MAX_PARTICIPANTS) throw tooMany(filled.length);
  const out: ParsedSheet = { rows: [], rejected: [] };
  data.forEach((record, i) => {
    const row = i + 2;
    if (record.every((v) => v.trim() === '')) return;
    const cell = (name: string) => (record[names.indexOf(name)] ?? '').trim();
    const consent = cell('consent').toLowerCase();
    const accounts = names.flatMap((n, k) => (PLATFORM_SET.has(n) && (record[k] ?? '').trim() !== '' ? [{ platform: n, handle: record[k]!.trim() }] : []));
    if (!YES.has(consent) && !NO.has(consent)) {
      out.rejected.push({ row, error: 'consent: must be yes or no' });
      return;
    }
    const email = names.includes('email') && cell('email') !== '' ? { email: cell('email') } : {};
    check(row, { name: cell('name'), group: cell('group').toLowerCase(), accounts, ...email, consent: YES.has(consent) }, out);
  });
  return out;
}

const tooMany = (n: number) =>
  new AppError(413, 'too_many_rows', `The sheet has ${n} participants; at most ${MAX_PARTICIPANTS} can be added at once: split it.`);

/** JSON: one participant, an array of them, or `{"participants": [...]}`. One participant is checked whole (a 400 naming its fields). */
export function participantJson(data: unknown): { single: boolean; items: unknown[] } {
  if (Array.isArray(data)) return { single: false, items: data };
  if (typeof data === 'object' && data !== null && 'participants' in data && Object.keys(data).length === 1) {
    const list = (data as { participants: unknown }).participants;
    if (Array.isArray(list)) return { single: false, items: list };
    throw sheetError('invalid_request', 'participants must be a list of participants.', 'participants');
  }
  return { single: true, items: [data] };
}

export function parseParticipantList(items: unknown[]): ParsedSheet {
  if (items.length > MAX_PARTICIPANTS) throw tooMany(items.length);
  const out: ParsedSheet = { rows: [], rejected: [] };
  items.forEach((item, i) => check(i + 1, item, out));
  return out;
}
