import { joinPostStages } from './metrics.pipeline.js';
import { COLLECTIONS, type Doc } from './mongo-db.port.js';

/**
 * Every membership of a campaign with its post (`post`) and its author (`author`, an array of at
 * most one), in creation order: the input of re-attribution.
 */
export function campaignPostsPipeline(campaignId: string): Doc[] {
  return [
    { $match: { campaignId } },
    ...joinPostStages,
    { $lookup: { from: COLLECTIONS.authors, localField: 'authorRef', foreignField: '_id', as: 'author' } },
    { $sort: { createdAt: 1, platform: 1, postId: 1 } },
  ];
}
