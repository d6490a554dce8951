import { fail, optNum, optStr } from '../field-read.js';
import type { Doc } from './mongo-db.port.js';

/** Readers of documents read back from MongoDB (or mingo); the scalar ones are shared with SQLite. */
export { compact, num, oneOf, optNum, optStr, str } from '../field-read.js';

export function asDoc(value: unknown, what = 'document'): Doc {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) {
    throw new TypeError(`expected ${what} to be an object`);
  }
  return value as Doc;
}

/** An optional field as the domain types keep it: stored as null (never left out), read back as null. */
export function strOrNull(doc: Doc, field: string): string | null {
  return optStr(doc, field) ?? null;
}

export function numOrNull(doc: Doc, field: string): number | null {
  return optNum(doc, field) ?? null;
}

export function date(doc: Doc, field: string): Date {
  const v = doc[field];
  return v instanceof Date ? v : fail(field, 'a date', v);
}

export function bool(doc: Doc, field: string): boolean {
  const v = doc[field];
  return typeof v === 'boolean' ? v : fail(field, 'a boolean', v);
}

export function strArray(doc: Doc, field: string): string[] {
  const v = doc[field];
  if (!Array.isArray(v)) return fail(field, 'an array', v);
  return v.map((x) => (typeof x === 'string' ? x : fail(`${field}[]`, 'a string', x)));
}

export function docArray(doc: Doc, field: string): Doc[] {
  const v = doc[field];
  if (!Array.isArray(v)) return fail(field, 'an array', v);
  return v.map((x) => asDoc(x, field));
}
