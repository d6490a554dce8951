import path from 'node:path';
import { accessSync, constants, mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createSqliteStore } from './sqlite/sqlite.store.js';
import type { Store } from './store.port.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';

/** The embedded SQLite file under DATA_DIR, or MongoDB when MONGODB_URI is set. */
export async function openStore(config: Pick<Config, 'mongodbUri' | 'dataDir'>, log: Logger, sqlite: { cacheSizeMb?: number } = {}): Promise<Store> {
  if (config.mongodbUri) {
    // Loaded only when used: mongoose and the MongoDB driver are tens of MB an embedded or SQLite
    // process does not need.
    const [{ connectMongo }, { createMongoStore }] = await Promise.all([import('./mongo/mongoose-db.js'), import('./mongo/mongo.store.js')]);
    const db = await connectMongo(config.mongodbUri);
    log.info('store: mongodb');
    return createMongoStore(db);
  }
  ensureDataDir(config.dataDir);
  const file = path.join(config.dataDir, 'campaigns.sqlite');
  log.info({ file }, 'store: sqlite');
  return createSqliteStore({ file, ...sqlite });
}

/** SQLite alone would say "unable to open database file" or fail at the first write. */
function ensureDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
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
