import { Schema, type Connection } from 'mongoose';
import { ADDITIVE_FIGURES } from '../../domain/figures.js';
import { COLLECTIONS, type CollectionName, type Doc } from './mongo-db.port.js';

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
    scope: String,
    platform: String,
    postId: String,
    url: String,
    text: String,
    createdAt: Date,
    lang: String,
    publishedOn: String,
    kind: String,
    authorId: String,
    hashtags: [String],
    counts: Mixed,
    reportedImpressions: Number,
    place: Mixed,
    references: Mixed,
    observedAt: Date,
    engagement: Number,
    impressions: Number,
    impressionsSource: String,
  },
  options(COLLECTIONS.posts),
);
// One copy per scope: '' shared by every campaign, or the campaign's own (domain/post.ts postScope).
post.index({ scope: 1, platform: 1, postId: 1 }, { unique: true });

const author = new Schema(
  {
    _id: String,
    scope: String,
    platform: String,
    authorId: String,
    handle: String,
    name: String,
    followers: Number,
    followersObservedAt: Date,
    location: String,
    observedAt: Date,
  },
  options(COLLECTIONS.authors),
);
author.index({ scope: 1, platform: 1, authorId: 1 }, { unique: true });

const campaignPost = new Schema(
  {
    campaignId: String,
    platform: String,
    postId: String,
    postRef: String,
    publishedOn: String,
    language: String,
    sentiment: String,
    sentimentSource: String,
    authorId: String,
    authorRef: String,
    createdAt: Date,
    day: String,
    hour: String,
    cityCode: String,
    provinceCode: String,
    locationMethod: String,
    topics: [String],
    hashtags: [String],
    // The post's kind and additive figures (post.docs.ts postCopy), kept equal to the post's by
    // saveBatch: metrics, rollups and the top lists read campaign_posts without joining posts.
    kind: String,
    ...Object.fromEntries(ADDITIVE_FIGURES.filter((f) => f.perPost.kind !== 'count').map((f) => [f.mongo, Number])),
  },
  options(COLLECTIONS.campaignPosts),
);
campaignPost.index({ campaignId: 1, platform: 1, postId: 1 }, { unique: true });
// recentPostIds (a range of createdAt), and re-attribution's pages in (createdAt, platform, postId)
// order: the sort comes from the index, so a page streams its `limit` entries through the joins.
campaignPost.index({ campaignId: 1, createdAt: 1, platform: 1, postId: 1 });
// listPosts by recent (the posts route and the CSV export): MongoDB serves a sort from an index only
// when the key pattern matches it, so each keyset page reads `limit` entries instead of the campaign.
campaignPost.index({ campaignId: 1, createdAt: -1, platform: 1, postId: 1 });
campaignPost.index({ campaignId: 1, day: 1 });
// listPosts by engagement (top posts): sorted and limited on the memberships' copy of the figure,
// a keyset page reads `limit` entries and joins only those posts.
campaignPost.index({ campaignId: 1, engagement: -1, platform: 1, postId: 1 });
// saveBatch reads every campaign's membership of the posts it writes.
campaignPost.index({ postRef: 1 });
// saveBatch asks whether an author seen for the first time already has stored posts.
campaignPost.index({ authorRef: 1 });

const campaign = new Schema({ _id: String, status: String, createdAt: String }, { ...options(COLLECTIONS.campaigns), strict: false });
campaign.index({ createdAt: 1, _id: 1 });

// _id is the campaign's id: one logo per campaign, found by its key.
const campaignLogo = new Schema({ _id: String, contentType: String, data: String, updatedAt: String }, options(COLLECTIONS.campaignLogos));

const checkpoint = new Schema({ campaignId: String, source: String, value: String, updatedAt: Date }, options(COLLECTIONS.checkpoints));
checkpoint.index({ campaignId: 1, source: 1 }, { unique: true });

const run = new Schema({ _id: String, campaignId: String, source: String, startedAtTime: Date }, { ...options(COLLECTIONS.runs), strict: false });
run.index({ campaignId: 1, startedAtTime: -1, _id: -1 });
// The monthly read budget sums one source's runs since the first of the month.
run.index({ campaignId: 1, source: 1, startedAtTime: 1 });
// The sweep of runs whose process is gone reads the running ones only.
run.index({ status: 1, owner: 1 }, { partialFilterExpression: { status: 'running' } });

const dailyRollup = new Schema(
  {
    _id: Mixed,
    campaignId: String,
    day: String,
    cityCode: String,
    provinceCode: String,
    source: String,
    ...Object.fromEntries(ADDITIVE_FIGURES.map((f) => [f.mongo, Number])),
  },
  options(COLLECTIONS.dailyRollups),
);
dailyRollup.index({ campaignId: 1, day: 1 });

const rollupPending = new Schema({ _id: String, campaignId: String, day: String, at: Date, mark: String }, options(COLLECTIONS.rollupPending));
rollupPending.index({ campaignId: 1, day: 1 });

const reattributionPending = new Schema({ _id: String, version: Number, doneVersion: Number, requestedAt: Date }, options(COLLECTIONS.reattributionPending));

const dataVersion = new Schema({ _id: String, version: Number }, options(COLLECTIONS.dataVersions));

// Accounts and access (account.docs.ts). `…Time` fields are the Date copies queries sort on.
const user = new Schema(
  {
    _id: String,
    email: String,
    name: String,
    role: String,
    passwordHash: String,
    status: String,
    createdAt: String,
    updatedAt: String,
    createdAtTime: Date,
  },
  options(COLLECTIONS.users),
);
// Addresses are stored normalised (lower-case), so the index needs no collation.
user.index({ email: 1 }, { unique: true });
user.index({ createdAtTime: 1, _id: 1 });

const session = new Schema(
  { _id: String, userId: String, csrfToken: String, createdAt: String, expiresAt: String, lastSeenAt: String, expiresAtTime: Date },
  options(COLLECTIONS.sessions),
);
session.index({ userId: 1 });
// The server drops a session once it has expired (within a minute or so), whether or not anyone
// calls deleteExpiredSessions; a session is worthless after expiresAt either way.
session.index({ expiresAtTime: 1 }, { expireAfterSeconds: 0 });

const apiToken = new Schema(
  {
    _id: String,
    userId: String,
    name: String,
    tokenHash: String,
    prefix: String,
    createdAt: String,
    expiresAt: String,
    lastUsedAt: String,
    revokedAt: String,
    createdAtTime: Date,
  },
  options(COLLECTIONS.apiTokens),
);
apiToken.index({ tokenHash: 1 }, { unique: true });
apiToken.index({ createdAtTime: -1, _id: -1 });
apiToken.index({ userId: 1, createdAtTime: -1, _id: -1 });

const member = new Schema(
  { campaignId: String, userId: String, own: Boolean, addedBy: String, addedAt: String, addedAtTime: Date },
  options(COLLECTIONS.memberships),
);
member.index({ campaignId: 1, userId: 1 }, { unique: true });
member.index({ campaignId: 1, addedAtTime: 1, userId: 1 });
member.index({ userId: 1, addedAtTime: 1, campaignId: 1 });

const shareLink = new Schema(
  {
    _id: String,
    campaignId: String,
    tokenHash: String,
    prefix: String,
    label: String,
    from: String,
    to: String,
    expiresAt: String,
    allowExport: Boolean,
    createdBy: String,
    createdAt: String,
    revokedAt: String,
    lastUsedAt: String,
    createdAtTime: Date,
  },
  options(COLLECTIONS.shareLinks),
);
shareLink.index({ tokenHash: 1 }, { unique: true });
shareLink.index({ campaignId: 1, createdAtTime: -1, _id: -1 });

const auditEntry = new Schema(
  { _id: String, at: String, atTime: Date, actor: Mixed, action: String, targetType: String, targetId: String, details: String },
  options(COLLECTIONS.auditLog),
);
// Newest first, a page at a time (keyset on atTime, _id), the whole log or one target's.
auditEntry.index({ atTime: -1, _id: -1 });
auditEntry.index({ targetType: 1, targetId: 1, atTime: -1, _id: -1 });

const alert = new Schema(
  { _id: String, campaignId: String, kind: String, enabled: Boolean, createdAtTime: Date, doc: String, lastFiredAtTime: Date, firing: String },
  options(COLLECTIONS.alerts),
);
alert.index({ campaignId: 1, createdAtTime: 1, _id: 1 });
alert.index({ kind: 1, enabled: 1 });
// Claimed events a process did not finish writing (store/mongo/alerts.store.ts).
alert.index({ firing: 1 }, { sparse: true });

// Each campaign's number of rules, taken and given back with them (alerts.store.ts).
const alertCount = new Schema({ _id: String, count: Number }, options(COLLECTIONS.alertCounts));

const alertEvent = new Schema({ _id: String, alertId: String, campaignId: String, key: String, atTime: Date, doc: String }, options(COLLECTIONS.alertEvents));
// One event per rule and key (a run, a bucket, a digest slot).
alertEvent.index({ alertId: 1, key: 1 }, { unique: true });

const alertDelivery = new Schema(
  { _id: String, eventId: String, campaignId: String, outcome: String, createdAtTime: Date, doc: String },
  options(COLLECTIONS.alertDeliveries),
);
alertDelivery.index({ campaignId: 1, createdAtTime: -1, _id: -1 });
alertDelivery.index({ outcome: 1, createdAtTime: 1 });
// Workshops and their participants (workshops.store.ts): `_id` is `<campaignId>/<id>`.
const workshop = new Schema({ _id: String, campaignId: String, id: String, startsAtTime: Date }, { ...options(COLLECTIONS.workshops), strict: false });
workshop.index({ campaignId: 1, startsAtTime: 1, id: 1 });
const workshopParticipant = new Schema(
  { _id: String, campaignId: String, workshopId: String, id: String, addedAtTime: Date },
  { ...options(COLLECTIONS.workshopParticipants), strict: false },
);
workshopParticipant.index({ campaignId: 1, workshopId: 1, addedAtTime: 1, id: 1 });
workshopParticipant.index({ campaignId: 1, addedAtTime: 1, id: 1 });
// A signed-in participant's own records (GET …/me); most participants have no e-mail.
workshopParticipant.index({ campaignId: 1, email: 1 }, { partialFilterExpression: { email: { $type: 'string' } } });

// The support channel (chat.store.ts): `_id` is the campaign (secret, facilitators) or `<campaignId>/<key>` (a message).
const chatSecret = new Schema({ _id: String, secret: String, createdAt: String }, options(COLLECTIONS.chatSecrets));
const chatMessage = new Schema(
  { _id: String, campaignId: String, key: String, atTime: Date, day: String },
  { ...options(COLLECTIONS.chatMessages), strict: false },
);
chatMessage.index({ campaignId: 1, atTime: 1, key: 1 });
const chatFacilitators = new Schema({ _id: String, authors: [String] }, options(COLLECTIONS.chatFacilitators));

const SCHEMAS = {
  Post: post,
  Author: author,
  CampaignPost: campaignPost,
  Campaign: campaign,
  CampaignLogo: campaignLogo,
  Checkpoint: checkpoint,
  Run: run,
  DailyRollup: dailyRollup,
  RollupPending: rollupPending,
  ReattributionPending: reattributionPending,
  DataVersion: dataVersion,
  User: user,
  Session: session,
  ApiToken: apiToken,
  Member: member,
  ShareLink: shareLink,
  AuditEntry: auditEntry,
  Alert: alert,
  AlertCount: alertCount,
  AlertEvent: alertEvent,
  AlertDelivery: alertDelivery,
  Workshop: workshop,
  WorkshopParticipant: workshopParticipant,
  ChatSecret: chatSecret,
  ChatMessage: chatMessage,
  ChatFacilitators: chatFacilitators,
} as const;

/** A unique index a schema declares, as the server builds it. */
export interface UniqueIndex {
  collection: CollectionName;
  /** The server's default name (`email_1`, `campaignId_1_platform_1_postId_1`), which its E11000 message names. */
  name: string;
  key: Record<string, 1 | -1>;
  sparse?: boolean;
  partialFilterExpression?: Doc;
}

/**
 * Every unique index the schemas above declare (besides `_id`'s), read from the declarations
 * themselves so there is no second list to keep in step: what the server enforces once
 * ensureIndexes has built them, and what tests/helpers/mingo-db.ts enforces in memory.
 */
export function uniqueIndexes(): UniqueIndex[] {
  return Object.values(SCHEMAS).flatMap((schema) => {
    const collection = schema.get('collection') as CollectionName;
    return schema.indexes().flatMap(([fields, opts]): UniqueIndex[] => {
      if (opts.unique !== true) return [];
      const key = Object.fromEntries(Object.entries(fields).map(([f, d]) => [f, d === -1 ? -1 : 1])) as Record<string, 1 | -1>;
      return [
        {
          collection,
          name: Object.entries(key)
            .map(([f, d]) => `${f}_${d}`)
            .join('_'),
          key,
          ...(opts.sparse === true ? { sparse: true } : {}),
          ...(opts.partialFilterExpression === undefined ? {} : { partialFilterExpression: opts.partialFilterExpression as Doc }),
        },
      ];
    });
  });
}

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
