/**
 * The few collection-level operations the Mongo store needs. Two implementations: mongoose-db.ts
 * over a real server, and tests/helpers/mingo-db.ts in memory. Keeping the port this small is what
 * lets every pipeline and bulk operation run, unchanged, against both.
 */

/** A BSON document as plain data (strings, numbers, booleans, null, Date, arrays, objects). */
export type Doc = Record<string, unknown>;

export const COLLECTIONS = {
  posts: 'posts',
  authors: 'authors',
  campaignPosts: 'campaign_posts',
  campaigns: 'campaigns',
  /** A campaign's logo (its bytes as base64), apart from the campaign so reading one never reads the image. */
  campaignLogos: 'campaign_logos',
  checkpoints: 'checkpoints',
  runs: 'runs',
  dailyRollups: 'daily_rollups',
  rollupPending: 'rollup_pending',
  reattributionPending: 'reattributions',
  dataVersions: 'data_versions',
  users: 'users',
  sessions: 'sessions',
  apiTokens: 'api_tokens',
  /** A user's place in a campaign (campaign_posts is a post's). */
  memberships: 'memberships',
  shareLinks: 'share_links',
  auditLog: 'audit_log',
  alerts: 'alerts',
  /** Each campaign's number of alert rules (`_id` the campaign): the limit's one conditional update. */
  alertCounts: 'alert_counts',
  alertEvents: 'alert_events',
  alertDeliveries: 'alert_deliveries',
  workshops: 'workshops',
  workshopParticipants: 'workshop_participants',
  /** The support channel (chat.store.ts): a campaign's secret for keyed hashes, its messages and facilitators. */
  chatSecrets: 'chat_secrets',
  chatMessages: 'chat_messages',
  chatFacilitators: 'chat_facilitators',
} as const;
export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

/** The bulk operations the store issues, with MongoDB's own shapes. */
export type BulkOp =
  | { insertOne: { document: Doc } }
  /** `update` is an aggregation pipeline (MongoDB 4.2+), so conditions can see the stored document. */
  | { updateOne: { filter: Doc; update: Doc[]; upsert?: boolean } }
  | { replaceOne: { filter: Doc; replacement: Doc; upsert?: boolean } }
  | { deleteMany: { filter: Doc } };

export interface BulkResult {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
  deletedCount: number;
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
  /** Inclusion projection (`{ field: 1 }`). */
  projection?: Record<string, 1>;
}

/**
 * Options of an aggregation, set deliberately by each caller: `allowDiskUse` lets a `$group` or
 * `$sort` over a large campaign spill to disk instead of failing at the server's 100 MB stage limit;
 * `maxTimeMS` bounds a query a person waits for, so a runaway one fails instead of holding a worker.
 */
export interface AggregateOptions {
  allowDiskUse?: boolean;
  maxTimeMS?: number;
}

/** The operations on collections, inside or outside a transaction. */
export interface MongoOps {
  /** Runs a pipeline; a pipeline ending in `$merge` writes and resolves to `[]` (never inside a transaction). */
  aggregate(collection: CollectionName, pipeline: Doc[], options?: AggregateOptions): Promise<Doc[]>;
  /** Ordered: operations apply in sequence and stop at the first error. */
  bulkWrite(collection: CollectionName, ops: BulkOp[]): Promise<BulkResult>;
  findOne(collection: CollectionName, filter: Doc): Promise<Doc | null>;
  find(collection: CollectionName, filter: Doc, options?: FindOptions): Promise<Doc[]>;
  countDocuments(collection: CollectionName, filter: Doc): Promise<number>;
  /** Resolves to the number of deleted documents. */
  deleteMany(collection: CollectionName, filter: Doc): Promise<number>;
}

export interface MongoDb extends MongoOps {
  /**
   * Runs `work` as one multi-document transaction: what it writes through `tx` commits together
   * or not at all, and it reads a snapshot plus its own writes. On a transient error (a write
   * conflict with another transaction, a primary stepping down) the whole `work` runs again, so
   * it must compute everything it writes from what it reads through `tx`. Only on a replica set
   * (compose runs one); see mongoose-db.ts for a standalone server.
   */
  withTransaction<T>(work: (tx: MongoOps) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
