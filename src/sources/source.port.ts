import type { Campaign } from '../domain/campaign.js';
import type { MappedBatch, SourceType } from '../domain/post.js';

/** One page of a collection, handed to the caller to store before the source goes on. */
export interface CollectedPage extends MappedBatch {
  /**
   * The checkpoint to record once this page is stored. The source reads it back as
   * `checkpoint` on its next run, so a run cut off after any page resumes there.
   */
  checkpoint: unknown;
  /** How many platform posts and users this page read (X bills per post read). */
  read: { posts: number; users: number };
}

export interface CollectContext {
  campaign: Campaign;
  /** What the last stored page recorded, or null on a campaign's first run. */
  checkpoint: unknown;
  signal?: AbortSignal;
}

/** A platform adapter: a client (HTTP, pagination, rate limits) plus a pure map to our Post. */
export interface Source {
  readonly type: SourceType;
  /**
   * Collects the campaign's posts newer than the checkpoint, page by page. `onPage` stores the
   * page and its checkpoint; the source does not ask for the next page before it resolves.
   */
  collect(ctx: CollectContext, onPage: (page: CollectedPage) => Promise<void>): Promise<void>;
}

/** A failure a person must act on (bad credentials, forbidden): retrying will not help. */
export class SourceAuthError extends Error {
  constructor(
    readonly source: SourceType,
    message: string,
  ) {
    super(message);
    this.name = 'SourceAuthError';
  }
}
