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

/**
 * What is left of the campaign's monthly read budget (X bills per post read). A source that
 * bills never sends a request that could read more than `remaining`, and lowers it as it reads.
 */
export interface ReadBudget {
  remaining: number;
}

export interface CollectContext {
  campaign: Campaign;
  /** Absent: no cap. */
  budget?: ReadBudget;
  /** Tells the person running the campaign something about this run (kept on the run). */
  note?: (message: string) => void;
  /** What the last stored page recorded, or null on a campaign's first run. */
  checkpoint: unknown;
  signal?: AbortSignal;
}

/** A page of re-read posts: the same posts with newer counts, and their authors' followers. */
interface RefreshedPage extends MappedBatch {
  read: { posts: number; users: number };
}

/** A platform adapter: a client (HTTP, pagination, rate limits) plus a pure map to our Post. */
export interface Source {
  readonly type: SourceType;
  /**
   * Re-reads the counts of these stored posts (platform post ids), page by page, so engagement
   * keeps growing after collection (METRICS.md, "When a figure changes"). Posts the platform no
   * longer returns (deleted, private) are left as last observed.
   */
  refresh?(postIds: readonly string[], onPage: (page: RefreshedPage) => Promise<void>, budget?: ReadBudget, signal?: AbortSignal): Promise<void>;
  /**
   * Collects the campaign's posts newer than the checkpoint, page by page. `onPage` stores the
   * page and its checkpoint; the source does not ask for the next page before it resolves.
   */
  collect(ctx: CollectContext, onPage: (page: CollectedPage) => Promise<void>): Promise<void>;
}

/** The month's read budget is spent: collection waits for the next month or a higher budget. */
export class ReadBudgetError extends Error {
  constructor(
    readonly source: SourceType,
    message: string,
  ) {
    super(message);
    this.name = 'ReadBudgetError';
  }
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

/**
 * A failure that another try cannot fix: the server the campaign names is one this service may not
 * contact (a private or metadata address), or it answers more than the service reads. The run
 * fails at once, without retries.
 */
export class SourceRefusedError extends Error {
  constructor(
    readonly source: SourceType,
    message: string,
  ) {
    super(message);
    this.name = 'SourceRefusedError';
  }
}
