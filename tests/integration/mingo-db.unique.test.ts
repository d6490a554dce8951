import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/account.js';
import { DuplicateKeyError } from '../../src/store/account-store.port.js';
import { createMongoAccounts } from '../../src/store/mongo/accounts.store.js';
import { COLLECTIONS, type Doc } from '../../src/store/mongo/mongo-db.port.js';
import { uniqueIndexes, type UniqueIndex } from '../../src/store/mongo/models.js';
import { createMingoDb } from '../helpers/mingo-db.js';

/**
 * The server enforces the unique indexes models.ts declares; so does the mingo harness, for every
 * one of them, with the driver's errors: a duplicate insert, upsert or replacement fails with code
 * 11000 and the server's message, and inside a transaction the failure aborts it (later commands,
 * and the commit, answer NoSuchTransaction). The accounts store relies on users.email's index alone.
 */

const INDEXES = uniqueIndexes();

/** A document holding `value` in every field of the index, with some other field. */
const keyed = (u: UniqueIndex, _id: string, value: string, extra: Doc = {}): Doc => ({
  _id,
  ...Object.fromEntries(Object.keys(u.key).map((f) => [f, value])),
  ...extra,
});

/** The error a call rejects with (fails the test when it resolves). */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

const e11000 = (u: UniqueIndex) => new RegExp(`^E11000 duplicate key error collection: \\w+\\.${u.collection} index: ${u.name} dup key: \\{ `);

describe('uniqueIndexes() reads the schemas', () => {
  it('lists the unique keys the store relies on, with the server’s index names, on known collections', () => {
    const names = INDEXES.map((u) => `${u.collection}.${u.name}`);
    for (const expected of [
      'users.email_1',
      'api_tokens.tokenHash_1',
      'share_links.tokenHash_1',
      'memberships.campaignId_1_userId_1',
      'campaign_posts.campaignId_1_platform_1_postId_1',
      'posts.scope_1_platform_1_postId_1',
      'authors.scope_1_platform_1_authorId_1',
      'checkpoints.campaignId_1_source_1',
      'alert_events.alertId_1_key_1',
    ]) {
      expect(names).toContain(expected);
    }
    const collections = new Set<string>(Object.values(COLLECTIONS));
    for (const u of INDEXES) expect(collections.has(u.collection), u.collection).toBe(true);
    // Only the unique ones: campaign_posts also declares non-unique indexes.
    expect(names.filter((n) => n.startsWith('campaign_posts.'))).toEqual(['campaign_posts.campaignId_1_platform_1_postId_1']);
  });
});

describe.each(INDEXES.map((u) => ({ u, name: `${u.collection}.${u.name}` })))('mingo enforces $name', ({ u }) => {
  it('refuses a second document with the key, keeping the operations before it, and accepts another key', async () => {
    const db = createMingoDb();
    await db.bulkWrite(u.collection, [{ insertOne: { document: keyed(u, 'a', 'k1') } }]);
    const err = await rejection(
      db.bulkWrite(u.collection, [{ insertOne: { document: keyed(u, 'b', 'k2') } }, { insertOne: { document: keyed(u, 'c', 'k1') } }]),
    );
    expect(err).toBeInstanceOf(mongoose.mongo.MongoBulkWriteError);
    const bulk = err as InstanceType<typeof mongoose.mongo.MongoBulkWriteError>;
    expect(bulk.code).toBe(11000);
    expect(bulk.message).toMatch(e11000(u));
    expect(bulk.writeErrors).toMatchObject([{ index: 1, code: 11000 }]);
    expect(bulk.insertedCount).toBe(1);
    // Ordered, outside a transaction: the insert before the duplicate stays.
    expect(db.collections.get(u.collection)?.map((d) => d._id)).toEqual(['a', 'b']);
  });

  it('refuses an upsert and a replacement that would take a held key; a document may keep its own', async () => {
    const db = createMingoDb();
    await db.bulkWrite(u.collection, [{ insertOne: { document: keyed(u, 'a', 'k1') } }, { insertOne: { document: keyed(u, 'b', 'k2') } }]);
    const upsert = await rejection(
      db.bulkWrite(u.collection, [{ updateOne: { filter: { _id: 'c' }, update: [{ $set: keyed(u, 'c', 'k1') }], upsert: true } }]),
    );
    expect(upsert).toMatchObject({ code: 11000, message: expect.stringMatching(e11000(u)) });
    const replace = await rejection(db.bulkWrite(u.collection, [{ replaceOne: { filter: { _id: 'b' }, replacement: keyed(u, 'b', 'k1') } }]));
    expect(replace).toMatchObject({ code: 11000 });
    const same = await db.bulkWrite(u.collection, [{ replaceOne: { filter: { _id: 'b' }, replacement: keyed(u, 'b', 'k2', { note: 'kept' }) } }]);
    expect(same).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(db.collections.get(u.collection)).toEqual([keyed(u, 'a', 'k1'), keyed(u, 'b', 'k2', { note: 'kept' })]);
  });

  it('counts a missing field as null, as the index does', async () => {
    const db = createMingoDb();
    await db.bulkWrite(u.collection, [{ insertOne: { document: { _id: 'a' } } }]);
    const err = await rejection(db.bulkWrite(u.collection, [{ insertOne: { document: { _id: 'b', other: 1 } } }]));
    expect(err).toMatchObject({ code: 11000, message: expect.stringMatching(/dup key: \{ .*null/) });
  });
});

describe('a duplicate key inside a transaction', () => {
  const email = INDEXES.find((u) => u.collection === COLLECTIONS.users && u.name === 'email_1') as UniqueIndex;

  it('aborts it: later commands answer NoSuchTransaction, and nothing it wrote is kept', async () => {
    const db = createMingoDb();
    await db.bulkWrite('users', [{ insertOne: { document: { _id: 'u1', email: 'ani@example.id' } } }]);
    const seen: unknown[] = [];
    const err = await rejection(
      db.withTransaction(async (tx) => {
        await tx.bulkWrite('users', [{ insertOne: { document: { _id: 'u2', email: 'budi@example.id' } } }]);
        seen.push(await rejection(tx.bulkWrite('users', [{ insertOne: { document: { _id: 'u3', email: 'ani@example.id' } } }])));
        // The work swallows the duplicate and goes on: the server has aborted the transaction.
        seen.push(await rejection(tx.findOne('users', { _id: 'u2' })));
        return 'done';
      }),
    );
    expect(seen[0]).toMatchObject({ code: 11000, message: expect.stringMatching(e11000(email)) });
    expect(seen[1]).toBeInstanceOf(mongoose.mongo.MongoServerError);
    expect(seen[1]).toMatchObject({ code: 251, codeName: 'NoSuchTransaction' });
    expect((seen[1] as InstanceType<typeof mongoose.mongo.MongoServerError>).hasErrorLabel('TransientTransactionError')).toBe(true);
    // Retried as the driver retries a transient error, it fails the same way every time and gives up.
    expect(err).toMatchObject({ code: 251 });
    expect(db.stats.commits).toBe(0);
    expect(db.collections.get('users')).toEqual([{ _id: 'u1', email: 'ani@example.id' }]);
  });

  it('cannot commit when the work returns after swallowing it', async () => {
    const db = createMingoDb();
    await db.bulkWrite('users', [{ insertOne: { document: { _id: 'u1', email: 'ani@example.id' } } }]);
    const err = await rejection(
      db.withTransaction(async (tx) => {
        await tx.bulkWrite('users', [{ insertOne: { document: { _id: 'u2', email: 'budi@example.id' } } }]);
        await tx.bulkWrite('users', [{ insertOne: { document: { _id: 'u3', email: 'ani@example.id' } } }]).catch(() => undefined);
      }),
    );
    expect(err).toMatchObject({ code: 251 });
    expect(db.collections.get('users')).toEqual([{ _id: 'u1', email: 'ani@example.id' }]);
  });

  it('sees the transaction’s own writes: a key it freed may be taken again, a key it took may not', async () => {
    const db = createMingoDb();
    await db.bulkWrite('users', [{ insertOne: { document: { _id: 'u1', email: 'ani@example.id' } } }]);
    await db.withTransaction(async (tx) => {
      await tx.deleteMany('users', { _id: 'u1' });
      await tx.bulkWrite('users', [{ insertOne: { document: { _id: 'u2', email: 'ani@example.id' } } }]);
    });
    expect(db.collections.get('users')).toEqual([{ _id: 'u2', email: 'ani@example.id' }]);
    const err = await rejection(
      db.withTransaction(async (tx) => {
        await tx.bulkWrite('users', [{ insertOne: { document: { _id: 'u3', email: 'citra@example.id' } } }]);
        await tx.bulkWrite('users', [{ insertOne: { document: { _id: 'u4', email: 'citra@example.id' } } }]);
      }),
    );
    expect(err).toMatchObject({ code: 11000 });
    expect(db.collections.get('users')).toEqual([{ _id: 'u2', email: 'ani@example.id' }]);
  });

  it('on a $merge, fails as a MongoServerError with the same code', async () => {
    const db = createMingoDb();
    await db.bulkWrite('users', [{ insertOne: { document: { _id: 'u1', email: 'ani@example.id' } } }]);
    await db.bulkWrite('sessions', [{ insertOne: { document: { _id: 'u2', email: 'ani@example.id' } } }]);
    const err = await rejection(db.aggregate('sessions', [{ $merge: { into: 'users', on: '_id', whenMatched: 'replace', whenNotMatched: 'insert' } }]));
    expect(err).toBeInstanceOf(mongoose.mongo.MongoServerError);
    expect(err).toMatchObject({ code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'ani@example.id' } });
  });
});

describe('the accounts store relies on the unique index of users.email', () => {
  const user = (id: string, email: string): User => ({
    id,
    email,
    name: id,
    role: 'viewer',
    passwordHash: 'scrypt$s$h',
    status: 'active',
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
  });

  it('creates a user in one command, and a taken address is DuplicateKeyError(email) from that command', async () => {
    const db = createMingoDb();
    const accounts = createMongoAccounts(db);
    await accounts.createUser(user('u1', 'ani@example.id'));
    db.resetStats();
    const err = await rejection(accounts.createUser(user('u2', 'ani@example.id')));
    expect(err).toEqual(new DuplicateKeyError('email'));
    // One command, the write, with no read before it: the index decides, atomically.
    expect(db.stats.commands).toBe(1);
    expect(db.stats.writes).toBe(1);
    // An update that would take the address fails the same way; one to no user is false.
    await accounts.createUser(user('u3', 'budi@example.id'));
    expect(await rejection(accounts.updateUser(user('u3', 'ani@example.id')))).toBeInstanceOf(DuplicateKeyError);
    expect(await accounts.updateUser(user('u9', 'ani@example.id'))).toBe(false);
    expect(db.collections.get('users')?.map((d) => [d._id, d.email])).toEqual([
      ['u1', 'ani@example.id'],
      ['u3', 'budi@example.id'],
    ]);
  });

  it('lets exactly one of several concurrent sign-ups with one address through, in any interleaving', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const db = createMingoDb({ interleave: seed });
      const accounts = createMongoAccounts(db);
      const results = await Promise.allSettled(['u1', 'u2', 'u3'].map((id) => accounts.createUser(user(id, 'ani@example.id'))));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DuplicateKeyError);
      expect(db.collections.get('users')).toHaveLength(1);
    }
  });
});
