import type { Database, RunResult } from 'better-sqlite3';
import { MEMBERSHIP_COLUMNS } from './rows.js';
import { num, optNum, type Row } from './row-read.js';

/**
 * Every write of a campaign_posts row goes through here. Since migration 4 a row carries, besides
 * the membership itself, what metrics read in one scan (metrics-scan.ts):
 * - its post's additive figures, copied when the membership is written and kept equal afterwards
 *   by the trigger posts_figures_to_campaign_posts, whatever updates the post;
 * - its author's key in author_keys, a small integer given to an author when first seen.
 * Neither column has a default: a write that missed them would fail, not count zeros.
 *
 * The row is a plain INSERT of parameters: an INSERT … SELECT joining the post and the key took
 * 20 µs a membership against 10 (replaying 100,000 bench attributions). The caller passes the
 * figures when it has just written the post; otherwise they are read from it.
 */

/** A post's additive figures as campaign_posts keeps them. */
export interface PostFigures {
  engagement: number;
  impressions_reported: number;
  impressions_estimated: number;
}

/** The figures of a posts row as rows.ts postParams gives it (METRICS.md: impressions by source). */
export function figuresOfPostRow(post: Row): PostFigures {
  const impressions = optNum(post, 'impressions') ?? 0;
  return {
    engagement: num(post, 'engagement'),
    impressions_reported: post.impressions_source === 'reported' ? impressions : 0,
    impressions_estimated: post.impressions_source === 'estimated' ? impressions : 0,
  };
}

const NO_FIGURES: PostFigures = { engagement: 0, impressions_reported: 0, impressions_estimated: 0 };

const ALL_COLUMNS = [
  'campaign_id',
  'platform',
  'post_id',
  'scope',
  ...MEMBERSHIP_COLUMNS,
  'author_key',
  'engagement',
  'impressions_reported',
  'impressions_estimated',
];

/** The columns of a person's reading of the post (API.md 1.1: a manual sentiment survives every rewrite). */
const SENTIMENT_COLUMNS: ReadonlySet<string> = new Set(['sentiment', 'sentiment_source']);
const keptIfManual = (c: string) => `${c} = CASE WHEN campaign_posts.sentiment_source = 'manual' THEN campaign_posts.${c} ELSE excluded.${c} END`;

/**
 * Replaces the row of the same (campaign, platform, post), attribution and derived columns, but
 * for a sentiment a person set, which stays.
 */
export const ON_CONFLICT_REPLACE = `ON CONFLICT (campaign_id, platform, post_id) DO UPDATE SET
    ${ALL_COLUMNS.slice(3)
      .map((c) => (SENTIMENT_COLUMNS.has(c) ? keptIfManual(c) : `${c} = excluded.${c}`))
      .join(', ')}`;

/**
 * A membership's parameters (rows.ts membershipParams) with the manual sentiment of the row it
 * replaces, when a person set one: no recomputation overwrites it.
 */
export function keepManualSentiment(params: Row, manualSentiment: unknown): Row {
  if (typeof manualSentiment === 'string') {
    params.sentiment = manualSentiment;
    params.sentiment_source = 'manual';
  }
  return params;
}

/** Writes one membership (rows.ts membershipParams, which it completes), with its post's figures when the caller has them. */
export type MembershipWrite = (params: Row, figures?: PostFigures) => RunResult;

export interface MembershipWriter {
  /**
   * Runs `fn` (which writes through `write`) as or inside a transaction. Author keys are
   * remembered across calls once their transaction committed: a key never changes once
   * committed (author_keys only grows), while one created in a transaction that rolled back is
   * gone and may be given to another author.
   */
  run<R>(fn: (write: MembershipWrite) => R): R;
}

/** Most author keys remembered (~100 bytes each); past it the memory starts afresh. */
const KEYS_KEPT = 500_000;

/** `onConflict` is an upsert clause, when wanted. */
export function createMembershipWriter(db: Database, onConflict = ''): MembershipWriter {
  const insert = db.prepare(`INSERT INTO campaign_posts (${ALL_COLUMNS.join(', ')})
    VALUES (${ALL_COLUMNS.map((c) => `@${c}`).join(', ')}) ${onConflict}`);
  const findKey = db.prepare('SELECT key FROM author_keys WHERE scope = ? AND platform = ? AND author_id = ?').pluck();
  const addKey = db.prepare('INSERT INTO author_keys (scope, platform, author_id) VALUES (?, ?, ?) RETURNING key').pluck();
  const readFigures = db.prepare('SELECT engagement, impressions, impressions_source FROM posts WHERE scope = ? AND platform = ? AND post_id = ?');
  /** JSON [scope, platform] → author id → key, committed keys only. */
  let committed = new Map<unknown, Map<unknown, number>>();
  let committedCount = 0;
  const transaction = db.transaction((fn: (write: MembershipWrite) => unknown, write: MembershipWrite) => fn(write));

  return {
    run(fn) {
      const pending = new Map<unknown, Map<unknown, number>>();
      const authorKey = (scope: unknown, platform: unknown, authorId: unknown): number => {
        const within = JSON.stringify([scope, platform]);
        let key = committed.get(within)?.get(authorId) ?? pending.get(within)?.get(authorId);
        if (key === undefined) {
          key = (findKey.get(scope, platform, authorId) ?? addKey.get(scope, platform, authorId)) as number;
          let known = pending.get(within);
          if (!known) pending.set(within, (known = new Map()));
          known.set(authorId, key);
        }
        return key;
      };
      const write: MembershipWrite = (params, figures) => {
        let copied = figures;
        if (!copied) {
          // A missing post gives zeros here and fails on the foreign key, as a plain INSERT does.
          const post = readFigures.get(params.scope, params.platform, params.post_id) as Row | undefined;
          copied = post ? figuresOfPostRow(post) : NO_FIGURES;
        }
        params.author_key = authorKey(params.scope, params.platform, params.author_id);
        params.engagement = copied.engagement;
        params.impressions_reported = copied.impressions_reported;
        params.impressions_estimated = copied.impressions_estimated;
        return insert.run(params);
      };
      const result = transaction(fn, write) as ReturnType<typeof fn>;
      // Only a transaction of our own has committed here; inside an outer one, nothing is kept.
      if (!db.inTransaction) {
        if (committedCount > KEYS_KEPT) {
          committed = new Map();
          committedCount = 0;
        }
        for (const [platform, keys] of pending) {
          let known = committed.get(platform);
          if (!known) committed.set(platform, (known = new Map()));
          for (const [authorId, key] of keys) known.set(authorId, key);
          committedCount += keys.size;
        }
      }
      return result;
    },
  };
}
