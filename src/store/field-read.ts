/**
 * Narrowing of the `unknown` values a database hands back (SQLite rows, MongoDB documents). A
 * field of the wrong type means the writer and the reader disagree, so it throws instead of
 * guessing. `null` and a missing field are both "absent": drivers turn one into the other.
 */

export type Fields = Record<string, unknown>;

export function fail(field: string, expected: string, v: unknown): never {
  throw new TypeError(`field ${field}: expected ${expected}, got ${v === null ? 'null' : typeof v}`);
}

export function str(record: Fields, field: string): string {
  const v = record[field];
  return typeof v === 'string' ? v : fail(field, 'a string', v);
}

export function optStr(record: Fields, field: string): string | undefined {
  const v = record[field];
  return v === null || v === undefined ? undefined : str(record, field);
}

/** SQLite may hand back a bigint for an INTEGER; counts here fit a double. */
export function num(record: Fields, field: string): number {
  const v = record[field];
  if (typeof v === 'bigint') return Number(v);
  return typeof v === 'number' ? v : fail(field, 'a number', v);
}

export function optNum(record: Fields, field: string): number | undefined {
  const v = record[field];
  return v === null || v === undefined ? undefined : num(record, field);
}

/** A text field from a closed set of values (a CHECK constraint's or an enum's TypeScript side). */
export function oneOf<T extends string>(record: Fields, field: string, allowed: readonly T[]): T {
  const v = str(record, field);
  const found = allowed.find((a) => a === v);
  return found ?? fail(field, allowed.join('|'), v);
}

export { compact } from '../domain/compact.js';
