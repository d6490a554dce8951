import { accessSync, constants, statfsSync } from 'node:fs';
import path from 'node:path';
import { StorageUnavailableError } from '../../errors.js';
import type { Store } from '../store.port.js';
import { explainSqliteError, StoreUnavailableError } from './sqlite-errors.js';

/** Below this much free space on DATA_DIR's disk the store says it is full before a write fails. */
const MIN_FREE_BYTES = 1024 * 1024;
/** A lock held too long is transient: health stops reporting it this long after the last failure. */
const BUSY_REPORTED_MS = 30_000;

/**
 * Every call of the store, its SQLite failures said in an operator's terms (sqlite-errors.ts), and
 * the last one kept for `ping` (/healthz) until the condition is gone: space freed, the file
 * writable again, the lock released for a while. A damaged file or a failing disk stays reported
 * until a restart, whose integrity check then decides.
 */
export function withStorageHealth(store: Store, file: string): Store {
  const memory = file === ':memory:' || file === '';
  let last: { error: StorageUnavailableError; at: number } | undefined;
  const note = (err: unknown): unknown => {
    const explained = explainSqliteError(err, file);
    if (explained instanceof StorageUnavailableError) last = { error: explained, at: Date.now() };
    return explained;
  };
  const wrap = <T extends object>(target: T): T => {
    const out: Record<string, unknown> = { ...(target as Record<string, unknown>) };
    for (const [name, value] of Object.entries(target)) {
      if (typeof value !== 'function') continue;
      out[name] = (...args: unknown[]) => {
        try {
          const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result instanceof Promise ? result.catch((err: unknown) => Promise.reject(note(err))) : result;
        } catch (err) {
          throw note(err);
        }
      };
    }
    return out as T;
  };
  const wrapped = wrap(store);
  const ping = wrapped.ping;
  return {
    ...wrapped,
    accounts: wrap(store.accounts),
    alerts: wrap(store.alerts),
    async ping() {
      await ping();
      if (memory) return;
      if (freeBytes(path.dirname(file)) < MIN_FREE_BYTES) {
        throw new StoreUnavailableError('disk_full', `the disk of DATA_DIR ${path.dirname(file)} has less than 1 MB free`, 'SQLITE_FULL');
      }
      if (last && stillTrue(last.error, last.at, file)) throw last.error;
      last = undefined;
    },
  };
}

function stillTrue(error: StorageUnavailableError, at: number, file: string): boolean {
  switch (error.problem) {
    case 'disk_full':
      return false; // the free-space check above said there is room again
    case 'read_only':
      return !writable(file);
    case 'busy':
      return Date.now() - at < BUSY_REPORTED_MS;
    default:
      return true;
  }
}

function freeBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function writable(file: string): boolean {
  try {
    accessSync(path.dirname(file), constants.W_OK);
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
