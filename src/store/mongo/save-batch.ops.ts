import type { Author, StoredPost } from '../../domain/post.js';
import type { CampaignPost } from '../../domain/campaign.js';
import { scopeBatch } from '../batch-scopes.js';
import type { CheckpointUpdate, EnrichedBatch } from '../store.port.js';
import type { BulkOp, Doc } from './mongo-db.port.js';
import { authorBaseDoc, membershipDoc, postDoc } from './post.docs.js';

/**
 * The bulk operations of saveBatch, as pure data.
 *
 * "Latest observation wins" is an update PIPELINE whose `$cond` compares the stored `observedAt`
 * with the new one and either replaces the document or keeps `$$ROOT`. It is one atomic
 * single-document update on the server, so two collectors racing on one post cannot let the
 * older observation win, and with `upsert` it also inserts: on an upsert the pipeline runs on a
 * seed holding only the filter's `_id`, whose missing `observedAt` counts as "older". A filter
 * `{observedAt: {$lt: new}}` with upsert was the alternative, but it turns every stale re-read into
 * a duplicate-key error to catch, on the server and in mingo alike.
 */

/** True when the stored `field` is absent or older than `instant` (an aggregation expression). */
function isOlderThan(field: string, instant: Date): Doc {
  return { $or: [{ $eq: [{ $ifNull: [`$${field}`, null] }, null] }, { $lt: [`$${field}`, instant] }] };
}

/** Upsert of one post; a tie or an older observation leaves the stored document as it is. */
export function postUpsertOp(p: StoredPost, scope: string): BulkOp {
  const doc = postDoc(p, scope);
  return {
    updateOne: {
      filter: { _id: doc._id },
      // $literal: the post's text is data even when it starts with `$`.
      update: [{ $replaceWith: { $cond: [isOlderThan('observedAt', new Date(p.observedAt)), { $literal: doc }, '$$ROOT'] } }],
      upsert: true,
    },
  };
}

/**
 * Upsert of one author. The follower count follows its own clock (`followersObservedAt`): an
 * observation without a count never erases the latest KNOWN one (METRICS.md, "reach").
 */
export function authorUpsertOp(a: Author, scope: string): BulkOp {
  const observedAt = new Date(a.observedAt);
  const stages: Doc[] = [];
  if (a.followers !== undefined) {
    const newer = isOlderThan('followersObservedAt', observedAt);
    stages.push({
      $set: {
        followers: { $cond: [newer, { $literal: a.followers }, '$followers'] },
        followersObservedAt: { $cond: [newer, observedAt, '$followersObservedAt'] },
      },
    });
  }
  const base = authorBaseDoc(a, scope);
  const replacement = { $mergeObjects: [{ $literal: base }, { followers: '$followers', followersObservedAt: '$followersObservedAt' }] };
  stages.push({ $replaceWith: { $cond: [isOlderThan('observedAt', observedAt), replacement, '$$ROOT'] } });
  return { updateOne: { filter: { _id: base._id }, update: stages, upsert: true } };
}

/** True when the stored membership's sentiment is a person's (an aggregation expression). */
const MANUAL_SENTIMENT: Doc = { $eq: [{ $ifNull: ['$sentimentSource', null] }, 'manual'] };

/**
 * Upsert of one membership with its post's copy (post.docs.ts postCopy); it has no clock of its own: the latest attribution wins, but for a
 * sentiment a person set (`sentimentSource: 'manual'`), which stays. One update pipeline, so the
 * check and the write are one atomic single-document update on the server.
 */
export function membershipUpsertOp(m: CampaignPost, copy: Doc): BulkOp {
  const doc = { $literal: { ...membershipDoc(m), ...copy } };
  const kept = { $mergeObjects: [doc, { _id: '$_id', sentiment: '$sentiment', sentimentSource: '$sentimentSource' }] };
  return {
    updateOne: {
      filter: { campaignId: m.campaignId, platform: m.platform, postId: m.postId },
      update: [{ $replaceWith: { $cond: [MANUAL_SENTIMENT, kept, { $mergeObjects: [doc, { _id: '$_id' }] }] } }],
      upsert: true,
    },
  };
}

/** Sets a stored membership's copy of its post (post.docs.ts postCopy) to the post's figures now; `when`: more conditions. */
export function copyUpdateOp(membershipId: unknown, copy: Doc, when: Doc = {}): BulkOp {
  const set = Object.fromEntries(Object.entries(copy).map(([field, value]) => [field, { $literal: value }]));
  return { updateOne: { filter: { ...when, _id: membershipId }, update: [{ $set: set }] } };
}

/** Sets one membership's sentiment and who read it (Store.setSentiment); no upsert. */
export function setSentimentOp(campaignId: string, platform: string, postId: string, sentiment: string, source: string): BulkOp {
  return {
    updateOne: { filter: { campaignId, platform, postId }, update: [{ $set: { sentiment: { $literal: sentiment }, sentimentSource: { $literal: source } } }] },
  };
}

/** Per collection, in the order they must be written. */
export interface SaveBatchOps {
  posts: BulkOp[];
  authors: BulkOp[];
}

/** The posts and authors of a batch; its memberships need the posts as stored after them (save-batch.plan.ts). */
export function saveBatchOps(batch: EnrichedBatch): SaveBatchOps {
  const scoped = scopeBatch(batch);
  return {
    posts: scoped.posts.map(({ scope, post }) => postUpsertOp(post, scope)),
    authors: scoped.authors.map(({ scope, author }) => authorUpsertOp(author, scope)),
  };
}

/** The checkpoint as JSON text, so it round-trips exactly as in the SQLite store. */
export function checkpointOp(cp: CheckpointUpdate, now: Date): BulkOp {
  return {
    replaceOne: {
      filter: { campaignId: cp.campaignId, source: cp.source },
      replacement: { campaignId: cp.campaignId, source: cp.source, value: JSON.stringify(cp.value ?? null), updatedAt: now },
      upsert: true,
    },
  };
}
