import { describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/account.js';
import { DuplicateKeyError } from '../../src/store/account-store.port.js';
import { createMongoAccounts } from '../../src/store/mongo/accounts.store.js';
import type { MongoOps } from '../../src/store/mongo/mongo-db.port.js';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import type { EnrichedBatch } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS } from '../fixtures/metrics-fixtures.js';
import { createMingoDb } from '../helpers/mingo-db.js';
import { accountStoreContract } from './account-store.contract.js';
import { storeContract } from './store.contract.js';
import { storeOutboxContract } from './store-outbox.contract.js';

storeContract('mongo over mingo', async () => createMongoStore(createMingoDb()));
accountStoreContract('mongo over mingo', async () => createMongoStore(createMingoDb()));
storeOutboxContract(
  'mongo over mingo',
  async () => {
    const db = createMingoDb();
    const failing = new Set<string>();
    const guard = <T extends MongoOps>(ops: T): T => ({
      ...ops,
      bulkWrite: async (collection, list) => (failing.has(collection) ? Promise.reject(new Error('injected failure')) : ops.bulkWrite(collection, list)),
    });
    const store = createMongoStore({ ...guard(db), withTransaction: (work) => db.withTransaction((tx) => work(guard(tx))) });
    return {
      store,
      async failWrites(table) {
        failing.add(table);
      },
      close: () => store.close(),
    };
  },
  // Every write of a change and its outbox is in one transaction (the harness emulates them).
  { atomic: true },
);

describe('mongo store over mingo specifics', () => {
  it('keys posts and authors by their natural key and leaves a stale re-read unmodified', async () => {
    const db = createMingoDb();
    const store = createMongoStore(db);
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    for (const b of FIXTURE_BATCHES.slice(0, 3)) await store.saveBatch(b);
    const before = structuredClone(db.collections.get('posts'));
    const stale = FIXTURE_BATCHES[3] as EnrichedBatch;
    const r = await db.bulkWrite(
      'posts',
      stale.posts.map((p) => ({
        updateOne: { filter: { _id: `${p.platform}:${p.postId}` }, update: [{ $replaceWith: '$$ROOT' }] },
      })),
    );
    expect(r).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    await store.saveBatch(stale);
    expect(db.collections.get('posts')).toEqual(before);
    expect(db.collections.get('posts')?.map((d) => d._id)).toContain('x:p5');
    expect(db.collections.get('authors')?.map((d) => d._id)).toContain('mastodon:a3');
  });
});

describe('mongo accounts over mingo specifics', () => {
  const u: User = {
    id: 'u1',
    email: 'ani@example.id',
    name: 'Ani',
    role: 'admin',
    passwordHash: 'scrypt$s$h',
    status: 'active',
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
  };
  /** A server's answer to a write that hits a unique index (mingo only enforces `_id`). */
  const e11000 = (index: string) =>
    Object.assign(new Error(`E11000 duplicate key error collection: kk.users index: ${index} dup key: { email: "ani@example.id" }`), { code: 11000 });

  it("turns a server's duplicate key on users.email into DuplicateKeyError('email'), and leaves others alone", async () => {
    const db = createMingoDb();
    const failing = (err: Error) => createMongoAccounts({ ...db, bulkWrite: async () => Promise.reject(err) });
    await expect(failing(e11000('email_1')).createUser(u)).rejects.toEqual(new DuplicateKeyError('email'));
    await expect(failing(e11000('_id_')).createUser(u)).rejects.toThrow(/index: _id_/);
    await db.bulkWrite('users', [{ insertOne: { document: { _id: 'u1', email: 'ani@example.id' } } }]);
    await expect(failing(e11000('email_1')).updateUser(u)).rejects.toBeInstanceOf(DuplicateKeyError);
  });

  it('keeps instants as given, with Date copies for sorting and for the sessions TTL index', async () => {
    const db = createMingoDb();
    const { accounts } = createMongoStore(db);
    await accounts.createSession({ tokenHash: 'h', userId: 'u1', csrfToken: 'c', createdAt: 'x', expiresAt: '2030-01-01T07:00:00+07:00', lastSeenAt: 'x' });
    expect(db.collections.get('sessions')?.[0]).toMatchObject({
      _id: 'h',
      expiresAt: '2030-01-01T07:00:00+07:00',
      expiresAtTime: new Date('2030-01-01T00:00:00.000Z'),
    });
  });
});
