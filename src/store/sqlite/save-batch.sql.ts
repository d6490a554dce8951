import type { Database } from 'better-sqlite3';
import type { CampaignPost } from '../../domain/campaign.js';
import { postKey, postScope, scopedKey } from '../../domain/post.js';
import { scopeBatch } from '../batch-scopes.js';
import type { CheckpointUpdate, EnrichedBatch, SaveResult } from '../store.port.js';
import {
  createMembershipWriter,
  figuresOfPostRow,
  keepManualSentiment,
  ON_CONFLICT_REPLACE,
  type MembershipWrite,
  type PostFigures,
} from './membership-write.sql.js';
import { asRow, str } from './row-read.js';
import { authorParams, MEMBERSHIP_COLUMNS, membershipParams, postParams } from './rows.js';
import { ALL_CAMPAIGNS_SCOPE, BUMP_VERSION } from './versions.sql.js';

const POST_COLUMNS = [
  'scope',
  'platform',
  'post_id',
  'url',
  'text',
  'created_at',
  'lang',
  'published_on',
  'kind',
  'author_id',
  'hashtags',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'bookmarks',
  'reported_impressions',
  'place_name',
  'place_full_name',
  'place_country_code',
  'refs',
  'engagement',
  'impressions',
  'impressions_source',
  'observed_at',
] as const;
const POST_KEY = new Set(['scope', 'platform', 'post_id']);

/** Only a strictly newer observation replaces a stored post (ties keep what is stored). */
const UPSERT_POST = `
  INSERT INTO posts (${POST_COLUMNS.join(', ')}) VALUES (${POST_COLUMNS.map((c) => `@${c}`).join(', ')})
  ON CONFLICT (scope, platform, post_id) DO UPDATE SET
    ${POST_COLUMNS.filter((c) => !POST_KEY.has(c))
      .map((c) => `${c} = excluded.${c}`)
      .join(',\n    ')}
  WHERE excluded.observed_at > posts.observed_at`;

/** A KNOWN follower count newer than the stored one; followers keep their own clock. */
const NEWER_FOLLOWERS = `(excluded.followers IS NOT NULL
    AND (authors.followers_observed_at IS NULL OR authors.followers_observed_at < excluded.followers_observed_at))`;
const IF_NEWER = (c: string) => `${c} = CASE WHEN excluded.observed_at > authors.observed_at THEN excluded.${c} ELSE authors.${c} END`;
const IF_NEWER_FOLLOWERS = (c: string) => `${c} = CASE WHEN ${NEWER_FOLLOWERS} THEN excluded.${c} ELSE authors.${c} END`;

/**
 * One statement per author: the latest observation wins for the profile, and the latest KNOWN
 * follower count wins independently (an observation without a count never erases one).
 */
const UPSERT_AUTHOR = `
  INSERT INTO authors (scope, platform, author_id, handle, name, followers, followers_observed_at, location, observed_at)
  VALUES (@scope, @platform, @author_id, @handle, @name, @followers, @followers_observed_at, @location, @observed_at)
  ON CONFLICT (scope, platform, author_id) DO UPDATE SET
    ${['handle', 'name', 'location', 'observed_at'].map(IF_NEWER).join(', ')},
    ${['followers', 'followers_observed_at'].map(IF_NEWER_FOLLOWERS).join(', ')}
  WHERE excluded.observed_at > authors.observed_at OR ${NEWER_FOLLOWERS}`;

const ADD_PENDING_DAY = 'INSERT INTO rollup_pending (campaign_id, day) VALUES (?, ?) ON CONFLICT DO NOTHING';

const UPSERT_CHECKPOINT = `
  INSERT INTO checkpoints (campaign_id, source, value, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (campaign_id, source) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;

/** Collects days per campaign without duplicates. */
class DaySet {
  private readonly days = new Map<string, Set<string>>();
  add(campaignId: string, day: string): void {
    const set = this.days.get(campaignId) ?? new Set<string>();
    set.add(day);
    this.days.set(campaignId, set);
  }
  toRecord(): Record<string, string[]> {
    return Object.fromEntries([...this.days].map(([c, days]) => [c, [...days].sort()]));
  }
}

/**
 * Builds the saveBatch of the SQLite store: one transaction over prepared statements, so a
 * failure anywhere (a CHECK, a foreign key, a bad instant) leaves nothing written.
 */
export function createBatchWriter(
  db: Database,
): (batch: EnrichedBatch, checkpoint?: CheckpointUpdate, inSameTransaction?: (saved: SaveResult) => void) => SaveResult {
  // The posts of a batch are stored before its memberships, which copy their figures.
  const memberships = createMembershipWriter(db, ON_CONFLICT_REPLACE);
  const stmt = {
    postObservedAt: db.prepare('SELECT observed_at FROM posts WHERE scope = ? AND platform = ? AND post_id = ?'),
    upsertPost: db.prepare(UPSERT_POST),
    followers: db.prepare('SELECT followers FROM authors WHERE scope = ? AND platform = ? AND author_id = ?'),
    hasMemberships: db.prepare('SELECT 1 FROM author_keys WHERE scope = ? AND platform = ? AND author_id = ?').pluck(),
    upsertAuthor: db.prepare(UPSERT_AUTHOR),
    membership: db.prepare(`SELECT ${MEMBERSHIP_COLUMNS.join(', ')} FROM campaign_posts WHERE campaign_id = ? AND platform = ? AND post_id = ?`),
    membershipsOfPost: db.prepare('SELECT campaign_id, day FROM campaign_posts WHERE scope = ? AND platform = ? AND post_id = ?'),
    upsertCheckpoint: db.prepare(UPSERT_CHECKPOINT),
    addPendingDay: db.prepare(ADD_PENDING_DAY),
    bumpVersion: db.prepare(BUMP_VERSION),
  };

  /**
   * Returns true when the membership is new or its attribution changed; adds the days it touches.
   * A post this batch stored for the first time can have no membership yet (the foreign key).
   */
  const saveMembership = (upsertMembership: MembershipWrite, m: CampaignPost, days: DaySet, newPost: boolean, figures?: PostFigures): boolean => {
    const params = membershipParams(m);
    const found: unknown = newPost ? undefined : stmt.membership.get(m.campaignId, m.platform, m.postId);
    if (found !== undefined) {
      const old = asRow(found);
      // A person's reading of the post survives re-collection, refresh and re-import.
      if (old.sentiment_source === 'manual') keepManualSentiment(params, old.sentiment);
      if (MEMBERSHIP_COLUMNS.every((c) => old[c] === params[c])) return false;
      days.add(m.campaignId, str(old, 'day'));
    }
    upsertMembership(params, figures);
    days.add(m.campaignId, m.day);
    return true;
  };

  const save = (upsertMembership: MembershipWrite, batch: EnrichedBatch, checkpoint?: CheckpointUpdate): SaveResult => {
    // Keys are scoped (domain/post.ts scopedKey): each campaign's copy of an imported post is its own.
    const insertedKeys = new Set<string>();
    const changed = new Map<string, { scope: string; platform: string; postId: string }>();
    // The figures of the posts this batch wrote, as stored now: what their memberships copy.
    const written = new Map<string, PostFigures>();
    let updated = 0;
    const scoped = scopeBatch(batch);
    for (const { scope, post } of scoped.posts) {
      const params = postParams(post, scope);
      const key = scopedKey(scope, postKey(post));
      const found: unknown = stmt.postObservedAt.get(scope, post.platform, post.postId);
      if (stmt.upsertPost.run(params).changes > 0) written.set(key, figuresOfPostRow(params));
      if (found === undefined) {
        insertedKeys.add(key);
      } else if (String(params.observed_at) > str(asRow(found), 'observed_at')) {
        if (!insertedKeys.has(key) && !changed.has(key)) updated += 1;
      } else {
        continue;
      }
      changed.set(key, { scope, platform: post.platform, postId: post.postId });
    }
    // The data versions a follower count moves: every campaign's for a shared author, the one
    // campaign's for its own copy of an imported author.
    const followersChanged = new Set<string>();
    for (const { scope, author } of scoped.authors) {
      const params = authorParams(author, scope);
      const found: unknown = params.followers === null ? undefined : stmt.followers.get(scope, author.platform, author.authorId);
      const before = found === undefined ? undefined : asRow(found);
      const changes = stmt.upsertAuthor.run(params).changes;
      // A different count of a known author changes the reach of other campaigns. So does the
      // first profile of an author whose posts earlier batches stored without one (an author key
      // exists from their first membership); a wholly new author's posts are in this batch, whose
      // campaigns move anyway.
      if (
        changes > 0 &&
        params.followers !== null &&
        (before ? before.followers !== params.followers : stmt.hasMemberships.get(scope, author.platform, author.authorId) !== undefined)
      ) {
        followersChanged.add(scope === '' ? ALL_CAMPAIGNS_SCOPE : scope);
      }
    }
    const days = new DaySet();
    for (const m of batch.memberships) {
      const key = scopedKey(postScope(m.platform, m.campaignId), postKey(m));
      saveMembership(upsertMembership, m, days, insertedKeys.has(key), written.get(key));
    }
    // A changed post changes the figures of every campaign holding it, not only this batch's.
    // A post stored for the first time has no membership but this batch's (the foreign key).
    for (const [key, { scope, platform, postId }] of changed) {
      if (insertedKeys.has(key)) continue;
      for (const row of stmt.membershipsOfPost.all(scope, platform, postId)) {
        const r = asRow(row);
        days.add(str(r, 'campaign_id'), str(r, 'day'));
      }
    }
    const changedDays = days.toRecord();
    for (const [campaignId, list] of Object.entries(changedDays)) {
      for (const day of list) stmt.addPendingDay.run(campaignId, day);
      stmt.bumpVersion.run(campaignId);
    }
    for (const scope of followersChanged) stmt.bumpVersion.run(scope);
    if (checkpoint) {
      stmt.upsertCheckpoint.run(checkpoint.campaignId, checkpoint.source, JSON.stringify(checkpoint.value ?? null), new Date().toISOString());
    }
    return { inserted: insertedKeys.size, updated, changedDays };
  };
  // One transaction: the writer of memberships opens it.
  return (batch, checkpoint, inSameTransaction) =>
    memberships.run((upsertMembership) => {
      const saved = save(upsertMembership, batch, checkpoint);
      inSameTransaction?.(saved);
      return saved;
    });
}
