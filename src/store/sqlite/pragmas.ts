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

export function applyPragmas(db: Database, file: string, opts: PragmaOptions = {}): void {
  if (file !== ':memory:' && file !== '') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = -${Math.floor((opts.cacheSizeMb ?? 64) * 1024)}`);
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma(`busy_timeout = ${Math.floor(opts.busyTimeoutMs ?? 5000)}`);
}
