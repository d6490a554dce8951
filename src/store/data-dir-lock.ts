import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Held by the one process that schedules (and, on the in-process runner, runs) the jobs of a DATA_DIR. */
export const LOCK_FILE = 'service.lock';
/** Who holds the lock, for the message of a process that is refused. */
export const HOLDER_FILE = 'service.pid';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | undefined,
  ) {
    const who = holderPid === undefined ? 'another Kabar Kampanye process' : `another Kabar Kampanye process (pid ${holderPid})`;
    super(
      `DATA_DIR ${dataDir} is in use by ${who}: two processes scheduling on one DATA_DIR would run every collection twice. ` +
        'Stop that process first, or give this one its own DATA_DIR.',
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  release(): void;
}

/**
 * Takes the DATA_DIR's lock for this process's life, or throws DataDirInUseError naming the holder.
 * The lock is SQLite's own exclusive file lock on a small database (a POSIX lock of the kernel): it
 * dies with its process however that process ends, so a crashed holder leaves nothing stale to
 * clean up, and a reused pid (pid 1 in every container start) cannot fake a holder. The pid beside it
 * only names the holder in the refusal.
 */
export function lockDataDir(dataDir: string, role: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const holder = path.join(dataDir, HOLDER_FILE);
  closeSync(openSync(file, 'a', 0o600));
  const db = new Database(file, { timeout: 0 });
  try {
    // EXCLUSIVE locking mode keeps the lock after the first write until the connection closes.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS held (pid INTEGER)');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (err) {
    db.close();
    if (err instanceof Database.SqliteError && err.code.startsWith('SQLITE_BUSY')) throw new DataDirInUseError(dataDir, readHolder(holder));
    throw err;
  }
  writeFileSync(holder, `${JSON.stringify({ pid: process.pid, role, since: new Date().toISOString() })}\n`, { mode: 0o600 });
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      rmSync(holder, { force: true });
      db.close();
    },
  };
}

function readHolder(file: string): number | undefined {
  try {
    const pid = (JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' ? pid : undefined;
  } catch {
    return undefined;
  }
}
