import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeMastodon, rateLimited, type RunningFakeMastodon } from '../helpers/fake-mastodon.js';
import { tagged } from '../helpers/mastodon.fixtures.js';
import { startService, type RunningService } from '../helpers/service.js';

// An instance that always answers 429 with a reset 2 minutes ahead: the run ends at once as
// "waiting until <reset>" and the collection is rescheduled as a delayed job, instead of sleeping
// in the in-process runner while every other campaign's jobs wait behind it.

describe('a rate-limit reset further away than a run waits', () => {
  let svc: RunningService;
  let fake: RunningFakeMastodon;

  beforeAll(async () => {
    fake = await createFakeMastodon(tagged('kupang.social', 5, 2)).start();
    fake.setHandler(() => rateLimited(new Date(Date.now() + 120_000)));
    svc = await startService({ env: { ALLOW_PRIVATE_TARGETS: 'true' } });
  });
  afterAll(async () => {
    await svc?.close();
    await fake?.close();
  });

  it('ends the run as waiting, reschedules it, and lets another campaign’s jobs run meanwhile', async () => {
    const create = async (name: string, sources: unknown[]) => {
      const res = await svc.api('/api/v1/campaigns', {
        method: 'POST',
        json: { name, hashtags: ['#SocMed4SocGood'], startsAt: '2015-01-13T00:00:00+07:00', sources },
      });
      return ((await res.json()) as { campaign: { id: string } }).campaign.id;
    };
    const limited = await create('Rate-limited', [{ type: 'mastodon', instances: [fake.baseUrl] }]);
    const other = await create('Other', []);
    await svc.api(`/api/v1/campaigns/${limited}/collect`, { method: 'POST' });
    const csv = 'platform,post_id,created_at,text,author_id\ninstagram,wait-1,2015-01-20T10:00:00+07:00,#SocMed4SocGood di Makassar,ig-1\n';
    const imported = await svc.api(`/api/v1/campaigns/${other}/import`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    expect(imported.status).toBe(200);

    // Without the reschedule, the collect job would sleep 2 minutes in the runner and this would time out.
    await svc.idle();
    const runs = ((await (await svc.api(`/api/v1/campaigns/${limited}/runs`)).json()) as { runs: Array<{ status: string; error: string | null }> }).runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]?.error).toMatch(/is rate-limited: waiting until \d{4}-\d\d-\d\dT[\d:.]+Z, when the collection continues\.$/);
    expect(fake.requests).toHaveLength(1);
    expect(await svc.rt.queue.counts()).toMatchObject({ delayed: 1 });
    const summary = (await (await svc.api(`/api/v1/campaigns/${other}/metrics/summary`)).json()) as { posts: number };
    expect(summary.posts).toBe(1);
  });
});
