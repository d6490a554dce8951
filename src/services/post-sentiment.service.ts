import type { Campaign } from '../domain/campaign.js';
import { isPlatform, IMPORT_SOURCE, type PostSentiment } from '../domain/post.js';
import type { ListedPost } from '../domain/post-query.js';
import { readingsOf } from '../enrich/enrich.js';
import { notFound } from '../errors.js';
import type { JobQueue } from '../queue/jobs.js';
import type { PostSentimentStore } from '../store/store.port.js';
import type { AuditService } from './audit.service.js';
import type { Principal } from './auth/principal.js';
import type { PostViews } from './post-view.js';

/**
 * A person's reading of one post (API.md 1.1, PATCH …/posts/:platform/:postId): it wins over the
 * automatic sentiment and the stores keep it through re-collection, refresh, re-import and
 * re-attribution; `null` hands the post back to the automatic reading, computed now as enrichment
 * would (the campaign's own words included).
 */
export function createPostSentimentService(deps: {
  store: PostSentimentStore;
  queue: Pick<JobQueue, 'add'>;
  audit: Pick<AuditService, 'record'>;
  views: PostViews;
}) {
  const { store } = deps;

  /**
   * The post a path names: `:platform` is its source (`x`, `mastodon`, `bluesky`, `import`) or, for
   * an imported post, the platform it was published on (`instagram`, whose ids the import prefixes).
   */
  const find = async (campaignId: string, platform: string, postId: string): Promise<ListedPost | null> => {
    const bySource = await store.campaignPost(campaignId, platform, postId);
    if (bySource) return bySource;
    if (platform === IMPORT_SOURCE || !isPlatform(platform)) return null;
    const imported = await store.campaignPost(campaignId, IMPORT_SOURCE, postId);
    return imported && imported.membership.publishedOn === platform ? imported : null;
  };

  return {
    async setSentiment(by: Principal, campaign: Campaign, platform: string, postId: string, sentiment: PostSentiment | null) {
      const item = await find(campaign.id, platform, postId);
      if (!item) throw notFound('Post');
      const { post, membership } = item;
      const reading =
        sentiment === null
          ? { sentiment: readingsOf(post, campaign.timeZone, campaign.sentimentWords).sentiment, source: 'auto' as const }
          : { sentiment, source: 'manual' as const };
      if (!(await store.setSentiment(campaign.id, post.platform, post.postId, reading.sentiment, reading.source))) throw notFound('Post');
      // The day's rollups hold the sentiment counts: the pending day is recorded with the change,
      // and this job only saves the reconciler's wait.
      await deps.queue.add('metrics', { campaignId: campaign.id, days: [membership.day] });
      await deps.audit.record(
        by,
        'post.sentiment',
        { type: 'campaign', id: campaign.id },
        {
          platform: membership.publishedOn,
          source: post.platform,
          postId: post.postId,
          from: membership.sentiment,
          to: reading.sentiment,
          sentimentSource: reading.source,
        },
      );
      const updated = await store.campaignPost(campaign.id, post.platform, post.postId);
      if (!updated) throw notFound('Post');
      return { post: deps.views.postView(updated, campaign) };
    },
  };
}

export type PostSentimentService = ReturnType<typeof createPostSentimentService>;
