import path from 'node:path';
import { accessSync, chmodSync, closeSync, constants, mkdirSync, openSync, statSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createSqliteStore } from './sqlite/sqlite.store.js';
import type { IntegrityReport } from './sqlite/integrity.js';

/** How long start-up may spend checking the database's integrity. */
const STARTUP_CHECK_MS = 3_000;
import type { Store } from './store.port.js';
import { HOLDER_FILE, LOCK_FILE, lockDataDir, type DataDirLock } from './data-dir-lock.js';

/** The embedded SQLite file under DATA_DIR, or MongoDB when MONGODB_URI is set. */
export async function openStore(config: Pick<Config, 'mongodbUri' | 'dataDir'>, log: Logger, sqlite: { cacheSizeMb?: number } = {}): Promise<Store> {
  if (config.mongodbUri) {
    // Loaded only when used: mongoose and the MongoDB driver are tens of MB an embedded or SQLite
    // process does not need.
    const [
      { connectMongo },
      { createMongoStore },
      { scopeImportedPosts },
      { backfillPostFields },
      { backfillImportedReferences },
      { backfillMembershipFigures },
    ] = await Promise.all([
      import('./mongo/mongoose-db.js'),
      import('./mongo/mongo.store.js'),
      import('./mongo/scope-migration.js'),
      import('./mongo/backfill.ops.js'),
      import('./mongo/references-backfill.ops.js'),
      import('./mongo/figures-backfill.ops.js'),
    ]);
    const db = await connectMongo(config.mongodbUri);
    const moved = await scopeImportedPosts(db);
    if (moved > 0) log.info({ memberships: moved }, 'store: imported posts copied per campaign');
    log.info('store: mongodb');
    // Metrics read each membership's copy of its post's figures: completed before the store serves.
    const completed = (await backfillPostFields(db)) + (await backfillImportedReferences(db)) + (await backfillMembershipFigures(db));
    if (completed > 0) log.info({ completed }, 'store: documents completed with fields added since they were written');
    return createMongoStore(db);
  }
  ensureDataDir(config.dataDir);
  const file = path.join(config.dataDir, 'campaigns.sqlite');
  // Created private before SQLite opens it: SQLite gives its -wal and -shm files the database's mode.
  closeSync(openSync(file, 'a', 0o600));
  tightenDataDir(config.dataDir, log);
  log.info({ file }, 'store: sqlite');
  const integrityCheck = {
    budgetMs: STARTUP_CHECK_MS,
    report: (r: IntegrityReport) => {
      if (r.complete) log.info({ file, ms: r.ms }, 'store: integrity checked');
      else
        log.warn(
          { file, ms: r.ms, checked: r.checked, tables: r.tables },
          `store: integrity checked for ${r.checked} of ${r.tables} tables within the start-up's ${STARTUP_CHECK_MS} ms; check the rest offline (docs/recovery.md)`,
        );
    },
  };
  return createSqliteStore({ file, integrityCheck, ...sqlite });
}

/** SQLite alone would say "unable to open database file" or fail at the first write. */
function ensureDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    accessSync(dataDir, constants.W_OK);
  } catch (err) {
    throw new Error(
      `DATA_DIR ${dataDir} is not writable (${err instanceof Error ? err.message : String(err)}): the SQLite store keeps its file there. Give the service's user write access, or set DATA_DIR.`,
    );
  }
}

/**
 * On the embedded store, makes this process the one that schedules jobs on DATA_DIR for as long as
 * it lives (store/data-dir-lock.ts); a second one is refused naming the holder. MongoDB needs no
 * lock here: its schedulers are deduplicated by job id in Redis.
 */
export function holdDataDir(config: Pick<Config, 'mongodbUri' | 'dataDir'>, role: string): DataDirLock | undefined {
  if (config.mongodbUri) return undefined;
  ensureDataDir(config.dataDir);
  return lockDataDir(config.dataDir, role);
}

/** What DATA_DIR holds that nobody but the service's user should read: the posts, the accounts' hashes, the admin token. */
const PRIVATE_FILES = ['campaigns.sqlite', 'campaigns.sqlite-wal', 'campaigns.sqlite-shm', 'admin-token', LOCK_FILE, HOLDER_FILE];

/**
 * DATA_DIR 0700 and its files 0600. A directory or file created by an older version (0755, 0644)
 * is tightened once, with a line saying which; one the service does not own is left as it is, with
 * a warning, rather than stopping the service.
 */
export function tightenDataDir(dataDir: string, log: Logger): void {
  const tightened: string[] = [];
  const refused: string[] = [];
  const tighten = (target: string, mode: number) => {
    let current: number;
    try {
      current = statSync(target).mode & 0o777;
    } catch {
      return; // not there (yet)
    }
    if ((current & 0o077) === 0) return;
    try {
      chmodSync(target, mode);
      tightened.push(`${target} (${current.toString(8)} -> ${mode.toString(8)})`);
    } catch {
      refused.push(target);
    }
  };
  tighten(dataDir, 0o700);
  for (const name of PRIVATE_FILES) tighten(path.join(dataDir, name), 0o600);
  if (tightened.length > 0) log.warn({ tightened }, 'DATA_DIR was readable by other users: its permissions were tightened');
  if (refused.length > 0)
    log.warn({ files: refused }, 'DATA_DIR is readable by other users and this process may not change that: restrict it to the service user');
}
