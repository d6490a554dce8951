import type { SourceType } from '../../domain/post.js';
import type { Doc, FindOptions } from './mongo-db.port.js';

/**
 * The daily refresh's post ids, oldest first: a range of campaign_posts' { campaignId, createdAt }
 * index (models.ts); only the ids come back.
 */
export function recentPostIdsFind(campaignId: string, platform: SourceType, since: string): { filter: Doc; options: FindOptions } {
  return {
    filter: { campaignId, platform, createdAt: { $gte: new Date(since) } },
    options: { sort: { createdAt: 1 }, projection: { postId: 1 } },
  };
}

/** A read budget's spending: one range of runs' { campaignId, source, startedAtTime } index, summed. */
export function postsReadSincePipeline(campaignId: string, source: SourceType, since: string): Doc[] {
  return [{ $match: { campaignId, source, startedAtTime: { $gte: new Date(since) } } }, { $group: { _id: null, postsRead: { $sum: '$postsRead' } } }];
}
