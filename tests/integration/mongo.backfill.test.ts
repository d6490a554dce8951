import { describe, expect, it } from 'vitest';
import { backfillPostFields } from '../../src/store/mongo/backfill.ops.js';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import { COLLECTIONS, type Doc } from '../../src/store/mongo/mongo-db.port.js';
import { createMingoDb } from '../helpers/mingo-db.js';

/**
 * The Mongo counterpart of SQLite migration 7: documents written before posts carried their
 * platform get it at start-up, from their source or their import id, once.
 */

const createdAt = new Date('2015-01-14T03:00:00.000Z');

function stored(source: string, postId: string, text: string, lang?: string): { post: Doc; membership: Doc } {
  const authorId = `${postId.split(':')[0]}:u`;
  return {
    post: {
      _id: `${source}:${postId}`,
      platform: source,
      postId,
      url: '',
      text,
      createdAt,
      kind: 'original',
      authorId,
      hashtags: ['socmed4socgood'],
      counts: {},
      observedAt: createdAt,
      engagement: 1,
      ...(lang ? { lang } : {}),
    },
    membership: {
      campaignId: 'c1',
      platform: source,
      postId,
      postRef: `${source}:${postId}`,
      authorId,
      authorRef: `${source}:${authorId}`,
      createdAt,
      day: '2015-01-14',
      hour: '2015-01-14T10',
      cityCode: null,
      provinceCode: null,
      locationMethod: 'none',
      topics: ['other'],
      hashtags: ['socmed4socgood'],
    },
  };
}

describe('mongo backfill of the platform a post was published on and its language', () => {
  it('completes old documents from their source or import id and their text, and only once', async () => {
    const db = createMingoDb();
    const old = [
      stored('x', '1001', 'Workshop literasi digital hari ini seru sekali #SocMed4SocGood', 'in'),
      stored('import', 'instagram:C1', 'Thank you everyone who joined the digital literacy workshop in Makassar today #SocMed4SocGood'),
      stored('import', 'friendster:9', '#SocMed4SocGood'),
    ];
    await db.bulkWrite(COLLECTIONS.campaigns, [{ insertOne: { document: { _id: 'c1', timeZone: 'Asia/Makassar' } } }]);
    await db.bulkWrite(
      COLLECTIONS.posts,
      old.map((o) => ({ insertOne: { document: o.post } })),
    );
    await db.bulkWrite(
      COLLECTIONS.campaignPosts,
      old.map((o) => ({ insertOne: { document: o.membership } })),
    );

    expect(await backfillPostFields(db)).toBe(8);
    expect(await backfillPostFields(db)).toBe(0);
    const memberships = await db.find(COLLECTIONS.campaignPosts, {}, { sort: { postId: 1 } });
    expect(memberships.map((d) => [d.postId, d.publishedOn, d.language, d.sentiment, d.sentimentSource])).toEqual([
      ['1001', 'x', 'id', 'positive', 'auto'],
      ['friendster:9', 'other', 'und', 'neutral', 'auto'],
      ['instagram:C1', 'instagram', 'en', 'positive', 'auto'],
    ]);
    const rows = await createMongoStore(db).queryMetrics({ campaignId: 'c1', filter: { platforms: ['instagram', 'x'] }, groupBy: ['platform'] });
    expect(rows.map((r) => [r.keys[0], r.posts])).toEqual([
      ['instagram', 1],
      ['x', 1],
    ]);
  });
});
