import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign.js';
import type { Author, Post, PostReferences } from '../../src/domain/post.js';
import { enrichBatch, prepareCampaign } from '../../src/enrich/enrich.js';
import { loadGazetteer, type Gazetteer } from '../../src/geo/gazetteer.js';
import { createMetricsService } from '../../src/services/metrics.service.js';
import { createNetworkService } from '../../src/services/network.service.js';
import { createSpikesService } from '../../src/services/spikes.service.js';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { EnrichedBatch, MetricsStore, PostsStore } from '../../src/store/store.port.js';
import { createMingoDb } from '../helpers/mingo-db.js';
import { latestState, referenceListPosts, referenceMetrics, referenceRollups } from '../helpers/reference-metrics.js';

/**
 * metrics/spikes, summary?compare=previous and the network, computed by their services over the
 * SQLite store, the Mongo store (pipelines over mingo) and the plain reference of
 * tests/helpers/reference-metrics.ts, on one built data set with a known spike and known links.
 */

const ID = 'spikes-and-links';
const CAMPAIGN: Campaign = {
  id: ID,
  name: 'Spikes and links',
  hashtags: ['#SocMed4SocGood'],
  startsAt: '2025-03-01T00:00:00+07:00',
  endsAt: '2025-03-15T00:00:00+07:00',
  timeZone: 'Asia/Jakarta',
  cities: ['73.71'],
  cityHashtags: {},
  topics: { hoax: ['hoaks'] },
  sources: [{ type: 'x' }],
  schedule: '*/15 * * * *',
  monthlyReadBudget: null,
  status: 'active',
  demo: false,
  createdAt: '2025-02-20T00:00:00.000Z',
  updatedAt: '2025-02-20T00:00:00.000Z',
};
const NOW = new Date('2025-04-01T00:00:00.000Z');
const OBSERVED = '2025-03-20T00:00:00.000Z';

const authors: Author[] = [
  ['1', 'Rina', 100],
  ['2', 'budi', 200],
  ['3', 'andi', 300],
  ['4', 'siti', 400],
  ['5', 'dedi', 50],
].map(([authorId, handle, followers]) => ({
  platform: 'x',
  authorId: String(authorId),
  handle: String(handle),
  name: String(handle),
  followers: Number(followers),
  observedAt: OBSERVED,
}));

/** Who names whom, by day (one post each): everything the network must find. */
const LINKS: Record<number, { author: string; refs: PostReferences }> = {
  1: { author: '2', refs: { mentions: ['rina', 'siti'] } },
  2: { author: '3', refs: { mentions: ['rina'], replyTo: { authorId: '1' } } },
  3: { author: '2', refs: { mentions: ['rina'] } },
  4: { author: '4', refs: { mentions: [], quoteOf: { authorId: '99', handle: 'tokoh' } } },
  5: { author: '1', refs: { mentions: ['rina'] } },
  6: { author: '1', refs: { mentions: ['orang_lain'] } },
};
/** Posts per day (Jakarta), 10:00 local: two a day, twelve on the 10th. */
const perDay = (day: number) => (day === 10 ? 12 : 2);

function posts(): Post[] {
  const out: Post[] = [];
  for (let day = 1; day <= 14; day++) {
    for (let i = 0; i < perDay(day); i++) {
      const link = i === 0 ? LINKS[day] : undefined;
      const id = `${day * 100 + i}`;
      out.push({
        platform: 'x',
        postId: id,
        url: `https://x.com/i/web/status/${id}`,
        text: `Belajar bareng #SocMed4SocGood hari ${day}`,
        createdAt: new Date(Date.UTC(2025, 2, day, 3, i)).toISOString(),
        kind: link?.refs.replyTo ? 'reply' : link?.refs.quoteOf ? 'quote' : 'original',
        authorId: link?.author ?? '5',
        hashtags: ['socmed4socgood'],
        counts: { likes: day === 10 ? 100 + i : 1 },
        references: link?.refs ?? { mentions: [] },
        observedAt: OBSERVED,
      });
    }
  }
  return out;
}

let gazetteer: Gazetteer;
let batch: EnrichedBatch;
beforeAll(async () => {
  gazetteer = await loadGazetteer();
  batch = enrichBatch({ posts: posts(), authors }, [prepareCampaign(CAMPAIGN)], gazetteer, NOW);
});

type InsightsStore = MetricsStore & PostsStore;

/** The reference as a store: every read answered by the plain implementation over the saved state. */
function referenceStore(): InsightsStore {
  const data = latestState([batch]);
  return {
    queryMetrics: async (q) => referenceMetrics(data, q),
    listPosts: async (q) => referenceListPosts(data, q),
    topContributors: async () => [],
    dataStamp: async () => ({ version: 'ref', rollupVersion: 'ref', newestPostAt: null }),
    readRollups: async (campaignId, from, to) =>
      referenceRollups(data, campaignId).filter((r) => (from === undefined || r.day >= from) && (to === undefined || r.day <= to)),
  };
}

async function saved(store: ReturnType<typeof createSqliteStore>): Promise<InsightsStore> {
  await store.createCampaign(CAMPAIGN);
  await store.saveBatch(batch);
  await store.refreshRollups(ID, await store.pendingRollupDays(ID));
  return store;
}

const STORES: Array<[string, () => Promise<InsightsStore>]> = [
  ['sqlite', () => saved(createSqliteStore({ file: ':memory:' }))],
  ['mongo over mingo', () => saved(createMongoStore(createMingoDb()))],
  ['reference', async () => referenceStore()],
];

function services(store: InsightsStore) {
  const metrics = createMetricsService({ store, gazetteer, now: () => NOW });
  return {
    metrics,
    spikes: createSpikesService({ metrics, store, gazetteer, now: () => NOW }),
    network: createNetworkService({ store, now: () => NOW }),
  };
}

describe.each(STORES)('%s', (_name, open) => {
  it('flags the one day far above the 7 before it, with its three most engaged posts', async () => {
    const { spikes } = services(await open());
    const answer = await spikes.spikes(CAMPAIGN, { interval: 'day', factor: 2 });
    expect(answer.interval).toBe('day');
    expect(answer.points.map(({ topPosts, ...p }) => ({ ...p, top: topPosts.map((t) => [t.postId, t.engagement]) }))).toEqual([
      {
        bucket: '2025-03-10',
        posts: 12,
        expected: 2,
        score: 10,
        top: [
          ['1011', 111],
          ['1010', 110],
          ['1009', 109],
        ],
      },
    ]);
    // Each top post is shown as /posts shows it.
    expect(answer.points[0]?.topPosts[0]).toMatchObject({
      platform: 'x',
      source: 'x',
      author: { id: '5', handle: 'dedi' },
      createdAt: '2025-03-10T10:11:00.000+07:00',
    });
  });

  it('finds no spike when the factor asks for more than the day stands above, and judges hours in the zone', async () => {
    const { spikes } = services(await open());
    expect((await spikes.spikes(CAMPAIGN, { interval: 'day', factor: 7 })).points).toEqual([]);
    const hours = await spikes.spikes(CAMPAIGN, { interval: 'hour', factor: 2, from: '2025-03-09', to: '2025-03-10' });
    const tenth = hours.points.find((p) => p.bucket === '2025-03-10T10:00:00.000+07:00');
    expect(tenth).toMatchObject({ posts: 12, expected: 0 });
    expect(tenth?.topPosts.map((p) => p.postId)).toEqual(['1011', '1010', '1009']);
    // The hours before the 9th's 10:00 are fewer than a day of history: nothing judged there.
    expect(hours.points.map((p) => p.bucket)).toEqual(['2025-03-10T10:00:00.000+07:00']);
  });

  it('gives the previous period of equal length under the same filters', async () => {
    const { metrics } = services(await open());
    const previousOf = (a: object) => (a as { previous?: unknown }).previous;
    const answer = await metrics.summary(CAMPAIGN, { from: '2025-03-08', to: '2025-03-14' }, { compare: 'previous' });
    expect(answer.posts).toBe(24);
    expect(previousOf(answer)).toMatchObject({ posts: 14, from: '2025-03-01T00:00:00.000+07:00', to: '2025-03-08T00:00:00.000+07:00' });
    const explicit = await metrics.summary(CAMPAIGN, { from: '2025-03-01', to: '2025-03-07' });
    const { from: _f, to: _t, computedAt: _c, ...figures } = explicit;
    expect(previousOf(answer)).toEqual({ ...figures, from: explicit.from, to: explicit.to });
    // Without compare, no previous; outside what the caller may see, null.
    expect(await metrics.summary(CAMPAIGN, { from: '2025-03-08' })).not.toHaveProperty('previous');
    const bounded = await metrics.summary(CAMPAIGN, { from: '2025-03-08' }, { compare: 'previous', within: { from: '2025-03-05T00:00:00+07:00', to: null } });
    expect(previousOf(bounded)).toBeNull();
  });

  it('links authors who mention, reply to and quote each other, matching by id, then by handle', async () => {
    const { network } = services(await open());
    const all = await network.network(CAMPAIGN, {}, 100);
    expect(all.nodes).toEqual([
      { id: 'x:1', handle: 'Rina', platform: 'x', posts: 2, reach: 100, degree: 3 },
      { id: 'x:2', handle: 'budi', platform: 'x', posts: 2, reach: 200, degree: 2 },
      { id: 'x:4', handle: 'siti', platform: 'x', posts: 1, reach: 400, degree: 2 },
      { id: 'x:3', handle: 'andi', platform: 'x', posts: 1, reach: 300, degree: 1 },
      { id: 'x:99', handle: 'tokoh', platform: 'x', posts: 0, reach: 0, degree: 1 },
      { id: 'x:@orang_lain', handle: 'orang_lain', platform: 'x', posts: 0, reach: 0, degree: 1 },
      { id: 'x:5', handle: 'dedi', platform: 'x', posts: 32, reach: 50, degree: 0 },
    ]);
    expect(all.edges).toEqual([
      { source: 'x:2', target: 'x:1', kind: 'mention', weight: 2 },
      { source: 'x:1', target: 'x:@orang_lain', kind: 'mention', weight: 1 },
      { source: 'x:2', target: 'x:4', kind: 'mention', weight: 1 },
      { source: 'x:3', target: 'x:1', kind: 'mention', weight: 1 },
      { source: 'x:3', target: 'x:1', kind: 'reply', weight: 1 },
      { source: 'x:4', target: 'x:99', kind: 'quote', weight: 1 },
    ]);
    const top = await network.network(CAMPAIGN, {}, 3);
    expect(top.nodes.map((n) => n.id)).toEqual(['x:1', 'x:2', 'x:4']);
    expect(top.edges).toEqual([
      { source: 'x:2', target: 'x:1', kind: 'mention', weight: 2 },
      { source: 'x:2', target: 'x:4', kind: 'mention', weight: 1 },
    ]);
    // Under a filter: only the posts of the range draw edges.
    const early = await network.network(CAMPAIGN, { to: '2025-03-01' }, 100);
    expect(early.edges).toEqual([
      { source: 'x:2', target: 'x:1', kind: 'mention', weight: 1 },
      { source: 'x:2', target: 'x:4', kind: 'mention', weight: 1 },
    ]);
  });
});
