import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import { connectMongo, type MongooseDb } from '../../src/store/mongo/mongoose-db.js';
import type { Store } from '../../src/store/store.port.js';
import { accountStoreContract } from './account-store.contract.js';
import { alertStoreContract } from './alert-store.contract.js';
import { storeContract } from './store.contract.js';

const uri = process.env.MONGODB_URI;
const runId = randomUUID().slice(0, 8);

/** Against a real server only when MONGODB_URI is set; each store gets its own database, dropped after. */
describe.skipIf(!uri)('mongo store on a MongoDB server', () => {
  const databases = new Map<Store, MongooseDb>();
  let n = 0;
  const makeStore = async () => {
    const db = await connectMongo(uri ?? '', { dbName: `kabar_kampanye_test_${runId}_${n++}` });
    const store = createMongoStore(db);
    databases.set(store, db);
    return store;
  };
  const dropStore = async (store: Store) => {
    const db = databases.get(store);
    databases.delete(store);
    if (db) await db.dropDatabase();
    await store.close();
  };
  storeContract('mongo server', makeStore, dropStore);
  accountStoreContract('mongo server', makeStore, dropStore);
  alertStoreContract('mongo server', makeStore, dropStore);
});
