import { describe, expect, it } from 'vitest';
import type { CampaignPost } from '../../src/domain/campaign.js';
import type { Author, StoredPost } from '../../src/domain/post.js';
import { backfillMembershipFigures } from '../../src/store/mongo/figures-backfill.ops.js';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import { authorBaseDoc, membershipDoc, postDoc } from '../../src/store/mongo/post.docs.js';
import { scopeImportedPosts } from '../../src/store/mongo/scope-migration.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT, PAPUA } from '../fixtures/metrics-fixtures.js';
import { createMingoDb } from '../helpers/mingo-db.js';
import { latestState, referenceMetrics } from '../helpers/reference-metrics.js';
import { ALL_GROUPINGS } from './store.contract.js';

/**
 * The Mongo side of SQLite migration 7: documents written before posts had a scope hold an
 * imported post (and its author) once, shared by every campaign that imported it. After
 * scopeImportedPosts each campaign points at its own copy with the same fields: figures unchanged.
 */

const T1 = '2015-01-14T06:00:00.000Z';
const shared: StoredPost = {
  platform: 'import',
  postId: 'instagram:C1',
  url: 'https://instagram.example/p/C1',
  text: 'kelas literasi #SocMed4SocGood',
  createdAt: '2015-01-14T10:00:00.000Z',
  kind: 'original',
  authorId: 'instagram:ani',
  hashtags: ['socmed4socgood'],
  counts: { likes: 10, reposts: 5 },
  observedAt: T1,
  engagement: 15,
  impressions: 300,
  impressionsSource: 'estimated',
};
const sharedAuthor: Author = { platform: 'import', authorId: 'instagram:ani', handle: 'ani', name: 'Ani', followers: 300, observedAt: T1 };
const member = (campaignId: string, cityCode: string): CampaignPost => ({
  campaignId,
  publishedOn: 'instagram',
  language: 'id',
  sentiment: 'neutral',
  sentimentSource: 'auto',
  platform: 'import',
  postId: shared.postId,
  authorId: shared.authorId,
  createdAt: shared.createdAt,
  day: '2015-01-14',
  hour: '2015-01-14T17',
  cityCode,
  provinceCode: cityCode.slice(0, 2),
  locationMethod: 'geo',
  topics: ['education'],
  hashtags: ['socmed4socgood'],
});

describe('mongo: imported posts per campaign, from documents written before scopes', () => {
  it('gives each campaign its own copy, every figure unchanged, once', async () => {
    const db = createMingoDb();
    const store = createMongoStore(db);
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    for (const b of FIXTURE_BATCHES) await store.saveBatch(b);
    // The shared documents as the store wrote them before: unscoped keys, no scope field.
    const unscoped = <T extends Record<string, unknown>>(d: T) => {
      const { scope: _scope, ...rest } = d;
      return rest;
    };
    await db.bulkWrite('posts', [{ insertOne: { document: unscoped(postDoc(shared, '')) } }]);
    await db.bulkWrite('authors', [
      { insertOne: { document: { ...unscoped(authorBaseDoc(sharedAuthor, '')), followers: 300, followersObservedAt: new Date(T1) } } },
    ]);
    const old = [member(JKT, '73.71'), member(PAPUA, '91.71')].map((m) => ({
      ...membershipDoc(m),
      postRef: 'import:instagram:C1',
      authorRef: 'import:instagram:ani',
    }));
    await db.bulkWrite(
      'campaign_posts',
      old.map((document) => ({ insertOne: { document } })),
    );
    const data = latestState([...FIXTURE_BATCHES, { posts: [shared], authors: [sharedAuthor], memberships: [member(JKT, '73.71'), member(PAPUA, '91.71')] }]);
    const figures = async () => Promise.all([JKT, PAPUA].map((campaignId) => store.queryMetrics({ campaignId, filter: {}, groupBy: [] })));
    // Documents that old also predate the memberships' copy of their post's figures (completed at start-up too).
    expect(await backfillMembershipFigures(db)).toBe(2);
    const before = await figures();

    expect(await scopeImportedPosts(db)).toBe(2);
    expect(await scopeImportedPosts(db)).toBe(0);
    expect(await backfillMembershipFigures(db)).toBe(0);
    expect(await figures()).toEqual(before);
    for (const campaignId of [JKT, PAPUA]) {
      for (const groupBy of ALL_GROUPINGS) {
        const q = { campaignId, filter: {}, groupBy };
        expect(await store.queryMetrics(q)).toEqual(referenceMetrics(data, q));
      }
      const own = (await store.campaignPosts(campaignId)).find((r) => r.post.postId === shared.postId);
      expect(own?.post).toEqual(shared);
      expect(own?.author).toEqual(sharedAuthor);
    }
    const ids = (name: string) => (db.collections.get(name) ?? []).map((d) => String(d._id));
    expect(ids('posts')).not.toContain('import:instagram:C1');
    expect(ids('posts')).toEqual(expect.arrayContaining([`${JKT}/import:instagram:C1`, `${PAPUA}/import:instagram:C1`]));
    expect(ids('authors')).not.toContain('import:instagram:ani');

    // From now on an import into PAPUA moves PAPUA's copy only.
    const bigger = { ...shared, counts: { likes: 1_000_000, reposts: 4 }, engagement: 1_000_004, observedAt: '2015-01-15T00:00:00.000Z' };
    await store.saveBatch({ posts: [bigger], authors: [], memberships: [member(PAPUA, '91.71')] });
    expect((await figures())[0]).toEqual(before[0]);
    expect((await store.campaignPosts(PAPUA)).find((r) => r.post.postId === shared.postId)?.post).toEqual(bigger);
  });
});
