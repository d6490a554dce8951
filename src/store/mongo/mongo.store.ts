import type { CampaignPost, CollectionRun } from '../../domain/campaign.js';
import { ADDITIVE_FIGURES, type AdditiveFigures } from '../../domain/figures.js';
import { emptyRow, type DailyRollup, type MetricsQuery, type MetricsRow } from '../../domain/metrics-query.js';
import { authorKey, postKey, scopedKey } from '../../domain/post.js';
import { scopeBatch } from '../batch-scopes.js';
import { SOURCE_TYPES } from '../../sources/registry.js';
import type { EnrichedBatch, Store } from '../store.port.js';
import { createMongoAccounts } from './accounts.store.js';
import { createMongoAlerts } from './alerts.store.js';
import { createMongoWorkshops } from './workshops.store.js';
import { createMongoChat } from './chat.store.js';
import { CAMPAIGN_POSTS_BATCH, campaignPostsPipeline } from './campaign-posts.pipeline.js';
import { asDoc, docArray, num, oneOf, str, strArray } from './doc-read.js';
import { postsReadSincePipeline, recentPostIdsFind } from './job-reads.ops.js';
import { metricsPipeline } from './metrics.pipeline.js';
import { clearReattributionOp, markReattributionOp, PENDING_REATTRIBUTIONS, readPendingReattribution } from './outbox.ops.js';
import { COLLECTIONS as C, type AggregateOptions, type BulkOp, type CollectionName, type Doc, type MongoDb, type MongoOps } from './mongo-db.port.js';
import { holdsCopy, membershipDoc, membershipKey, POST_COPY_SOURCE, postCopy, readAuthor, readMembership, readPost } from './post.docs.js';
import { campaignPostPipeline, listPostsPipeline, TERM_SOURCES_PAGE, termSourcesPipeline, topContributorsPipeline } from './post-list.pipeline.js';
import { readContributor, readListedPost } from './post-list.read.js';
import { campaignDoc, logoDoc, readCampaign, readLogo, readRun, runDoc } from './record.docs.js';
import { rollupCellsPipeline, rollupRangeFilter, ROLLUP_SORT } from './rollup.pipeline.js';
import { checkpointOp, copyUpdateOp, membershipUpsertOp, saveBatchOps, setSentimentOp } from './save-batch.ops.js';
import { planSaveResult, postCopiesAfter } from './save-batch.plan.js';
import { ALL_CAMPAIGNS_SCOPE, bumpVersionOp, followersChange, pendingDay, pendingDayOps, readStamp, rollupScope } from './versions.ops.js';

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

/**
 * Most ids or operations in one command. A command's size then depends on the page, never on the
 * campaign: 1,000 operations of a few hundred bytes stay far under the 16 MB BSON limit.
 */
export const COMMAND_BATCH = 1000;
/** Days of rollups recomputed per transaction (a month: a bounded number of cells). */
const REFRESH_DAYS = 31;
/** Times a refresh starts over when another refresh of the campaign committed first. */
const REFRESH_ATTEMPTS = 20;

/** Aggregations a person waits for: bounded, and allowed to spill a large `$group` to disk. */
export const QUERY_OPTIONS: AggregateOptions = { allowDiskUse: true, maxTimeMS: 60_000 };
/** Aggregations of jobs (rollups): larger, still bounded so a stuck one frees its worker. */
export const JOB_QUERY_OPTIONS: AggregateOptions = { allowDiskUse: true, maxTimeMS: 600_000 };

function chunks<T>(xs: readonly T[], size = COMMAND_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Writes in commands of at most COMMAND_BATCH operations, in order. */
async function write(db: MongoOps, collection: CollectionName, ops: BulkOp[]): Promise<void> {
  for (const chunk of chunks(ops)) await db.bulkWrite(collection, chunk);
}

/** `find` with `{ [field]: { $in: ids } }` and more conditions, COMMAND_BATCH ids per command. */
async function findIn(
  db: MongoOps,
  collection: CollectionName,
  field: string,
  ids: readonly string[],
  filter: Doc = {},
  projection?: Record<string, 1>,
): Promise<Doc[]> {
  const out: Doc[] = [];
  for (const chunk of chunks(unique([...ids]))) {
    out.push(...(await db.find(collection, { ...filter, [field]: { $in: chunk } }, projection ? { projection } : {})));
  }
  return out;
}

/** The `_id` of the post a membership reads (its campaign's copy of an imported one). */
const postRefOf = (m: CampaignPost): string => str(membershipDoc(m), 'postRef');

/** Each stored post's copy (post.docs.ts postCopy) by `_id`, COMMAND_BATCH ids per command. */
async function storedCopies(db: MongoOps, refs: readonly string[]): Promise<Map<string, Doc>> {
  return new Map((await findIn(db, C.posts, '_id', refs, {}, { ...POST_COPY_SOURCE })).map((d) => [str(d, '_id'), postCopy(d)]));
}

/** Upserts of memberships, each with its post's copy as stored (a missing post: zeros). */
function membershipOps(memberships: readonly CampaignPost[], copies: ReadonlyMap<string, Doc>): BulkOp[] {
  return memberships.map((m) => membershipUpsertOp(m, copies.get(postRefOf(m)) ?? postCopy(undefined)));
}

const runUpsertOp = (run: CollectionRun): BulkOp => ({ replaceOne: { filter: { _id: run.id }, replacement: runDoc(run), upsert: true } });

/** The production store: MongoDB through the MongoDb port (mongoose-db.ts), or mingo in tests. */
export function createMongoStore(db: MongoDb): Store {
  /**
   * One page, all or nothing: a transaction (mongoose-db.ts withTransaction, retried whole on a
   * transient error) that plans from what it reads and writes posts, authors, memberships, pending
   * days, versions, the run's record and the checkpoint. On a server without a replica set the same
   * writes go in this order, so a crash leaves the checkpoint where it was and the re-read page
   * stores nothing twice.
   */
  async function saveBatch(batch: EnrichedBatch, checkpoint?: Parameters<Store['saveBatch']>[1], run?: Parameters<Store['saveBatch']>[2]) {
    // Keys within their scope (domain/post.ts scopedKey): each campaign's copy of an imported post is its own.
    const scoped = scopeBatch(batch);
    const keys = unique(scoped.posts.map(({ scope, post }) => scopedKey(scope, postKey(post))));
    const refs = unique([...keys, ...batch.memberships.map(postRefOf)]);
    const rewritten = new Set(batch.memberships.map(membershipKey));
    // A follower count moves every campaign's data version for a shared author, one campaign's for its own copy.
    const scopedAuthors = scoped.authors.map(({ scope, author }) => ({
      key: scopedKey(scope, authorKey(author)),
      version: scope === '' ? ALL_CAMPAIGNS_SCOPE : scope,
      author,
    }));
    const authorKeys = unique(scopedAuthors.map((a) => a.key));
    const ops = saveBatchOps(batch);
    return db.withTransaction(async (tx) => {
      // One operation at a time: a session runs its transaction's operations in sequence.
      const posts = await findIn(tx, C.posts, '_id', refs, {}, { observedAt: 1, ...POST_COPY_SOURCE });
      const memberships = await findIn(tx, C.campaignPosts, 'postRef', refs);
      const authors = await findIn(tx, C.authors, '_id', authorKeys, {}, { followers: 1, followersObservedAt: 1 });
      const result = planSaveResult(batch, { posts, memberships });
      // Every membership, in any campaign, keeps its post's figures as they will be stored: the
      // batch's own are written with them, the others' copies are updated where they differ.
      const copies = postCopiesAfter(batch, posts);
      const copyUpdates = memberships.flatMap((d) => {
        const copy = copies.get(str(d, 'postRef'));
        const key = membershipKey({ campaignId: str(d, 'campaignId'), platform: str(d, 'platform'), postId: str(d, 'postId') });
        return copy === undefined || rewritten.has(key) || holdsCopy(d, copy) ? [] : [copyUpdateOp(d._id, copy)];
      });
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
      for (const [version, authorRefs] of firstProfiles) {
        if (followersChanged.has(version)) continue;
        for (const chunk of chunks(authorRefs)) {
          const held = await tx.find(C.campaignPosts, { authorRef: { $in: chunk } }, { limit: 1, projection: { _id: 1 } });
          if (held.length > 0) {
            followersChanged.add(version);
            break;
          }
        }
      }
      await write(tx, C.posts, ops.posts);
      await write(tx, C.authors, ops.authors);
      await write(tx, C.campaignPosts, membershipOps(batch.memberships, copies));
      await write(tx, C.campaignPosts, copyUpdates);
      await write(tx, C.rollupPending, pendingDayOps(result.changedDays, new Date()));
      const scopes = unique([...Object.keys(result.changedDays), ...followersChanged]);
      await write(tx, C.dataVersions, scopes.map(bumpVersionOp));
      if (run) await write(tx, C.runs, [runUpsertOp(run(result))]);
      if (checkpoint) await write(tx, C.checkpoints, [checkpointOp(checkpoint, new Date())]);
      return result;
    });
  }

  /**
   * Recomputes the rollups of some days (at most REFRESH_DAYS) and swaps them in, so that two
   * refreshes of a campaign at once cannot leave older cells over newer ones, nor drop a change
   * they did not see:
   * 1. read the campaign's rollup version and the pending marks of those days (each mark is
   *    unique to the write that made it);
   * 2. compute the cells (an aggregation outside any transaction: it may be long);
   * 3. in one transaction: if the version moved (another refresh committed meanwhile, from data at
   *    least as new), start over; else replace the days' cells, delete exactly the marks read in 1
   *    (a change committed after them left a new mark, so it is refreshed again) and move the version.
   * Two transactions writing the version document conflict, so only one of two racing swaps commits.
   */
  async function refreshDays(campaignId: string, days: string[]): Promise<void> {
    const scope = rollupScope(campaignId);
    const versionOf = (d: Doc | null) => (d === null ? 0 : num(d, 'version'));
    for (let attempt = 1; ; attempt++) {
      const seen = versionOf(await db.findOne(C.dataVersions, { _id: scope }));
      const marks = await db.find(C.rollupPending, { campaignId, day: { $in: days } }, { projection: { mark: 1 } });
      const cells = await db.aggregate(C.campaignPosts, rollupCellsPipeline(campaignId, days), JOB_QUERY_OPTIONS);
      const swapped = await db.withTransaction(async (tx) => {
        if (versionOf(await tx.findOne(C.dataVersions, { _id: scope })) !== seen) return false;
        await tx.deleteMany(C.dailyRollups, { campaignId, day: { $in: days } });
        await write(
          tx,
          C.dailyRollups,
          cells.map((document): BulkOp => ({ insertOne: { document } })),
        );
        await write(
          tx,
          C.rollupPending,
          marks.map((m): BulkOp => ({ deleteMany: { filter: { _id: m._id, mark: m.mark ?? null } } })),
        );
        await write(tx, C.dataVersions, [bumpVersionOp(scope)]);
        return true;
      });
      if (swapped) return;
      if (attempt >= REFRESH_ATTEMPTS) throw new Error(`rollups of ${campaignId}: overtaken by other refreshes ${attempt} times`);
    }
  }

  return {
    kind: 'mongodb',
    accounts: createMongoAccounts(db),
    alerts: createMongoAlerts(db),
    workshops: createMongoWorkshops(db),
    chat: createMongoChat(db),
    ping: () => db.ping(),
    close: () => db.close(),
    async createCampaign(c) {
      await write(db, C.campaigns, [{ insertOne: { document: campaignDoc(c) } }]);
    },
    async updateCampaign(c, opts) {
      // The change and its re-attribution mark together (without a replica set: the mark first, so
      // a crash before the campaign changes re-attributes by the old settings, harmlessly).
      return db.withTransaction(async (tx) => {
        if (opts?.reattribute && (await tx.countDocuments(C.campaigns, { _id: c.id })) > 0) {
          await write(tx, C.reattributionPending, [markReattributionOp(c.id, new Date())]);
        }
        const r = await tx.bulkWrite(C.campaigns, [{ replaceOne: { filter: { _id: c.id }, replacement: campaignDoc(c) } }]);
        return r.matchedCount > 0;
      });
    },
    async getCampaign(id) {
      const d = await db.findOne(C.campaigns, { _id: id });
      return d === null ? null : readCampaign(d);
    },
    async listCampaigns() {
      return (await db.find(C.campaigns, {}, { sort: { createdAt: 1, _id: 1 } })).map(readCampaign);
    },
    async saveLogo(c, logo) {
      // One transaction: the campaign never names an image that is not there, nor keeps one it dropped.
      return db.withTransaction(async (tx) => {
        if ((await tx.countDocuments(C.campaigns, { _id: c.id })) === 0) return false;
        if (logo !== null) await write(tx, C.campaignLogos, [{ replaceOne: { filter: { _id: c.id }, replacement: logoDoc(c.id, logo), upsert: true } }]);
        const r = await tx.bulkWrite(C.campaigns, [{ replaceOne: { filter: { _id: c.id }, replacement: campaignDoc(c) } }]);
        if (logo === null) await tx.deleteMany(C.campaignLogos, { _id: c.id });
        return r.matchedCount > 0;
      });
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
    async campaignPosts(campaignId, page) {
      // Keyset batches of at most CAMPAIGN_POSTS_BATCH, each sorted and limited before its joins;
      // without `page` (small campaigns, tests) the batches are gathered, as the port promises.
      const want = page === undefined ? Infinity : Math.floor(page.limit);
      const out: Awaited<ReturnType<Store['campaignPosts']>> = [];
      let after = page?.after;
      while (out.length < want) {
        const limit = Math.min(CAMPAIGN_POSTS_BATCH, want - out.length);
        const batch = { ...(after === undefined ? {} : { after }), limit };
        const docs = await db.aggregate(C.campaignPosts, campaignPostsPipeline(campaignId, batch), JOB_QUERY_OPTIONS);
        for (const d of docs) {
          const post = docArray(d, 'post')[0];
          // A membership without its post (saveBatch writes posts first) is skipped, as SQLite's join skips it.
          if (post === undefined) continue;
          const author = docArray(d, 'author')[0];
          out.push({ post: readPost(post), author: author ? readAuthor(author) : null, membership: readMembership(d) });
        }
        const last = docs[docs.length - 1];
        if (last === undefined || docs.length < limit) break;
        const { createdAt, platform, postId } = readMembership(last);
        after = { createdAt, platform, postId };
      }
      return out;
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
      const kept = new Set(memberships.map((m) => str(membershipDoc(m), 'postRef')));
      // One transaction, every command bounded: the whole set is in memory already (tests, tools);
      // re-attribution uses updateMemberships a batch at a time.
      await db.withTransaction(async (tx) => {
        // The days it held and the days it will hold both have rollups to recompute.
        const held = await tx.aggregate(C.campaignPosts, [{ $match: { campaignId } }, { $group: { _id: '$day' } }], JOB_QUERY_OPTIONS);
        const days = unique([...held.map((d) => str(d, '_id')), ...memberships.map((m) => m.day)]);
        await write(tx, C.rollupPending, pendingDayOps({ [campaignId]: days }, new Date()));
        // Upsert first, then drop the rest: readers never see the campaign without its posts.
        await write(tx, C.campaignPosts, membershipOps(memberships, await storedCopies(tx, [...kept])));
        // The rest, found page by page (keyset on _id), deleted by _id: no `$nin` of every post.
        let after: unknown = null;
        for (;;) {
          const page = await tx.find(C.campaignPosts, after === null ? { campaignId } : { campaignId, _id: { $gt: after } }, {
            sort: { _id: 1 },
            limit: COMMAND_BATCH,
            projection: { postRef: 1 },
          });
          const gone = page.filter((d) => !kept.has(str(d, 'postRef'))).map((d) => d._id);
          if (gone.length > 0) await tx.bulkWrite(C.campaignPosts, [{ deleteMany: { filter: { _id: { $in: gone } } } }]);
          if (page.length < COMMAND_BATCH) break;
          after = page[page.length - 1]?._id;
        }
        await write(tx, C.dataVersions, [bumpVersionOp(campaignId)]);
        if (reattributed !== undefined) await write(tx, C.reattributionPending, [clearReattributionOp(campaignId, reattributed)]);
      });
    },
    async updateMemberships(campaignId, memberships, reattributed) {
      const foreign = memberships.find((m) => m.campaignId !== campaignId);
      if (foreign) throw new RangeError(`membership of ${foreign.campaignId} given for ${campaignId}`);
      // In place, one transaction per call (re-attribution's batch): posts collected meanwhile are
      // never touched, and every command is bounded by the batch.
      await db.withTransaction(async (tx) => {
        if (memberships.length > 0) {
          // The days these posts were on and the days they will be on both have rollups to recompute.
          const refs = memberships.map(postRefOf);
          const held = await findIn(tx, C.campaignPosts, 'postRef', refs, { campaignId }, { day: 1 });
          const days = unique([...held.map((d) => str(d, 'day')), ...memberships.map((m) => m.day)]);
          await write(tx, C.rollupPending, pendingDayOps({ [campaignId]: days }, new Date()));
          await write(tx, C.campaignPosts, membershipOps(memberships, await storedCopies(tx, refs)));
          await write(tx, C.dataVersions, [bumpVersionOp(campaignId)]);
        }
        if (reattributed !== undefined) await write(tx, C.reattributionPending, [clearReattributionOp(campaignId, reattributed)]);
      });
    },
    countPosts: () => db.countDocuments(C.posts, {}),
    async campaignPost(campaignId, platform, postId) {
      const [d] = await db.aggregate(C.campaignPosts, campaignPostPipeline(campaignId, platform, postId), QUERY_OPTIONS);
      return d ? readListedPost(d) : null;
    },
    async setSentiment(campaignId, platform, postId, sentiment, source) {
      // One transaction: the reading, its day marked pending and the data version move together.
      return db.withTransaction(async (tx) => {
        const [membership] = await tx.find(C.campaignPosts, { campaignId, platform, postId }, { limit: 1, projection: { day: 1 } });
        if (!membership) return false;
        await write(tx, C.rollupPending, pendingDayOps({ [campaignId]: [str(membership, 'day')] }, new Date()));
        const r = await tx.bulkWrite(C.campaignPosts, [setSentimentOp(campaignId, platform, postId, sentiment, source)]);
        await write(tx, C.dataVersions, [bumpVersionOp(campaignId)]);
        return r.matchedCount > 0;
      });
    },
    async saveRun(run) {
      await write(db, C.runs, [runUpsertOp(run)]);
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
        db,
        C.runs,
        mine.map((d): BulkOp => ({ updateOne: { filter: { _id: d._id, status: 'running' }, update: [{ $set: { heartbeatAt: at } }] } })),
      );
    },
    async postsReadSince(campaignId, source, since) {
      const [total] = await db.aggregate(C.runs, postsReadSincePipeline(campaignId, source, since), QUERY_OPTIONS);
      return total ? num(total, 'postsRead') : 0;
    },
    async queryMetrics(q: MetricsQuery) {
      const rows = (await db.aggregate(C.campaignPosts, metricsPipeline(q), QUERY_OPTIONS)).map((d) => metricsRow(d, q.groupBy.length));
      return q.groupBy.length === 0 && rows.length === 0 ? [emptyRow([])] : rows;
    },
    async listPosts(q) {
      // MongoDB rejects a $limit below 1.
      if (q.limit < 1) return [];
      return (await db.aggregate(C.campaignPosts, listPostsPipeline(q), QUERY_OPTIONS)).map(readListedPost);
    },
    async topContributors(q) {
      if (q.limit < 1) return [];
      return (await db.aggregate(C.campaignPosts, topContributorsPipeline(q), QUERY_OPTIONS)).map(readContributor);
    },
    async scanTermSources(q, visit) {
      let after: unknown;
      for (;;) {
        const page = await db.aggregate(C.campaignPosts, termSourcesPipeline(q.campaignId, q.filter, after), QUERY_OPTIONS);
        for (const d of page) visit({ text: str(d, 'text'), hashtags: strArray(d, 'hashtags'), author: str(d, 'author'), engagement: num(d, 'engagement') });
        if (page.length < TERM_SOURCES_PAGE) return;
        after = page[page.length - 1]?._id;
      }
    },
    async refreshRollups(campaignId, days) {
      const sorted = unique(days).sort();
      for (const chunk of chunks(sorted, REFRESH_DAYS)) await refreshDays(campaignId, chunk);
    },
    async pendingRollupDays(campaignId) {
      return (await db.find(C.rollupPending, { campaignId }, { sort: { day: 1 } })).map(pendingDay);
    },
    async campaignsWithPendingRollups() {
      const groups = await db.aggregate(C.rollupPending, [{ $group: { _id: '$campaignId' } }, { $sort: { _id: 1 } }], QUERY_OPTIONS);
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
