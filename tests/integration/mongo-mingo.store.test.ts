import { describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/account.js';
import { DuplicateKeyError } from '../../src/store/account-store.port.js';
import { createMongoAccounts } from '../../src/store/mongo/accounts.store.js';
import { CAMPAIGN_POSTS_BATCH } from '../../src/store/mongo/campaign-posts.pipeline.js';
import type { Doc, MongoOps } from '../../src/store/mongo/mongo-db.port.js';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import type { EnrichedBatch } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS } from '../fixtures/metrics-fixtures.js';
import { createMingoDb } from '../helpers/mingo-db.js';
import { seed } from '../helpers/mingo-large.scenario.js';
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
  /** A server's answer to a write that hits a unique index, as a bare error (mingo-db.unique.test.ts has the harness's own). */
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

describe('a campaign’s posts, read in keyset batches (issue 14 item 18)', () => {
  const N = 2_100;
  /** A store over a seeded harness that records what each campaign_posts aggregation asked for and returned. */
  async function seeded() {
    const db = createMingoDb();
    await seed(db, 'c1', N);
    const batches: Array<{ limit: unknown; returned: number }> = [];
    const store = createMongoStore({
      ...db,
      aggregate: async (name, pipeline, options) => {
        const out = await db.aggregate(name, pipeline, options);
        if (name === 'campaign_posts') batches.push({ limit: pipeline.find((s: Doc) => '$limit' in s)?.$limit, returned: out.length });
        return out;
      },
    });
    return { db, store, batches };
  }
  const keyOf = (r: { membership: { postId: string } }) => r.membership.postId;

  it('reads the whole campaign CAMPAIGN_POSTS_BATCH memberships a command, in order', async () => {
    const { store, batches } = await seeded();
    const all = await store.campaignPosts('c1');
    expect(all).toHaveLength(N);
    const order = all.map((r) => `${r.membership.createdAt} ${r.membership.platform} ${r.membership.postId}`);
    expect(order).toEqual([...order].sort());
    expect(new Set(all.map(keyOf)).size).toBe(N);
    expect(all.every((r) => r.post.postId === r.membership.postId && r.author?.authorId === r.post.authorId)).toBe(true);
    expect(batches).toEqual([
      { limit: CAMPAIGN_POSTS_BATCH, returned: CAMPAIGN_POSTS_BATCH },
      { limit: CAMPAIGN_POSTS_BATCH, returned: CAMPAIGN_POSTS_BATCH },
      { limit: CAMPAIGN_POSTS_BATCH, returned: N - 2 * CAMPAIGN_POSTS_BATCH },
    ]);
  });

  it('looks up only a page’s posts and authors, and fills a page past a membership whose post is gone', async () => {
    const { db, store, batches } = await seeded();
    const all = await store.campaignPosts('c1');
    db.resetStats();
    const first = await store.campaignPosts('c1', { limit: 500 });
    expect(first.map(keyOf)).toEqual(all.slice(0, 500).map(keyOf));
    // One post and one author by _id for each of the page's memberships: never the campaign's.
    expect(db.stats.lookedUp).toBe(2 * 500);

    const gone = all[600] as (typeof all)[number];
    await db.deleteMany('posts', { postId: gone.membership.postId });
    batches.length = 0;
    const last = first[first.length - 1] as (typeof all)[number];
    const after = { createdAt: last.membership.createdAt, platform: last.membership.platform, postId: last.membership.postId };
    const second = await store.campaignPosts('c1', { after, limit: 500 });
    expect(second.map(keyOf)).toEqual(
      all
        .slice(500, 1001)
        .filter((r) => r !== gone)
        .map(keyOf),
    );
    expect(batches).toEqual([
      { limit: 500, returned: 500 },
      { limit: 1, returned: 1 },
    ]);
    // A request over the batch size is read a batch at a time (the first short by the missing post).
    batches.length = 0;
    expect(await store.campaignPosts('c1', { limit: 1_500 })).toHaveLength(1_500);
    expect(batches.map((b) => b.limit)).toEqual([CAMPAIGN_POSTS_BATCH, 501]);
  });
});
