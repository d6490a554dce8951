import type { CampaignPostsPage } from '../store.port.js';
import { joinPostStages } from './metrics.pipeline.js';
import { COLLECTIONS, type Doc } from './mongo-db.port.js';

/**
 * Memberships of a campaign with their post (`post`) and author (`author`, an array of at most
 * one), in creation order: the input of re-attribution. Sorted BEFORE the joins, from the
 * { campaignId, createdAt, platform, postId } index (models.ts), so the server streams the sorted
 * memberships through the post join and stops at the page's `limit` (after the join: a page holds
 * `limit` posts whenever that many remain); the author is looked up for the page's rows only.
 */
export function campaignPostsPipeline(campaignId: string, page?: CampaignPostsPage): Doc[] {
  const match: Doc = { campaignId };
  const after = page?.after;
  if (after !== undefined) {
    const at = new Date(after.createdAt);
    match.createdAt = { $gte: at };
    match.$or = [
      { createdAt: { $gt: at } },
      { createdAt: at, platform: { $gt: after.platform } },
      { createdAt: at, platform: after.platform, postId: { $gt: after.postId } },
    ];
  }
  return [
    { $match: match },
    { $sort: { createdAt: 1, platform: 1, postId: 1 } },
    ...joinPostStages,
    ...(page === undefined ? [] : [{ $limit: Math.max(1, Math.floor(page.limit)) }]),
    { $lookup: { from: COLLECTIONS.authors, localField: 'authorRef', foreignField: '_id', as: 'author' } },
  ];
}
