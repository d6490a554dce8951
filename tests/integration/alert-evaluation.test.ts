import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/alerts.js';
import type { CollectionRun } from '../../src/domain/campaign.js';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import type { JobName, JobPayloads } from '../../src/queue/jobs.js';
import { createAlertEvaluator, type AlertEvaluator } from '../../src/services/alert-evaluation.service.js';
import { createAlertsService } from '../../src/services/alerts.service.js';
import { createAuditService } from '../../src/services/audit.service.js';
import { createMetricsService } from '../../src/services/metrics.service.js';
import { createPostsService } from '../../src/services/posts.service.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { Store } from '../../src/store/store.port.js';
import { makeCampaign } from '../helpers/campaigns.js';
import { silentLog } from '../helpers/queues.js';
import { toBatches, type PostInput } from '../helpers/random-batches.js';

/** Rules judged where the facts are born: after runs, after metrics, on a digest's slot. Real SQLite store and services. */

const NOW = new Date('2026-12-02T03:00:00Z');

describe('alert evaluation', () => {
  let store: Store;
  let evaluator: AlertEvaluator;
  let added: Array<{ name: JobName; payload: JobPayloads[JobName]; jobId: string | undefined }>;
  let runs = 0;
  /** Post ids stay unique across calls of savePosts: a second call adds posts, never rewrites one. */
  let postSeq = 0;

  beforeEach(async () => {
    store = createSqliteStore({ file: ':memory:' });
    added = [];
    const gazetteer = await loadGazetteer();
    const now = () => NOW;
    const audit = createAuditService({ accounts: store.accounts, now });
    const alerts = createAlertsService({
      alerts: store.alerts,
      audit,
      queue: {
        add: async (name, payload, opts) => {
          added.push({ name, payload, jobId: opts?.jobId });
          return { jobId: opts?.jobId ?? 'x', duplicate: false };
        },
      },
      now,
      targets: { allowPrivateTargets: false },
      emailEnabled: false,
      origin: 'https://kabar.example.org',
      log: silentLog,
    });
    evaluator = createAlertEvaluator({
      alerts: store.alerts,
      store,
      raise: alerts.raise,
      metrics: createMetricsService({ store, gazetteer, now }),
      posts: createPostsService({ store, gazetteer, now }),
      now,
      log: silentLog,
    });
    await store.createCampaign(makeCampaign({ id: 'c1', name: 'Kampanye Uji', startsAt: '2026-11-30T00:00:00+07:00', monthlyReadBudget: 1000 }));
  });
  afterEach(async () => {
    await store.close();
  });

  const rule = async (id: string, over: Partial<Alert>): Promise<Alert> => {
    const alert = {
      id,
      campaignId: 'c1',
      channels: [{ type: 'webhook', url: 'https://hooks.example.org/x' }],
      locale: 'id',
      cooldownMinutes: 0,
      enabled: true,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      ...over,
    } as Alert;
    await store.alerts.createAlert(alert, 20);
    return alert;
  };
  const run = async (status: 'failed' | 'succeeded', postsRead = 0): Promise<CollectionRun> => {
    const r: CollectionRun = {
      id: `run-${runs}`,
      campaignId: 'c1',
      source: 'x',
      kind: 'collect',
      jobId: `job-${runs}`,
      status,
      startedAt: new Date(NOW.getTime() - 3_600_000 + runs++ * 1000).toISOString(),
      finishedAt: NOW.toISOString(),
      pages: 1,
      postsRead,
      usersRead: 0,
      newPosts: 0,
      updatedPosts: 0,
      error: status === 'failed' ? 'X answered HTTP 503' : null,
      notes: [],
    };
    await store.saveRun(r);
    await evaluator.afterRun(r);
    return r;
  };
  const events = async () => (await store.alerts.listDeliveries('c1', 100)).map((d) => d.event);

  it('source_failing: once per streak of N failed runs, again after a run that worked', async () => {
    await rule('sf', { kind: 'source_failing', params: { source: 'x', runs: 2 } });
    await run('failed');
    expect(await events()).toEqual([]);
    await run('failed');
    await run('failed');
    const [e] = await events();
    expect(await events()).toHaveLength(1);
    expect(e!.facts).toEqual({ kind: 'source_failing', source: 'x', runs: 2, lastError: 'X answered HTTP 503' });
    expect(e!.text).toContain('Kampanye Uji');
    expect(e!.url).toBe('https://kabar.example.org/campaign.html?id=c1');
    await run('succeeded');
    await run('failed');
    await run('failed');
    expect(await events()).toHaveLength(2);
    // Each delivery was handed to the queue under its own id.
    expect(
      added
        .filter((a) => a.name === 'deliver')
        .map((a) => a.jobId)
        .sort(),
    ).toEqual((await store.alerts.listDeliveries('c1', 100)).map((d) => d.delivery.id).sort());
  });

  it('budget: once per source and month when the reads pass the percentage', async () => {
    await rule('b', { kind: 'budget', params: { percent: 80 } });
    await run('succeeded', 500);
    expect(await events()).toEqual([]);
    await run('succeeded', 350);
    await run('succeeded', 10);
    const all = await events();
    expect(all).toHaveLength(1);
    expect(all[0]!.facts).toEqual({ kind: 'budget', source: 'x', used: 850, budget: 1000, percent: 85 });
    expect(all[0]!.key).toBe('budget.x.2026-12');
  });

  it('quiet: once per silence, counted from the start when there is no post', async () => {
    await rule('q', { kind: 'quiet', params: { hours: 6 } });
    await evaluator.afterMetrics('c1');
    await run('succeeded');
    const all = await events();
    expect(all).toHaveLength(1);
    expect(all[0]!.facts).toMatchObject({ kind: 'quiet', hours: 58 });
  });

  it('a disabled rule, or one of another kind, raises nothing', async () => {
    await rule('off', { kind: 'quiet', params: { hours: 1 }, enabled: false });
    await rule('spike', { kind: 'volume_spike', params: { interval: 'day', factor: 3 } });
    await rule('neg', { kind: 'negative_share', params: { percent: 10, minPosts: 1 } });
    await run('failed');
    await evaluator.afterMetrics('c1');
    expect(await events()).toEqual([]);
  });

  it('digest: the period, the one before it, top posts and cities, once per slot', async () => {
    await rule('d', { kind: 'digest', params: { cadence: 'daily', at: '08:00' } });
    await evaluator.digest('c1', 'd', '20261202T010000');
    await evaluator.digest('c1', 'd', '20261202T010000');
    const all = await events();
    expect(all).toHaveLength(1);
    expect(all[0]!.facts).toMatchObject({
      kind: 'digest',
      cadence: 'daily',
      from: '2026-12-01T00:00:00.000+07:00',
      to: '2026-12-02T00:00:00.000+07:00',
      figures: { posts: 0, contributors: 0, reach: 0, engagement: 0 },
      previous: { posts: 0, contributors: 0, reach: 0, engagement: 0 },
      topPosts: [],
      cities: [],
    });
  });
  /** Posts of campaign c1 by one X author, `n` at each instant given (UTC noon-ish keeps the Jakarta day). */
  const savePosts = async (at: Array<{ createdAt: string; n: number; sentiment?: 'positive' | 'neutral' | 'negative' }>) => {
    const posts: PostInput[] = at.flatMap(({ createdAt, n, sentiment }) =>
      Array.from({ length: n }, () => ({
        platform: 'x' as const,
        published: 'x' as const,
        language: 'id',
        sentiment: sentiment ?? ('neutral' as const),
        // The generator's type names six ids; toBatches takes any string.
        postId: `p${postSeq++}` as PostInput['postId'],
        author: 'u0',
        createdAt,
        observations: [
          {
            batch: 0,
            observedAt: NOW.toISOString(),
            counts: { likes: 1, reposts: undefined, replies: undefined, quotes: undefined, bookmarks: undefined },
            impressions: undefined,
            memberships: [{ campaign: 'c1', city: '73.71', province: '73', topics: [], hashtags: ['a'] }],
          },
        ],
      })),
    );
    const [batch] = toBatches(posts, [{ batch: 0, platform: 'x', authorId: 'u0', observedAt: NOW.toISOString(), followers: 10 }]);
    await store.saveBatch(batch!);
    // What the metrics job does before it judges the rules: rebuild the days the posts changed.
    await store.refreshRollups('c1', await store.pendingRollupDays('c1'));
  };
  const startEarlier = async () => {
    const campaign = (await store.getCampaign('c1'))!;
    await store.updateCampaign({ ...campaign, startsAt: '2026-11-20T00:00:00+07:00' });
  };

  it('volume_spike: the day far above the 7 before it raises one event naming the day, its posts and the usual level', async () => {
    await startEarlier();
    await rule('s', { kind: 'volume_spike', params: { interval: 'day', factor: 2 } });
    const days = ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01'];
    await savePosts([...days.map((d) => ({ createdAt: `${d}T05:00:00.000Z`, n: 2 })), { createdAt: '2026-12-02T01:00:00.000Z', n: 9 }]);
    await evaluator.afterMetrics('c1');
    await evaluator.afterMetrics('c1');
    const all = await events();
    expect(all).toHaveLength(1);
    expect(all[0]!.facts).toEqual({ kind: 'volume_spike', interval: 'day', bucket: '2026-12-02', posts: 9, expected: 2 });
  });

  it('volume_spike: a day within the usual level raises nothing', async () => {
    await startEarlier();
    await rule('s', { kind: 'volume_spike', params: { interval: 'day', factor: 2 } });
    const days = ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01'];
    await savePosts([...days.map((d) => ({ createdAt: `${d}T05:00:00.000Z`, n: 2 })), { createdAt: '2026-12-02T01:00:00.000Z', n: 4 }]);
    await evaluator.afterMetrics('c1');
    expect(await events()).toEqual([]);
  });

  it('negative_share: raised when negative posts of the last 24 hours reach the share, not below minPosts', async () => {
    await rule('n', { kind: 'negative_share', params: { percent: 40, minPosts: 5 } });
    await savePosts([
      { createdAt: '2026-12-01T20:00:00.000Z', n: 2, sentiment: 'negative' },
      { createdAt: '2026-12-01T21:00:00.000Z', n: 2, sentiment: 'positive' },
    ]);
    await evaluator.afterMetrics('c1');
    expect(await events(), 'four posts are fewer than minPosts').toEqual([]);
    await savePosts([{ createdAt: '2026-12-02T01:00:00.000Z', n: 1, sentiment: 'negative' }]);
    await evaluator.afterMetrics('c1');
    const all = await events();
    expect(all).toHaveLength(1);
    expect(all[0]!.facts).toEqual({ kind: 'negative_share', negative: 3, posts: 5, percent: 60 });
  });
});
