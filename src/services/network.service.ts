import type { Campaign } from '../domain/campaign.js';
import { positionAfter, type ListedPost, type PostPosition } from '../domain/post-query.js';
import type { MetricsFilter } from '../domain/metrics-query.js';
import { buildNetwork, type KnownAuthor, type Network, type NetworkPost } from '../network/network.build.js';
import { toGexf } from '../network/gexf.js';
import type { FilterParams } from '../contracts/metrics.schema.js';
import { LRUCache } from 'lru-cache';
import type { MetricsStore, PostsStore } from '../store/store.port.js';
import { resolveFilter } from './metrics-range.js';

/** Posts read per page while the network is built: memory holds the network, not the campaign's pages. */
const PAGE = 2000;

/**
 * `network` and `network.gexf` (API.md 1.1; METRICS.md, network): who mentions, replies to and
 * quotes whom among the filtered set's posts, built by network/network.build.ts from the
 * references each post keeps, read a page at a time through the store port (both stores).
 */
export function createNetworkService(deps: { store: PostsStore & Pick<MetricsStore, 'dataStamp'>; now: () => Date }) {
  // Networks kept by the campaign's data stamp (read first, as the answer cache does): a repeated
  // question reads no post while nothing it is built from has changed.
  const kept = new LRUCache<string, Promise<Network>>({ max: 50 });
  /** Every post of the filter, a page at a time. */
  async function* pages(campaign: Campaign, filter: MetricsFilter): AsyncGenerator<ListedPost> {
    let after: PostPosition | undefined;
    for (;;) {
      const page = await deps.store.listPosts({ campaignId: campaign.id, filter, sort: 'recent', limit: PAGE, ...(after ? { after } : {}) });
      yield* page;
      const last = page[page.length - 1];
      if (!last || page.length < PAGE) return;
      after = positionAfter(last, 'recent');
    }
  }

  const build = async (campaign: Campaign, params: FilterParams, limit: number): Promise<Network> => {
    const { filter } = resolveFilter(campaign, params, deps.now());
    const posts: NetworkPost[] = [];
    for await (const { post, author, membership } of pages(campaign, filter)) {
      posts.push({
        source: post.platform,
        platform: membership.publishedOn,
        authorId: post.authorId,
        handle: author?.handle ?? null,
        followers: author?.followers ?? null,
        references: post.references,
      });
    }
    // A filter leaves some of the campaign's authors out: a post of the set may still name them.
    const known = new Map<string, KnownAuthor>();
    if (Object.values(params).some((v) => v !== undefined)) {
      for await (const { post, author, membership } of pages(campaign, {})) {
        known.set(`${post.platform}:${post.authorId}`, {
          source: post.platform,
          platform: membership.publishedOn,
          authorId: post.authorId,
          handle: author?.handle ?? null,
          followers: author?.followers ?? null,
        });
      }
    }
    return buildNetwork(posts, limit, known.values());
  };

  const cached = async (campaign: Campaign, params: FilterParams, limit: number): Promise<Network> => {
    const stamp = await deps.store.dataStamp(campaign.id);
    const { filter } = resolveFilter(campaign, params, deps.now());
    // The range's end is dropped when it reads every post: "until now" is one entry however late it is asked.
    const readsAll = stamp.newestPostAt !== null && filter.to !== undefined && Date.parse(filter.to) > Date.parse(stamp.newestPostAt);
    const key = JSON.stringify([campaign.id, stamp.version, { ...filter, to: readsAll ? null : filter.to }, limit]);
    let network = kept.get(key);
    if (!network) {
      network = build(campaign, params, limit);
      kept.set(key, network);
      network.catch(() => kept.delete(key));
    }
    return network;
  };

  return {
    async network(campaign: Campaign, params: FilterParams, limit: number): Promise<Network> {
      return cached(campaign, params, limit);
    },
    /** `transform`: how the reader sees the network (a share link of a campaign that masks handles). */
    async gexf(campaign: Campaign, params: FilterParams, limit: number, transform: (n: Network) => Network = (n) => n): Promise<string> {
      const network = transform(await cached(campaign, params, limit));
      const generatedAt = deps.now();
      return toGexf(network, { title: `${campaign.name}: who mentions, replies to and quotes whom`, generatedAt });
    },
  };
}

export type NetworkService = ReturnType<typeof createNetworkService>;
