import { randomUUID } from 'node:crypto';
import type { CollectionRun } from '../../domain/campaign.js';
import { ADDITIVE_FIGURES, type AdditiveFigures } from '../../domain/figures.js';
import { emptyRow, type DailyRollup, type MetricsQuery, type MetricsRow } from '../../domain/metrics-query.js';
import { authorKey, postKey, scopedKey } from '../../domain/post.js';
import { scopeBatch } from '../batch-scopes.js';
import { SOURCE_TYPES } from '../../sources/registry.js';
import type { EnrichedBatch, Store } from '../store.port.js';
import { createMongoAccounts } from './accounts.store.js';
import { campaignPostsPipeline } from './campaign-posts.pipeline.js';
import { asDoc, docArray, num, oneOf, str } from './doc-read.js';
import { postsReadSincePipeline, recentPostIdsFind } from './job-reads.ops.js';
import { metricsPipeline } from './metrics.pipeline.js';
import { clearReattributionOp, markReattributionOp, PENDING_REATTRIBUTIONS, readPendingReattribution } from './outbox.ops.js';
import { COLLECTIONS as C, type BulkOp, type CollectionName, type Doc, type MongoDb } from './mongo-db.port.js';
import { membershipDoc, readAuthor, readMembership, readPost } from './post.docs.js';
import { listPostsPipeline, topContributorsPipeline } from './post-list.pipeline.js';
import { readContributor, readListedPost } from './post-list.read.js';
import { campaignDoc, logoDoc, readCampaign, readLogo, readRun, runDoc } from './record.docs.js';
import { rollupPipeline, rollupRangeFilter, ROLLUP_SORT, staleRollupsFilter } from './rollup.pipeline.js';
import { checkpointOp, membershipUpsertOp, saveBatchOps } from './save-batch.ops.js';
import { planSaveResult } from './save-batch.plan.js';
import {
  ALL_CAMPAIGNS_SCOPE,
  bumpVersionOp,
  coveredPendingFilter,
  followersChange,
  pendingDay,
  pendingDayOps,
  readStamp,
  rollupScope,
} from './versions.ops.js';

/** The additive figures (domain/figures.ts) of a pipeline's group or a rollup document. */
function readFigures(d: Doc): AdditiveFigures {
  const figures = {} as AdditiveFigures;
  for (const f of ADDITIVE_FIGURES) figures[f.name] = num(d, f.mongo);
  return figures;
}

function metricsRow(raw: Doc, dimensions: number): MetricsRow {
  const id = dimensions > 0 ? asDoc(raw._id, '_id') : {};
  const figures = readFigures(raw);
  return {
    keys: Array.from({ length: dimensions }, (_, i) => str(id, `k${i}`)),
    ...figures,
    contributors: num(raw, 'contributors'),
    impressions: figures.impressionsReported + figures.impressionsEstimated,
    reach: num(raw, 'reach'),
  };
}

function readRollup(d: Doc): DailyRollup {
  return {
    campaignId: str(d, 'campaignId'),
    day: str(d, 'day'),
    cityCode: str(d, 'cityCode'),
    provinceCode: str(d, 'provinceCode'),
    source: oneOf(d, 'source', SOURCE_TYPES),
    ...readFigures(d),
  };
}

const unique = (xs: string[]) => [...new Set(xs)];

const runUpsertOp = (run: CollectionRun): BulkOp => ({ replaceOne: { filter: { _id: run.id }, replacement: runDoc(run), upsert: true } });

/** The production store: MongoDB through the MongoDb port (mongoose-db.ts), or mingo in tests. */
export function createMongoStore(db: MongoDb): Store {
  const write = async (collection: CollectionName, ops: BulkOp[]) => {
    if (ops.length > 0) await db.bulkWrite(collection, ops);
  };

  async function saveBatch(batch: EnrichedBatch, checkpoint?: Parameters<Store['saveBatch']>[1], run?: Parameters<Store['saveBatch']>[2]) {
    // Keys within their scope (domain/post.ts scopedKey): each campaign's copy of an imported post is its own.
    const scoped = scopeBatch(batch);
    const keys = unique(scoped.posts.map(({ scope, post }) => scopedKey(scope, postKey(post))));
    const refs = unique([...keys, ...batch.memberships.map((m) => str(membershipDoc(m), 'postRef'))]);
    // A follower count moves every campaign's data version for a shared author, one campaign's for its own copy.
    const scopedAuthors = scoped.authors.map(({ scope, author }) => ({
      key: scopedKey(scope, authorKey(author)),
      version: scope === '' ? ALL_CAMPAIGNS_SCOPE : scope,
      author,
    }));
    const authorKeys = unique(scopedAuthors.map((a) => a.key));
    const [posts, memberships, authors] = await Promise.all([
      keys.length > 0 ? db.find(C.posts, { _id: { $in: keys } }, { projection: { observedAt: 1 } }) : [],
      refs.length > 0 ? db.find(C.campaignPosts, { postRef: { $in: refs } }) : [],
      authorKeys.length > 0 ? db.find(C.authors, { _id: { $in: authorKeys } }, { projection: { followers: 1, followersObservedAt: 1 } }) : [],
    ]);
    const result = planSaveResult(batch, { posts, memberships });
    const stored = new Map(authors.map((d) => [str(d, '_id'), d]));
    // A different count of a stored author changes the reach of other campaigns. So does the
    // first profile of an author whose posts earlier batches stored without one.
    const followersChanged = new Set(
      scopedAuthors
        .filter(({ key, author }) => {
          const d = stored.get(key);
          return d !== undefined && followersChange(d, author.followers, author.observedAt);
        })
        .map((a) => a.version),
    );
    const firstProfiles = new Map<string, string[]>();
    for (const { key, version, author } of scopedAuthors) {
      if (author.followers !== undefined && !stored.has(key)) firstProfiles.set(version, [...(firstProfiles.get(version) ?? []), key]);
    }
    for (const [version, refs] of firstProfiles) {
      if (followersChanged.has(version)) continue;
      const held = await db.find(C.campaignPosts, { authorRef: { $in: refs } }, { limit: 1, projection: { _id: 1 } });
      if (held.length > 0) followersChanged.add(version);
    }
    const ops = saveBatchOps(batch);
    // Without a replica set MongoDB has no multi-document transaction. Every write below is an
    // idempotent upsert, and the checkpoint moves LAST: a crash in between leaves the checkpoint
    // where it was, the collector re-reads the same page, and the upserts store nothing twice.
    await write(C.posts, ops.posts);
    await write(C.authors, ops.authors);
    await write(C.campaignPosts, ops.campaignPosts);
    await write(C.rollupPending, pendingDayOps(result.changedDays, new Date()));
    const scopes = unique([...Object.keys(result.changedDays), ...followersChanged]);
    await write(C.dataVersions, scopes.map(bumpVersionOp));
    // The run's reads before the checkpoint: a page re-read after a crash may count twice, never zero times.
    if (run) await write(C.runs, [runUpsertOp(run(result))]);
    if (checkpoint) await write(C.checkpoints, [checkpointOp(checkpoint, new Date())]);
    return result;
  }

  return {
    kind: 'mongodb',
    accounts: createMongoAccounts(db),
    ping: () => db.ping(),
    close: () => db.close(),
    async createCampaign(c) {
      await write(C.campaigns, [{ insertOne: { document: campaignDoc(c) } }]);
    },
    async updateCampaign(c, opts) {
      // The mark first: a crash before the campaign changes re-attributes by the old settings, harmlessly.
      if (opts?.reattribute && (await db.countDocuments(C.campaigns, { _id: c.id })) > 0) {
        await write(C.reattributionPending, [markReattributionOp(c.id, new Date())]);
      }
      const r = await db.bulkWrite(C.campaigns, [{ replaceOne: { filter: { _id: c.id }, replacement: campaignDoc(c) } }]);
      return r.matchedCount > 0;
    },
    async getCampaign(id) {
      const d = await db.findOne(C.campaigns, { _id: id });
      return d === null ? null : readCampaign(d);
    },
    async listCampaigns() {
      return (await db.find(C.campaigns, {}, { sort: { createdAt: 1, _id: 1 } })).map(readCampaign);
    },
    async saveLogo(c, logo) {
      if ((await db.countDocuments(C.campaigns, { _id: c.id })) === 0) return false;
      // The bytes first: a crash between the two leaves an image no campaign names yet, never a campaign naming a missing image.
      if (logo !== null) await write(C.campaignLogos, [{ replaceOne: { filter: { _id: c.id }, replacement: logoDoc(c.id, logo), upsert: true } }]);
      const r = await db.bulkWrite(C.campaigns, [{ replaceOne: { filter: { _id: c.id }, replacement: campaignDoc(c) } }]);
      if (logo === null) await db.deleteMany(C.campaignLogos, { _id: c.id });
      return r.matchedCount > 0;
    },
    async getLogo(campaignId) {
      const d = await db.findOne(C.campaignLogos, { _id: campaignId });
      return d === null ? null : readLogo(d);
    },
    saveBatch,
    async getCheckpoint(campaignId, source) {
      const d = await db.findOne(C.checkpoints, { campaignId, source });
      return d === null ? null : (JSON.parse(str(d, 'value')) as unknown);
    },
    async campaignPosts(campaignId) {
      return (await db.aggregate(C.campaignPosts, campaignPostsPipeline(campaignId))).map((d) => {
        const author = docArray(d, 'author')[0];
        return { post: readPost(d.post), author: author ? readAuthor(author) : null, membership: readMembership(d) };
      });
    },
    async recentPostIds(campaignId, platform, since) {
      const { filter, options } = recentPostIdsFind(campaignId, platform, since);
      return (await db.find(C.campaignPosts, filter, options)).map((d) => str(d, 'postId'));
    },
    async pendingReattributions() {
      return (await db.find(C.reattributionPending, PENDING_REATTRIBUTIONS, { sort: { requestedAt: 1, _id: 1 } })).map(readPendingReattribution);
    },
    async replaceMemberships(campaignId, memberships, reattributed) {
      const foreign = memberships.find((m) => m.campaignId !== campaignId);
      if (foreign) throw new RangeError(`membership of ${foreign.campaignId} given for ${campaignId}`);
      // The days it held and the days it will hold both have rollups to recompute.
      const held = await db.aggregate(C.campaignPosts, [{ $match: { campaignId } }, { $group: { _id: '$day' } }]);
      const days = unique([...held.map((d) => str(d, '_id')), ...memberships.map((m) => m.day)]);
      await write(C.rollupPending, pendingDayOps({ [campaignId]: days }, new Date()));
      // Upsert first, then drop the rest: readers never see the campaign without its posts.
      await write(C.campaignPosts, memberships.map(membershipUpsertOp));
      await db.deleteMany(C.campaignPosts, { campaignId, postRef: { $nin: memberships.map((m) => str(membershipDoc(m), 'postRef')) } });
      await write(C.dataVersions, [bumpVersionOp(campaignId)]);
      if (reattributed !== undefined) await write(C.reattributionPending, [clearReattributionOp(campaignId, reattributed)]);
    },
    async updateMemberships(campaignId, memberships, reattributed) {
      const foreign = memberships.find((m) => m.campaignId !== campaignId);
      if (foreign) throw new RangeError(`membership of ${foreign.campaignId} given for ${campaignId}`);
      const cleared = async () => {
        if (reattributed !== undefined) await write(C.reattributionPending, [clearReattributionOp(campaignId, reattributed)]);
      };
      if (memberships.length === 0) return cleared();
      // The days these posts were on and the days they will be on both have rollups to recompute.
      const refs = memberships.map((m) => str(membershipDoc(m), 'postRef'));
      const held = await db.find(C.campaignPosts, { campaignId, postRef: { $in: refs } }, { projection: { day: 1 } });
      const days = unique([...held.map((d) => str(d, 'day')), ...memberships.map((m) => m.day)]);
      await write(C.rollupPending, pendingDayOps({ [campaignId]: days }, new Date()));
      await write(C.campaignPosts, memberships.map(membershipUpsertOp));
      await write(C.dataVersions, [bumpVersionOp(campaignId)]);
      await cleared();
    },
    countPosts: () => db.countDocuments(C.posts, {}),
    async saveRun(run) {
      await write(C.runs, [runUpsertOp(run)]);
    },
    async listRuns(campaignId, limit) {
      // MongoDB reads a limit of 0 as "no limit".
      if (limit < 1) return [];
      const docs = await db.find(C.runs, { campaignId }, { sort: { startedAtTime: -1, _id: -1 }, limit: Math.floor(limit) });
      return docs.map(readRun);
    },
    async runningRuns() {
      return (await db.find(C.runs, { status: 'running' }, { sort: { startedAtTime: 1, _id: 1 } })).map(readRun);
    },
    async touchRuns(owner, at) {
      const mine = await db.find(C.runs, { status: 'running', owner }, { projection: { _id: 1 } });
      await write(
        C.runs,
        mine.map((d): BulkOp => ({ updateOne: { filter: { _id: d._id, status: 'running' }, update: [{ $set: { heartbeatAt: at } }] } })),
      );
    },
    async postsReadSince(campaignId, source, since) {
      const [total] = await db.aggregate(C.runs, postsReadSincePipeline(campaignId, source, since));
      return total ? num(total, 'postsRead') : 0;
    },
    async queryMetrics(q: MetricsQuery) {
      const rows = (await db.aggregate(C.campaignPosts, metricsPipeline(q))).map((d) => metricsRow(d, q.groupBy.length));
      return q.groupBy.length === 0 && rows.length === 0 ? [emptyRow([])] : rows;
    },
    async listPosts(q) {
      // MongoDB rejects a $limit below 1.
      if (q.limit < 1) return [];
      return (await db.aggregate(C.campaignPosts, listPostsPipeline(q))).map(readListedPost);
    },
    async topContributors(q) {
      if (q.limit < 1) return [];
      return (await db.aggregate(C.campaignPosts, topContributorsPipeline(q))).map(readContributor);
    },
    async refreshRollups(campaignId, days) {
      if (days.length === 0) return;
      const refreshId = randomUUID();
      const startedAt = new Date();
      await db.aggregate(C.campaignPosts, rollupPipeline(campaignId, days, refreshId));
      await db.deleteMany(C.dailyRollups, staleRollupsFilter(campaignId, days, refreshId));
      await db.deleteMany(C.rollupPending, coveredPendingFilter(campaignId, days, startedAt));
      await write(C.dataVersions, [bumpVersionOp(rollupScope(campaignId))]);
    },
    async pendingRollupDays(campaignId) {
      return (await db.find(C.rollupPending, { campaignId }, { sort: { day: 1 } })).map(pendingDay);
    },
    async campaignsWithPendingRollups() {
      const groups = await db.aggregate(C.rollupPending, [{ $group: { _id: '$campaignId' } }, { $sort: { _id: 1 } }]);
      return groups.map((d) => str(d, '_id'));
    },
    async dataStamp(campaignId) {
      const [versions, newest] = await Promise.all([
        db.find(C.dataVersions, { _id: { $in: [campaignId, ALL_CAMPAIGNS_SCOPE, rollupScope(campaignId)] } }),
        db.find(C.campaignPosts, { campaignId }, { sort: { createdAt: -1 }, limit: 1, projection: { createdAt: 1 } }),
      ]);
      return readStamp(campaignId, versions, newest[0]);
    },
    async readRollups(campaignId, fromDay, toDay) {
      return (await db.find(C.dailyRollups, rollupRangeFilter(campaignId, fromDay, toDay), { sort: { ...ROLLUP_SORT } })).map(readRollup);
    },
  };
}
