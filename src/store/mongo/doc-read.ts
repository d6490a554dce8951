import type { Doc } from './mongo-db.port.js';

/**
 * Narrowing of documents read back from MongoDB (or mingo). A field of the wrong type means the
 * writer and the reader disagree, so it throws instead of guessing. `null` and a missing field are
 * both "absent", as BSON drivers may turn one into the other.
 */

export function asDoc(value: unknown, what = 'document'): Doc {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) {
    throw new TypeError(`expected ${what} to be an object`);
  }
  return value as Doc;
}

function fail(field: string, expected: string, v: unknown): never {
  throw new TypeError(`field ${field}: expected ${expected}, got ${v === null ? 'null' : typeof v}`);
}

export function str(doc: Doc, field: string): string {
  const v = doc[field];
  return typeof v === 'string' ? v : fail(field, 'a string', v);
}

export function optStr(doc: Doc, field: string): string | undefined {
  const v = doc[field];
  return v === null || v === undefined ? undefined : str(doc, field);
}

export function num(doc: Doc, field: string): number {
  const v = doc[field];
  return typeof v === 'number' ? v : fail(field, 'a number', v);
}

export function optNum(doc: Doc, field: string): number | undefined {
  const v = doc[field];
  return v === null || v === undefined ? undefined : num(doc, field);
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

export function oneOf<T extends string>(doc: Doc, field: string, allowed: readonly T[]): T {
  const v = str(doc, field);
  const found = allowed.find((a) => a === v);
  return found ?? fail(field, allowed.join('|'), v);
}

/** Drops undefined fields: what BSON would store for them differs between drivers. */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
