import { describe, expect, it } from 'vitest';
import type { ListPostsQuery } from '../../src/domain/post-query.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { createPostViews } from '../../src/services/post-view.js';
import { EXPORT_COLUMNS, exportRecords, guardCell } from '../../src/services/posts-export.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT } from '../fixtures/metrics-fixtures.js';

describe('guardCell (CSV injection, OWASP)', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+62 812', "'+62 812"],
    ['-5', "'-5"],
    ['@handle', "'@handle"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['Belajar #Literasi', 'Belajar #Literasi'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (cell, guarded) => {
    expect(guardCell(cell)).toBe(guarded);
  });
});

describe('exportRecords', () => {
  it('reads the whole set page by page through the keyset, newest first, never more than a page at once', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    for (const b of FIXTURE_BATCHES) await store.saveBatch(b);
    const queries: ListPostsQuery[] = [];
    const spy = { ...store, listPosts: (q: ListPostsQuery) => (queries.push(q), store.listPosts(q)) };
    const campaign = FIXTURE_CAMPAIGNS[0]!;
    const records = [];
    for await (const r of exportRecords(spy, campaign, {}, createPostViews(await loadGazetteer()), 3)) records.push(r);
    expect(records.map((r) => r.post_id)).toEqual(['p8', 'p7', 'p6', 'p5', 'p3', 'p4', 'p2', 'p1']);
    expect(queries.map((q) => [q.limit, q.after?.postId])).toEqual([
      [3, undefined],
      [3, 'p6'],
      [3, 'p4'],
    ]);
    expect(Object.keys(records[0]!)).toEqual([...EXPORT_COLUMNS]);
    expect(records.find((r) => r.post_id === 'p5')).toMatchObject({
      platform: 'x',
      created_at: '2015-01-14T10:00:00.000+07:00',
      day: '2015-01-14',
      author_id: 'a6',
      author_handle: 'a6',
      author_followers: 5000,
      city_code: '53.71',
      city: 'Kupang',
      province_code: '53',
      province: 'Nusa Tenggara Timur',
      location_method: 'hashtag',
      topics: 'education',
      hashtags: '#socmed4socgood',
      likes: 20,
      bookmarks: 0,
      engagement: 25,
      impressions: 900,
      impressions_source: 'reported',
    });
    // Not reported is empty, not 0: an imported post with likes only, and no impressions at all.
    expect(records.find((r) => r.post_id === 'p6')).toMatchObject({
      likes: 4,
      reposts: null,
      quotes: null,
      impressions: null,
      impressions_source: null,
      city_code: null,
      author_followers: null,
    });
    expect(campaign.id).toBe(JKT);
    await store.close();
  });
});

describe('a stored link that is not http(s)', () => {
  it('is neither shown nor exported (a row stored before such links were refused)', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
    const first = FIXTURE_BATCHES[0]!;
    await store.saveBatch({
      ...first,
      posts: first.posts.map((p, i) => ({ ...p, url: i === 0 ? 'javascript:alert(document.cookie)' : `data:text/html,${p.postId}` })),
    });
    const views = createPostViews(await loadGazetteer());
    const campaign = FIXTURE_CAMPAIGNS[0]!;
    const records = [];
    for await (const r of exportRecords(store, campaign, {}, views)) records.push(r);
    expect(records.length).toBeGreaterThan(0);
    expect(records.map((r) => r.url)).toEqual(records.map(() => ''));
    const listed = await store.listPosts({ campaignId: JKT, filter: {}, sort: 'recent', limit: 50 });
    expect(listed.map((item) => views.postView(item, campaign).url)).toEqual(listed.map(() => ''));
    await store.close();
  });
});
