import { isDeepStrictEqual } from 'node:util';
import { Aggregator, find } from 'mingo';
import type { BulkOp, BulkResult, CollectionName, Doc, FindOptions, MongoDb } from '../../src/store/mongo/mongo-db.port.js';

/**
 * The MongoDb port in memory, over mingo: the Mongo store's pipelines and bulk operations run
 * unchanged, without a server. Documents are cloned on the way in and out, as BSON would.
 * Update pipelines run through mingo's Aggregator on the matched document (or, for an upsert, on
 * a seed made of the filter's equality fields, as the server does). Only `_id` is unique here;
 * the server's other unique indexes are not emulated.
 */
export interface MingoDb extends MongoDb {
  /** The stored documents, for assertions (do not mutate). */
  readonly collections: ReadonlyMap<string, readonly Doc[]>;
}

class DuplicateKeyError extends Error {
  readonly code = 11000;
}

const isOperatorObject = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && Object.keys(v).some((k) => k.startsWith('$'));

/** The document an upsert starts from: the filter's top-level equality fields. */
function upsertSeed(filter: Doc): Doc {
  return Object.fromEntries(Object.entries(filter).filter(([k, v]) => !k.startsWith('$') && !k.includes('.') && !isOperatorObject(v)));
}

export function createMingoDb(): MingoDb {
  const data = new Map<string, Doc[]>();
  let closed = false;
  let nextId = 1;
  const coll = (name: string): Doc[] => {
    let docs = data.get(name);
    if (!docs) {
      docs = [];
      data.set(name, docs);
    }
    return docs;
  };
  const open = () => {
    if (closed) throw new Error('mingo-db: closed');
  };
  const runPipeline = (docs: Doc[], pipeline: Doc[]): Doc[] => new Aggregator(pipeline, { collectionResolver: coll }).run<Doc>(docs);
  const matches = (docs: Doc[], filter: Doc): Doc[] => find(docs, filter).all();

  const insert = (docs: Doc[], doc: Doc) => {
    const stored = structuredClone(doc);
    if (stored._id === undefined) stored._id = `mingo-${nextId++}`;
    if (docs.some((d) => isDeepStrictEqual(d._id, stored._id))) throw new DuplicateKeyError(`E11000 duplicate key _id ${JSON.stringify(stored._id)}`);
    docs.push(stored);
  };
  /** Replaces `old` by `next` in place; `_id` is immutable. Returns whether anything changed. */
  const replace = (docs: Doc[], old: Doc, next: Doc): boolean => {
    const updated = { ...structuredClone(next), _id: old._id };
    if (next._id !== undefined && !isDeepStrictEqual(next._id, old._id)) throw new Error('mingo-db: would modify the immutable field _id');
    if (isDeepStrictEqual(old, updated)) return false;
    docs[docs.indexOf(old)] = updated;
    return true;
  };

  function applyOp(docs: Doc[], op: BulkOp, r: { -readonly [K in keyof BulkResult]: BulkResult[K] }) {
    if ('insertOne' in op) {
      insert(docs, op.insertOne.document);
      r.insertedCount += 1;
    } else if ('deleteMany' in op) {
      const gone = new Set(matches(docs, op.deleteMany.filter));
      r.deletedCount += gone.size;
      docs.splice(0, docs.length, ...docs.filter((d) => !gone.has(d)));
    } else {
      const { filter, upsert } = 'updateOne' in op ? op.updateOne : op.replaceOne;
      const apply = (doc: Doc): Doc => {
        if ('replaceOne' in op) return op.replaceOne.replacement;
        const [next] = runPipeline([structuredClone(doc)], op.updateOne.update);
        if (!next) throw new Error('mingo-db: update pipeline produced no document');
        return next;
      };
      const [found] = matches(docs, filter);
      if (found) {
        r.matchedCount += 1;
        if (replace(docs, found, apply(found))) r.modifiedCount += 1;
      } else if (upsert) {
        const seed = upsertSeed(filter);
        const doc = 'replaceOne' in op ? { ...(seed._id === undefined ? {} : { _id: seed._id }), ...op.replaceOne.replacement } : apply(seed);
        insert(docs, doc);
        r.upsertedCount += 1;
      }
    }
  }

  const bulkWrite = async (collection: CollectionName, ops: BulkOp[]): Promise<BulkResult> => {
    open();
    const r = { insertedCount: 0, matchedCount: 0, modifiedCount: 0, upsertedCount: 0, deletedCount: 0 };
    for (const op of ops) applyOp(coll(collection), op, r);
    return r;
  };

  return {
    collections: data,
    bulkWrite,
    async aggregate(collection: CollectionName, pipeline: Doc[]) {
      open();
      const out = runPipeline(structuredClone(coll(collection)), pipeline);
      const last = pipeline[pipeline.length - 1];
      return last !== undefined && '$merge' in last ? [] : structuredClone(out);
    },
    async findOne(collection: CollectionName, filter: Doc) {
      open();
      const [doc] = matches(coll(collection), filter);
      return doc === undefined ? null : structuredClone(doc);
    },
    async find(collection: CollectionName, filter: Doc, options: FindOptions = {}) {
      open();
      let cursor = find<Doc>(coll(collection), filter, options.projection ?? {});
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.limit !== undefined && options.limit > 0) cursor = cursor.limit(options.limit);
      return structuredClone(cursor.all());
    },
    async countDocuments(collection: CollectionName, filter: Doc) {
      open();
      return matches(coll(collection), filter).length;
    },
    async deleteMany(collection: CollectionName, filter: Doc) {
      const r = await bulkWrite(collection, [{ deleteMany: { filter } }]);
      return r.deletedCount;
    },
    async ping() {
      open();
    },
    async close() {
      closed = true;
    },
  };
}
