import path from 'node:path';
import { accessSync, constants, mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createSqliteStore } from './sqlite/sqlite.store.js';
import type { Store } from './store.port.js';

/** The embedded SQLite file under DATA_DIR, or MongoDB when MONGODB_URI is set. */
export async function openStore(config: Pick<Config, 'mongodbUri' | 'dataDir'>, log: Logger, sqlite: { cacheSizeMb?: number } = {}): Promise<Store> {
  if (config.mongodbUri) {
    // Loaded only when used: mongoose and the MongoDB driver are tens of MB an embedded or SQLite
    // process does not need.
    const [{ connectMongo }, { createMongoStore }, { backfillPostFields }] = await Promise.all([
      import('./mongo/mongoose-db.js'),
      import('./mongo/mongo.store.js'),
      import('./mongo/backfill.ops.js'),
    ]);
    const db = await connectMongo(config.mongodbUri);
    log.info('store: mongodb');
    const completed = await backfillPostFields(db);
    if (completed > 0) log.info({ completed }, 'store: documents completed with fields added since they were written');
    return createMongoStore(db);
  }
  // SQLite alone would say "unable to open database file" or fail at the first write.
  try {
    mkdirSync(config.dataDir, { recursive: true });
    accessSync(config.dataDir, constants.W_OK);
  } catch (err) {
    throw new Error(
      `DATA_DIR ${config.dataDir} is not writable (${err instanceof Error ? err.message : String(err)}): the SQLite store keeps its file there. Give the service's user write access, or set DATA_DIR.`,
    );
  }
  const file = path.join(config.dataDir, 'campaigns.sqlite');
  log.info({ file }, 'store: sqlite');
  return createSqliteStore({ file, ...sqlite });
}
