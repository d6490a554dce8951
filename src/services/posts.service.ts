import type { Campaign } from '../domain/campaign.js';
import { positionAfter } from '../domain/post-query.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import type { FilterParams } from '../contracts/metrics.schema.js';
import type { ContributorsParams, PostsParams } from '../contracts/posts.schema.js';
import type { PostsStore } from '../store/store.port.js';
import { resolveFilter } from './metrics-range.js';
import { decodeCursor, encodeCursor } from './post-cursor.js';
import { createPostViews } from './post-view.js';
import { exportRecords, type ExportRecord } from './posts-export.js';

/** Posts and authors one by one (API.md: posts, contributors, export.csv), over the same filters as the metrics. */
export function createPostsService(deps: { store: PostsStore; gazetteer: Gazetteer; now: () => Date }) {
  const { store } = deps;
  const views = createPostViews(deps.gazetteer);

  return {
    /** One page of top or latest posts; `nextCursor` is null on the last page. */
    async list(campaign: Campaign, params: PostsParams) {
      const { sort, limit, cursor, ...filters } = params;
      const after = cursor === undefined ? undefined : decodeCursor(sort, cursor);
      const { filter } = resolveFilter(campaign, filters, deps.now());
      // One post more than asked says whether a next page exists, so the last page ends the walk.
      const page = await store.listPosts({ campaignId: campaign.id, filter, sort, limit: limit + 1, ...(after ? { after } : {}) });
      const shown = page.slice(0, limit);
      const last = shown[shown.length - 1];
      return {
        posts: shown.map((item) => views.postView(item, campaign)),
        nextCursor: page.length > limit && last ? encodeCursor(sort, positionAfter(last, sort)) : null,
      };
    },

    /** The top authors of the filtered set; reach of one author is their latest known followers. */
    async contributors(campaign: Campaign, params: ContributorsParams) {
      const { sort, limit, ...filters } = params;
      const { filter } = resolveFilter(campaign, filters, deps.now());
      const rows = await store.topContributors({ campaignId: campaign.id, filter, sort, limit });
      // API.md 1.1: each row says where its author publishes (`platform`) and how its posts came in (`source`).
      return { contributors: rows.map(({ platform: source, publishedOn, ...row }) => ({ platform: publishedOn, source, ...row })) };
    },

    /**
     * The export's rows, produced as they are read. The filter is resolved here, before the first
     * row, so a bad request still fails before the response has started.
     */
    exportRows(campaign: Campaign, params: FilterParams): AsyncGenerator<ExportRecord> {
      const { filter } = resolveFilter(campaign, params, deps.now());
      return exportRecords(store, campaign, filter, views);
    },
  };
}

export type PostsService = ReturnType<typeof createPostsService>;
