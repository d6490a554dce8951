import { describe, expect, it } from 'vitest';
import { DIMENSIONS, type Dimension } from '../../src/domain/dimensions.js';
import type { ContributorSort, PostSort } from '../../src/domain/post-query.js';
import { CAMPAIGN_POSTS_BATCH, campaignPostsPipeline } from '../../src/store/mongo/campaign-posts.pipeline.js';
import { metricsPipeline } from '../../src/store/mongo/metrics.pipeline.js';
import { COLLECTIONS, type Doc } from '../../src/store/mongo/mongo-db.port.js';
import { campaignPostPipeline, listPostsPipeline, termSourcesPipeline, topContributorsPipeline } from '../../src/store/mongo/post-list.pipeline.js';
import { rollupCellsPipeline } from '../../src/store/mongo/rollup.pipeline.js';

/**
 * Issue 14, item 19: a membership keeps its post's figures and kind, so no metrics pipeline joins
 * a campaign's memberships to their posts. The pipelines are pure data: this reads their stages.
 * Posts are joined only for rows already chosen (after a `$limit`); authors only after the
 * grouping (once each), and for the top contributors after the page unless the sort needs them.
 * Item 18: a batch of a campaign's posts (re-attribution's input) is sorted and limited on the
 * memberships before its posts and authors are looked up.
 */

const stageName = (s: Doc) => Object.keys(s)[0] as string;
const lookupsOf = (pipeline: Doc[], from: string) => pipeline.flatMap((s, i) => ('$lookup' in s && (s.$lookup as Doc).from === from ? [i] : []));
const firstIndex = (pipeline: Doc[], name: string) => pipeline.findIndex((s) => stageName(s) === name);

const FILTER = { from: '2015-01-01T00:00:00Z', to: '2015-02-01T00:00:00Z', cities: ['73.71'], topics: ['sungai'], hashtags: ['a'] };
const GROUPINGS: Dimension[][] = [[], ...DIMENSIONS.map((d) => [d]), ['topic', 'day'], ['hashtag', 'topic', 'city'], ['day', 'hour', 'source']];
const POST_SORTS: PostSort[] = ['engagement', 'recent'];
const CONTRIBUTOR_SORTS: ContributorSort[] = ['reach', 'posts', 'engagement', 'original', 'impressions'];

describe('mongo metrics pipelines read campaign_posts alone', () => {
  it.each(GROUPINGS.map((groupBy) => ({ groupBy, name: groupBy.join(' × ') || 'nothing' })))(
    'metrics by $name join no post and look authors up only after grouping',
    ({ groupBy }) => {
      for (const filter of [{}, FILTER]) {
        const p = metricsPipeline({ campaignId: 'c', filter, groupBy });
        expect(lookupsOf(p, COLLECTIONS.posts)).toEqual([]);
        const authors = lookupsOf(p, COLLECTIONS.authors);
        expect(authors).toHaveLength(1);
        expect(firstIndex(p, '$group')).toBeGreaterThanOrEqual(0);
        // Every lookup after the last grouping that precedes it keyed by the author alone: one per author.
        const before = p.slice(0, authors[0]).filter((s) => stageName(s) === '$group');
        const last = before[before.length - 1]?.$group as Doc;
        const id = last._id;
        expect(id === '$_id.author' || (groupBy.length === 0 && JSON.stringify(id) === JSON.stringify({ author: '$authorRef' })), JSON.stringify(id)).toBe(
          true,
        );
      }
    },
  );

  it('rollup cells join nothing', () => {
    const p = rollupCellsPipeline('c', ['2015-01-13', '2015-01-14']);
    expect(p.map(stageName)).not.toContain('$lookup');
  });

  it.each(CONTRIBUTOR_SORTS)('top contributors by %s join no post and look each author up once, after the page unless by reach', (sort) => {
    const p = topContributorsPipeline({ campaignId: 'c', filter: FILTER, sort, limit: 10 });
    expect(lookupsOf(p, COLLECTIONS.posts)).toEqual([]);
    const authors = lookupsOf(p, COLLECTIONS.authors);
    expect(authors).toHaveLength(1);
    expect(authors[0]).toBeGreaterThan(firstIndex(p, '$group'));
    if (sort !== 'reach') expect(authors[0]).toBeGreaterThan(firstIndex(p, '$limit'));
  });

  it.each(POST_SORTS)('top posts by %s sort and limit the memberships, then join only the page’s posts', (sort) => {
    for (const after of [undefined, { key: sort === 'engagement' ? 40 : '2015-01-14T00:00:00.000Z', platform: 'x', postId: 'p1' }]) {
      const p = listPostsPipeline({ campaignId: 'c', filter: FILTER, sort, limit: 50, ...(after ? { after } : {}) });
      const posts = lookupsOf(p, COLLECTIONS.posts);
      expect(posts).toHaveLength(1);
      const limit = firstIndex(p, '$limit');
      expect(limit).toBeGreaterThanOrEqual(0);
      expect(posts[0]).toBeGreaterThan(limit);
      expect(firstIndex(p, '$sort')).toBeLessThan(limit);
      // Sorted on the membership's own fields, not on a joined post's.
      expect(Object.keys(p[firstIndex(p, '$sort')]?.$sort as Doc).every((f) => !f.startsWith('post.'))).toBe(true);
    }
  });

  it('the scan of term sources and a single post join posts only after a $limit', () => {
    for (const p of [termSourcesPipeline('c', FILTER), termSourcesPipeline('c', FILTER, 'id-1'), campaignPostPipeline('c', 'x', 'p1')]) {
      const posts = lookupsOf(p, COLLECTIONS.posts);
      expect(posts).toHaveLength(1);
      expect(posts[0]).toBeGreaterThan(firstIndex(p, '$limit'));
      expect(firstIndex(p, '$limit')).toBeGreaterThanOrEqual(0);
    }
  });

  it('a batch of a campaign’s posts is $match, $sort, $limit on the memberships, then the batch’s posts and authors by _id', () => {
    const after = { createdAt: '2015-01-14T00:00:00.000Z', platform: 'x' as const, postId: 'p1' };
    for (const page of [{ limit: 500 }, { after, limit: 500 }, { after, limit: 1 }, { limit: 5 * CAMPAIGN_POSTS_BATCH }]) {
      const p = campaignPostsPipeline('c', page);
      expect(p.map(stageName)).toEqual(['$match', '$sort', '$limit', '$lookup', '$lookup']);
      expect((p[0]?.$match as Doc).campaignId).toBe('c');
      // The order of the { campaignId, createdAt, platform, postId } index, on the membership's own fields.
      expect(p[1]?.$sort).toEqual({ createdAt: 1, platform: 1, postId: 1 });
      // A keyset batch: never more than CAMPAIGN_POSTS_BATCH memberships a command, whatever was asked.
      expect(p[2]?.$limit).toBe(Math.min(page.limit, CAMPAIGN_POSTS_BATCH));
      expect(p.slice(3).map((s) => s.$lookup)).toEqual([
        { from: COLLECTIONS.posts, localField: 'postRef', foreignField: '_id', as: 'post' },
        { from: COLLECTIONS.authors, localField: 'authorRef', foreignField: '_id', as: 'author' },
      ]);
    }
  });
});
