import { isDeepStrictEqual } from 'node:util';
import { Aggregator, find, Query } from 'mingo';
import mongoose from 'mongoose';
import type { BulkOp, BulkResult, CollectionName, Doc, FindOptions, MongoDb, MongoOps } from '../../src/store/mongo/mongo-db.port.js';

/**
 * The MongoDb port in memory, over mingo: the Mongo store's pipelines and bulk operations run
 * unchanged, without a server. It emulates what of the server the store's promises rest on:
 *
 * - Documents are cloned on the way in and out, as BSON would; only `_id` is unique (the server's
 *   other unique indexes are not emulated).
 * - Update pipelines run through mingo's Aggregator on the matched document (or, for an upsert, on
 *   a seed made of the filter's equality fields, as the server does).
 * - The 16 MB BSON limit: every command (a filter, a pipeline, a bulk write's operations), every
 *   stored document and every document a pipeline returns is measured with the driver's
 *   calculateObjectSize; over the limit it fails as the server does (code 10334). The largest
 *   command is recorded (`stats`), with the peak heap seen while commands ran.
 * - Transactions (`withTransaction`): the work writes into a private overlay, reads see the
 *   committed state as of the transaction's first operation plus its own writes, and the overlay
 *   is applied at once on commit or dropped on an error. A transaction that would observe or
 *   overwrite a collection another writer changed since it started fails with a write conflict
 *   (labelled TransientTransactionError, as the server's) and is retried whole, as the driver's
 *   `withTransaction` does. This is stricter than the server (which tracks documents, not
 *   collections), so it can only show more conflicts, never fewer.
 * - Failure injection (`failWrite`): a chosen later write command throws, transient or not.
 * - `$merge`/`$out` are refused inside a transaction, as the server refuses them.
 */

export const BSON_LIMIT = 16 * 1024 * 1024;

export interface CommandStats {
  /** Commands sent (reads and writes). */
  commands: number;
  /** Write commands sent (bulkWrite, deleteMany): what `failWrite` counts. */
  writes: number;
  /** The largest command, in BSON bytes, and what it was. */
  largestCommand: { bytes: number; kind: string; collection: string };
  /** Transactions committed, and attempts retried after a transient error. */
  commits: number;
  retries: number;
  /** The highest `heapUsed` sampled at a command since the last `resetStats`. */
  peakHeapUsed: number;
}

export interface FailureSpec {
  /** The write command (0 = the next one) that fails. */
  at: number;
  /** Labelled TransientTransactionError (a lost primary, a write conflict): a transaction retries it. Default true. */
  transient?: boolean;
}

export interface MingoDb extends MongoDb {
  /** The committed documents, for assertions (a copy; mutating it changes nothing). */
  readonly collections: ReadonlyMap<string, readonly Doc[]>;
  readonly stats: CommandStats;
  resetStats(): void;
  /** Makes a later write command fail once (see FailureSpec). */
  failWrite(spec: FailureSpec): void;
}

class DuplicateKeyError extends Error {
  readonly code = 11000;
}

/** An error as the driver reports a server's (code, labels). */
export class MingoServerError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly errorLabels: string[] = [],
  ) {
    super(message);
  }
  hasErrorLabel(label: string): boolean {
    return this.errorLabels.includes(label);
  }
}

const TRANSIENT = 'TransientTransactionError';
const transient = (message: string) => new MingoServerError(message, 112, [TRANSIENT]);
const isTransient = (e: unknown) => e instanceof MingoServerError && e.hasErrorLabel(TRANSIENT);

const bsonSize = (doc: Doc): number => mongoose.mongo.BSON.calculateObjectSize(doc);

const isOperatorObject = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && Object.keys(v).some((k) => k.startsWith('$'));

/** The document an upsert starts from: the filter's top-level equality fields. */
function upsertSeed(filter: Doc): Doc {
  return Object.fromEntries(Object.entries(filter).filter(([k, v]) => !k.startsWith('$') && !k.includes('.') && !isOperatorObject(v)));
}

/** `_id` as a map key; key order of an object `_id` matters, as on the server. */
const idKey = (id: unknown): string => (id instanceof Date ? `date:${id.toISOString()}` : JSON.stringify(id));

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * The top-level equality and `$in` conditions of a filter on scalars, which an index can answer
 * (null when the filter has none). Candidates are always re-checked against the whole filter.
 */
function indexable(filter: Doc): { fields: string[]; values: Scalar[][] } | null {
  const fields: string[] = [];
  const values: Scalar[][] = [];
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$') || k.includes('.')) continue;
    if (isScalar(v)) {
      fields.push(k);
      values.push([v]);
    } else if (isOperatorObject(v) && Object.keys(v as Doc).length === 1 && Array.isArray((v as Doc).$in)) {
      const list = (v as { $in: unknown[] }).$in;
      if (!list.every(isScalar)) continue;
      fields.push(k);
      values.push(list as Scalar[]);
    }
  }
  if (fields.length === 0) return null;
  const order = fields.map((f, i) => [f, values[i] as Scalar[]] as const).sort(([a], [b]) => (a < b ? -1 : 1));
  return { fields: order.map(([f]) => f), values: order.map(([, v]) => v) };
}

/** Index key of a document on some fields; null when a field is not a scalar (never indexed). */
function fieldsKey(doc: Doc, fields: string[]): string | null {
  const vals: Scalar[] = [];
  for (const f of fields) {
    const v = f === '_id' ? idKey(doc._id) : doc[f];
    if (!isScalar(v)) return null;
    vals.push(v);
  }
  return JSON.stringify(vals);
}

function* product(values: Scalar[][], fields: string[]): Generator<string> {
  const idx = fields.indexOf('_id');
  const rec = function* (i: number, acc: Scalar[]): Generator<Scalar[]> {
    if (i === values.length) return yield acc;
    for (const v of values[i] as Scalar[]) yield* rec(i + 1, [...acc, i === idx ? idKey(v) : v]);
  };
  for (const combo of rec(0, [])) yield JSON.stringify(combo);
}

interface Entry {
  doc: Doc;
  /** Insertion order: the natural order of a collection. */
  seq: number;
}

/** One committed collection: documents by `_id`, in insertion order, with indexes built on demand. */
class Collection {
  readonly docs = new Map<string, Entry>();
  version = 0;
  /** Indexes by sorted field list → key → `_id` keys; documents whose fields are not scalars are in `loose`. */
  private readonly indexes = new Map<string, { fields: string[]; map: Map<string, Set<string>>; loose: Set<string> }>();

  private indexOf(fields: string[]) {
    const name = fields.join(',');
    let index = this.indexes.get(name);
    if (!index) {
      index = { fields, map: new Map(), loose: new Set() };
      for (const [k, e] of this.docs) this.addTo(index, k, e.doc);
      this.indexes.set(name, index);
    }
    return index;
  }
  private addTo(index: { fields: string[]; map: Map<string, Set<string>>; loose: Set<string> }, k: string, doc: Doc) {
    const key = fieldsKey(doc, index.fields);
    if (key === null) index.loose.add(k);
    else {
      let set = index.map.get(key);
      if (!set) index.map.set(key, (set = new Set()));
      set.add(k);
    }
  }
  private removeFrom(index: { fields: string[]; map: Map<string, Set<string>>; loose: Set<string> }, k: string, doc: Doc) {
    const key = fieldsKey(doc, index.fields);
    if (key === null) index.loose.delete(k);
    else index.map.get(key)?.delete(k);
  }

  /** The `_id` keys that may match (a superset), or null when only a scan can tell. */
  candidates(filter: Doc): Set<string> | null {
    const on = indexable(filter);
    if (!on) return null;
    if (on.fields.length === 1 && on.fields[0] === '_id') {
      return new Set((on.values[0] as Scalar[]).map(idKey).filter((k) => this.docs.has(k)));
    }
    const index = this.indexOf(on.fields);
    const out = new Set(index.loose);
    for (const key of product(on.values, on.fields)) for (const k of index.map.get(key) ?? []) out.add(k);
    return out;
  }

  set(k: string, entry: Entry) {
    const old = this.docs.get(k);
    for (const index of this.indexes.values()) {
      if (old) this.removeFrom(index, k, old.doc);
      this.addTo(index, k, entry.doc);
    }
    this.docs.set(k, entry);
  }
  delete(k: string) {
    const old = this.docs.get(k);
    if (!old) return;
    for (const index of this.indexes.values()) this.removeFrom(index, k, old.doc);
    this.docs.delete(k);
  }
}

/** Where operations read and write: the committed collections, or a transaction's view of them. */
interface View {
  /** Every document in natural order. */
  all(name: string): Entry[];
  /** The documents matching `filter`, in natural order. */
  matching(name: string, filter: Doc): Entry[];
  get(name: string, k: string): Entry | undefined;
  set(name: string, k: string, entry: Entry): void;
  delete(name: string, k: string): void;
}

export interface MingoOptions {
  /**
   * Seed of a pseudo-random choice, before each command, to let other tasks run first (a
   * macrotask turn): concurrent store calls then interleave at varied points, as they would
   * against a server. Unset: commands run as soon as they are called.
   */
  interleave?: number;
}

export function createMingoDb(options: MingoOptions = {}): MingoDb {
  let seed = options.interleave;
  /** Maybe lets other tasks run before a command (MingoOptions.interleave). */
  const pause = async () => {
    if (seed === undefined) return;
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    if (seed % 2 === 0) await new Promise((resolve) => setImmediate(resolve));
  };
  const data = new Map<string, Collection>();
  let closed = false;
  let nextId = 1;
  let nextSeq = 1;
  const failures: Array<{ at: number; transient: boolean }> = [];
  const fresh = (): CommandStats => ({
    commands: 0,
    writes: 0,
    largestCommand: { bytes: 0, kind: '', collection: '' },
    commits: 0,
    retries: 0,
    peakHeapUsed: 0,
  });
  let stats = fresh();

  const coll = (name: string): Collection => {
    let c = data.get(name);
    if (!c) data.set(name, (c = new Collection()));
    return c;
  };
  const inNaturalOrder = (entries: Iterable<Entry>): Entry[] => [...entries].sort((a, b) => a.seq - b.seq);
  const test = (filter: Doc) => {
    const q = new Query(filter);
    return (e: Entry) => q.test(e.doc);
  };

  const committed: View = {
    all: (name) => [...coll(name).docs.values()],
    matching(name, filter) {
      const c = coll(name);
      const keys = c.candidates(filter);
      const pool = keys === null ? c.docs.values() : [...keys].flatMap((k) => c.docs.get(k) ?? []);
      return inNaturalOrder([...pool].filter(test(filter)));
    },
    get: (name, k) => coll(name).docs.get(k),
    set(name, k, entry) {
      const c = coll(name);
      c.set(k, entry);
      c.version += 1;
    },
    delete(name, k) {
      const c = coll(name);
      c.delete(k);
      c.version += 1;
    },
  };

  /** A transaction's view: its own writes over the committed state as of its start. */
  function transactionView(): View & { commit(): void } {
    const versions = new Map([...data].map(([name, c]) => [name, c.version]));
    /** Per collection: the documents the transaction wrote (indexed like a collection) and the `_id`s it deleted. */
    const overlay = new Map<string, { written: Collection; deleted: Set<string> }>();
    const check = (name: string) => {
      if (coll(name).version !== (versions.get(name) ?? 0)) throw transient(`WriteConflict: ${name} changed during the transaction`);
    };
    const own = (name: string) => {
      let o = overlay.get(name);
      if (!o) overlay.set(name, (o = { written: new Collection(), deleted: new Set() }));
      return o;
    };
    const touched = (name: string, k: string) => {
      const o = overlay.get(name);
      return o !== undefined && (o.deleted.has(k) || o.written.docs.has(k));
    };
    return {
      all(name) {
        check(name);
        const o = overlay.get(name);
        if (!o) return [...coll(name).docs.values()];
        const out: Entry[] = [];
        for (const [k, e] of coll(name).docs) if (!touched(name, k)) out.push(e);
        out.push(...o.written.docs.values());
        return inNaturalOrder(out);
      },
      matching(name, filter) {
        check(name);
        const c = coll(name);
        const o = overlay.get(name);
        const keys = c.candidates(filter);
        const pool: Entry[] = [];
        if (keys === null) {
          for (const [k, e] of c.docs) if (!touched(name, k)) pool.push(e);
        } else {
          for (const k of keys) {
            const e = c.docs.get(k);
            if (e && !touched(name, k)) pool.push(e);
          }
        }
        if (o) {
          const mine = o.written.candidates(filter);
          if (mine === null) pool.push(...o.written.docs.values());
          else for (const k of mine) pool.push(o.written.docs.get(k) as Entry);
        }
        return inNaturalOrder(pool.filter(test(filter)));
      },
      get(name, k) {
        check(name);
        const o = overlay.get(name);
        if (o?.deleted.has(k)) return undefined;
        return o?.written.docs.get(k) ?? coll(name).docs.get(k);
      },
      set(name, k, entry) {
        check(name);
        const o = own(name);
        o.deleted.delete(k);
        o.written.set(k, entry);
      },
      delete(name, k) {
        check(name);
        const o = own(name);
        o.written.delete(k);
        o.deleted.add(k);
      },
      commit() {
        for (const name of overlay.keys()) check(name);
        for (const [name, o] of overlay) {
          for (const k of o.deleted) committed.delete(name, k);
          for (const [k, e] of o.written.docs) committed.set(name, k, e);
        }
      },
    };
  }

  const open = () => {
    if (closed) throw new Error('mingo-db: closed');
  };
  /** Measures a command against the BSON limit, records it, and samples the heap. */
  const command = (kind: string, collection: string, body: Doc) => {
    open();
    stats.commands += 1;
    const bytes = bsonSize(body);
    if (bytes > stats.largestCommand.bytes) stats.largestCommand = { bytes, kind, collection };
    const heap = process.memoryUsage().heapUsed;
    if (heap > stats.peakHeapUsed) stats.peakHeapUsed = heap;
    if (bytes > BSON_LIMIT) throw new MingoServerError(`BSONObjectTooLarge: ${kind} on ${collection} is ${bytes} bytes`, 10334);
  };
  const writeCommand = () => {
    const n = stats.writes++;
    const i = failures.findIndex((f) => f.at === n);
    if (i >= 0) {
      const [f] = failures.splice(i, 1);
      throw f?.transient ? transient(`injected transient failure at write ${n}`) : new MingoServerError(`injected failure at write ${n}`, 1);
    }
  };
  const checkDocSize = (doc: Doc, what: string) => {
    const bytes = bsonSize(doc);
    if (bytes > BSON_LIMIT) throw new MingoServerError(`BSONObjectTooLarge: ${what} is ${bytes} bytes`, 10334);
  };

  const resolver = (view: View) => (name: string) => view.all(name).map((e) => e.doc);
  const runPipeline = (view: View, docs: Doc[], pipeline: Doc[]): Doc[] => new Aggregator(pipeline, { collectionResolver: resolver(view) }).run<Doc>(docs);

  const insert = (view: View, name: string, doc: Doc) => {
    const stored = structuredClone(doc);
    if (stored._id === undefined) stored._id = `mingo-${nextId++}`;
    checkDocSize(stored, `a document of ${name}`);
    const k = idKey(stored._id);
    if (view.get(name, k)) throw new DuplicateKeyError(`E11000 duplicate key _id ${JSON.stringify(stored._id)}`);
    view.set(name, k, { doc: stored, seq: nextSeq++ });
  };
  /** Replaces `old` by `next`; `_id` is immutable. Returns whether anything changed. */
  const replace = (view: View, name: string, old: Entry, next: Doc): boolean => {
    if (next._id !== undefined && !isDeepStrictEqual(next._id, old.doc._id)) throw new Error('mingo-db: would modify the immutable field _id');
    const updated = { ...structuredClone(next), _id: old.doc._id };
    if (isDeepStrictEqual(old.doc, updated)) return false;
    checkDocSize(updated, `a document of ${name}`);
    view.set(name, idKey(old.doc._id), { doc: updated, seq: old.seq });
    return true;
  };

  function applyOp(view: View, name: string, op: BulkOp, r: { -readonly [K in keyof BulkResult]: BulkResult[K] }) {
    if ('insertOne' in op) {
      insert(view, name, op.insertOne.document);
      r.insertedCount += 1;
    } else if ('deleteMany' in op) {
      for (const e of view.matching(name, op.deleteMany.filter)) {
        view.delete(name, idKey(e.doc._id));
        r.deletedCount += 1;
      }
    } else {
      const { filter, upsert } = 'updateOne' in op ? op.updateOne : op.replaceOne;
      const apply = (doc: Doc): Doc => {
        if ('replaceOne' in op) return op.replaceOne.replacement;
        const [next] = runPipeline(view, [structuredClone(doc)], op.updateOne.update);
        if (!next) throw new Error('mingo-db: update pipeline produced no document');
        return next;
      };
      const [found] = view.matching(name, filter);
      if (found) {
        r.matchedCount += 1;
        if (replace(view, name, found, apply(found.doc))) r.modifiedCount += 1;
      } else if (upsert) {
        const seed = upsertSeed(filter);
        const doc = 'replaceOne' in op ? { ...(seed._id === undefined ? {} : { _id: seed._id }), ...op.replaceOne.replacement } : apply(seed);
        insert(view, name, doc);
        r.upsertedCount += 1;
      }
    }
  }

  /** The port's operations over one view; `inTransaction` refuses what the server refuses there. */
  function ops(view: View, inTransaction: boolean): MongoOps {
    const bulkWrite = async (name: CollectionName, list: BulkOp[]): Promise<BulkResult> => {
      await pause();
      command('bulkWrite', name, { ops: list });
      writeCommand();
      for (const op of list) {
        const doc = 'insertOne' in op ? op.insertOne.document : 'replaceOne' in op ? op.replaceOne.replacement : undefined;
        if (doc) checkDocSize(doc, `an operation on ${name}`);
      }
      const r = { insertedCount: 0, matchedCount: 0, modifiedCount: 0, upsertedCount: 0, deletedCount: 0 };
      // Ordered: the operations before a failing one stay applied (outside a transaction).
      for (const op of list) applyOp(view, name, op, r);
      return r;
    };
    return {
      bulkWrite,
      async aggregate(name, pipeline, options = {}) {
        await pause();
        command('aggregate', name, { pipeline, ...options });
        const last = pipeline[pipeline.length - 1];
        const writes = last !== undefined && ('$merge' in last || '$out' in last);
        if (writes && inTransaction) throw new MingoServerError('$merge and $out cannot be used in a transaction', 263);
        const docs = view.all(name).map((e) => e.doc);
        if (writes && '$merge' in last) {
          // $merge { into, on: '_id', whenMatched: 'replace', whenNotMatched: 'insert' }: the only form the store used.
          const spec = last.$merge as { into: CollectionName; on?: string; whenMatched?: string; whenNotMatched?: string };
          if ((spec.on ?? '_id') !== '_id' || (spec.whenMatched ?? 'merge') !== 'replace' || (spec.whenNotMatched ?? 'insert') !== 'insert') {
            throw new Error('mingo-db: only $merge on _id, replace, insert is emulated');
          }
          const out = runPipeline(view, docs, pipeline.slice(0, -1));
          writeCommand();
          const r = { insertedCount: 0, matchedCount: 0, modifiedCount: 0, upsertedCount: 0, deletedCount: 0 };
          for (const d of out) applyOp(view, spec.into, { replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } }, r);
          return [];
        }
        if (writes) throw new Error('mingo-db: $out is not emulated');
        const out = runPipeline(view, docs, pipeline);
        for (const d of out) checkDocSize(d, `a document of the aggregation on ${name}`);
        return structuredClone(out);
      },
      async findOne(name, filter) {
        await pause();
        command('find', name, { filter, limit: 1 });
        const [e] = view.matching(name, filter);
        return e === undefined ? null : structuredClone(e.doc);
      },
      async find(name, filter, options: FindOptions = {}) {
        await pause();
        command('find', name, { filter, ...options });
        let cursor = find<Doc>(
          view.matching(name, filter).map((e) => e.doc),
          {},
          options.projection ?? {},
        );
        if (options.sort) cursor = cursor.sort(options.sort);
        if (options.limit !== undefined && options.limit > 0) cursor = cursor.limit(options.limit);
        return structuredClone(cursor.all());
      },
      async countDocuments(name, filter) {
        await pause();
        command('count', name, { filter });
        return view.matching(name, filter).length;
      },
      async deleteMany(name, filter) {
        const r = await bulkWrite(name, [{ deleteMany: { filter } }]);
        return r.deletedCount;
      },
    };
  }

  const outside = ops(committed, false);
  /** Attempts before a transaction gives up (the driver's limit is 120 s of retrying). */
  const MAX_ATTEMPTS = 100;

  return {
    get collections() {
      // A collection exists once a document was written to it, as on the server.
      return new Map([...data].filter(([, c]) => c.docs.size > 0).map(([name, c]) => [name, structuredClone([...c.docs.values()].map((e) => e.doc))]));
    },
    get stats() {
      return stats;
    },
    resetStats() {
      stats = fresh();
    },
    failWrite(spec) {
      failures.push({ at: stats.writes + spec.at, transient: spec.transient ?? true });
    },
    ...outside,
    async withTransaction(work) {
      for (let attempt = 1; ; attempt++) {
        open();
        const view = transactionView();
        try {
          const result = await work(ops(view, true));
          view.commit();
          stats.commits += 1;
          return result;
        } catch (err) {
          // Aborted: the overlay is dropped with the view.
          if (!isTransient(err) || attempt >= MAX_ATTEMPTS) throw err;
          stats.retries += 1;
          // Let the transaction that won the conflict finish before trying again.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    },
    async ping() {
      open();
    },
    async close() {
      closed = true;
    },
  };
}
