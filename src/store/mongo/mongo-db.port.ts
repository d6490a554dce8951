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

export interface MongoDb {
  /** Runs a pipeline; a pipeline ending in `$merge` writes and resolves to `[]`. */
  aggregate(collection: CollectionName, pipeline: Doc[]): Promise<Doc[]>;
  /** Ordered: operations apply in sequence and stop at the first error. */
  bulkWrite(collection: CollectionName, ops: BulkOp[]): Promise<BulkResult>;
  findOne(collection: CollectionName, filter: Doc): Promise<Doc | null>;
  find(collection: CollectionName, filter: Doc, options?: FindOptions): Promise<Doc[]>;
  countDocuments(collection: CollectionName, filter: Doc): Promise<number>;
  /** Resolves to the number of deleted documents. */
  deleteMany(collection: CollectionName, filter: Doc): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
