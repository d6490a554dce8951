import { statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { corruptStoreError, explainSqliteError } from './sqlite-errors.js';

/** Up to this size the whole file is checked at once (structure, free list, every page): well under a second. */
const WHOLE_FILE_BYTES = 128 * 1024 * 1024;

export interface IntegrityReport {
  /** Whether every table was checked; false: the start-up's time budget ran out first. */
  complete: boolean;
  /** The tables checked, when checked one by one. */
  checked: number;
  tables: number;
  ms: number;
}

/**
 * `PRAGMA quick_check` within a time budget. A small file is checked whole. A large one is checked
 * table by table (each with its indexes) until the budget is spent: the report says how far it
 * got, so a start-up never waits minutes on a large, healthy database. better-sqlite3 cannot
 * interrupt a statement, so the budget may be overrun by the last table's check.
 */
export function quickCheck(db: Database, file: string, budgetMs: number, wholeFileBytes = WHOLE_FILE_BYTES): IntegrityReport {
  try {
    return check(db, file, budgetMs, wholeFileBytes);
  } catch (err) {
    // A page too damaged to walk fails the check itself (SQLITE_CORRUPT): the same message.
    throw explainSqliteError(err, file);
  }
}

function check(db: Database, file: string, budgetMs: number, wholeFileBytes: number): IntegrityReport {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const problems = (rows: unknown[]) => rows.map((r) => String(Object.values(r as Record<string, unknown>)[0])).filter((m) => m !== 'ok');
  const fail = (found: string[]) => {
    throw corruptStoreError(file, `quick_check: ${found.slice(0, 3).join('; ')}${found.length > 3 ? `; and ${found.length - 3} more` : ''}`);
  };
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
  if (file === ':memory:' || file === '' || fileSize(file) <= wholeFileBytes) {
    const found = problems(db.pragma('quick_check(20)') as unknown[]);
    if (found.length > 0) fail(found);
    return { complete: true, checked: tables.length, tables: tables.length, ms: elapsed() };
  }
  let checked = 0;
  for (const table of tables) {
    if (elapsed() >= budgetMs) break;
    const found = problems(db.prepare(`PRAGMA quick_check("${table.replaceAll('"', '""')}")`).all());
    if (found.length > 0) fail(found);
    checked += 1;
  }
  return { complete: checked === tables.length, checked, tables: tables.length, ms: elapsed() };
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
