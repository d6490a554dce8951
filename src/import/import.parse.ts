import { parse as parseCsv } from 'csv-parse/sync';
import type { z } from 'zod';
import { postKey } from '../domain/post.js';
import { mapImportRow, type ImportedPost } from './import.map.js';
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
  checkSize(text);
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '')
    throw new ImportFileError(400, 'missing_header', `The file is empty: its first row must name the columns (${REQUIRED_COLUMNS.join(', ')}, …).`);
  let records: string[][];
  try {
    // Quotes inside unquoted cells are common in hand-typed text: take them literally.
    records = parseCsv(body, { delimiter: delimiterOf(body), relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (err) {
    throw new ImportFileError(400, 'invalid_csv', `The file is not valid CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
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
  data.forEach((record, i) => {
    const row = i + 2;
    if (isBlank(record)) return;
    if (record.slice(names.length).some((v) => v.trim() !== '')) {
      check.result.rejected.push({ row, error: `row: has ${record.length} cells but the header has ${names.length} columns` });
      return;
    }
    const cells: Cells = {};
    names.forEach((name, k) => {
      if (name) cells[name] = record[k];
    });
    check(row, cells);
  });
  return check.result;
}

/** JSON: an array of row objects, or `{ "posts": [...] }`. Numbers may be JSON numbers. */
export function parseJsonImport(data: unknown, ctx: RowContext): ParsedImport {
  const rows = jsonRows(data);
  checkRowCount(rows.length);
  const keys = new Set<string>();
  for (const r of rows) if (isObject(r)) for (const k of Object.keys(r)) keys.add(k);
  // JSON is written by programs: keys are the exact column names.
  checkColumns([...keys], []);
  const check = rowChecker(ctx);
  rows.forEach((r, i) => {
    if (isObject(r)) check(i + 1, r);
    else check.result.rejected.push({ row: i + 1, error: 'row: must be an object of column names to values' });
  });
  return check.result;
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
