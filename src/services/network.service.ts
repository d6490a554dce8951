import type { Campaign } from '../domain/campaign.js';
import { positionAfter, type ListedPost, type PostPosition } from '../domain/post-query.js';
import { buildNetwork, type Network, type NetworkPost } from '../network/network.build.js';
import { toGexf } from '../network/gexf.js';
import type { FilterParams } from '../contracts/metrics.schema.js';
import type { PostsStore } from '../store/store.port.js';
import { resolveFilter } from './metrics-range.js';

/** Posts read per page while the network is built: memory holds the network, not the campaign's pages. */
const PAGE = 2000;

/**
 * `network` and `network.gexf` (API.md 1.1; METRICS.md, network): who mentions, replies to and
 * quotes whom among the filtered set's posts, built by network/network.build.ts from the
 * references each post keeps, read a page at a time through the store port (both stores).
 */
export function createNetworkService(deps: { store: PostsStore; now: () => Date }) {
  const read = async (campaign: Campaign, params: FilterParams): Promise<NetworkPost[]> => {
    const { filter } = resolveFilter(campaign, params, deps.now());
    const out: NetworkPost[] = [];
    let after: PostPosition | undefined;
    for (;;) {
      const page: ListedPost[] = await deps.store.listPosts({ campaignId: campaign.id, filter, sort: 'recent', limit: PAGE, ...(after ? { after } : {}) });
      for (const { post, author, membership } of page) {
        out.push({
          source: post.platform,
          platform: membership.publishedOn,
          authorId: post.authorId,
          handle: author?.handle ?? null,
          followers: author?.followers ?? null,
          references: post.references,
        });
      }
      const last = page[page.length - 1];
      if (!last || page.length < PAGE) return out;
      after = positionAfter(last, 'recent');
    }
  };

  return {
    async network(campaign: Campaign, params: FilterParams, limit: number): Promise<Network> {
      return buildNetwork(await read(campaign, params), limit);
    },
    async gexf(campaign: Campaign, params: FilterParams, limit: number): Promise<string> {
      const network = buildNetwork(await read(campaign, params), limit);
      const generatedAt = deps.now();
      return toGexf(network, { title: `${campaign.name}: who mentions, replies to and quotes whom`, generatedAt });
    },
  };
}

export type NetworkService = ReturnType<typeof createNetworkService>;
