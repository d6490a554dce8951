import Database from 'better-sqlite3';
import type { Campaign, CampaignPost } from '../../domain/campaign.js';
import type { MetricsQuery } from '../../domain/metrics-query.js';
import type { Author, StoredPost } from '../../domain/post.js';
import type { Store } from '../store.port.js';
import { createAccountStore, type WriteGuard } from './accounts.sql.js';
import { createAlertStore } from './alerts.sql.js';
import { createWorkshopStore } from './workshops.sql.js';
import { createChatStore } from './chat.sql.js';
import { createMembershipWriter, keepManualSentiment } from './membership-write.sql.js';
import { createJobReads } from './job-reads.sql.js';
import { createMetricsScanner } from './metrics-scan.js';
import { migrate } from './migrations.js';
import { createPostLists } from './post-list.sql.js';
import { applyPragmas, walAfterWrite, walAtClose } from './pragmas.js';
import { createOutbox } from './outbox.sql.js';
import { createRecordTables } from './records.sql.js';
import { createRollupTable } from './rollups.sql.js';
import { asRow, num } from './row-read.js';
import { membershipParams, rowToAuthor, rowToMembership, rowToPost } from './rows.js';
import { createBatchWriter } from './save-batch.sql.js';
import { createTermSourceScanner } from './term-sources.sql.js';
import { explainSqliteError } from './sqlite-errors.js';
import { quickCheck, type IntegrityReport } from './integrity.js';
import { withStorageHealth } from './storage-health.js';
import { BUMP_VERSION, createStampReader } from './versions.sql.js';

export interface SqliteStoreOptions {
  /** A file path, or `:memory:` for a private in-memory database. */
  file: string;
  /** How long a writer waits for another connection's lock before failing, in ms. */
  busyTimeoutMs?: number;
  /** SQLite's page cache in MB (pragmas.ts). */
  cacheSizeMb?: number;
  /** Most pages the database may grow to: a full disk, simulated (tests). */
  maxPageCount?: number;
  /** Run `PRAGMA quick_check` on opening, within this many ms (integrity.ts), and tell what was checked. */
  integrityCheck?: { budgetMs: number; report(r: IntegrityReport): void };
}

const CAMPAIGN_POSTS = `
  SELECT p.*,
    cp.campaign_id AS m_campaign_id, cp.platform AS m_platform, cp.post_id AS m_post_id, cp.author_id AS m_author_id,
    cp.created_at AS m_created_at, cp.day AS m_day, cp.hour AS m_hour, cp.city_code AS m_city_code,
    cp.province_code AS m_province_code, cp.location_method AS m_location_method, cp.topics AS m_topics,
    cp.hashtags AS m_hashtags, cp.published_on AS m_published_on, cp.language AS m_language,
    cp.sentiment AS m_sentiment, cp.sentiment_source AS m_sentiment_source,
    a.platform AS a_platform, a.author_id AS a_author_id, a.handle AS a_handle, a.name AS a_name,
    a.followers AS a_followers, a.location AS a_location, a.observed_at AS a_observed_at
  FROM campaign_posts AS cp
  JOIN posts AS p ON p.scope = cp.scope AND p.platform = cp.platform AND p.post_id = cp.post_id
  LEFT JOIN authors AS a ON a.scope = cp.scope AND a.platform = cp.platform AND a.author_id = cp.author_id
  WHERE cp.campaign_id = ?`;
const CAMPAIGN_POSTS_ORDER = `ORDER BY cp.created_at, cp.platform, cp.post_id`;

/**
 * The embedded store: one SQLite file (WAL) or an in-memory database. better-sqlite3 is
 * synchronous; the methods are async only to honour the port.
 */
export function createSqliteStore(opts: SqliteStoreOptions): Store {
  let db: Database.Database;
  try {
    db = new Database(opts.file);
  } catch (err) {
    throw explainSqliteError(err, opts.file);
  }
  try {
    applyPragmas(db, opts.file, opts);
    // Before the migrations, which would write into a damaged file.
    if (opts.integrityCheck) opts.integrityCheck.report(quickCheck(db, opts.file, opts.integrityCheck.budgetMs));
    migrate(db);
  } catch (err) {
    db.close();
    throw explainSqliteError(err, opts.file);
  }
  if (opts.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(opts.maxPageCount)}`);
  /** Writes that fail for lack of disk or permission say so, in words a person can act on. */
  const guard: WriteGuard =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } catch (err) {
        throw explainSqliteError(err, opts.file);
      }
    };

  const records = createRecordTables(db);
  const rollups = createRollupTable(db);
  const postLists = createPostLists(db);
  const saveBatch = createBatchWriter(db);
  const metrics = createMetricsScanner(db);
  const jobReads = createJobReads(db);
  const scanTermSources = createTermSourceScanner(db);
  const stmt = {
    ping: db.prepare('SELECT 1 AS ok'),
    campaignPosts: db.prepare(`${CAMPAIGN_POSTS} ${CAMPAIGN_POSTS_ORDER}`),
    // A page after a position: the (campaign_id, created_at, …) index bounds the scan.
    campaignPostsFirst: db.prepare(`${CAMPAIGN_POSTS} ${CAMPAIGN_POSTS_ORDER} LIMIT ?`),
    campaignPostsAfter: db.prepare(`${CAMPAIGN_POSTS} AND (cp.created_at, cp.platform, cp.post_id) > (?, ?, ?) ${CAMPAIGN_POSTS_ORDER} LIMIT ?`),
    countPosts: db.prepare('SELECT COUNT(*) AS n FROM posts'),
    deleteMemberships: db.prepare('DELETE FROM campaign_posts WHERE campaign_id = ?'),
    pendOldDays: db.prepare(
      'INSERT INTO rollup_pending (campaign_id, day) SELECT DISTINCT campaign_id, day FROM campaign_posts WHERE campaign_id = ? ON CONFLICT DO NOTHING',
    ),
    bumpVersion: db.prepare(BUMP_VERSION),
    pendPostDay: db.prepare(
      'INSERT INTO rollup_pending (campaign_id, day) SELECT campaign_id, day FROM campaign_posts WHERE campaign_id = ? AND platform = ? AND post_id = ? ON CONFLICT DO NOTHING',
    ),
    deleteMembership: db.prepare('DELETE FROM campaign_posts WHERE campaign_id = ? AND platform = ? AND post_id = ?'),
    pendDay: db.prepare('INSERT INTO rollup_pending (campaign_id, day) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    manualSentiment: db
      .prepare(`SELECT sentiment FROM campaign_posts WHERE campaign_id = ? AND platform = ? AND post_id = ? AND sentiment_source = 'manual'`)
      .pluck(),
    manualSentiments: db.prepare(`SELECT platform, post_id, sentiment FROM campaign_posts WHERE campaign_id = ? AND sentiment_source = 'manual'`),
    setSentiment: db.prepare('UPDATE campaign_posts SET sentiment = ?, sentiment_source = ? WHERE campaign_id = ? AND platform = ? AND post_id = ?'),
  };
  const outbox = createOutbox(db);
  const updateCampaign = db.transaction((c: Campaign, reattribute: boolean): boolean => {
    if (!records.updateCampaign(c)) return false;
    if (reattribute) outbox.markReattribution(c.id, new Date());
    return true;
  });
  const membershipWriter = createMembershipWriter(db);
  const replaceMemberships = (campaignId: string, memberships: CampaignPost[], reattributed?: number) =>
    membershipWriter.run((insertMembership) => {
      // A person's readings survive the rewrite.
      const manual = new Map<string, unknown>();
      for (const raw of stmt.manualSentiments.all(campaignId)) {
        const row = asRow(raw);
        manual.set(JSON.stringify([row.platform, row.post_id]), row.sentiment);
      }
      // The days the campaign held and the days it now holds: both have rollups to recompute.
      stmt.pendOldDays.run(campaignId);
      stmt.deleteMemberships.run(campaignId);
      for (const m of memberships) {
        if (m.campaignId !== campaignId) throw new RangeError(`membership of ${m.campaignId} given for ${campaignId}`);
        insertMembership(keepManualSentiment(membershipParams(m), manual.get(JSON.stringify([m.platform, m.postId]))));
      }
      stmt.pendOldDays.run(campaignId);
      stmt.bumpVersion.run(campaignId);
      if (reattributed !== undefined) outbox.clearReattribution(campaignId, reattributed);
    });
  const updateMemberships = (campaignId: string, memberships: CampaignPost[], reattributed?: number) =>
    membershipWriter.run((insertMembership) => {
      for (const m of memberships) {
        if (m.campaignId !== campaignId) throw new RangeError(`membership of ${m.campaignId} given for ${campaignId}`);
        // The day the post was on and the day it is on now: both have rollups to recompute.
        stmt.pendPostDay.run(campaignId, m.platform, m.postId);
        // A person's reading of the post survives re-attribution.
        const manual: unknown = stmt.manualSentiment.get(campaignId, m.platform, m.postId);
        stmt.deleteMembership.run(campaignId, m.platform, m.postId);
        insertMembership(keepManualSentiment(membershipParams(m), manual));
        stmt.pendDay.run(campaignId, m.day);
      }
      if (memberships.length > 0) stmt.bumpVersion.run(campaignId);
      if (reattributed !== undefined) outbox.clearReattribution(campaignId, reattributed);
    });
  const setSentiment = db.transaction((campaignId: string, platform: string, postId: string, sentiment: string, source: string): boolean => {
    if (stmt.setSentiment.run(sentiment, source, campaignId, platform, postId).changes === 0) return false;
    stmt.pendPostDay.run(campaignId, platform, postId);
    stmt.bumpVersion.run(campaignId);
    return true;
  });
  const dataStamp = createStampReader(db);

  const accounts = createAccountStore(db, guard);
  const alerts = createAlertStore(db, guard);

  const store: Store = {
    kind: 'sqlite',
    accounts,
    alerts,
    workshops: createWorkshopStore(db, guard),
    chat: createChatStore(db, guard),
    async ping() {
      stmt.ping.get();
    },
    async close() {
      walAtClose(db, opts.file);
      if (db.open) db.close();
    },
    async createCampaign(c) {
      guard(records.createCampaign)(c);
    },
    async updateCampaign(c, opts) {
      return guard(updateCampaign)(c, opts?.reattribute ?? false);
    },
    async pendingReattributions() {
      return outbox.pendingReattributions();
    },
    async getCampaign(id) {
      return records.getCampaign(id);
    },
    async listCampaigns() {
      return records.listCampaigns();
    },
    async saveLogo(c, logo) {
      return guard(db.transaction(() => records.saveLogo(c, logo)))();
    },
    async getLogo(campaignId) {
      return records.getLogo(campaignId);
    },
    async saveBatch(batch, checkpoint, run) {
      // The run's record (what it read so far) moves with the page: a killed run's reads count.
      const saved = guard(saveBatch)(batch, checkpoint, run && ((s) => records.saveRun(run(s))));
      walAfterWrite(db, opts.file);
      return saved;
    },
    async getCheckpoint(campaignId, source) {
      return records.getCheckpoint(campaignId, source);
    },
    async campaignPosts(campaignId, page) {
      // SQLite reads a negative LIMIT as none.
      if (page !== undefined && page.limit < 1) return [];
      const rows =
        page === undefined
          ? stmt.campaignPosts.all(campaignId)
          : page.after === undefined
            ? stmt.campaignPostsFirst.all(campaignId, page.limit)
            : stmt.campaignPostsAfter.all(campaignId, page.after.createdAt, page.after.platform, page.after.postId, page.limit);
      return rows.map((raw) => {
        const row = asRow(raw);
        const post: StoredPost = rowToPost(row);
        const author: Author | null = row.a_platform === null ? null : rowToAuthor(row, 'a_');
        return { post, author, membership: rowToMembership(row, 'm_') };
      });
    },
    async recentPostIds(campaignId, platform, since) {
      return jobReads.recentPostIds(campaignId, platform, since);
    },
    async replaceMemberships(campaignId, memberships, reattributed) {
      guard(replaceMemberships)(campaignId, memberships, reattributed);
      walAfterWrite(db, opts.file);
    },
    async updateMemberships(campaignId, memberships, reattributed) {
      guard(updateMemberships)(campaignId, memberships, reattributed);
    },
    async campaignPost(campaignId, platform, postId) {
      return postLists.campaignPost(campaignId, platform, postId);
    },
    async setSentiment(campaignId, platform, postId, sentiment, source) {
      const found = guard(setSentiment)(campaignId, platform, postId, sentiment, source);
      walAfterWrite(db, opts.file);
      return found;
    },
    async countPosts() {
      return num(asRow(stmt.countPosts.get()), 'n');
    },
    async saveRun(run) {
      guard(records.saveRun)(run);
    },
    async listRuns(campaignId, limit) {
      return records.listRuns(campaignId, limit);
    },
    async runningRuns() {
      return records.runningRuns();
    },
    async touchRuns(owner, at) {
      guard(records.touchRuns)(owner, at);
    },
    async postsReadSince(campaignId, source, since) {
      return jobReads.postsReadSince(campaignId, source, since);
    },
    async queryMetrics(q: MetricsQuery) {
      return metrics.run(q);
    },
    async listPosts(q) {
      return postLists.listPosts(q);
    },
    async topContributors(q) {
      return postLists.topContributors(q);
    },
    async scanTermSources(q, visit) {
      scanTermSources(q, visit);
    },
    async refreshRollups(campaignId, days) {
      guard(rollups.refresh)(campaignId, days);
      walAfterWrite(db, opts.file);
    },
    async readRollups(campaignId, fromDay, toDay) {
      return rollups.read(campaignId, fromDay, toDay);
    },
    async pendingRollupDays(campaignId) {
      return rollups.pendingDays(campaignId);
    },
    async campaignsWithPendingRollups() {
      return outbox.campaignsWithPendingRollups();
    },
    async dataStamp(campaignId) {
      return dataStamp(campaignId);
    },
  };
  // Every call's SQLite failure said in an operator's terms, and the last one kept for /healthz.
  return withStorageHealth(store, opts.file);
}
