import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, CollectionRun } from '../../src/domain/campaign.js';
import { generateDemoData } from '../../src/demo/x-demo-data.js';
import { createXSource } from '../../src/sources/x/x.source.js';
import { parseCheckpoint } from '../../src/sources/x/x.checkpoint.js';
import { collectProcessor } from '../../src/jobs/collect.processor.js';
import { OPERATOR } from '../../src/services/auth/principal.js';
import { createFakeXApi, type FakeResponse, type RunningFakeXApi } from '../helpers/fake-x-api.js';
import { silentLog } from '../helpers/queues.js';
import { startService, type RunningService } from '../helpers/service.js';

/**
 * The platform misbehaves on the second page of a collection: a body cut short, a body that is
 * JSON but not X's shape, or no answer at all. Each time the run is recorded as failed with a
 * message a person can act on, the first page is stored with its checkpoint and nothing of the
 * bad page is, and the next run picks up where the stored page left off.
 */
const HOUR = 3_600_000;
const data = generateDemoData({ hashtag: 'SocMed4SocGood', start: new Date(Date.now() - 30 * HOUR), days: 1, posts: 300, seed: 55 });
const SEARCH = '/2/tweets/search/recent';
const fields = { name: 'Faults', hashtags: ['#SocMed4SocGood'], startsAt: new Date(Date.now() - 48 * HOUR).toISOString(), sources: [{ type: 'x' as const }] };

describe('a platform that answers badly or not at all', () => {
  let fake: RunningFakeXApi;
  let svc: RunningService;

  beforeAll(async () => {
    fake = await createFakeXApi(data).start();
    svc = await startService({ env: { X_BEARER_TOKEN: fake.bearerToken, X_API_BASE_URL: fake.baseUrl } });
  });
  afterEach(() => fake.setHandler(undefined));
  afterAll(async () => {
    await svc?.close();
    await fake?.close();
  });

  /** Answers the second search request of a run with `bad`. */
  function failSecondPage(bad: FakeResponse): void {
    let searches = 0;
    fake.setHandler((req) => (req.path === SEARCH && ++searches === 2 ? bad : undefined));
  }

  async function firstPageOnly(campaign: Campaign, run: CollectionRun | undefined, error: RegExp): Promise<void> {
    expect(run).toMatchObject({ status: 'failed', pages: 1, postsRead: 100 });
    expect(run?.error).toMatch(error);
    const stored = (await svc.rt.store.campaignPosts(campaign.id)).map((r) => r.post.postId);
    expect(stored).toEqual(
      data.tweets
        .slice(0, 100)
        .map((t) => t.id)
        .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))
        .map(String),
    );
    expect(parseCheckpoint(await svc.rt.store.getCheckpoint(campaign.id, 'x')).pending?.untilId).toBe(data.tweets[99]!.id);
  }

  /** Runs the processor once, as a runner would, and returns the run it recorded. */
  async function collectOnce(campaign: Campaign, sourceOpts: { requestTimeoutMs?: number } = {}) {
    const source = createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl, sleep: async () => undefined, ...sourceOpts });
    const deps = {
      store: svc.rt.store,
      queue: svc.rt.queue,
      sources: new Map([['x' as const, source]]),
      gazetteer: svc.rt.gazetteer,
      log: silentLog,
      now: () => new Date(),
    };
    const outcome = await collectProcessor({ campaignId: campaign.id, source: 'x' }, { jobId: `fault-${campaign.id}-${Date.now()}`, attempt: 1 }, deps).then(
      () => undefined,
      (err: unknown) => err,
    );
    const [run] = await svc.rt.store.listRuns(campaign.id, 1);
    return { outcome, run };
  }

  it.each([
    ['a body cut short', { status: 200, body: '{"data":[{"id":"1234","text":"Workshop lit' }, /malformed response.*not valid JSON/],
    ["JSON that is not X's shape", { status: 200, body: { data: 'not a list', meta: { result_count: 1 } } }, /malformed response.*"data" is not an array/],
  ] satisfies Array<[string, FakeResponse, RegExp]>)('%s: the run fails clearly and stores only the whole pages', async (_what, bad, error) => {
    const campaign = await svc.rt.http.campaigns.create(OPERATOR, fields);
    failSecondPage(bad);
    const first = await collectOnce(campaign);
    expect(first.outcome).toBeInstanceOf(Error);
    await firstPageOnly(campaign, first.run, error);

    fake.setHandler(undefined);
    const second = await collectOnce(campaign);
    expect(second.run).toMatchObject({ status: 'succeeded', postsRead: 200 });
    expect(await svc.rt.store.campaignPosts(campaign.id)).toHaveLength(data.tweets.length);
  });

  it('a platform that hangs: each request times out, the run fails saying so, and nothing half-written', { timeout: 20_000 }, async () => {
    const campaign = await svc.rt.http.campaigns.create(OPERATOR, fields);
    let searches = 0;
    fake.setHandler((req) => (req.path === SEARCH && ++searches >= 2 ? { status: 200, delayMs: Infinity } : undefined));
    const { outcome, run } = await collectOnce(campaign, { requestTimeoutMs: 200 });
    expect(outcome).toBeInstanceOf(Error);
    await firstPageOnly(campaign, run, /failed after 5 retries: no answer within 0\.2 s/);
    // One request, then five retries, all of the hanging page.
    expect(searches).toBe(1 + 6);
  });
});
