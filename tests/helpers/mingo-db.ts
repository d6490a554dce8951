import { isDeepStrictEqual } from 'node:util';
import { Aggregator, find, Query } from 'mingo';
import { compare, resolve } from 'mingo/util';
import mongoose from 'mongoose';
import type { BulkOp, BulkResult, CollectionName, Doc, FindOptions, MongoDb, MongoOps } from '../../src/store/mongo/mongo-db.port.js';
import { uniqueIndexes, type UniqueIndex } from '../../src/store/mongo/models.js';

/**
 * The MongoDb port in memory, over mingo: the Mongo store's pipelines and bulk operations run
 * unchanged, without a server. It emulates what of the server the store's promises rest on:
 *
 * - Documents are cloned on the way in and out, as BSON would.
 * - Unique indexes: `_id`, and every unique index models.ts declares (`uniqueIndexes()`, sparse and
 *   partial ones as declared; a missing field counts as null). A write that would duplicate a key
 *   fails as the driver reports it: a bulk write with MongoBulkWriteError (the operations before it
 *   stay applied outside a transaction), a `$merge` with MongoServerError, code 11000 and the
 *   server's message (`E11000 duplicate key error collection: … index: email_1 dup key: { … }`).
 * - Any error of a command inside a transaction aborts it, as on the server: later commands of the
 *   same transaction, and its commit, fail with NoSuchTransaction (code 251, labelled
 *   TransientTransactionError), so work that swallows the error cannot commit what came before it.
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
  /** Foreign documents read by `$lookup`s by `_id` (each read counts, found or not): what the joins cost. */
  lookedUp: number;
  /** Transactions committed, and attempts retried after a transient error. */
  commits: number;
  retries: number;
  /** The highest `heapUsed` sampled at a command since the last `resetStats` (garbage included). */
  peakHeapUsed: number;
  /**
   * The highest `heapUsed` right after a full collection, taken before every `liveHeapEvery`-th
   * command (MingoOptions): what was live then, the store's working set included. 0 when not sampled.
   */
  peakLiveHeapUsed: number;
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

/** An error as the driver reports a server's: the driver's own class, with the code and labels. */
const serverError = (message: string, code: number, errorLabels: string[] = [], more: Doc = {}) =>
  new mongoose.mongo.MongoServerError({ message, errmsg: message, code, errorLabels, ...more });

const TRANSIENT = 'TransientTransactionError';
const transient = (message: string) => serverError(message, 112, [TRANSIENT]);
const isTransient = (e: unknown) => e instanceof mongoose.mongo.MongoError && e.hasErrorLabel(TRANSIENT);
/** NoSuchTransaction: what the server answers a command of a transaction it aborted. */
const NO_SUCH_TRANSACTION = 251;

/** The database name the server's messages name (they say `collection: <db>.<collection>`). */
const DB_NAME = 'mingo';

/** A key a write would duplicate; bulkWrite and `$merge` report it as the driver does (duplicateKeyError, bulkWriteError). */
class DuplicateKey extends Error {
  readonly code = 11000;
  constructor(
    collection: string,
    readonly index: string,
    readonly keyPattern: Record<string, number>,
    readonly keyValue: Doc,
  ) {
    const shown = Object.entries(keyValue)
      .map(([k, v]) => `${k}: ${v instanceof Date ? `new Date(${v.getTime()})` : JSON.stringify(v ?? null)}`)
      .join(', ');
    super(`E11000 duplicate key error collection: ${DB_NAME}.${collection} index: ${index} dup key: { ${shown} }`);
  }
}
const duplicateKeyError = (d: DuplicateKey) => serverError(d.message, 11000, [], { keyPattern: d.keyPattern, keyValue: d.keyValue });
/** What the driver throws when an ordered bulk write stops at operation `index`: the counts so far and the write error. */
const bulkWriteError = (d: DuplicateKey, index: number, r: BulkResult) =>
  new mongoose.mongo.MongoBulkWriteError(
    {
      message: d.message,
      code: 11000,
      writeErrors: [
        { index, code: 11000, errmsg: d.message, errInfo: undefined, keyPattern: d.keyPattern, keyValue: d.keyValue },
      ] as unknown as mongoose.mongo.WriteError[],
    },
    { ...r, insertedIds: {}, upsertedIds: {}, ok: 1 } as unknown as mongoose.mongo.BulkWriteResult,
  );

/**
 * The declared unique indexes by collection: on top-level fields, every document indexed. Sparse
 * and partial ones (none yet) would index fewer documents: refused rather than enforced wrongly.
 */
const UNIQUE = new Map<string, UniqueIndex[]>();
for (const u of uniqueIndexes()) {
  if (u.sparse === true || u.partialFilterExpression !== undefined || Object.keys(u.key).some((f) => f.includes('.') || f === '_id'))
    throw new Error(`mingo-db: the unique index ${u.collection}.${u.name} (sparse, partial, on _id or a nested field) is not emulated`);
  UNIQUE.set(u.collection, [...(UNIQUE.get(u.collection) ?? []), u]);
}

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

/** A field's value an ordered index holds: one that sorts alone (not null, missing, an array or an object). */
const isOrderable = (v: unknown): boolean => isScalar(v) || (v instanceof Date && !Number.isNaN(v.getTime()));
function* docsOf(entries: Iterable<Entry>): Generator<Doc> {
  for (const e of entries) yield e.doc;
}
const typeName = (v: unknown): string => (v instanceof Date ? 'date' : typeof v);

/** One position of an ordered index: the document's `_id` key, natural order and the index fields' values. */
interface Position {
  k: string;
  seq: number;
  vals: unknown[];
  dead: boolean;
}

/** A sort specification (`{ field: 1 | -1 }`) on top-level fields, as the ordered index it needs. */
type SortSpec = Array<[field: string, dir: 1 | -1]>;

/**
 * An ordered index on some top-level fields, each ascending or descending: positions sorted by
 * those values, then by natural order, which is exactly the order mingo's stable `$sort` gives a
 * collection's documents. Writes are cheap (an insert waits in `pending`, a delete marks its
 * position dead); the order is settled when a read needs it. A document whose value of a field is
 * not orderable (missing, null, an array, an object) is `loose`: while there is one, the index
 * serves no read and the caller scans.
 */
class OrderedIndex {
  private positions: Position[] = [];
  private pending: Position[] = [];
  private dead = 0;
  private readonly at = new Map<string, Position>();
  readonly loose = new Set<string>();
  /** Types seen per field (never forgotten): a range bound is used only on a field of one type. */
  readonly types: Array<Set<string>>;

  constructor(readonly spec: SortSpec) {
    this.types = spec.map(() => new Set());
  }

  /** Compares index values in the index's directions (positions also by natural order). */
  cmpVals(a: unknown[], b: unknown[], upTo = this.spec.length): number {
    for (let i = 0; i < upTo; i++) {
      const c = compare(a[i], b[i]);
      if (c !== 0) return c * (this.spec[i] as [string, 1 | -1])[1];
    }
    return 0;
  }
  readonly cmp = (a: Position, b: Position): number => this.cmpVals(a.vals, b.vals) || a.seq - b.seq;

  add(k: string, e: Entry) {
    const vals = this.spec.map(([f]) => e.doc[f]);
    if (!vals.every(isOrderable)) {
      this.loose.add(k);
      return;
    }
    vals.forEach((v, i) => this.types[i]?.add(typeName(v)));
    const p = { k, seq: e.seq, vals, dead: false };
    this.at.set(k, p);
    this.pending.push(p);
  }
  remove(k: string) {
    this.loose.delete(k);
    const p = this.at.get(k);
    if (!p) return;
    p.dead = true;
    this.dead += 1;
    this.at.delete(k);
  }
  /** A replaced document keeps its position when the index's values and its natural order are unchanged. */
  replace(k: string, next: Entry) {
    const p = this.at.get(k);
    if (
      p &&
      p.seq === next.seq &&
      this.spec.every(([f], i) => isOrderable(next.doc[f]) && compare(next.doc[f], p.vals[i]) === 0 && typeName(next.doc[f]) === typeName(p.vals[i]))
    ) {
      return;
    }
    this.remove(k);
    this.add(k, next);
  }

  /** The live positions in order. */
  private settled(): Position[] {
    if (this.pending.length > 0 || this.dead > 0) {
      const fresh = this.pending.sort(this.cmp);
      const out: Position[] = [];
      let i = 0;
      let j = 0;
      const old = this.positions;
      while (i < old.length || j < fresh.length) {
        const a = old[i];
        const b = fresh[j];
        if (a !== undefined && a.dead) i++;
        else if (b !== undefined && b.dead) j++;
        else if (b === undefined || (a !== undefined && this.cmp(a, b) <= 0)) out.push(old[i++] as Position);
        else out.push(fresh[j++] as Position);
      }
      this.positions = out;
      this.pending = [];
      this.dead = 0;
    }
    return this.positions;
  }

  /**
   * The positions whose first `eq.length` values equal `eq`, in order, starting at the first whose
   * next value is within `bound` (on that field, in the index's direction) and stopping past it.
   */
  *range(eq: unknown[], bound?: { from?: { v: unknown; inclusive: boolean }; to?: { v: unknown; inclusive: boolean } }): Generator<Position> {
    const positions = this.settled();
    const n = eq.length;
    const dir = (this.spec[n]?.[1] ?? 1) as 1 | -1;
    // `from`/`to` are in the index's direction: the first value visited and the last.
    const before = (p: Position): boolean => {
      const c = this.cmpVals(p.vals, eq, n);
      if (c !== 0) return c < 0;
      if (bound?.from === undefined) return false;
      const d = compare(p.vals[n], bound.from.v) * dir;
      return d < 0 || (d === 0 && !bound.from.inclusive);
    };
    let lo = 0;
    let hi = positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(positions[mid] as Position)) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < positions.length; i++) {
      const p = positions[i] as Position;
      if (this.cmpVals(p.vals, eq, n) !== 0) return;
      if (bound?.to !== undefined) {
        const d = compare(p.vals[n], bound.to.v) * dir;
        if (d > 0 || (d === 0 && !bound.to.inclusive)) return;
      }
      yield p;
    }
  }
}

/** One committed collection: documents by `_id`, in insertion order, with indexes built on demand. */
class Collection {
  readonly docs = new Map<string, Entry>();
  version = 0;
  /** Indexes by sorted field list → key → `_id` keys; documents whose fields are not scalars are in `loose`. */
  private readonly indexes = new Map<string, { fields: string[]; map: Map<string, Set<string>>; loose: Set<string> }>();
  /** Ordered indexes by their specification (`a:1,b:-1`). */
  private readonly ordered = new Map<string, OrderedIndex>();

  /** The ordered index of a specification, built on first use. */
  orderedIndex(spec: SortSpec): OrderedIndex {
    const name = spec.map(([f, d]) => `${f}:${d}`).join(',');
    let index = this.ordered.get(name);
    if (!index) {
      index = new OrderedIndex(spec);
      for (const [k, e] of this.docs) index.add(k, e);
      this.ordered.set(name, index);
    }
    return index;
  }

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

  /**
   * The `_id` keys of the documents whose `fields` (not `_id`) equal `values`, a missing field
   * equal to null, as a unique index sees them: from the hash index on those fields, checked field
   * by field (no query to compile: every insert asks).
   */
  holding(fields: string[], values: unknown[]): string[] {
    // In field-name order, so a query's equality on the same fields shares the index (indexable()).
    const order = fields.map((f, i) => [f, values[i]] as const).sort(([a], [b]) => (a < b ? -1 : 1));
    const same = (k: string) => {
      const doc = (this.docs.get(k) as Entry).doc;
      return order.every(([f, v]) => isDeepStrictEqual(doc[f] ?? null, v));
    };
    if (!order.every(([, v]) => isScalar(v))) return [...this.docs.keys()].filter(same);
    const index = this.indexOf(order.map(([f]) => f));
    return [...(index.map.get(JSON.stringify(order.map(([, v]) => v))) ?? []), ...[...index.loose].filter(same)];
  }

  set(k: string, entry: Entry) {
    const old = this.docs.get(k);
    for (const index of this.indexes.values()) {
      if (old) this.removeFrom(index, k, old.doc);
      this.addTo(index, k, entry.doc);
    }
    for (const index of this.ordered.values()) {
      if (old) index.replace(k, entry);
      else index.add(k, entry);
    }
    this.docs.set(k, entry);
  }
  delete(k: string) {
    const old = this.docs.get(k);
    if (!old) return;
    for (const index of this.indexes.values()) this.removeFrom(index, k, old.doc);
    for (const index of this.ordered.values()) index.remove(k);
    this.docs.delete(k);
  }
}

/** How an ordered index serves a filter and a sort: its specification, the equality prefix, and a range on the next field. */
interface OrderedPlan {
  spec: SortSpec;
  eq: Scalar[];
  /** `$gt`/`$gte`/`$lt`/`$lte` of the first sorted field that is not an equality, if any. */
  range: Doc | null;
}

const plainField = (k: string) => !k.startsWith('$') && !k.includes('.');

/**
 * An ordered index for a filter's top-level scalar equalities followed by a sort on top-level
 * fields: the equalities fix a prefix (in field-name order), the sort orders what follows. Null
 * when the sort is not of that form.
 */
function orderedPlan(filter: Doc, sort: Doc): OrderedPlan | null {
  const sortSpec = Object.entries(sort);
  if (sortSpec.length === 0 || !sortSpec.every(([f, d]) => plainField(f) && (d === 1 || d === -1))) return null;
  const eqFields = Object.keys(filter)
    .filter((k) => plainField(k) && isScalar(filter[k]))
    .sort();
  const rest = sortSpec.filter(([f]) => !eqFields.includes(f)) as SortSpec;
  if (rest.length === 0) return null;
  const first = filter[rest[0]?.[0] as string];
  return {
    spec: [...eqFields.map((f): [string, 1] => [f, 1]), ...rest],
    eq: eqFields.map((f) => filter[f] as Scalar),
    range: isOperatorObject(first) ? (first as Doc) : null,
  };
}

type Bound = { v: unknown; inclusive: boolean };

/**
 * The bounds of an ordered index's range, in its direction, from the first sorted field's
 * comparisons: only where every value that field ever held in the index has the bound's type, so
 * no document a comparison across types would match is skipped. The filter is tested on every
 * document the range yields, so a bound can only narrow the scan, never change what matches.
 */
function boundsOf(index: OrderedIndex, plan: OrderedPlan): { from?: Bound; to?: Bound } | undefined {
  if (plan.range === null) return undefined;
  const n = plan.eq.length;
  const types = index.types[n] as Set<string>;
  const usable = (v: unknown) => isOrderable(v) && [...types].every((t) => t === typeName(v));
  const lower: Bound[] = [];
  const upper: Bound[] = [];
  for (const [op, v] of Object.entries(plan.range)) {
    if (!usable(v)) continue;
    if (op === '$gt' || op === '$gte') lower.push({ v, inclusive: op === '$gte' });
    if (op === '$lt' || op === '$lte') upper.push({ v, inclusive: op === '$lte' });
  }
  const [lo] = lower;
  const [hi] = upper;
  const asc = (plan.spec[n] as [string, 1 | -1])[1] === 1;
  return { ...((asc ? lo : hi) === undefined ? {} : { from: asc ? lo : hi }), ...((asc ? hi : lo) === undefined ? {} : { to: asc ? hi : lo }) };
}

/** Where operations read and write: the committed collections, or a transaction's view of them. */
interface View {
  /** Every document in natural order. */
  all(name: string): Entry[];
  /** The documents matching `filter`, in natural order. */
  matching(name: string, filter: Doc): Entry[];
  /**
   * The documents matching `filter` in `sort` order (ties in natural order, as mingo's stable
   * sort), read lazily from an ordered index; null when no index can serve them (then: scan and sort).
   */
  ordered(name: string, filter: Doc, sort: Doc): Iterable<Entry> | null;
  get(name: string, k: string): Entry | undefined;
  /** The documents holding a unique index's key (Collection.holding). */
  holding(name: string, fields: string[], values: unknown[]): Entry[];
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
  /**
   * Before every n-th command, a full collection (needs node --expose-gc) and a sample of the live
   * heap (CommandStats.peakLiveHeapUsed). Unset: never.
   */
  liveHeapEvery?: number;
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
    lookedUp: 0,
    commits: 0,
    retries: 0,
    peakHeapUsed: 0,
    peakLiveHeapUsed: 0,
  });
  const gc = (globalThis as { gc?: () => void }).gc;
  if (options.liveHeapEvery !== undefined && gc === undefined) throw new Error('mingo-db: liveHeapEvery needs node --expose-gc');
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
    ordered(name, filter, sort) {
      const plan = orderedPlan(filter, sort);
      if (!plan) return null;
      const c = coll(name);
      const index = c.orderedIndex(plan.spec);
      if (index.loose.size > 0) return null;
      const t = test(filter);
      return (function* () {
        for (const p of index.range(plan.eq, boundsOf(index, plan))) {
          const e = c.docs.get(p.k) as Entry;
          if (t(e)) yield e;
        }
      })();
    },
    get: (name, k) => coll(name).docs.get(k),
    holding(name, fields, values) {
      const c = coll(name);
      return c.holding(fields, values).map((k) => c.docs.get(k) as Entry);
    },
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
      ordered(name, filter, sort) {
        check(name);
        const plan = orderedPlan(filter, sort);
        if (!plan) return null;
        const c = coll(name);
        const index = c.orderedIndex(plan.spec);
        const o = overlay.get(name);
        const mine = o?.written.orderedIndex(plan.spec);
        if (index.loose.size > 0 || (mine !== undefined && mine.loose.size > 0)) return null;
        const t = test(filter);
        // The committed positions the transaction did not touch, merged with its own, in order.
        const theirs = index.range(plan.eq, boundsOf(index, plan));
        const ours = mine === undefined ? [][Symbol.iterator]() : mine.range(plan.eq, boundsOf(mine, plan));
        return (function* () {
          let a = theirs.next();
          while (!a.done && touched(name, a.value.k)) a = theirs.next();
          let b = ours.next();
          while (!a.done || !b.done) {
            const takeA = b.done || (!a.done && index.cmp(a.value, b.value) <= 0);
            const e = takeA ? (c.docs.get((a.value as Position).k) as Entry) : (o?.written.docs.get((b.value as Position).k) as Entry);
            if (takeA) {
              a = theirs.next();
              while (!a.done && touched(name, a.value.k)) a = theirs.next();
            } else b = ours.next();
            if (t(e)) yield e;
          }
        })();
      },
      get(name, k) {
        check(name);
        const o = overlay.get(name);
        if (o?.deleted.has(k)) return undefined;
        return o?.written.docs.get(k) ?? coll(name).docs.get(k);
      },
      holding(name, fields, values) {
        check(name);
        const c = coll(name);
        const o = overlay.get(name);
        const theirs = c.holding(fields, values).flatMap((k) => (touched(name, k) ? [] : [c.docs.get(k) as Entry]));
        return o === undefined ? theirs : [...theirs, ...o.written.holding(fields, values).map((k) => o.written.docs.get(k) as Entry)];
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
    if (options.liveHeapEvery !== undefined && stats.commands % options.liveHeapEvery === 0) {
      gc?.();
      stats.peakLiveHeapUsed = Math.max(stats.peakLiveHeapUsed, process.memoryUsage().heapUsed);
    }
    if (bytes > BSON_LIMIT) throw serverError(`BSONObjectTooLarge: ${kind} on ${collection} is ${bytes} bytes`, 10334);
  };
  const writeCommand = () => {
    const n = stats.writes++;
    const i = failures.findIndex((f) => f.at === n);
    if (i >= 0) {
      const [f] = failures.splice(i, 1);
      throw f?.transient ? transient(`injected transient failure at write ${n}`) : serverError(`injected failure at write ${n}`, 1);
    }
  };
  const checkDocSize = (doc: Doc, what: string) => {
    const bytes = bsonSize(doc);
    if (bytes > BSON_LIMIT) throw serverError(`BSONObjectTooLarge: ${what} is ${bytes} bytes`, 10334);
  };

  const resolver = (view: View) => (name: string) => view.all(name).map((e) => e.doc);

  /**
   * `$lookup` by `_id` (every join the store makes) served from the `_id` map, one document at a
   * time, with mingo's result: `as` holds the foreign documents whose `_id` equals the local value
   * (missing counts as null; an array matches any of its elements). mingo itself hashes the whole
   * foreign collection on every call. A local value that is not a scalar, null or an array of
   * scalars is joined by mingo.
   */
  function* lookupById(view: View, input: Iterable<Doc>, stage: Doc): Generator<Doc> {
    const { from, localField, as } = stage.$lookup as { from: string; localField: string; as: string };
    const one = (v: unknown): Doc[] => {
      stats.lookedUp += 1;
      const e = view.get(from, idKey(v));
      return e === undefined ? [] : [e.doc];
    };
    for (const d of input) {
      const local = resolve(d, localField) ?? null;
      if (local === null || isScalar(local)) yield { ...d, [as]: one(local) };
      else if (Array.isArray(local) && local.every((v) => v === null || isScalar(v))) yield { ...d, [as]: [...new Set(local.flatMap(one))] };
      else yield* new Aggregator([stage], { collectionResolver: resolver(view) }).run<Doc>([d]);
    }
  }
  const isIdLookup = (stage: Doc): boolean => {
    const spec = stage.$lookup as Doc | undefined;
    return (
      spec !== undefined &&
      Object.keys(stage).length === 1 &&
      typeof spec.from === 'string' &&
      typeof spec.localField === 'string' &&
      spec.foreignField === '_id' &&
      typeof spec.as === 'string' &&
      spec.pipeline === undefined &&
      spec.let === undefined
    );
  };
  /** Runs a pipeline lazily over `input`: mingo for the stages, lookupById for the joins by `_id`. */
  const streamPipeline = (view: View, input: Iterable<Doc>, pipeline: Doc[]): Iterable<Doc> => {
    let out = input;
    let segment: Doc[] = [];
    const flush = () => {
      if (segment.length === 0) return;
      out = new Aggregator(segment, { collectionResolver: resolver(view) }).stream(out) as Iterable<Doc>;
      segment = [];
    };
    for (const stage of pipeline) {
      if (isIdLookup(stage)) {
        flush();
        out = lookupById(view, out, stage);
      } else segment.push(stage);
    }
    flush();
    return out;
  };
  const runPipeline = (view: View, docs: Iterable<Doc>, pipeline: Doc[]): Doc[] => [...streamPipeline(view, docs, pipeline)];

  /**
   * What a pipeline reads from its collection, as the server's planner would: a leading `$match`
   * from an index (`matching`), and a `$match` then `$sort` from an ordered index, lazily, so a
   * later `$limit` stops the read. Returns the documents and the stages left to run on them.
   */
  const planned = (view: View, name: string, pipeline: Doc[]): { docs: Iterable<Doc>; rest: Doc[] } => {
    const [first, second] = pipeline;
    const match = first !== undefined && Object.keys(first).length === 1 ? first.$match : undefined;
    if (typeof match !== 'object' || match === null || Array.isArray(match)) return { docs: view.all(name).map((e) => e.doc), rest: pipeline };
    const sort = second !== undefined && Object.keys(second).length === 1 ? second.$sort : undefined;
    if (typeof sort === 'object' && sort !== null) {
      const hit = view.ordered(name, match as Doc, sort as Doc);
      if (hit !== null) return { docs: docsOf(hit), rest: pipeline.slice(2) };
    }
    return { docs: view.matching(name, match as Doc).map((e) => e.doc), rest: pipeline.slice(1) };
  };

  /**
   * Throws DuplicateKey when `doc` would share a key of one of the collection's declared unique
   * indexes with another document (a missing field is null, as in the server's index). `old`: the
   * document it replaces (an index whose fields it leaves unchanged is not checked again).
   */
  const checkUnique = (view: View, name: string, doc: Doc, old?: Doc) => {
    for (const u of UNIQUE.get(name) ?? []) {
      const fields = Object.keys(u.key);
      const values = fields.map((f) => doc[f] ?? null);
      if (values.some(Array.isArray)) throw new Error(`mingo-db: an array in the unique index ${name}.${u.name} is not emulated`);
      if (old !== undefined && fields.every((f, i) => isDeepStrictEqual(old[f] ?? null, values[i]))) continue;
      const holder = view.holding(name, fields, values).find((e) => !isDeepStrictEqual(e.doc._id, doc._id));
      if (holder !== undefined) throw new DuplicateKey(name, u.name, u.key, Object.fromEntries(fields.map((f, i) => [f, values[i]])));
    }
  };

  const insert = (view: View, name: string, doc: Doc) => {
    const stored = structuredClone(doc);
    if (stored._id === undefined) stored._id = `mingo-${nextId++}`;
    checkDocSize(stored, `a document of ${name}`);
    const k = idKey(stored._id);
    if (view.get(name, k)) throw new DuplicateKey(name, '_id_', { _id: 1 }, { _id: stored._id });
    checkUnique(view, name, stored);
    view.set(name, k, { doc: stored, seq: nextSeq++ });
  };
  /** Replaces `old` by `next`; `_id` is immutable. Returns whether anything changed. */
  const replace = (view: View, name: string, old: Entry, next: Doc): boolean => {
    if (next._id !== undefined && !isDeepStrictEqual(next._id, old.doc._id)) throw new Error('mingo-db: would modify the immutable field _id');
    const updated = { ...structuredClone(next), _id: old.doc._id };
    if (isDeepStrictEqual(old.doc, updated)) return false;
    checkDocSize(updated, `a document of ${name}`);
    checkUnique(view, name, updated, old.doc);
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

  /**
   * The port's operations over one view. `txn` (inside a transaction): refuses what the server
   * refuses there, and once a command failed, answers every later one NoSuchTransaction.
   */
  function ops(view: View, txn: { aborted: string | null } | null): MongoOps {
    const inTransaction = txn !== null;
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
      for (const [i, op] of list.entries()) {
        try {
          applyOp(view, name, op, r);
        } catch (err) {
          throw err instanceof DuplicateKey ? bulkWriteError(err, i, r) : err;
        }
      }
      return r;
    };
    const plain: MongoOps = {
      bulkWrite,
      async aggregate(name, pipeline, options = {}) {
        await pause();
        command('aggregate', name, { pipeline, ...options });
        const last = pipeline[pipeline.length - 1];
        const writes = last !== undefined && ('$merge' in last || '$out' in last);
        if (writes && inTransaction) throw serverError('$merge and $out cannot be used in a transaction', 263);
        if (writes && '$merge' in last) {
          // $merge { into, on: '_id', whenMatched: 'replace', whenNotMatched: 'insert' }: the only form the store used.
          const spec = last.$merge as { into: CollectionName; on?: string; whenMatched?: string; whenNotMatched?: string };
          if ((spec.on ?? '_id') !== '_id' || (spec.whenMatched ?? 'merge') !== 'replace' || (spec.whenNotMatched ?? 'insert') !== 'insert') {
            throw new Error('mingo-db: only $merge on _id, replace, insert is emulated');
          }
          const { docs, rest } = planned(view, name, pipeline.slice(0, -1));
          const out = runPipeline(view, docs, rest);
          writeCommand();
          const r = { insertedCount: 0, matchedCount: 0, modifiedCount: 0, upsertedCount: 0, deletedCount: 0 };
          try {
            for (const d of out) applyOp(view, spec.into, { replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } }, r);
          } catch (err) {
            throw err instanceof DuplicateKey ? duplicateKeyError(err) : err;
          }
          return [];
        }
        if (writes) throw new Error('mingo-db: $out is not emulated');
        const { docs, rest } = planned(view, name, pipeline);
        const out = runPipeline(view, docs, rest);
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
        const hit = options.sort === undefined ? null : view.ordered(name, filter, options.sort);
        if (hit !== null) {
          // From an ordered index: read until the limit, then project.
          const limit = options.limit !== undefined && options.limit > 0 ? options.limit : Infinity;
          const docs: Doc[] = [];
          for (const e of hit) {
            docs.push(e.doc);
            if (docs.length >= limit) break;
          }
          return structuredClone(find<Doc>(docs, {}, options.projection ?? {}).all());
        }
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
    if (txn === null) return plain;
    /** A command of the transaction: refused once it is aborted; its failure aborts it. */
    const inTxn =
      <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        if (txn.aborted !== null) throw noSuchTransaction(txn.aborted);
        try {
          return await f(...args);
        } catch (err) {
          txn.aborted = err instanceof Error ? err.message : String(err);
          throw err;
        }
      };
    return {
      aggregate: inTxn(plain.aggregate),
      bulkWrite: inTxn(plain.bulkWrite),
      findOne: inTxn(plain.findOne),
      find: inTxn(plain.find),
      countDocuments: inTxn(plain.countDocuments),
      deleteMany: inTxn(plain.deleteMany),
    };
  }
  /** The server's answer to a command (or the commit) of a transaction it aborted after an error. */
  const noSuchTransaction = (cause: string) =>
    serverError(`Transaction has been aborted (after: ${cause})`, NO_SUCH_TRANSACTION, [TRANSIENT], { codeName: 'NoSuchTransaction' });

  const outside = ops(committed, null);
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
        const txn = { aborted: null as string | null };
        try {
          const result = await work(ops(view, txn));
          // A transaction a failed command aborted cannot commit, whatever the work did with the error.
          if (txn.aborted !== null) throw noSuchTransaction(txn.aborted);
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
