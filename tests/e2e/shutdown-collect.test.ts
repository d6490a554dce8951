import { afterAll, describe, expect, it } from 'vitest';
import { createFakeMastodon, type RunningFakeMastodon } from '../helpers/fake-mastodon.js';
import { tagged } from '../helpers/mastodon.fixtures.js';
import { startService } from '../helpers/service.js';

// A shutdown (SIGTERM → close) during a collection aborts the request in hand at once: it does not
// wait for a platform that is slow to answer (30 s per request, retried), and sends nothing more.

describe('shutdown during a collection', () => {
  let fake: RunningFakeMastodon | undefined;
  afterAll(async () => {
    await fake?.close();
  });

  it('aborts the request in hand and returns without waiting for the platform', async () => {
    fake = await createFakeMastodon(tagged('kupang.social', 5, 2)).start();
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    // The instance never answers: without an abort, close() would wait for the 30 s time limit and its retries.
    fake.setHandler(() => {
      arrived();
      return { status: 200, body: [], delayMs: Number.POSITIVE_INFINITY };
    });
    const svc = await startService({ env: { ALLOW_PRIVATE_TARGETS: 'true' } });
    const created = await svc.api('/api/v1/campaigns', {
      method: 'POST',
      json: { name: 'Slow', hashtags: ['#SocMed4SocGood'], sources: [{ type: 'mastodon', instances: [fake.baseUrl] }] },
    });
    const { campaign } = (await created.json()) as { campaign: { id: string } };
    await svc.api(`/api/v1/campaigns/${campaign.id}/collect`, { method: 'POST' });
    await requestArrived;
    await svc.close();
    expect(fake.requests).toHaveLength(1);
  }, 20_000);
});
