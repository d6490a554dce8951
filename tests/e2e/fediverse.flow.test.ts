import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePosts } from '../helpers/bluesky.fixtures.js';
import { createFakeBluesky, type RunningFakeBluesky } from '../helpers/fake-bluesky.js';
import { createFakeMastodon, type RunningFakeMastodon } from '../helpers/fake-mastodon.js';
import { tagged } from '../helpers/mastodon.fixtures.js';
import { startService, type RunningService } from '../helpers/service.js';

/** Campaigns collecting from Mastodon and Bluesky through the whole service, like the X flow. */
describe('collection flow from Mastodon and Bluesky', () => {
  let mastodon: RunningFakeMastodon;
  let bluesky: RunningFakeBluesky;
  let svc: RunningService;
  let campaignId: string;
  let statuses: ReturnType<typeof tagged>;
  const bsky = generatePosts({ count: 120, newestMs: Date.now() - 2 * 3_600_000 });

  beforeAll(async () => {
    [mastodon, bluesky] = await Promise.all([createFakeMastodon([]).start(), createFakeBluesky(bsky).start()]);
    statuses = tagged(mastodon.host, 90, 2);
    mastodon.add(statuses);
    svc = await startService({
      // The fake instance listens on 127.0.0.1.
      env: {
        ALLOW_PRIVATE_TARGETS: 'true',
        BLUESKY_HANDLE: bluesky.account.handle,
        BLUESKY_APP_PASSWORD: bluesky.account.password,
        BLUESKY_API_BASE_URL: bluesky.baseUrl,
      },
    });
  });
  afterAll(async () => {
    await svc?.close();
    await Promise.all([mastodon?.close(), bluesky?.close()]);
  });

  async function collect() {
    const res = await svc.api(`/api/v1/campaigns/${campaignId}/collect`, { method: 'POST' });
    expect(res.status).toBe(202);
    await svc.idle();
    const { runs } = (await (await svc.api(`/api/v1/campaigns/${campaignId}/runs`)).json()) as {
      runs: Array<{ source: string; status: string; newPosts: number; error: string | null }>;
    };
    return Object.fromEntries(runs.slice(0, 2).map((r) => [r.source, r]));
  }

  it('collects each platform once per post and serves them by source', async () => {
    const created = await svc.api('/api/v1/campaigns', {
      method: 'POST',
      json: {
        name: 'Fedi',
        hashtags: ['#SocMed4SocGood'],
        startsAt: new Date(Date.now() - 24 * 3_600_000).toISOString(),
        sources: [{ type: 'mastodon', instances: [mastodon.baseUrl] }, { type: 'bluesky' }],
      },
    });
    expect(created.status).toBe(201);
    campaignId = ((await created.json()) as { campaign: { id: string } }).campaign.id;

    const first = await collect();
    expect(first.mastodon).toMatchObject({ status: 'succeeded', newPosts: statuses.length });
    expect(first.bluesky).toMatchObject({ status: 'succeeded', newPosts: bsky.posts.length, error: null });
    const again = await collect();
    expect([again.mastodon?.newPosts, again.bluesky?.newPosts]).toEqual([0, 0]);

    const bySource = (await (await svc.api(`/api/v1/campaigns/${campaignId}/metrics/breakdown?by=source`)).json()) as {
      rows: Array<{ key: string; label: string; posts: number; engagement: number }>;
    };
    const mastodonEngagement = statuses.reduce((sum, s) => sum + (s.favourites_count ?? 0) + (s.reblogs_count ?? 0) + (s.replies_count ?? 0), 0);
    const blueskyEngagement = bsky.posts.reduce((sum, p) => sum + (p.likeCount ?? 0) + (p.repostCount ?? 0) + (p.replyCount ?? 0) + (p.quoteCount ?? 0), 0);
    expect(bySource.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'mastodon', label: 'Mastodon', posts: statuses.length, engagement: mastodonEngagement }),
        expect.objectContaining({ key: 'bluesky', label: 'Bluesky', posts: bsky.posts.length, engagement: blueskyEngagement }),
      ]),
    );
  });
});
