/**
 * Narrowing of the `unknown` rows better-sqlite3 returns. A column of the wrong type means the
 * schema and the code disagree, so it throws instead of guessing.
 */

export type Row = Record<string, unknown>;

export function asRow(value: unknown): Row {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('expected a row');
  return value as Row;
}

export function str(row: Row, column: string): string {
  const v = row[column];
  if (typeof v !== 'string') throw new TypeError(`column ${column}: expected text, got ${typeof v}`);
  return v;
}

export function optStr(row: Row, column: string): string | undefined {
  const v = row[column];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'string') throw new TypeError(`column ${column}: expected text, got ${typeof v}`);
  return v;
}

export function num(row: Row, column: string): number {
  const v = row[column];
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'number') throw new TypeError(`column ${column}: expected a number, got ${typeof v}`);
  return v;
}

export function optNum(row: Row, column: string): number | undefined {
  const v = row[column];
  return v === null || v === undefined ? undefined : num(row, column);
}

/** A JSON column holding an array of strings. */
export function strArray(row: Row, column: string): string[] {
  const parsed: unknown = JSON.parse(str(row, column));
  if (!Array.isArray(parsed) || !parsed.every((x): x is string => typeof x === 'string')) {
    throw new TypeError(`column ${column}: expected a JSON array of strings`);
  }
  return parsed;
}

/** Checks a text column against a closed set of values (a CHECK constraint's TypeScript side). */
export function oneOf<T extends string>(row: Row, column: string, allowed: readonly T[]): T {
  const v = str(row, column);
  const found = allowed.find((a) => a === v);
  if (found === undefined) throw new TypeError(`column ${column}: unexpected value ${v}`);
  return found;
}
