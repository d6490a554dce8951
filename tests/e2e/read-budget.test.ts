import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src/demo/x-demo-data.js';
import { createFakeXApi, type RunningFakeXApi } from '../helpers/fake-x-api.js';
import { startService, type RunningService } from '../helpers/service.js';

const HOUR = 3_600_000;
const data = generateDemoData({ hashtag: 'SocMed4SocGood', start: new Date(Date.now() - 48 * HOUR), days: 1, posts: 250, seed: 11 });

/** X bills every post read: a campaign's monthly budget is a ceiling collection never passes. */
describe('monthly X read budget', () => {
  let fake: RunningFakeXApi;
  let svc: RunningService;
  let campaignId: string;

  beforeAll(async () => {
    fake = await createFakeXApi(data).start();
    svc = await startService({ env: { X_BEARER_TOKEN: fake.bearerToken, X_API_BASE_URL: fake.baseUrl } });
    const res = await svc.api('/api/v1/campaigns', {
      method: 'POST',
      json: {
        name: 'Budget',
        hashtags: ['#SocMed4SocGood'],
        startsAt: new Date(Date.now() - 72 * HOUR).toISOString(),
        sources: [{ type: 'x' }],
        monthlyReadBudget: 150,
      },
    });
    campaignId = ((await res.json()) as { campaign: { id: string } }).campaign.id;
  });
  afterAll(async () => {
    await svc?.close();
    await fake?.close();
  });

  async function collect() {
    await svc.api(`/api/v1/campaigns/${campaignId}/collect`, { method: 'POST' });
    await svc.idle();
    const { runs } = (await (await svc.api(`/api/v1/campaigns/${campaignId}/runs`)).json()) as {
      runs: Array<{ status: string; postsRead: number; error: string | null }>;
    };
    return runs;
  }

  it('stops before a page that could pass the budget, says so, and resumes with what is left', async () => {
    const first = await collect();
    expect(first[0]).toMatchObject({ status: 'failed', postsRead: 100 });
    expect(first[0]!.error).toMatch(/monthly X read budget \(150 posts\) is spent: collection resumes on \d{4}-\d{2}-01/);

    const second = await collect();
    expect(second[0]).toMatchObject({ status: 'failed', postsRead: 50 });
    const third = await collect();
    // Nothing left: no request is sent at all.
    expect(third[0]).toMatchObject({ status: 'failed', postsRead: 0 });

    const read = third.reduce((sum, r) => sum + r.postsRead, 0);
    expect(read).toBe(150);
    const searches = fake.requests.filter((r) => r.path === '/2/tweets/search/recent');
    expect(searches.map((r) => Number(r.query.max_results))).toEqual([100, 50]);
    const summary = (await (await svc.api(`/api/v1/campaigns/${campaignId}/metrics/summary`)).json()) as { posts: number };
    expect(summary.posts).toBe(150);
    const { campaign } = (await (await svc.api(`/api/v1/campaigns/${campaignId}`)).json()) as { campaign: { collection: Record<string, { error: string }> } };
    expect(campaign.collection.x!.error).toMatch(/raise monthlyReadBudget/);
  });

  it('rejects a budget smaller than one page', async () => {
    const res = await svc.api(`/api/v1/campaigns/${campaignId}`, { method: 'PATCH', json: { monthlyReadBudget: 5 } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { details: Array<{ field: string }> } }).error.details[0]!.field).toBe('monthlyReadBudget');
  });
});
