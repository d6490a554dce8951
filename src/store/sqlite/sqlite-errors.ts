import path from 'node:path';
import { SqliteError } from 'better-sqlite3';
import { StorageUnavailableError, type StorageProblem } from '../../errors.js';

/**
 * SQLite failures a person must act on, said in their terms. The transaction that hit one was
 * rolled back whole, so the message can promise that nothing of it was written.
 */
export class StoreUnavailableError extends StorageUnavailableError {
  constructor(
    problem: StorageProblem,
    message: string,
    /** SQLite's code (SQLITE_FULL…). */
    readonly code: string,
  ) {
    super(problem, message);
    this.name = 'StoreUnavailableError';
  }
}

export function explainSqliteError(err: unknown, file: string): unknown {
  if (!(err instanceof SqliteError)) return err;
  const where = `the SQLite store ${file}`;
  const detail = `${err.code}: ${err.message}`;
  if (err.code === 'SQLITE_FULL') {
    return new StoreUnavailableError(
      'disk_full',
      `${where} is full: the disk under DATA_DIR has no space left (${detail}). Nothing of this write was stored; free some space and the next run resumes.`,
      err.code,
    );
  }
  if (err.code.startsWith('SQLITE_READONLY')) {
    return new StoreUnavailableError(
      'read_only',
      `${where} cannot be written: DATA_DIR or the database file is read-only (${detail}). Nothing of this write was stored.`,
      err.code,
    );
  }
  if (err.code.startsWith('SQLITE_IOERR') || err.code.startsWith('SQLITE_CANTOPEN')) {
    return new StoreUnavailableError(
      'io',
      `${where} could not be read or written (${detail}): check DATA_DIR's disk and permissions. Nothing of this write was stored.`,
      err.code,
    );
  }
  if (err.code.startsWith('SQLITE_BUSY') || err.code.startsWith('SQLITE_LOCKED')) {
    return new StoreUnavailableError(
      'busy',
      `${where} is locked by another connection or process, which did not release it in time (${detail}): two services on one DATA_DIR, or a long-running tool (docs/data-dir.md). Nothing of this write was stored.`,
      err.code,
    );
  }
  if (err.code.startsWith('SQLITE_CORRUPT') || err.code === 'SQLITE_NOTADB') return corruptStoreError(file, detail, err.code);
  return err;
}

/** Where an operator reads how to restore a database. */
export const RECOVERY_DOC = 'docs/recovery.md';

/** A corrupt database: the message names the file, DATA_DIR and how to restore. */
export function corruptStoreError(file: string, detail: string, code = 'SQLITE_CORRUPT'): StoreUnavailableError {
  return new StoreUnavailableError(
    'corrupt',
    `The SQLite store ${file} (in DATA_DIR ${path.dirname(file)}) is corrupt or not a database (${detail}). ` +
      `Stop the service, move the file and its -wal and -shm aside, and restore the last backup in its place (${RECOVERY_DOC}).`,
    code,
  );
}
