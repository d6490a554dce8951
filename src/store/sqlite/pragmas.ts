import type { Database } from 'better-sqlite3';

/** How the embedded store's connections are tuned; the raw-insert bench uses the same. */
export interface PragmaOptions {
  /** How long a writer waits for another connection's lock before failing, in ms. */
  busyTimeoutMs?: number;
}

export function applyPragmas(db: Database, file: string, opts: PragmaOptions = {}): void {
  if (file !== ':memory:' && file !== '') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma(`busy_timeout = ${Math.floor(opts.busyTimeoutMs ?? 5000)}`);
}
