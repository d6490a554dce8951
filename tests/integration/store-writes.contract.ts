import { expect, it } from 'vitest';
import type { CampaignPost } from '../../src/domain/campaign.js';
import type { StoredPost } from '../../src/domain/post.js';
import type { EnrichedBatch, Store } from '../../src/store/store.port.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, FIXTURE_DAYS, JKT, PAPUA } from '../fixtures/metrics-fixtures.js';
import { latestState, referenceRollups } from '../helpers/reference-metrics.js';

/** Part of store.contract.ts: campaigns, batches, memberships, checkpoints (one fresh store per test). */

const [B1, B2, B3, B4] = FIXTURE_BATCHES as [EnrichedBatch, EnrichedBatch, EnrichedBatch, EnrichedBatch];
const [CJ, CP] = FIXTURE_CAMPAIGNS as [(typeof FIXTURE_CAMPAIGNS)[number], (typeof FIXTURE_CAMPAIGNS)[number]];

async function withCampaigns(store: Store): Promise<Store> {
  for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
  return store;
}

function findPost(rows: Array<{ post: StoredPost }>, postId: string): StoredPost | undefined {
  return rows.find((r) => r.post.postId === postId)?.post;
}

export function storeWritesContract(current: () => Store): void {
  it('answers ping', async () => {
    await expect(current().ping()).resolves.toBeUndefined();
  });

  it('creates, reads, lists and updates campaigns', async () => {
    const store = current();
    expect(await store.getCampaign(JKT)).toBeNull();
    await store.createCampaign(CP);
    await store.createCampaign(CJ);
    expect(await store.getCampaign(JKT)).toEqual(CJ);
    expect(await store.listCampaigns()).toEqual([CJ, CP]);
    await expect(store.createCampaign(CJ)).rejects.toThrow();
    const archived = { ...CJ, status: 'archived' as const, topics: { lingkungan: ['hutan'] }, cityHashtags: {}, endsAt: '2015-02-01T00:00:00+07:00' };
    expect(await store.updateCampaign(archived)).toBe(true);
    expect(await store.getCampaign(JKT)).toEqual(archived);
    expect(await store.updateCampaign({ ...CJ, id: 'missing' })).toBe(false);
    expect(await store.listCampaigns()).toHaveLength(2);
  });

  it("stores a campaign's logo beside it, with the report's header, and removes it", async () => {
    const store = current();
    await store.createCampaign(CJ);
    expect(await store.getLogo(JKT)).toBeNull();
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);
    const updatedAt = '2015-01-20T03:00:00.000Z';
    const branded = {
      ...CJ,
      organisation: 'Relawan TIK',
      preparedFor: 'Bank Nusantara',
      logo: { contentType: 'image/png' as const, size: bytes.length, updatedAt },
    };
    expect(await store.saveLogo(branded, { contentType: 'image/png', bytes, updatedAt })).toBe(true);
    expect(await store.getCampaign(JKT)).toEqual(branded);
    const logo = await store.getLogo(JKT);
    expect(logo && { ...logo, bytes: [...logo.bytes] }).toEqual({ contentType: 'image/png', bytes: [...bytes], updatedAt });
    // Reading the campaigns never carries the image.
    expect(JSON.stringify(await store.listCampaigns())).not.toMatch(/"(bytes|data)"/);
    const removed = { ...branded, logo: null };
    expect(await store.saveLogo(removed, null)).toBe(true);
    expect(await store.getLogo(JKT)).toBeNull();
    expect((await store.getCampaign(JKT))?.logo ?? null).toBeNull();
    expect(await store.saveLogo({ ...CJ, id: 'missing' }, { contentType: 'image/png', bytes, updatedAt })).toBe(false);
    expect(await store.getLogo('missing')).toBeNull();
  });

  it('stores a batch saved twice once', async () => {
    const store = await withCampaigns(current());
    const first = await store.saveBatch(B1);
    expect(first).toEqual({
      inserted: 4,
      updated: 0,
      changedDays: { [JKT]: ['2015-01-13', '2015-01-14'], [PAPUA]: ['2015-01-14'] },
    });
    const again = await store.saveBatch(B1);
    expect(again).toEqual({ inserted: 0, updated: 0, changedDays: {} });
    expect(await store.countPosts()).toBe(4);
    expect(await store.campaignPosts(JKT)).toHaveLength(4);
  });

  it('keeps the newest observation of a post and the latest known follower count', async () => {
    const store = await withCampaigns(current());
    await store.saveBatch(B1);
    await store.saveBatch(B2);
    expect(await store.saveBatch(B3)).toMatchObject({ inserted: 1, updated: 1 });
    const stale = await store.saveBatch(B4);
    expect(stale).toEqual({ inserted: 0, updated: 0, changedDays: {} });
    const rows = await store.campaignPosts(JKT);
    const p5 = findPost(rows, 'p5');
    expect(p5?.counts.likes).toBe(20);
    expect(p5?.engagement).toBe(25);
    expect(p5?.observedAt).toBe('2015-01-15T06:00:00.000Z');
    const a1 = rows.find((r) => r.post.postId === 'p1')?.author;
    // The newer observation renamed the author but knew no follower count: 1500 stays.
    expect(a1).toMatchObject({ handle: 'ayu_baru', followers: 1500, observedAt: '2015-01-16T06:00:00.000Z' });
    const a6 = rows.find((r) => r.post.postId === 'p5')?.author;
    expect(a6).toMatchObject({ followers: 5000, observedAt: '2015-01-14T06:00:00.000Z' });
  });

  it('round-trips posts, authors and memberships exactly', async () => {
    const store = await withCampaigns(current());
    for (const b of FIXTURE_BATCHES) await store.saveBatch(b);
    const data = latestState(FIXTURE_BATCHES);
    for (const campaignId of [JKT, PAPUA]) {
      const rows = await store.campaignPosts(campaignId);
      const expected = data.memberships.filter((m) => m.campaignId === campaignId);
      expect(rows.map((r) => r.membership)).toEqual(expect.arrayContaining(expected));
      expect(rows).toHaveLength(expected.length);
      for (const r of rows) {
        expect(r.post).toEqual(data.posts.find((p) => p.platform === r.post.platform && p.postId === r.post.postId));
        expect(r.author).toEqual(data.authors.find((a) => a.platform === r.post.platform && a.authorId === r.post.authorId) ?? null);
      }
    }
  });

  it('holds one post in two campaigns with an attribution each', async () => {
    const store = await withCampaigns(current());
    await store.saveBatch(B1);
    await store.saveBatch(B2);
    const jkt = (await store.campaignPosts(JKT)).find((r) => r.post.postId === 'p4');
    const papua = (await store.campaignPosts(PAPUA)).find((r) => r.post.postId === 'p4');
    expect(jkt?.membership).toMatchObject({ day: '2015-01-13', hour: '2015-01-13T22', cityCode: '53.71' });
    expect(papua?.membership).toMatchObject({ day: '2015-01-14', hour: '2015-01-14T00', cityCode: '91.71' });
    expect(jkt?.post).toEqual(papua?.post);
    expect(await store.countPosts()).toBe(7);
  });

  it('reports the days of every campaign holding a changed post, and of changed memberships', async () => {
    const store = await withCampaigns(current());
    await store.saveBatch(B1);
    await store.saveBatch(B2);
    const p4 = B2.posts.find((p) => p.postId === 'p4') as StoredPost;
    const m4 = B2.memberships.find((m) => m.postId === 'p4' && m.campaignId === JKT) as CampaignPost;
    const grown = { ...p4, counts: { ...p4.counts, likes: 99 }, engagement: 103, observedAt: '2015-01-20T00:00:00.000Z' };
    expect(await store.saveBatch({ posts: [grown], authors: [], memberships: [m4] })).toEqual({
      inserted: 0,
      updated: 1,
      changedDays: { [JKT]: ['2015-01-13'], [PAPUA]: ['2015-01-14'] },
    });
    // Same post, not newer, but its JKT attribution moved: that campaign's figures change.
    const moved = { ...m4, cityCode: null, provinceCode: null, locationMethod: 'none' as const };
    expect(await store.saveBatch({ posts: [grown], authors: [], memberships: [moved] })).toEqual({
      inserted: 0,
      updated: 0,
      changedDays: { [JKT]: ['2015-01-13'] },
    });
  });

  it('stores topics and hashtags as sets, with other for a post without topic', async () => {
    const store = await withCampaigns(current());
    const m = { ...(B1.memberships[0] as CampaignPost), topics: [], hashtags: ['socmed4socgood', 'socmed4socgood'] };
    await store.saveBatch({ ...B1, memberships: [m] });
    const [row] = await store.campaignPosts(JKT);
    expect(row?.membership).toMatchObject({ topics: ['other'], hashtags: ['socmed4socgood'] });
    const [byTopic] = await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: ['topic', 'hashtag'] });
    expect(byTopic).toMatchObject({ keys: ['other', 'socmed4socgood'], posts: 1 });
  });

  it("replaces a campaign's memberships and nothing else", async () => {
    const store = await withCampaigns(current());
    await store.saveBatch(B1);
    const jkt = B1.memberships.filter((m) => m.campaignId === JKT);
    const kept = jkt.slice(0, 2).map((m) => ({ ...m, topics: ['education'], cityCode: '91.71' }));
    await store.replaceMemberships(JKT, kept);
    expect((await store.campaignPosts(JKT)).map((r) => r.membership)).toEqual(expect.arrayContaining(kept));
    expect(await store.campaignPosts(JKT)).toHaveLength(2);
    expect(await store.campaignPosts(PAPUA)).toHaveLength(1);
    expect(await store.countPosts()).toBe(4);
  });

  it("updates some of a campaign's memberships in place, leaving the rest, and pends the days they left and reached", async () => {
    const store = await withCampaigns(current());
    await store.saveBatch(B1);
    const jkt = (await store.campaignPosts(JKT)).map((r) => r.membership);
    for (const d of await store.pendingRollupDays(JKT)) await store.refreshRollups(JKT, [d]);
    const stamp = await store.dataStamp(JKT);
    const [first, ...rest] = jkt;
    const moved = { ...first!, topics: ['education'], cityCode: '91.71', day: '2015-01-16', hour: '2015-01-16T09' };
    await store.updateMemberships(JKT, [moved]);
    const after = (await store.campaignPosts(JKT)).map((r) => r.membership);
    expect(after).toHaveLength(jkt.length);
    expect(after).toEqual(expect.arrayContaining([moved, ...rest]));
    expect(await store.pendingRollupDays(JKT)).toEqual([...new Set([first!.day, '2015-01-16'])].sort());
    expect(await store.dataStamp(JKT)).not.toEqual(stamp);
    expect(await store.campaignPosts(PAPUA)).toHaveLength(1);
    await expect(store.updateMemberships(JKT, [{ ...moved, campaignId: PAPUA }])).rejects.toThrow(RangeError);
  });

  it('round-trips checkpoints per campaign and source', async () => {
    const store = await withCampaigns(current());
    expect(await store.getCheckpoint(JKT, 'x')).toBeNull();
    await store.saveBatch({ posts: [], authors: [], memberships: [] }, { campaignId: JKT, source: 'x', value: { sinceId: '100', pages: [1, 2] } });
    await store.saveBatch(B1, { campaignId: JKT, source: 'mastodon', value: 'max_id=7' });
    await store.saveBatch({ posts: [], authors: [], memberships: [] }, { campaignId: JKT, source: 'x', value: { sinceId: '200' } });
    expect(await store.getCheckpoint(JKT, 'x')).toEqual({ sinceId: '200' });
    expect(await store.getCheckpoint(JKT, 'mastodon')).toBe('max_id=7');
    expect(await store.getCheckpoint(PAPUA, 'x')).toBeNull();
  });

  it('refreshes rollups idempotently, dropping cells whose posts left', async () => {
    const store = await withCampaigns(current());
    for (const b of FIXTURE_BATCHES) await store.saveBatch(b);
    const days = FIXTURE_DAYS[JKT] ?? [];
    await store.refreshRollups(JKT, days);
    await store.refreshRollups(JKT, days);
    const data = latestState(FIXTURE_BATCHES);
    expect(await store.readRollups(JKT)).toEqual(referenceRollups(data, JKT));
    expect(await store.readRollups(PAPUA)).toEqual([]);
    const rows = await store.campaignPosts(JKT);
    const remaining = rows.map((r) => r.membership).filter((m) => m.day !== '2015-01-15');
    await store.replaceMemberships(JKT, remaining);
    await store.refreshRollups(JKT, ['2015-01-15']);
    const after = await store.readRollups(JKT);
    expect(after.some((r) => r.day === '2015-01-15')).toBe(false);
    expect(after).toEqual(referenceRollups({ ...data, memberships: remaining }, JKT));
    await store.refreshRollups(JKT, []);
    expect(await store.readRollups(JKT)).toEqual(after);
  });

  it('keeps the days whose rollups wait for the metrics job, from the change until a refresh covers them', async () => {
    const store = await withCampaigns(current());
    expect(await store.pendingRollupDays(JKT)).toEqual([]);
    await store.saveBatch(B1);
    expect(await store.pendingRollupDays(JKT)).toEqual(['2015-01-13', '2015-01-14']);
    expect(await store.pendingRollupDays(PAPUA)).toEqual(['2015-01-14']);
    await store.refreshRollups(JKT, ['2015-01-13']);
    expect(await store.pendingRollupDays(JKT)).toEqual(['2015-01-14']);
    await store.refreshRollups(JKT, ['2015-01-14']);
    expect(await store.pendingRollupDays(JKT)).toEqual([]);
    // Nothing changed: nothing to recompute.
    await store.saveBatch(B1);
    expect(await store.pendingRollupDays(JKT)).toEqual([]);
    // A re-attribution leaves the days it left and the days it reached pending.
    const moved = (await store.campaignPosts(JKT))
      .map((r) => r.membership)
      .map((m) => (m.postId === 'p1' ? { ...m, day: '2015-01-16', hour: '2015-01-16T09' } : m));
    await store.replaceMemberships(JKT, moved);
    expect(await store.pendingRollupDays(JKT)).toEqual(['2015-01-13', '2015-01-14', '2015-01-16']);
    expect(await store.pendingRollupDays(PAPUA)).toEqual(['2015-01-14']);
  });

  it('moves the data stamp with every change to a campaign figure, and only then', async () => {
    const store = await withCampaigns(current());
    const empty = await store.dataStamp(JKT);
    expect(empty.newestPostAt).toBeNull();
    await store.saveBatch(B1);
    const s1 = await store.dataStamp(JKT);
    expect(s1.version).not.toBe(empty.version);
    expect(s1.newestPostAt).toBe('2015-01-14T03:00:00.000Z');
    // The same observations again, and a stale re-read: figures unchanged, stamp unchanged.
    await store.saveBatch(B1);
    await store.saveBatch({ posts: [], authors: [B4.authors[0]!], memberships: [] });
    expect(await store.dataStamp(JKT)).toEqual(s1);
    // Rollups have their own counter.
    await store.refreshRollups(JKT, ['2015-01-13']);
    const s2 = await store.dataStamp(JKT);
    expect(s2.version).toBe(s1.version);
    expect(s2.rollupVersion).not.toBe(s1.rollupVersion);
    // A new follower count of an author changes the reach of every campaign: PAPUA moves too.
    const papua = await store.dataStamp(PAPUA);
    await store.saveBatch({ posts: [], authors: [{ ...B1.authors[0]!, observedAt: '2015-01-20T00:00:00.000Z', followers: 1234 }], memberships: [] });
    const s3 = await store.dataStamp(JKT);
    expect(s3.version).not.toBe(s2.version);
    expect((await store.dataStamp(PAPUA)).version).not.toBe(papua.version);
    // A re-attribution changes the figures.
    await store.replaceMemberships(
      JKT,
      (await store.campaignPosts(JKT)).map((r) => r.membership),
    );
    expect((await store.dataStamp(JKT)).version).not.toBe(s3.version);
  });

  it("moves every campaign holding an author's posts when the author's first profile arrives", async () => {
    const store = await withCampaigns(current());
    // The posts arrive without their authors' profiles (an X page without the users expansion).
    await store.saveBatch({ ...B1, authors: [] });
    const author = B1.authors.find((a) => a.followers !== undefined)!;
    const reachBefore = (await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: [] }))[0]!.reach;
    const jkt = await store.dataStamp(JKT);
    const papua = await store.dataStamp(PAPUA);
    // A profile of somebody with no stored post changes no figure.
    await store.saveBatch({ posts: [], authors: [{ ...author, authorId: 'nobody-yet' }], memberships: [] });
    expect(await store.dataStamp(JKT)).toEqual(jkt);
    // The profile of an author of stored posts changes the reach of every campaign.
    await store.saveBatch({ posts: [], authors: [author], memberships: [] });
    expect((await store.dataStamp(JKT)).version).not.toBe(jkt.version);
    expect((await store.dataStamp(PAPUA)).version).not.toBe(papua.version);
    const reachAfter = (await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: [] }))[0]!.reach;
    expect(reachAfter).toBe(reachBefore + author.followers!);
  });
}
