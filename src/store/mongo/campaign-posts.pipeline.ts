import type { CampaignPostsPage } from '../store.port.js';
import { COLLECTIONS, type Doc } from './mongo-db.port.js';

/** The most memberships one command of Store.campaignPosts reads: a larger request is read in keyset batches. */
export const CAMPAIGN_POSTS_BATCH = 1000;

/**
 * One keyset batch of a campaign's memberships, in creation order, with their post (`post`) and
 * author (`author`), each an array of at most one: the input of re-attribution. `$match`, `$sort`
 * and `$limit` on campaign_posts come first, served by the { campaignId, createdAt, platform,
 * postId } index (models.ts), so the server reads the batch's entries and no more; only then are
 * the batch's posts and authors looked up, by `_id`. At most CAMPAIGN_POSTS_BATCH memberships,
 * strictly after `page.after`. A membership whose post is missing keeps an empty `post`, so the
 * batch's length tells whether the campaign has more (the store skips such a row, as SQLite's
 * join does).
 */
export function campaignPostsPipeline(campaignId: string, page: CampaignPostsPage): Doc[] {
  const match: Doc = { campaignId };
  const after = page.after;
  if (after !== undefined) {
    const at = new Date(after.createdAt);
    // Implied by the $or; stated apart so the server bounds its index scan at the position.
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
    { $limit: Math.min(CAMPAIGN_POSTS_BATCH, Math.max(1, Math.floor(page.limit))) },
    { $lookup: { from: COLLECTIONS.posts, localField: 'postRef', foreignField: '_id', as: 'post' } },
    { $lookup: { from: COLLECTIONS.authors, localField: 'authorRef', foreignField: '_id', as: 'author' } },
  ];
}
