import { statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';

/** How the embedded store's connections are tuned; the raw-insert bench uses the same. */
export interface PragmaOptions {
  /** How long a writer waits for another connection's lock before failing, in ms. */
  busyTimeoutMs?: number;
  /**
   * SQLite's page cache, in MB (default 64: writers gain from keeping the b-trees' upper pages).
   * The API process takes 16: its reads are scans the OS file cache serves as fast, and the
   * difference is ~50 MB of resident memory (docs/performance.md).
   */
  cacheSizeMb?: number;
}

/** What the write-ahead log is cut back to after a checkpoint (journal_size_limit). */
export const WAL_LIMIT_BYTES = 4 * 1024 * 1024;

/** After a write that left the log larger than this, the store checkpoints it at once (walAfterWrite). */
const LARGE_WAL_BYTES = 2 * 1024 * 1024;

/**
 * After a large write (an import, a page of posts, a re-attribution): copy the log into the database
 * and truncate it, so a small disk keeps room. TRUNCATE waits for readers of other processes (the
 * busy timeout); when it cannot finish, the autocheckpoint does the work later.
 */
export function walAfterWrite(db: Database, file: string): void {
  if (file === ':memory:' || file === '') return;
  let size: number;
  try {
    size = statSync(`${file}-wal`).size;
  } catch {
    return;
  }
  if (size <= LARGE_WAL_BYTES) return;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // A reader held it, or the disk is full: the next autocheckpoint or checkpoint tries again.
  }
}

/** At a clean close: everything into the database, an empty log left (SQLite then removes it). */
export function walAtClose(db: Database, file: string): void {
  if (file === ':memory:' || file === '' || !db.open) return;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Another process still reads: the log stays, complete, for the next open.
  }
}

export function applyPragmas(db: Database, file: string, opts: PragmaOptions = {}): void {
  if (file !== ':memory:' && file !== '') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = -${Math.floor((opts.cacheSizeMb ?? 64) * 1024)}`);
  // The write-ahead log is checkpointed into the database every 2,000 pages (8 MB) and truncated back
  // to WAL_LIMIT_BYTES when it restarts, so it never grows far past what one write needs: it once
  // reached 20 MB on a 20 MB volume, and the checkpoint then failed for lack of space.
  db.pragma('wal_autocheckpoint = 2000');
  db.pragma(`journal_size_limit = ${WAL_LIMIT_BYTES}`);
  db.pragma(`busy_timeout = ${Math.floor(opts.busyTimeoutMs ?? 5000)}`);
}
