import { describe, expect, it } from 'vitest';
import type { AuthorKey } from '../../src/domain/metrics-query.js';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { Store } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT } from '../fixtures/metrics-fixtures.js';
import { createMingoDb } from '../helpers/mingo-db.js';

/**
 * MetricsFilter.authors (a participant's own page reads with it): only the posts of the authors
 * named, in both stores; an empty list selects no post at all, unlike an empty dimension filter.
 */
const STORES: Array<[string, () => Promise<Store>]> = [
  ['sqlite :memory:', async () => createSqliteStore({ file: ':memory:' })],
  ['mongo over mingo', async () => createMongoStore(createMingoDb())],
];

describe.each(STORES)('the authors filter on %s', (_name, make) => {
  it('keeps the posts and figures of the authors named, and of no one else', async () => {
    const store = await make();
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    for (const b of FIXTURE_BATCHES) await store.saveBatch(b);
    const all = await store.listPosts({ campaignId: JKT, filter: {}, sort: 'recent', limit: 1000 });
    const authors = [...new Map(all.map((p) => [`${p.post.platform}:${p.post.authorId}`, { platform: p.post.platform, authorId: p.post.authorId }])).values()];
    expect(authors.length).toBeGreaterThan(2);

    // Each author alone, and two together: exactly their posts, newest first as without the filter.
    const picks: AuthorKey[][] = [...authors.map((a) => [a]), authors.slice(0, 2)];
    for (const pick of picks) {
      const named = new Set(pick.map((a) => `${a.platform}:${a.authorId}`));
      const expected = all.filter((p) => named.has(`${p.post.platform}:${p.post.authorId}`));
      const got = await store.listPosts({ campaignId: JKT, filter: { authors: pick }, sort: 'recent', limit: 1000 });
      expect(got.map((p) => p.post.postId)).toEqual(expected.map((p) => p.post.postId));
      const [row] = await store.queryMetrics({ campaignId: JKT, filter: { authors: pick }, groupBy: [] });
      expect(row?.posts ?? 0).toBe(expected.length);
      expect(row?.engagement ?? 0).toBe(expected.reduce((n, p) => n + p.post.engagement, 0));
    }
    // An author id on another source is another author.
    const first = authors[0]!;
    const elsewhere: AuthorKey = { platform: first.platform === 'x' ? 'mastodon' : 'x', authorId: first.authorId };
    expect(await store.listPosts({ campaignId: JKT, filter: { authors: [elsewhere] }, sort: 'recent', limit: 1000 })).toEqual([]);

    // An empty list: nothing, where an absent one is everything.
    expect(await store.listPosts({ campaignId: JKT, filter: { authors: [] }, sort: 'recent', limit: 1000 })).toEqual([]);
    const [none] = await store.queryMetrics({ campaignId: JKT, filter: { authors: [] }, groupBy: [] });
    expect(none?.posts ?? 0).toBe(0);
    expect(await store.topContributors({ campaignId: JKT, filter: { authors: [] }, sort: 'posts', limit: 100 })).toEqual([]);
    await store.close();
  });
});
