import type { Campaign, CampaignPost, CollectionRun } from '../domain/campaign.js';
import type { StoredLogo } from '../domain/logo.js';
import type { DailyRollup, MetricsFilter, MetricsQuery, MetricsRow } from '../domain/metrics-query.js';
import type { TermSource } from '../domain/terms.js';
import type { EnrichedBatch } from '../enrich/enrich.js';
import type { Author, PostSentiment, SentimentSource, SourceType, StoredPost } from '../domain/post.js';
import type { ContributorRow, ListedPost, ListPostsQuery, TopContributorsQuery } from '../domain/post-query.js';
import type { AccountStore } from './account-store.port.js';
import type { AlertStore } from './alert-store.port.js';
import type { WorkshopStore } from './workshop-store.port.js';
import type { ChatStore } from './chat-store.port.js';

export type { EnrichedBatch } from '../enrich/enrich.js';

export interface CheckpointUpdate {
  campaignId: string;
  source: SourceType;
  /** Source-specific, JSON-serialisable. */
  value: unknown;
}

export interface SaveResult {
  /** Posts stored for the first time. */
  inserted: number;
  /** Posts already stored whose counts were updated (a newer observation). */
  updated: number;
  /** Days (`YYYY-MM-DD`, campaign zone) whose posts changed, per campaign id. */
  changedDays: Record<string, string[]>;
}

/**
 * What a campaign's cached figures are keyed on. Both parts move in the same write (transaction
 * where the store has them) as the data they describe, so a reader that reads the stamp BEFORE
 * the figures can at worst cache newer figures under an older stamp, which is never read again:
 * never older figures under a newer stamp.
 */
export interface DataStamp {
  /** Changes whenever a post, attribution or follower count the campaign's figures read changes. */
  version: string;
  /** Changes whenever the campaign's daily rollups are recomputed. */
  rollupVersion: string;
  /** The newest creation instant among the campaign's posts (null: none): a range ending after it reads them all. */
  newestPostAt: string | null;
}

/** A page of Store.campaignPosts: keyset pagination on the membership's order. */
export interface CampaignPostsPage {
  after?: Pick<CampaignPost, 'createdAt' | 'platform' | 'postId'>;
  limit: number;
}

/**
 * A re-attribution a campaign change asked for (the outbox): the campaign's posts must be
 * attributed by its settings as of `version`, which moves on with every such change.
 */
export interface PendingReattribution {
  campaignId: string;
  version: number;
  requestedAt: string;
}

/**
 * The storage port. Two adapters implement it (store/sqlite, store/mongo) and both pass
 * tests/integration/store.contract.ts. Domain code never knows which one it runs on.
 */
export interface Store {
  readonly kind: 'sqlite' | 'mongodb';
  /** Users, sessions, tokens, campaign members, share links and the audit log (account-store.port.ts). */
  readonly accounts: AccountStore;
  /** Alert rules, their events and deliveries (alert-store.port.ts). */
  readonly alerts: AlertStore;
  /** A campaign's workshops and their participants (workshop-store.port.ts). */
  readonly workshops: WorkshopStore;
  /** A campaign's WhatsApp support channel: messages and facilitators as keyed hashes (chat-store.port.ts). */
  readonly chat: ChatStore;
  /** Reachability check for /healthz; rejects when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;

  createCampaign(campaign: Campaign): Promise<void>;
  /**
   * Replaces the stored campaign with the same id; resolves false when there is none (and records
   * nothing). With `reattribute`, a pending re-attribution of its posts is recorded with the change
   * (same transaction on SQLite; written first on MongoDB, so it is never missing after a crash).
   */
  updateCampaign(campaign: Campaign, opts?: { reattribute?: boolean }): Promise<boolean>;
  /** Every campaign's pending re-attribution (see updateCampaign), oldest first. */
  pendingReattributions(): Promise<PendingReattribution[]>;
  getCampaign(id: string): Promise<Campaign | null>;
  listCampaigns(): Promise<Campaign[]>;
  /**
   * Replaces the stored campaign (its `logo` says what the logo is) and stores the logo's bytes
   * beside it, or removes them when `logo` is null; resolves false when there is no such campaign.
   */
  saveLogo(campaign: Campaign, logo: StoredLogo | null): Promise<boolean>;
  /** A campaign's logo with its bytes, or null when it has none. */
  getLogo(campaignId: string): Promise<StoredLogo | null>;

  /**
   * Upserts posts (key: scope + platform + postId) and authors (key: scope + platform + authorId),
   * where the latest `observedAt` wins, upserts memberships (key: campaignId + platform + postId),
   * and moves the checkpoint, all or nothing. Saving the same batch twice stores everything once.
   * The scope (domain/post.ts postScope) is '' for a collected post, shared by every campaign; an
   * imported post or author is written once per campaign of the batch holding it, as its own copy.
   * `run` gives the record of the run that read the batch, counting it (from what was saved): it is
   * stored in the same write, so what a run read counts against its budget even when the run is
   * killed before it ends.
   */
  saveBatch(batch: EnrichedBatch, checkpoint?: CheckpointUpdate, run?: (saved: SaveResult) => CollectionRun): Promise<SaveResult>;
  getCheckpoint(campaignId: string, source: SourceType): Promise<unknown>;

  /**
   * The stored posts one campaign holds, with their authors, ordered by the membership's
   * (createdAt, platform, postId): the input of re-attribution. Without `page`, all of them (small
   * campaigns, tests); with it, at most `limit` strictly after `after` (a position taken from the
   * last row of the previous page), so a large campaign is read a page at a time.
   */
  campaignPosts(campaignId: string, page?: CampaignPostsPage): Promise<Array<{ post: StoredPost; author: Author | null; membership: CampaignPost }>>;
  /**
   * The platform ids of the campaign's posts on one platform created at or after `since` (an
   * instant), oldest first, read from the attributions alone (no post, author or membership is
   * loaded): what the daily refresh re-reads.
   */
  recentPostIds(campaignId: string, platform: SourceType, since: string): Promise<string[]>;
  /**
   * Replaces the attribution of a campaign's posts (after a change to its topics or cities). With
   * `reattributed`, the pending re-attribution of that version is cleared with it; a later one
   * (the settings changed again meanwhile) stays pending.
   */
  replaceMemberships(campaignId: string, memberships: CampaignPost[], reattributed?: number): Promise<void>;
  /**
   * Replaces, in place, the attribution of these posts of a campaign, and records as pending the
   * days they were and are on, all or nothing; the campaign's other posts are left as they are.
   * Re-attribution calls it a batch at a time, so no write grows with the campaign and posts
   * collected meanwhile are kept. With `reattributed`, the pending re-attribution of that version
   * is cleared in the same write (the last batch's).
   */
  updateMemberships(campaignId: string, memberships: CampaignPost[], reattributed?: number): Promise<void>;
  countPosts(): Promise<number>;
  /** One post a campaign holds, by its key (source + post id), with its author and attribution; null when it holds none. */
  campaignPost(campaignId: string, platform: SourceType, postId: string): Promise<ListedPost | null>;
  /**
   * Sets the sentiment of one post in one campaign and who read it (`manual`: a person, which
   * every later write of the attribution keeps: saveBatch, replaceMemberships, updateMemberships),
   * records its day as pending and moves the campaign's data version, together. False (and
   * nothing written) when the campaign holds no such post.
   */
  setSentiment(campaignId: string, platform: SourceType, postId: string, sentiment: PostSentiment, source: SentimentSource): Promise<boolean>;

  saveRun(run: CollectionRun): Promise<void>;
  /** Newest first. */
  listRuns(campaignId: string, limit: number): Promise<CollectionRun[]>;
  /** Every run still marked running, of every campaign: what the sweep of runs whose process is gone reads. */
  runningRuns(): Promise<CollectionRun[]>;
  /** Marks the running runs of one process alive at `at` (their heartbeat), changing nothing else of them. */
  touchRuns(owner: string, at: string): Promise<void>;
  /** The sum of `postsRead` over the campaign's runs of one source started at or after `since` (an instant): a read budget's spending. */
  postsReadSince(campaignId: string, source: SourceType, since: string): Promise<number>;

  /**
   * Exact figures computed from the posts, for any filter and grouping, rows sorted by keys.
   * Without groupBy there is always exactly one row (zeros over an empty set); with groupBy, only
   * groups that have posts. An empty filter list filters nothing, like an absent one.
   */
  queryMetrics(query: MetricsQuery): Promise<MetricsRow[]>;
  /**
   * One page of a campaign's filtered posts in the query's sort order (ties by platform, postId),
   * strictly after `after` when given: keyset pagination, so pages never overlap or skip.
   */
  listPosts(query: ListPostsQuery): Promise<ListedPost[]>;
  /**
   * Calls `visit` with the text, hashtags, author and engagement of every post of the filtered
   * set, in no promised order: what metrics/terms counts (src/terms). A scan rather than a
   * grouped query because a word is found by a tokenizer and a stop-word list, not by SQL; it is
   * read a page at a time, so memory does not grow with the campaign.
   */
  scanTermSources(query: { campaignId: string; filter: MetricsFilter }, visit: (post: TermSource) => void): Promise<void>;
  /** The filtered set's authors with their figures, best first by the query's sort (ties by platform, authorId). */
  topContributors(query: TopContributorsQuery): Promise<ContributorRow[]>;
  /**
   * Recomputes the daily rollups of these days of a campaign from its posts, and drops them from
   * its pending days; idempotent.
   */
  refreshRollups(campaignId: string, days: string[]): Promise<void>;
  /**
   * Days whose posts changed since their rollups were last recomputed. saveBatch and
   * replaceMemberships record them with the change itself, so a worker killed before it asked
   * for its metrics job leaves them for the next one rather than leaving the rollups stale.
   */
  pendingRollupDays(campaignId: string): Promise<string[]>;
  /** The campaigns that have pending rollup days: what the reconciler asks metrics jobs for. */
  campaignsWithPendingRollups(): Promise<string[]>;
  /** The campaign's data stamp (see DataStamp): what caches of its figures are keyed on. */
  dataStamp(campaignId: string): Promise<DataStamp>;
  /** Rollup rows of a campaign, days within [fromDay, toDay] inclusive when given. */
  readRollups(campaignId: string, fromDay?: string, toDay?: string): Promise<DailyRollup[]>;
}

/*
 * Narrow views: each service and processor takes the part of the Store it uses, so its signature
 * says what it reads and writes (and a test double needs only those methods). The composition
 * root hands every one of them the whole Store.
 */

/** Campaign records and their runs (services/campaign.service.ts). */
export type CampaignStore = Pick<Store, 'createCampaign' | 'updateCampaign' | 'pendingReattributions' | 'getCampaign' | 'listRuns' | 'saveLogo' | 'getLogo'>;
/** An import file stored as one batch with its run record (services/import.service.ts). */
export type ImportStore = Pick<Store, 'saveBatch' | 'saveRun'>;
/** Posts and authors one by one (services/posts.service.ts, the CSV export). */
export type PostsStore = Pick<Store, 'listPosts' | 'topContributors'>;
/** A person's reading of one post (services/post-sentiment.service.ts). */
export type PostSentimentStore = Pick<Store, 'campaignPost' | 'setSentiment'>;
/** Figures and rollups, and the stamp caches of them are keyed on (services/metrics.service.ts). */
export type MetricsStore = Pick<Store, 'queryMetrics' | 'dataStamp' | 'readRollups'>;
/** The terms of the posts and the stamp their answers are kept under (services/terms.service.ts). */
export type TermsStore = Pick<Store, 'scanTermSources' | 'dataStamp'>;

/** The campaigns a principal may see, and whether one exists (services/access.service.ts). */
export type AccessCampaignStore = Pick<Store, 'getCampaign' | 'listCampaigns'>;

/** The frame of every job that reads a platform: its campaign, its run record, its read budget (jobs/source-run.ts). */
export type SourceRunStore = Pick<Store, 'getCampaign' | 'saveRun' | 'postsReadSince' | 'pendingRollupDays'>;
/** A collection: the checkpoint it resumes from and the pages it stores with it (jobs/collect.processor.ts). */
export type CollectStore = SourceRunStore & Pick<Store, 'getCheckpoint' | 'saveBatch'>;
/** The daily re-read of recent posts' counts (jobs/refresh.processor.ts). */
export type RefreshStore = SourceRunStore & Pick<Store, 'recentPostIds' | 'saveBatch'>;
/** The metrics job (jobs/metrics.processor.ts). */
export type RollupStore = Pick<Store, 'pendingRollupDays' | 'refreshRollups'>;
/** Re-attribution after a campaign's settings changed (jobs/reattribute.processor.ts). */
export type ReattributeStore = Pick<Store, 'getCampaign' | 'pendingReattributions' | 'campaignPosts' | 'updateMemberships' | 'refreshRollups'>;
/** Every processor's view together: what the worker's dependencies hold (jobs/deps.ts). */
export type ProcessorStore = CollectStore & RefreshStore & RollupStore & ReattributeStore;
/** The scheduler reads the campaigns it enqueues slots for (queue/scheduler.ts). */
export type ScheduleStore = Pick<Store, 'listCampaigns' | 'getCampaign'> & Partial<Pick<Store, 'alerts'>>;
/** The reconciler turns the outbox into jobs (queue/reconciler.ts). */
export type ReconcileStore = Pick<Store, 'pendingReattributions' | 'campaignsWithPendingRollups' | 'dataStamp'> & Partial<Pick<Store, 'alerts'>>;
/** Closing runs whose process is gone, and the heartbeat of a process's own (jobs/abandoned-runs.ts). */
export type RunSweepStore = Pick<Store, 'runningRuns' | 'touchRuns' | 'saveRun'>;
