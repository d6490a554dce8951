import { aggregate } from 'mingo';
import { describe, expect, it } from 'vitest';
import type { Dimension } from '../../src/domain/dimensions.js';
import type { Author, StoredPost } from '../../src/domain/post.js';
import { matchStage, metricsPipeline } from '../../src/store/mongo/metrics.pipeline.js';
import type { BulkOp, Doc } from '../../src/store/mongo/mongo-db.port.js';
import { readCampaign, campaignDoc } from '../../src/store/mongo/record.docs.js';
import { rollupCellsPipeline } from '../../src/store/mongo/rollup.pipeline.js';
import { authorUpsertOp, postUpsertOp } from '../../src/store/mongo/save-batch.ops.js';
import { planSaveResult } from '../../src/store/mongo/save-batch.plan.js';
import { FIXTURE_CAMPAIGNS } from '../fixtures/metrics-fixtures.js';

const post = (observedAt: string, likes: number): StoredPost => ({
  platform: 'x',
  postId: '1',
  url: 'u',
  text: '$notAField',
  createdAt: '2015-01-13T02:00:00.000Z',
  kind: 'original',
  authorId: 'a',
  hashtags: [],
  counts: { likes },
  observedAt,
  engagement: likes,
});
const author = (observedAt: string, followers?: number, handle = 'h'): Author => ({
  platform: 'x',
  authorId: 'a',
  handle,
  name: 'n',
  observedAt,
  ...(followers === undefined ? {} : { followers }),
});

/** Applies an updateOne pipeline to a stored document (or to the upsert seed `{_id}`), via mingo. */
function applyUpdate(op: BulkOp, stored: Doc | null): Doc {
  if (!('updateOne' in op)) throw new Error('expected updateOne');
  const [out] = aggregate([stored ?? { _id: op.updateOne.filter._id }], op.updateOne.update);
  if (!out) throw new Error('no output');
  return out;
}

describe('mongo pipelines and ops are pure data', () => {
  it('matches unknown cities and provinces as null, and instants as dates', () => {
    expect(matchStage('c1', { cities: ['unknown', '73.71'], provinces: ['31'], from: '2015-01-14T00:00:00+07:00', topics: [] })).toEqual({
      $match: {
        campaignId: 'c1',
        cityCode: { $in: ['unknown', '73.71', null] },
        provinceCode: { $in: ['31'] },
        createdAt: { $gte: new Date('2015-01-13T17:00:00Z') },
      },
    });
  });

  it('unwinds each array dimension once, and sorts only when grouped', () => {
    const stages = (groupBy: Dimension[]) => metricsPipeline({ campaignId: 'c', filter: {}, groupBy }).map((s) => Object.keys(s)[0]);
    expect(stages([])).toEqual(['$match', '$group', '$lookup', '$group']);
    expect(stages(['topic', 'topic', 'hashtag'])).toEqual([
      '$match',
      '$unwind',
      '$unwind',
      '$group',
      '$group',
      '$lookup',
      '$project',
      '$unwind',
      '$group',
      '$sort',
    ]);
    expect(() => metricsPipeline({ campaignId: 'c', filter: {}, groupBy: ['constructor' as Dimension] })).toThrow(RangeError);
  });

  it('survives a structured clone unchanged (no functions, no class instances but Date)', () => {
    const p = metricsPipeline({ campaignId: 'c', filter: { from: '2015-01-01T00:00:00Z', hashtags: ['a'] }, groupBy: ['city', 'topic'] });
    expect(structuredClone(p)).toEqual(p);
  });

  it('computes rollup cells as plain documents, with no write stage (the store swaps them in a transaction)', () => {
    const p = rollupCellsPipeline('c', ['2015-01-13']);
    expect(p[0]).toEqual({ $match: { campaignId: 'c', day: { $in: ['2015-01-13'] } } });
    expect(p.some((stage) => '$merge' in stage || '$out' in stage)).toBe(false);
    expect(structuredClone(p)).toEqual(p);
  });
});

describe('latest observation wins, as an update pipeline', () => {
  const older = '2015-01-14T00:00:00.000Z';
  const newer = '2015-01-15T00:00:00.000Z';

  it('inserts on upsert, replaces when newer, keeps on a tie or when older', () => {
    const inserted = applyUpdate(postUpsertOp(post(older, 1), ''), null);
    expect(inserted).toMatchObject({ _id: 'x:1', text: '$notAField', counts: { likes: 1 }, observedAt: new Date(older) });
    const replaced = applyUpdate(postUpsertOp(post(newer, 9), ''), inserted);
    expect(replaced).toMatchObject({ counts: { likes: 9 }, observedAt: new Date(newer) });
    expect(applyUpdate(postUpsertOp(post(older, 5), ''), replaced)).toEqual(replaced);
    expect(applyUpdate(postUpsertOp(post(newer, 7), ''), replaced)).toEqual(replaced);
  });

  it('keeps the latest KNOWN follower count apart from the other author fields', () => {
    const first = applyUpdate(authorUpsertOp(author(older, 100), ''), null);
    expect(first).toMatchObject({ followers: 100, followersObservedAt: new Date(older), handle: 'h' });
    const renamed = applyUpdate(authorUpsertOp(author(newer, undefined, 'h2'), ''), first);
    expect(renamed).toMatchObject({ followers: 100, handle: 'h2', observedAt: new Date(newer) });
    const stale = applyUpdate(authorUpsertOp(author(older, 50, 'old'), ''), renamed);
    expect(stale).toEqual(renamed);
  });

  it('counts a post inserted and re-read in one batch as inserted, and a tie as unchanged', () => {
    const stored = [{ _id: 'x:1', observedAt: new Date(older) }];
    const batch = { posts: [post(newer, 2), { ...post(older, 3), postId: '2' }, { ...post(newer, 4), postId: '2' }], authors: [], memberships: [] };
    expect(planSaveResult(batch, { posts: stored, memberships: [] })).toEqual({ inserted: 1, updated: 1, changedDays: {} });
    expect(planSaveResult({ ...batch, posts: [post(older, 9)] }, { posts: stored, memberships: [] })).toEqual({ inserted: 0, updated: 0, changedDays: {} });
  });
});

describe('campaign documents', () => {
  it('store maps keyed by data (city codes with dots) as entry arrays, and read back equal', () => {
    const c = FIXTURE_CAMPAIGNS[0];
    if (!c) throw new Error('fixture');
    const doc = campaignDoc(c);
    expect(doc.cityHashtags).toEqual([{ cityCode: '53.71', hashtags: ['#SocMed4SocGoodKupang'] }]);
    expect(Object.keys(doc).some((k) => k.includes('.'))).toBe(false);
    expect(readCampaign(structuredClone(doc))).toEqual(c);
  });
});
