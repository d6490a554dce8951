import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign.js';
import { loadGazetteer, type Gazetteer } from '../../src/geo/gazetteer.js';
import { AppError, QueueUnavailableError } from '../../src/errors.js';
import { parseImportFile, type ImportFormat } from '../../src/import/import.parse.js';
import type { AddResult, JobName, JobPayloads, JobQueue } from '../../src/queue/jobs.js';
import { createAuditService } from '../../src/services/audit.service.js';
import { OPERATOR } from '../../src/services/auth/principal.js';
import { createImportService } from '../../src/services/import.service.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { Store } from '../../src/store/store.port.js';
import { makeCampaign } from '../helpers/campaigns.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8');
const POSTS_CSV = fixture('posts.csv');

/** A queue that only records what was asked of it; with `unreachable`, it takes nothing, as BullMQ with Redis away. */
function recordingQueue(unreachable = false) {
  const added: Array<{ name: JobName; payload: unknown }> = [];
  const queue: JobQueue = {
    kind: 'inline',
    async add<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<AddResult> {
      if (unreachable) throw new QueueUnavailableError(5_000);
      added.push({ name, payload });
      return { jobId: `job-${added.length}`, duplicate: false };
    },
    // It runs nothing, so nothing is ever waiting.
    async counts() {
      return {};
    },
    async onIdle() {},
    async ping() {},
    async close() {},
  };
  return { queue, added };
}

let gazetteer: Gazetteer;
let store: Store;
beforeAll(async () => {
  gazetteer = await loadGazetteer();
});
afterEach(async () => store?.close());

/** A fresh store holding the campaign, and an import service whose clock moves a minute per import. */
async function setup(campaign: Campaign = makeCampaign(), opts: { queueUnreachable?: boolean } = {}) {
  store = createSqliteStore({ file: ':memory:' });
  await store.createCampaign(campaign);
  const { queue, added } = recordingQueue(opts.queueUnreachable);
  let t = Date.parse('2015-02-01T00:00:00Z');
  const now = () => new Date(t);
  const service = createImportService({ store, queue, audit: createAuditService({ accounts: store.accounts, now }), gazetteer, now });
  const importText = (text: string, format: ImportFormat = 'csv') => {
    t += 60_000;
    return service.importPosts(OPERATOR, campaign, parseImportFile(text, format, { timeZone: campaign.timeZone, city: (c) => gazetteer.city(c) }));
  };
  const posts = async () => new Map((await store.campaignPosts(campaign.id)).map((p) => [p.post.postId, p]));
  return { campaign, added, importText, posts };
}

describe('import service on SQLite', () => {
  it('stores the good rows once, reports each bad row with its reason, and asks for the metrics of the changed days', async () => {
    const { campaign, added, importText } = await setup();
    const result = await importText(POSTS_CSV);
    expect(result).toEqual({
      imported: 4,
      duplicates: 0,
      rejected: [
        { row: 6, error: expect.stringMatching(/^kind: a pure repost/) },
        { row: 7, error: expect.stringMatching(/^likes: /) },
        { row: 8, error: 'created_at: before the campaign starts (2015-01-13 00:00 Asia/Jakarta)' },
        { row: 9, error: expect.stringMatching(/^hashtags: none of the campaign hashtags \(#SocMed4SocGood\)/) },
      ],
    });
    expect(await store.countPosts()).toBe(4);
    expect(added).toEqual([{ name: 'metrics', payload: { campaignId: campaign.id, days: ['2015-01-20', '2015-01-21', '2015-01-22'] } }]);
    const [run] = await store.listRuns(campaign.id, 10);
    expect(run).toMatchObject({ source: 'import', kind: 'import', status: 'succeeded', newPosts: 4, updatedPosts: 0, postsRead: 8, error: null });
    // Audited by the service itself, as whoever imported: the API and the command line alike.
    expect(await store.accounts.listAudit({ limit: 10 })).toEqual([
      {
        id: expect.any(String),
        at: '2015-02-01T00:01:00.000Z',
        actor: { type: 'operator', userId: null, via: 'admin-token', label: 'operator' },
        action: 'campaign.import',
        target: { type: 'campaign', id: campaign.id },
        details: { imported: 4, duplicates: 0, rejected: 4 },
      },
    ]);
  });

  it('computes the figures of METRICS.md from the imported counts: absent counts add 0, views are reported impressions', async () => {
    const { campaign, importText } = await setup();
    await importText(POSTS_CSV);
    const [all] = await store.queryMetrics({ campaignId: campaign.id, filter: {}, groupBy: [] });
    expect(all).toMatchObject({
      posts: 4,
      contributors: 4,
      engagement: 192 + 48 + 965,
      impressionsReported: 17_000,
      impressionsEstimated: 0,
      reach: 1200 + 800,
    });
    const bySource = await store.queryMetrics({ campaignId: campaign.id, filter: {}, groupBy: ['source'] });
    expect(bySource.map((r) => [r.keys[0], r.posts])).toEqual([['import', 4]]);
  });

  it('re-importing the same file stores nothing twice', async () => {
    const { campaign, importText } = await setup();
    await importText(POSTS_CSV);
    const again = await importText(POSTS_CSV);
    expect(again).toMatchObject({ imported: 0, duplicates: 4 });
    expect(again.rejected.map((r) => r.row)).toEqual([6, 7, 8, 9]);
    expect(await store.countPosts()).toBe(4);
    const [all] = await store.queryMetrics({ campaignId: campaign.id, filter: {}, groupBy: [] });
    expect(all).toMatchObject({ posts: 4, contributors: 4 });
  });

  it('a re-import with higher counts is a newer observation: the counts and figures are updated', async () => {
    const { importText, posts } = await setup();
    await importText(POSTS_CSV);
    const first = (await posts()).get('instagram:C1a2B3')!.post;
    const result = await importText(POSTS_CSV.replace(',150,,12,,30,5000,', ',400,9,12,,30,8000,'));
    expect(result).toMatchObject({ imported: 0, duplicates: 4 });
    const after = (await posts()).get('instagram:C1a2B3')!.post;
    expect(after.counts).toEqual({ likes: 400, reposts: 9, replies: 12, bookmarks: 30 });
    expect(after).toMatchObject({ engagement: 451, impressions: 8000, impressionsSource: 'reported' });
    expect(Date.parse(after.observedAt)).toBeGreaterThan(Date.parse(first.observedAt));
    expect(await store.countPosts()).toBe(4);
  });

  it('locates a row with a city code by rule 1 (geo), the others by profile or not at all', async () => {
    const { importText, posts } = await setup();
    await importText(POSTS_CSV);
    const stored = await posts();
    const where = (id: string) => {
      const m = stored.get(id)!.membership;
      return [m.locationMethod, m.cityCode];
    };
    expect(where('facebook:10150001')).toEqual(['geo', '53.71']);
    expect(where('instagram:C1a2B3')).toEqual(['profile', '73.71']);
    expect(where('tiktok:7001')).toEqual(['profile', '53.71']);
    expect(where('whatsapp:wa-1')).toEqual(['none', null]);
  });

  it('keeps ids of different platforms apart, for posts and for authors', async () => {
    const { importText, posts, campaign } = await setup();
    const text =
      'platform,post_id,created_at,text,author_id,author_followers\ninstagram,1,2015-01-20 10:00,#SocMed4SocGood,u,100\nfacebook,1,2015-01-20 10:00,#SocMed4SocGood,u,50';
    expect(await importText(text)).toMatchObject({ imported: 2, duplicates: 0, rejected: [] });
    expect([...(await posts()).keys()].sort()).toEqual(['facebook:1', 'instagram:1']);
    const [all] = await store.queryMetrics({ campaignId: campaign.id, filter: {}, groupBy: [] });
    expect(all).toMatchObject({ contributors: 2, reach: 150 });
  });

  it('rejects rows after the end of a closed campaign, and rows from the future of an open one', async () => {
    const closed = await setup(makeCampaign({ id: 'c-closed', endsAt: '2015-01-21T00:00:00+07:00' }));
    const res = await closed.importText(POSTS_CSV);
    expect(res.imported).toBe(1);
    expect(
      res.rejected.filter((r) => r.error.startsWith('created_at: at or after the campaign ends (2015-01-21 00:00 Asia/Jakarta)')).map((r) => r.row),
    ).toEqual([3, 4, 5, 9]);
    await store.close();

    const open = await setup();
    const future = await open.importText('platform,post_id,created_at,text,author_id\ninstagram,1,2030-01-01 10:00,#SocMed4SocGood,u');
    expect(future).toEqual({ imported: 0, duplicates: 0, rejected: [{ row: 2, error: 'created_at: in the future' }] });
  });

  it('a file whose rows all fail stores no post and asks for no metrics, but the run is recorded', async () => {
    const { campaign, added, importText } = await setup();
    const res = await importText('platform,post_id,created_at,text,author_id\ninstagram,1,2015-01-20 10:00,no hashtag,u');
    expect(res).toMatchObject({ imported: 0, duplicates: 0 });
    expect(await store.countPosts()).toBe(0);
    expect(added).toEqual([]);
    expect((await store.listRuns(campaign.id, 10))[0]).toMatchObject({ source: 'import', status: 'succeeded', newPosts: 0 });
  });

  it('with the queue unreachable, keeps and audits the import and says so: its metrics are pending for the reconciler', async () => {
    const { campaign, importText } = await setup(makeCampaign(), { queueUnreachable: true });
    const err: unknown = await importText(POSTS_CSV).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueueUnavailableError);
    expect(err).toMatchObject({ changeSaved: true, message: expect.stringMatching(/^The change is saved.*Do not send this request again\.$/) });
    expect(await store.countPosts()).toBe(4);
    expect((await store.listRuns(campaign.id, 10)).map((r) => [r.status, r.newPosts])).toEqual([['succeeded', 4]]);
    expect((await store.accounts.listAudit({ limit: 10 })).map((e) => e.action)).toEqual(['campaign.import']);
    expect(await store.pendingRollupDays(campaign.id)).toEqual(['2015-01-20', '2015-01-21', '2015-01-22']);
  });

  it('refuses an archived campaign and writes nothing', async () => {
    const { importText } = await setup(makeCampaign({ status: 'archived' }));
    await expect(importText(POSTS_CSV)).rejects.toMatchObject({ status: 409, code: 'campaign_archived' } satisfies Partial<AppError>);
    expect(await store.countPosts()).toBe(0);
  });

  it('imports the JSON file the same way', async () => {
    const { importText, posts } = await setup();
    const res = await importText(fixture('posts.json'), 'json');
    expect(res).toMatchObject({ imported: 2, duplicates: 0, rejected: [{ row: 3 }] });
    expect((await posts()).get('instagram:J1')!.membership).toMatchObject({ locationMethod: 'geo', cityCode: '82.71' });
  });
});
