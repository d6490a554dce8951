import fc from 'fast-check';
import type { Campaign, CampaignPost } from '../../src/domain/campaign.js';
import { platformOf, type Author, type Platform, type PostCounts, type SourceType, type StoredPost } from '../../src/domain/post.js';
import { SOURCE_TYPES } from '../../src/sources/registry.js';
import type { EnrichedBatch } from '../../src/store/store.port.js';
import { FIXTURE_CAMPAIGNS } from '../fixtures/metrics-fixtures.js';

/**
 * Random post sets for property tests of the stores: posts re-observed over three batches (new
 * counts, impressions, memberships), authors re-observed with or without a follower count.
 * Small value domains on purpose, so that collisions (same post re-read, same author, ties of
 * observedAt, shared cities and topics) are frequent. Two campaigns, `c1` and `c2`.
 */

export const CAMPAIGNS = ['c1', 'c2'];
const INSTANTS = ['2015-01-13T16:59:59.999Z', '2015-01-13T17:00:00.000Z', '2015-01-14T02:30:00.000Z', '2015-01-15T23:00:00.000Z'];
const OBSERVED = ['2015-01-16T00:00:00.000Z', '2015-01-16T01:00:00.000Z', '2015-01-17T00:00:00.000Z'];
export const CITIES = ['73.71', '53.71'];
export const PROVINCES = ['73', '53', '31'];
export const TOPICS = ['env', 'edu', 'other'];
export const HASHTAGS = ['a', 'b'];

export const campaigns: Campaign[] = CAMPAIGNS.map((id) => ({ ...(FIXTURE_CAMPAIGNS[0] as Campaign), id }));

const source = fc.constantFrom<SourceType>(...SOURCE_TYPES);
// Mostly tiny counts, so that engagement ties (the pagination tie-break) are common.
const count = fc.option(fc.oneof(fc.constantFrom(0, 1, 2), fc.nat({ max: 50 })), { nil: undefined });

const membershipArb = fc.record({
  campaign: fc.constantFrom(...CAMPAIGNS),
  city: fc.option(fc.constantFrom(...CITIES), { nil: null }),
  province: fc.option(fc.constantFrom(...PROVINCES), { nil: null }),
  // Empty topics (stored as `other`) and duplicate hashtags on purpose.
  topics: fc.subarray(TOPICS),
  hashtags: fc.array(fc.constantFrom(...HASHTAGS), { maxLength: 3 }),
});

const observationArb = fc.record({
  batch: fc.nat({ max: 2 }),
  observedAt: fc.constantFrom(...OBSERVED),
  counts: fc.record({ likes: count, reposts: count, replies: count, quotes: count, bookmarks: count }),
  impressions: fc.option(fc.record({ n: fc.nat({ max: 1000 }), source: fc.constantFrom('reported' as const, 'estimated' as const) }), { nil: undefined }),
  memberships: fc.uniqueArray(membershipArb, { selector: (m) => m.campaign, maxLength: 2 }),
});

export const postArb = fc.record({
  platform: source,
  /** Where an imported post was published; a collected one's is its source. */
  published: fc.constantFrom<Platform>('instagram', 'tiktok', 'x'),
  language: fc.constantFrom('id', 'en', 'jv', 'und'),
  sentiment: fc.constantFrom('positive' as const, 'neutral' as const, 'negative' as const),
  postId: fc.constantFrom('p0', 'p1', 'p2', 'p3', 'p4', 'p5'),
  author: fc.constantFrom('u0', 'u1', 'u2'),
  createdAt: fc.constantFrom(...INSTANTS),
  observations: fc.array(observationArb, { minLength: 1, maxLength: 3 }),
});

export const authorArb = fc.record({
  batch: fc.nat({ max: 2 }),
  platform: source,
  authorId: fc.constantFrom('u0', 'u1', 'u2'),
  observedAt: fc.constantFrom(...OBSERVED),
  followers: fc.option(fc.nat({ max: 10_000 }), { nil: undefined }),
});

export type PostInput = typeof postArb extends fc.Arbitrary<infer T> ? T : never;
export type AuthorInput = typeof authorArb extends fc.Arbitrary<infer T> ? T : never;

function engagement(c: PostCounts): number {
  return (c.likes ?? 0) + (c.reposts ?? 0) + (c.replies ?? 0) + (c.quotes ?? 0) + (c.bookmarks ?? 0);
}

const POST_KIND_OF = ['original', 'original', 'reply', 'quote'] as const;

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Spreads the generated observations over three batches, in generation order. */
export function toBatches(posts: PostInput[], authors: AuthorInput[]): EnrichedBatch[] {
  const batches: EnrichedBatch[] = [0, 1, 2].map(() => ({ posts: [], authors: [], memberships: [] }));
  for (const p of posts) {
    for (const o of p.observations) {
      const batch = batches[o.batch] as EnrichedBatch;
      const post: StoredPost = defined({
        platform: p.platform,
        publishedOn: p.platform === 'import' ? p.published : undefined,
        postId: p.postId,
        url: `https://example.test/${p.postId}`,
        text: '$text #a',
        createdAt: p.createdAt,
        // Some replies and quotes, fixed per post, so the `original` contributor sort differs from `posts`.
        kind: POST_KIND_OF[[...p.postId].reduce((n, ch) => n + ch.charCodeAt(0), 0) % POST_KIND_OF.length] ?? 'original',
        authorId: p.author,
        hashtags: ['a'],
        counts: defined(o.counts),
        observedAt: o.observedAt,
        engagement: engagement(o.counts),
        reportedImpressions: o.impressions?.source === 'reported' ? o.impressions.n : undefined,
        impressions: o.impressions?.n,
        impressionsSource: o.impressions?.source,
      });
      batch.posts.push(post);
      for (const m of o.memberships) {
        const membership: CampaignPost = {
          campaignId: m.campaign,
          platform: p.platform,
          postId: p.postId,
          publishedOn: platformOf(post),
          language: p.language,
          sentiment: p.sentiment,
          sentimentSource: 'auto',
          authorId: p.author,
          createdAt: p.createdAt,
          day: p.createdAt.slice(0, 10),
          hour: p.createdAt.slice(0, 13),
          cityCode: m.city,
          provinceCode: m.province,
          locationMethod: m.city === null && m.province === null ? 'none' : 'profile',
          topics: m.topics,
          hashtags: m.hashtags,
        };
        batch.memberships.push(membership);
      }
    }
  }
  for (const a of authors) {
    const author: Author = defined({
      platform: a.platform,
      authorId: a.authorId,
      handle: `@${a.authorId}`,
      name: a.authorId,
      observedAt: a.observedAt,
      followers: a.followers,
    });
    (batches[a.batch] as EnrichedBatch).authors.push(author);
  }
  return batches;
}
