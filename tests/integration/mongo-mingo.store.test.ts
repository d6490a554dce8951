import { describe, expect, it } from 'vitest';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import type { EnrichedBatch } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS } from '../fixtures/metrics-fixtures.js';
import { createMingoDb } from '../helpers/mingo-db.js';
import { storeContract } from './store.contract.js';

storeContract('mongo over mingo', async () => createMongoStore(createMingoDb()));

describe('mongo store over mingo specifics', () => {
  it('keys posts and authors by their natural key and leaves a stale re-read unmodified', async () => {
    const db = createMingoDb();
    const store = createMongoStore(db);
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    for (const b of FIXTURE_BATCHES.slice(0, 3)) await store.saveBatch(b);
    const before = structuredClone(db.collections.get('posts'));
    const stale = FIXTURE_BATCHES[3] as EnrichedBatch;
    const r = await db.bulkWrite('posts', stale.posts.map((p) => ({
      updateOne: { filter: { _id: `${p.platform}:${p.postId}` }, update: [{ $replaceWith: '$$ROOT' }] },
    })));
    expect(r).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    await store.saveBatch(stale);
    expect(db.collections.get('posts')).toEqual(before);
    expect(db.collections.get('posts')?.map((d) => d._id)).toContain('x:p5');
    expect(db.collections.get('authors')?.map((d) => d._id)).toContain('mastodon:a3');
  });
});
