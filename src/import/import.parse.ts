import { parse as parseCsvStream } from 'csv-parse';
import { parse as parseCsv } from 'csv-parse/sync';
import type { z } from 'zod';
import { postKey } from '../domain/post.js';
import { mapImportRow, type ImportedPost } from './import.map.js';
import { nextTurn, type Pause } from '../time/next-turn.js';
import { COLUMN_HINTS, IMPORT_COLUMNS, importRowSchema, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, REQUIRED_COLUMNS, type RowContext } from './import.schema.js';

/**
 * Import files (CSV or JSON) → validated rows mapped to posts (pure). A problem with the whole
 * file throws ImportFileError; a problem with one row rejects that row only, with its number as
 * the person sees it (CSV: the header is row 1; JSON: the first element is row 1).
 */

export type ImportFormat = 'csv' | 'json';

/** A row that failed, named by field: `likes: must be a whole number…`. */
export interface RowProblem {
  row: number;
  error: string;
}

/** The good rows of a file, with their row numbers, and the rejected ones. */
export interface ParsedImport {
  rows: Array<ImportedPost & { row: number }>;
  rejected: RowProblem[];
}

/** A problem with the file as a whole: nothing in it is imported. */
export class ImportFileError extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly code: string,
    message: string,
    readonly details: Array<{ field: string; message: string }> = [],
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

type Cells = Record<string, unknown>;
const KNOWN = new Set<string>(IMPORT_COLUMNS);

/** Reads a file's text in the given format. */
export function parseImportFile(text: string, format: ImportFormat, ctx: RowContext): ParsedImport {
  if (format === 'csv') return parseCsvImport(text, ctx);
  checkSize(text);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ImportFileError(400, 'invalid_json', `The file is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, [
      { field: 'body', message: 'is not valid JSON' },
    ]);
  }
  return parseJsonImport(data, ctx);
}

/** CSV with a header row; `,`, `;` or tab between cells, as the header row uses. */
export function parseCsvImport(text: string, ctx: RowContext): ParsedImport {
  const body = csvBody(text);
  let records: string[][];
  try {
    records = parseCsv(body, csvOptions(body));
  } catch (err) {
    throw invalidCsv(err);
  }
  return runToEnd(csvRows(records, ctx));
}

/**
 * parseCsvImport in slices: the text is fed to the CSV parser and the rows are checked a slice at
 * a time, with `pause` between slices, so a 5 MB file never holds the event loop for long.
 */
export async function parseCsvImportInSlices(text: string, ctx: RowContext, pause: Pause = nextTurn): Promise<ParsedImport> {
  const body = csvBody(text);
  const records = await csvRecordsInSlices(body, pause);
  return runInSlices(csvRows(records, ctx), pause);
}

/** Rows checked between two pauses, and characters of CSV text parsed between two pauses. */
export const IMPORT_SLICE_ROWS = 250;
const CSV_SLICE_CHARS = 64 * 1024;

function csvBody(text: string): string {
  checkSize(text);
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '')
    throw new ImportFileError(400, 'missing_header', `The file is empty: its first row must name the columns (${REQUIRED_COLUMNS.join(', ')}, …).`);
  return body;
}

// Quotes inside unquoted cells are common in hand-typed text: take them literally.
const csvOptions = (body: string) => ({ delimiter: delimiterOf(body), relax_column_count: true, relax_quotes: true, skip_empty_lines: false });

const invalidCsv = (err: unknown) => new ImportFileError(400, 'invalid_csv', `The file is not valid CSV: ${err instanceof Error ? err.message : String(err)}`);

/** The records of a CSV text, parsed by csv-parse's streaming parser a slice of text at a time. */
async function csvRecordsInSlices(body: string, pause: Pause): Promise<string[][]> {
  const parser = parseCsvStream(csvOptions(body));
  const records: string[][] = [];
  let failure: unknown = null;
  parser.on('data', (r: string[]) => records.push(r));
  parser.on('error', (err) => (failure ??= err));
  const ended = new Promise<void>((resolve) => parser.on('end', resolve).on('close', resolve));
  for (let at = 0; at < body.length && failure === null;) {
    let end = Math.min(at + CSV_SLICE_CHARS, body.length);
    // Never cut a character in two: a lone half of a surrogate pair would reach the parser as U+FFFD.
    if (end < body.length && /[\uD800-\uDBFF]/.test(body[end - 1]!)) end++;
    parser.write(body.slice(at, end));
    at = end;
    await pause();
  }
  if (failure === null) parser.end();
  else parser.destroy();
  await ended;
  if (failure !== null) throw invalidCsv(failure);
  return records;
}

/** The checks of a CSV file's records, pausing (yield) every IMPORT_SLICE_ROWS rows. */
function* csvRows(records: string[][], ctx: RowContext): Generator<void, ParsedImport> {
  const [header = [], ...data] = records;
  const names = header.map(columnName);
  // A column with no name (a trailing `;`) is harmless while it stays empty.
  const unnamedWithValues = names.flatMap((n, i) => (n === '' && data.some((r) => (r[i] ?? '').trim() !== '') ? [`column ${i + 1} (no name)`] : []));
  checkColumns(names.filter(Boolean), unnamedWithValues);
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new ImportFileError(
      400,
      'missing_columns',
      `Missing required columns: ${missing.join(', ')}.`,
      missing.map((field) => ({ field, message: 'required column is missing' })),
    );
  }
  checkRowCount(data.filter((r) => !isBlank(r)).length);

  const check = rowChecker(ctx);
  for (const [i, record] of data.entries()) {
    if (i > 0 && i % IMPORT_SLICE_ROWS === 0) yield;
    const row = i + 2;
    if (isBlank(record)) continue;
    if (record.slice(names.length).some((v) => v.trim() !== '')) {
      check.result.rejected.push({ row, error: `row: has ${record.length} cells but the header has ${names.length} columns` });
      continue;
    }
    const cells: Cells = {};
    names.forEach((name, k) => {
      if (name) cells[name] = record[k];
    });
    check(row, cells);
  }
  return check.result;
}

/** JSON: an array of row objects, or `{ "posts": [...] }`. Numbers may be JSON numbers. */
export function parseJsonImport(data: unknown, ctx: RowContext): ParsedImport {
  return runToEnd(jsonRowChecks(data, ctx));
}

/** parseJsonImport a slice of rows at a time, with `pause` between slices. */
export function parseJsonImportInSlices(data: unknown, ctx: RowContext, pause: Pause = nextTurn): Promise<ParsedImport> {
  return runInSlices(jsonRowChecks(data, ctx), pause);
}

function* jsonRowChecks(data: unknown, ctx: RowContext): Generator<void, ParsedImport> {
  const rows = jsonRows(data);
  checkRowCount(rows.length);
  const keys = new Set<string>();
  for (const r of rows) if (isObject(r)) for (const k of Object.keys(r)) keys.add(k);
  // JSON is written by programs: keys are the exact column names.
  checkColumns([...keys], []);
  const check = rowChecker(ctx);
  for (const [i, r] of rows.entries()) {
    if (i > 0 && i % IMPORT_SLICE_ROWS === 0) yield;
    if (isObject(r)) check(i + 1, r);
    else check.result.rejected.push({ row: i + 1, error: 'row: must be an object of column names to values' });
  }
  return check.result;
}

/** A slice-wise check run at once (the command line, tests). */
function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A slice-wise check with `pause` between slices. */
async function runInSlices<T>(steps: Generator<void, T>, pause: Pause): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

function jsonRows(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (isObject(data) && Array.isArray(data.posts)) {
    const extra = Object.keys(data).filter((k) => k !== 'posts');
    if (extra.length === 0) return data.posts;
    throw new ImportFileError(
      400,
      'unknown_fields',
      `Unknown fields beside "posts": ${extra.join(', ')}.`,
      extra.map((field) => ({ field, message: 'unknown field' })),
    );
  }
  throw new ImportFileError(400, 'invalid_file', 'The JSON must be an array of rows or an object {"posts": [rows]}.', [
    { field: 'body', message: 'must be an array of rows or {"posts": [...]}' },
  ]);
}

/** Validates and maps rows one by one into `result`, good or rejected; a post twice in one file is rejected the second time. */
function rowChecker(ctx: RowContext) {
  const schema = importRowSchema(ctx);
  const seen = new Map<string, number>();
  const result: ParsedImport = { rows: [], rejected: [] };
  const check = (row: number, raw: Cells): void => {
    const res = schema.safeParse(normalizeCells(raw));
    if (!res.success) {
      result.rejected.push({ row, error: describe(res.error) });
      return;
    }
    const mapped = mapImportRow(res.data);
    const first = seen.get(postKey(mapped.post));
    if (first !== undefined) {
      result.rejected.push({ row, error: `post_id: the same post (${res.data.platform} ${res.data.post_id}) is already in row ${first}` });
      return;
    }
    seen.set(postKey(mapped.post), row);
    result.rows.push({ row, ...mapped });
  };
  return Object.assign(check, { result });
}

/** Trimmed text; blank cells and JSON nulls are absent ("not reported"), never 0 or "". */
function normalizeCells(raw: Cells): Cells {
  const cells: Cells = {};
  for (const [k, v] of Object.entries(raw)) {
    const value = typeof v === 'string' ? v.trim() : v;
    if (value !== '' && value !== null && value !== undefined) cells[k] = value;
  }
  return cells;
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? String(i.path[0]) : 'row'}: ${i.message}`).join('; ');
}

function checkColumns(names: string[], alsoBad: string[]): void {
  const unknown = [...new Set(names.filter((n) => !KNOWN.has(n))), ...alsoBad];
  if (unknown.length > 0) {
    const hint = (n: string) => (Object.hasOwn(COLUMN_HINTS, n) ? ` (did you mean ${COLUMN_HINTS[n]}?)` : '');
    throw new ImportFileError(
      400,
      'unknown_columns',
      `Unknown columns: ${unknown.map((n) => n + hint(n)).join(', ')}. The columns are: ${IMPORT_COLUMNS.join(', ')}.`,
      unknown.map((field) => ({ field, message: `unknown column${hint(field)}` })),
    );
  }
  const twice = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (twice.length > 0) {
    throw new ImportFileError(
      400,
      'duplicate_columns',
      `Columns named twice: ${twice.join(', ')}.`,
      twice.map((field) => ({ field, message: 'column named twice' })),
    );
  }
}

function checkSize(text: string): void {
  if (Buffer.byteLength(text, 'utf8') > MAX_IMPORT_BYTES) {
    throw new ImportFileError(413, 'payload_too_large', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: split it into smaller files.`);
  }
}

function checkRowCount(n: number): void {
  if (n > MAX_IMPORT_ROWS)
    throw new ImportFileError(413, 'too_many_rows', `The file has ${n} rows; at most ${MAX_IMPORT_ROWS} can be imported at once: split it into smaller files.`);
}

/** `Post ID` → `post_id`: spreadsheets are often edited by hand. */
function columnName(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** The delimiter the header row uses most: Indonesian spreadsheets export with `;`. */
function delimiterOf(body: string): string {
  const headerLine = body.slice(0, body.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => ({ d, n: headerLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

function isBlank(record: readonly string[]): boolean {
  return record.every((v) => v.trim() === '');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
