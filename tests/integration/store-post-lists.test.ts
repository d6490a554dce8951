import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ContributorSort, ListPostsQuery, PostSort } from '../../src/domain/post-query.js';
import { listPostsPipeline, topContributorsPipeline } from '../../src/store/mongo/post-list.pipeline.js';
import { migrate } from '../../src/store/sqlite/migrations.js';
import { compileListPosts, compileTopContributors } from '../../src/store/sqlite/post-list.sql.js';

const evil = "x') OR 1=1 --";
const list = (over: Partial<ListPostsQuery> = {}): ListPostsQuery => ({ campaignId: 'c1', filter: {}, sort: 'recent', limit: 20, ...over });
const placeholders = (sql: string) => (sql.match(/\?/g) ?? []).length;

describe('compileListPosts and compileTopContributors', () => {
  it('bind every value as a parameter, position included, never in the SQL text', () => {
    const { sql, params } = compileListPosts(
      list({ campaignId: evil, filter: { cities: [evil] }, after: { key: '2015-01-14T00:00:00+07:00', platform: 'x', postId: evil } }),
    );
    expect(sql).not.toContain(evil);
    // A filter's values travel as one JSON array parameter (metrics.sql.ts compileFilter).
    expect(params).toEqual([evil, JSON.stringify([evil]), '2015-01-13T17:00:00.000Z', '2015-01-13T17:00:00.000Z', '2015-01-13T17:00:00.000Z', 'x', evil, 20]);
    expect(placeholders(sql)).toBe(params.length);
    const top = compileTopContributors({ campaignId: evil, filter: { topics: [evil] }, sort: 'reach', limit: 5 });
    expect(top.sql).not.toContain(evil);
    expect(top.params).toEqual([evil, JSON.stringify([evil]), 5]);
    expect(placeholders(top.sql)).toBe(top.params.length);
  });

  it('reject a sort outside the whitelist and a position of the wrong kind', () => {
    expect(() => compileListPosts(list({ sort: 'p.text' as PostSort }))).toThrow(RangeError);
    expect(() => compileTopContributors({ campaignId: 'c', filter: {}, sort: '__proto__' as ContributorSort, limit: 1 })).toThrow(RangeError);
    expect(() => compileListPosts(list({ sort: 'engagement', after: { key: '12', platform: 'x', postId: '1' } }))).toThrow(RangeError);
    expect(() => compileListPosts(list({ after: { key: 'yesterday', platform: 'x', postId: '1' } }))).toThrow(RangeError);
  });

  it('read a recent page from the creation index, sorting only the tie-break: a page costs the same deep into a campaign', () => {
    const db = new Database(':memory:');
    migrate(db);
    const { sql, params } = compileListPosts(
      list({ filter: { from: '2015-01-01T00:00:00Z' }, limit: 500, after: { key: '2015-02-01T00:00:00Z', platform: 'x', postId: '9' } }),
    );
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((r) => String((r as { detail: unknown }).detail));
    expect(plan.join('\n')).toMatch(/SEARCH cp USING INDEX campaign_posts_by_created \(campaign_id=\? AND created_at>\? AND created_at<\?\)/);
    expect(plan).toContain('USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY');
    db.close();
  });
});

describe('listPostsPipeline and topContributorsPipeline', () => {
  const stages = (p: Array<Record<string, unknown>>) => p.map((s) => Object.keys(s)[0]);
  const after = { key: '2015-01-14T00:00:00Z', platform: 'x' as const, postId: '5' };

  it('sort and limit every page before joining: engagement lives on the membership too', () => {
    expect(stages(listPostsPipeline(list({ after })))).toEqual(['$match', '$match', '$sort', '$limit', '$lookup', '$unwind', '$lookup']);
    expect(stages(listPostsPipeline(list({ sort: 'engagement', after: { ...after, key: 3 } })))).toEqual([
      '$match',
      '$match',
      '$sort',
      '$limit',
      '$lookup',
      '$unwind',
      '$lookup',
    ]);
    expect(listPostsPipeline(list({ after }))[1]).toEqual({
      $match: {
        createdAt: { $lte: new Date('2015-01-14T00:00:00Z') },
        $or: [
          { createdAt: { $lt: new Date('2015-01-14T00:00:00Z') } },
          { createdAt: new Date('2015-01-14T00:00:00Z'), platform: { $gt: 'x' } },
          { createdAt: new Date('2015-01-14T00:00:00Z'), platform: 'x', postId: { $gt: '5' } },
        ],
      },
    });
  });

  it('are plain data that survive a structured clone, and whitelist their sorts', () => {
    const p = listPostsPipeline(list({ filter: { hashtags: ['a'] }, after }));
    expect(structuredClone(p)).toEqual(p);
    const t = topContributorsPipeline({ campaignId: 'c', filter: {}, sort: 'posts', limit: 3 });
    expect(structuredClone(t)).toEqual(t);
    // Grouped, sorted and cut to the page before each author is looked up (once).
    expect(stages(t)).toEqual(['$match', '$group', '$sort', '$limit', '$lookup', '$set']);
    expect(t[2]).toEqual({ $sort: { posts: -1, platform: 1, authorId: 1 } });
    expect(() => listPostsPipeline(list({ sort: 'constructor' as PostSort }))).toThrow(RangeError);
    expect(() => topContributorsPipeline({ campaignId: 'c', filter: {}, sort: 'toString' as ContributorSort, limit: 1 })).toThrow(RangeError);
  });
});
