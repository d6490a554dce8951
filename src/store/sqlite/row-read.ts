import { fail, str, type Fields } from '../field-read.js';

/** Readers of the rows better-sqlite3 returns; the scalar ones are shared with the Mongo store. */
export { compact, num, oneOf, optNum, optStr, str } from '../field-read.js';

export type Row = Fields;

export function asRow(value: unknown): Row {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('expected a row');
  return value as Row;
}

/** A JSON column holding an array of strings. */
export function strArray(row: Row, column: string): string[] {
  const parsed: unknown = JSON.parse(str(row, column));
  if (!Array.isArray(parsed) || !parsed.every((x): x is string => typeof x === 'string')) return fail(column, 'a JSON array of strings', parsed);
  return parsed;
}
