import { Schema, type Connection } from 'mongoose';
import { COLLECTIONS } from './mongo-db.port.js';

/**
 * Mongoose schemas of the Mongo store's collections. The store reads and writes through the native
 * driver (pipelines and bulk operations are plain data), so these schemas exist for what mongoose
 * does well: declaring each collection's shape next to the indexes its queries need, and building
 * those indexes on connect. `_id` is the natural key where there is one (`x:123`).
 */

const Mixed = Schema.Types.Mixed;
const options = (collection: string) => ({ collection, versionKey: false as const, autoIndex: false, autoCreate: false });

const post = new Schema(
  {
    _id: String,
    platform: String, postId: String, url: String, text: String, createdAt: Date, lang: String, kind: String,
    authorId: String, hashtags: [String], counts: Mixed, reportedImpressions: Number, place: Mixed,
    observedAt: Date, engagement: Number, impressions: Number, impressionsSource: String,
  },
  options(COLLECTIONS.posts),
);
post.index({ platform: 1, postId: 1 }, { unique: true });

const author = new Schema(
  {
    _id: String,
    platform: String, authorId: String, handle: String, name: String, followers: Number,
    followersObservedAt: Date, location: String, observedAt: Date,
  },
  options(COLLECTIONS.authors),
);
author.index({ platform: 1, authorId: 1 }, { unique: true });

const campaignPost = new Schema(
  {
    campaignId: String, platform: String, postId: String, postRef: String, authorId: String, authorRef: String,
    createdAt: Date, day: String, hour: String, cityCode: String, provinceCode: String, locationMethod: String,
    topics: [String], hashtags: [String],
  },
  options(COLLECTIONS.campaignPosts),
);
campaignPost.index({ campaignId: 1, platform: 1, postId: 1 }, { unique: true });
campaignPost.index({ campaignId: 1, createdAt: 1 });
// listPosts by recent (the posts route and the CSV export): MongoDB serves a sort from an index only
// when the key pattern matches it, so each keyset page reads `limit` entries instead of the campaign.
campaignPost.index({ campaignId: 1, createdAt: -1, platform: 1, postId: 1 });
campaignPost.index({ campaignId: 1, day: 1 });
// saveBatch reads every campaign's membership of the posts it writes.
campaignPost.index({ postRef: 1 });

const campaign = new Schema({ _id: String, status: String, createdAt: String }, { ...options(COLLECTIONS.campaigns), strict: false });
campaign.index({ createdAt: 1, _id: 1 });

const checkpoint = new Schema({ campaignId: String, source: String, value: String, updatedAt: Date }, options(COLLECTIONS.checkpoints));
checkpoint.index({ campaignId: 1, source: 1 }, { unique: true });

const run = new Schema({ _id: String, campaignId: String, startedAtTime: Date }, { ...options(COLLECTIONS.runs), strict: false });
run.index({ campaignId: 1, startedAtTime: -1, _id: -1 });

const dailyRollup = new Schema(
  {
    _id: Mixed, campaignId: String, day: String, cityCode: String, provinceCode: String, source: String,
    posts: Number, engagement: Number, impressionsReported: Number, impressionsEstimated: Number, refreshId: String,
  },
  options(COLLECTIONS.dailyRollups),
);
dailyRollup.index({ campaignId: 1, day: 1 });

const rollupPending = new Schema({ _id: String, campaignId: String, day: String, at: Date }, options(COLLECTIONS.rollupPending));
rollupPending.index({ campaignId: 1, day: 1 });

const dataVersion = new Schema({ _id: String, version: Number }, options(COLLECTIONS.dataVersions));

const SCHEMAS = {
  Post: post,
  Author: author,
  CampaignPost: campaignPost,
  Campaign: campaign,
  Checkpoint: checkpoint,
  Run: run,
  DailyRollup: dailyRollup,
  RollupPending: rollupPending,
  DataVersion: dataVersion,
} as const;

/**
 * Registers the models on a connection (idempotent) and builds every declared index that is
 * missing. It never drops an index: that is a deliberate migration, not a side effect of connecting.
 */
export async function ensureIndexes(conn: Connection): Promise<void> {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const model = conn.models[name] ?? conn.model(name, schema);
    await model.createIndexes();
  }
}
