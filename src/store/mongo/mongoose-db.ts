import mongoose, { type mongo } from 'mongoose';
import { ensureIndexes } from './models.js';
import { RETIRED_INDEXES } from './scope-migration.js';
import type { AggregateOptions, BulkOp, CollectionName, Doc, FindOptions, MongoDb, MongoOps } from './mongo-db.port.js';

export interface ConnectOptions {
  /** Database name; by default the one in the URI. */
  dbName?: string;
  serverSelectionTimeoutMS?: number;
}

/** The MongoDb port over a live server, with a way to drop its database (tests). */
export interface MongooseDb extends MongoDb {
  dropDatabase(): Promise<void>;
}

function toDriverOp(op: BulkOp): mongo.AnyBulkWriteOperation<mongo.Document> {
  if ('insertOne' in op) return { insertOne: { document: op.insertOne.document } };
  if ('deleteMany' in op) return { deleteMany: { filter: op.deleteMany.filter } };
  if ('updateOne' in op) {
    const { filter, update, upsert } = op.updateOne;
    return { updateOne: { filter, update, upsert: upsert ?? false } };
  }
  const { filter, replacement, upsert } = op.replaceOne;
  return { replaceOne: { filter, replacement, upsert: upsert ?? false } };
}

/**
 * Connects mongoose, builds the declared indexes (models.ts), and exposes the port over the
 * native driver collections of that connection: pipelines and bulk operations go to the server
 * exactly as the pure builders return them.
 */
export async function connectMongo(uri: string, opts: ConnectOptions = {}): Promise<MongooseDb> {
  const conn = await mongoose
    .createConnection(uri, {
      ...(opts.dbName === undefined ? {} : { dbName: opts.dbName }),
      serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 10_000,
      autoIndex: false,
      autoCreate: false,
    })
    .asPromise();
  const db = conn.db;
  if (!db) {
    await conn.close();
    throw new Error('MongoDB connection has no database');
  }
  try {
    // The unique keys of posts and authors before they had a scope would refuse a campaign's own
    // copy of an imported post (scope-migration.ts): dropped once, before the new ones are built.
    for (const { collection, name } of RETIRED_INDEXES) {
      const existing = await db
        .collection(collection)
        .indexExists(name)
        .catch(() => false);
      if (existing) await db.collection(collection).dropIndex(name);
    }
    await ensureIndexes(conn);
  } catch (err) {
    await conn.close();
    throw err;
  }
  const collection = (name: CollectionName) => db.collection<mongo.Document>(name);
  // Multi-document transactions need a replica set (or a sharded cluster). Compose runs a one-node
  // replica set; on a standalone server the store's writes run without one, in the order that
  // keeps a crash harmless (checkpoint last, outbox marks first), as before transactions.
  const hello = (await db.admin().command({ hello: 1 })) as { setName?: string; msg?: string };
  const transactions = hello.setName !== undefined || hello.msg === 'isdbgrid';
  const client = conn.getClient();

  /** The port's operations, bound to a session when inside a transaction. */
  const ops = (session?: mongo.ClientSession): MongoOps => ({
    async aggregate(name, pipeline, options: AggregateOptions = {}) {
      return collection(name)
        .aggregate<Doc>(pipeline, { ...options, ...(session ? { session } : {}) })
        .toArray();
    },
    async bulkWrite(name, list) {
      const r = await collection(name).bulkWrite(list.map(toDriverOp), { ordered: true, ...(session ? { session } : {}) });
      return {
        insertedCount: r.insertedCount,
        matchedCount: r.matchedCount,
        modifiedCount: r.modifiedCount,
        upsertedCount: r.upsertedCount,
        deletedCount: r.deletedCount,
      };
    },
    async findOne(name, filter) {
      return collection(name).findOne<Doc>(filter, session ? { session } : {});
    },
    async find(name, filter, options: FindOptions = {}) {
      let cursor = collection(name).find<Doc>(filter, { ...(options.projection ? { projection: options.projection } : {}), ...(session ? { session } : {}) });
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.limit !== undefined && options.limit > 0) cursor = cursor.limit(options.limit);
      return cursor.toArray();
    },
    async countDocuments(name, filter) {
      return collection(name).countDocuments(filter, session ? { session } : {});
    },
    async deleteMany(name, filter) {
      return (await collection(name).deleteMany(filter, session ? { session } : {})).deletedCount;
    },
  });

  return {
    ...ops(),
    async withTransaction(work) {
      if (!transactions) return work(ops());
      const session = client.startSession();
      try {
        // The driver retries the whole callback on TransientTransactionError and the commit on
        // UnknownTransactionCommitResult, for up to 120 s; the last attempt's result is kept.
        let result: Awaited<ReturnType<typeof work>> | undefined;
        await session.withTransaction(
          async () => {
            result = await work(ops(session));
          },
          { writeConcern: { w: 'majority' } },
        );
        return result as Awaited<ReturnType<typeof work>>;
      } finally {
        await session.endSession();
      }
    },
    async ping() {
      await db.command({ ping: 1 });
    },
    async close() {
      await conn.close();
    },
    async dropDatabase() {
      await conn.dropDatabase();
    },
  };
}
