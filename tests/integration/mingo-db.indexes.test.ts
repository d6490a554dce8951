import fc from 'fast-check';
import { Aggregator, find } from 'mingo';
import { describe, expect, it } from 'vitest';
import type { BulkOp, Doc } from '../../src/store/mongo/mongo-db.port.js';
import { createMingoDb, type MingoDb } from '../helpers/mingo-db.js';

/**
 * The mingo harness answers a `$match` then `$sort` (aggregate or find with a sort) from an ordered
 * index, and a `$lookup` by `_id` from the `_id` map, instead of scanning. On random collections
 * and random writes (inserts, replacements that move or keep a document's place, deletes), inside
 * and outside a transaction, what it returns equals what mingo gives over the whole collection.
 * The collections are ones with no unique index but `_id` (models.ts), so any document fits.
 */

const DAY = 86_400_000;
const value = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('a', 'b', 'c') },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(['a', 'b']) },
);
const at = fc.integer({ min: 0, max: 5 }).map((d) => new Date(Date.UTC(2015, 0, 1) + d * DAY));
const docArb = fc.record(
  {
    _id: fc.integer({ min: 0, max: 40 }).map((i) => `d${i}`),
    g: value,
    at,
    n: fc.integer({ min: 0, max: 4 }),
    ref: fc.integer({ min: 0, max: 10 }).map((i) => `r${i}`),
  },
  { requiredKeys: ['_id', 'at', 'n'] },
);

type Write = { kind: 'upsert'; doc: Doc } | { kind: 'delete'; id: string };
const writeArb: fc.Arbitrary<Write> = fc.oneof(
  { weight: 3, arbitrary: docArb.map((doc): Write => ({ kind: 'upsert', doc })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }).map((i): Write => ({ kind: 'delete', id: `d${i}` })) },
);
const opOf = (w: Write): BulkOp =>
  w.kind === 'upsert' ? { replaceOne: { filter: { _id: w.doc._id }, replacement: w.doc, upsert: true } } : { deleteMany: { filter: { _id: w.id } } };

const queryArb = fc.record({
  g: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
  from: fc.option(at, { nil: undefined }),
  to: fc.option(at, { nil: undefined }),
  inclusive: fc.boolean(),
  sort: fc.constantFrom<Array<Record<string, 1 | -1>>>({ at: 1, n: 1 }, { at: -1, n: 1 }, { at: -1, n: -1 }, { n: 1 }, { at: 1 }, { _id: 1 }),
  limit: fc.integer({ min: 0, max: 12 }),
});
type Q = typeof queryArb extends fc.Arbitrary<infer T> ? T : never;

function filterOf(q: Q): Doc {
  const filter: Doc = {};
  if (q.g !== undefined) filter.g = q.g;
  const range: Doc = {};
  if (q.from !== undefined) range[q.inclusive ? '$gte' : '$gt'] = q.from;
  if (q.to !== undefined) range[q.inclusive ? '$lte' : '$lt'] = q.to;
  if (Object.keys(range).length > 0) filter.at = range;
  return filter;
}

/** The collections as mingo scans them: natural order. */
const snapshot = (db: MingoDb, name: string): Doc[] => [...(db.collections.get(name) ?? [])];

async function seeded(docs: Doc[], refs: Doc[], writes: Write[]): Promise<MingoDb> {
  const db = createMingoDb();
  if (refs.length > 0)
    await db.bulkWrite(
      'campaign_logos',
      refs.map((document) => ({ insertOne: { document } })),
    );
  // Some documents before the index exists, the rest (and the writes) after a first query built it.
  const half = Math.floor(docs.length / 2);
  for (const d of docs.slice(0, half)) await db.bulkWrite('campaigns', [opOf({ kind: 'upsert', doc: d })]);
  await db.find('campaigns', {}, { sort: { at: 1, n: 1 } });
  for (const d of docs.slice(half)) await db.bulkWrite('campaigns', [opOf({ kind: 'upsert', doc: d })]);
  for (const w of writes) await db.bulkWrite('campaigns', [opOf(w)]);
  return db;
}

const refsArb = fc.uniqueArray(fc.integer({ min: 0, max: 10 }), { maxLength: 8 }).map((ids) => ids.map((i) => ({ _id: `r${i}`, name: `n${i}` })));
const uniqueDocs = fc.uniqueArray(docArb, { selector: (d) => d._id, maxLength: 30 });

describe('mingo harness: indexed reads equal a scan', () => {
  it('find with a sort and a limit, and an aggregation $match, $sort, $lookup by _id, $limit', async () => {
    await fc.assert(
      fc.asyncProperty(uniqueDocs, refsArb, fc.array(writeArb, { maxLength: 15 }), queryArb, async (docs, refs, writes, q) => {
        const db = await seeded(docs, refs, writes);
        const filter = filterOf(q);
        const all = snapshot(db, 'campaigns');
        const authors = snapshot(db, 'campaign_logos');
        let cursor = find<Doc>(all, filter, {}).sort(q.sort);
        if (q.limit > 0) cursor = cursor.limit(q.limit);
        expect(await db.find('campaigns', filter, { sort: q.sort, ...(q.limit > 0 ? { limit: q.limit } : {}) })).toEqual(cursor.all());

        const pipeline: Doc[] = [
          { $match: filter },
          { $sort: q.sort },
          { $lookup: { from: 'campaign_logos', localField: 'ref', foreignField: '_id', as: 'author' } },
          { $unwind: '$author' },
          { $limit: Math.max(1, q.limit) },
        ];
        const reference = new Aggregator(pipeline, { collectionResolver: (name: string) => (name === 'campaign_logos' ? authors : []) }).run<Doc>(all);
        expect(await db.aggregate('campaigns', pipeline)).toEqual(reference);
      }),
      { numRuns: 150 },
    );
  });

  it('inside a transaction: its own writes merged with the committed documents, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        uniqueDocs,
        fc.array(writeArb, { maxLength: 10 }),
        fc.array(writeArb, { minLength: 1, maxLength: 10 }),
        queryArb,
        async (docs, before, mine, q) => {
          const db = await seeded(docs, [], before);
          const filter = filterOf(q);
          const options = { sort: q.sort, ...(q.limit > 0 ? { limit: q.limit } : {}) };
          // The reference: the same writes committed on a copy, then scanned.
          const copy = await seeded(docs, [], [...before, ...mine]);
          let cursor = find<Doc>(snapshot(copy, 'campaigns'), filter, {}).sort(q.sort);
          if (q.limit > 0) cursor = cursor.limit(q.limit);
          const seen = await db.withTransaction(async (tx) => {
            for (const w of mine) await tx.bulkWrite('campaigns', [opOf(w)]);
            return tx.find('campaigns', filter, options);
          });
          const expected = cursor.all();
          expect(seen).toEqual(expected);
          // Committed: the same read outside.
          expect(await db.find('campaigns', filter, options)).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
