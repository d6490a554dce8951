import { authorKey, isCampaignScoped, postKey, postScope, type Author, type StoredPost } from '../domain/post.js';
import type { EnrichedBatch } from './store.port.js';

/** A batch's posts and authors with the scope (domain/post.ts postScope) each copy is written under. */
export interface ScopedBatch {
  posts: Array<{ scope: string; post: StoredPost }>;
  authors: Array<{ scope: string; author: Author }>;
}

/**
 * The copies a batch writes, in the batch's order. A collected post or author is one shared copy
 * (scope ''). An imported one is written once for each campaign of the batch that holds it (its
 * memberships say which), under that campaign's scope; an imported post no campaign of the batch
 * holds is not written, as it could never be read.
 */
export function scopeBatch(batch: EnrichedBatch): ScopedBatch {
  const postCampaigns = new Map<string, Set<string>>();
  const authorCampaigns = new Map<string, Set<string>>();
  for (const m of batch.memberships) {
    if (!isCampaignScoped(m.platform)) continue;
    const add = (map: Map<string, Set<string>>, key: string) => map.set(key, (map.get(key) ?? new Set<string>()).add(m.campaignId));
    add(postCampaigns, postKey(m));
    add(authorCampaigns, authorKey(m));
  }
  const scopes = (platform: string, campaigns: Set<string> | undefined): string[] =>
    !isCampaignScoped(platform) ? [''] : [...(campaigns ?? [])].map((c) => postScope(platform, c));
  return {
    posts: batch.posts.flatMap((post) => scopes(post.platform, postCampaigns.get(postKey(post))).map((scope) => ({ scope, post }))),
    authors: batch.authors.flatMap((author) => scopes(author.platform, authorCampaigns.get(authorKey(author))).map((scope) => ({ scope, author }))),
  };
}
