import type { Database } from 'better-sqlite3';
import type { ContributorRow, ContributorSort, ListedPost, ListPostsQuery, PostSort, TopContributorsQuery } from '../../domain/post-query.js';
import { PLATFORMS } from '../../domain/post.js';
import { SOURCE_TYPES } from '../../sources/registry.js';
import { statementCache } from './statement-cache.js';
import { compileFilter, type CompiledQuery } from './metrics.sql.js';
import { asRow, num, oneOf, optNum, optStr, str, type Row } from './row-read.js';
import { rowToAuthor, rowToMembership, rowToPost } from './rows.js';

/**
 * Single posts and single authors of a filtered set (API.md: posts, contributors, export.csv),
 * compiled to SQL like metrics.sql.ts: values only as bound parameters, text from fixed fragments.
 */

/** Post columns as they are, membership columns as `m_*`, author columns as `a_*` (rows.ts reads them). */
const LISTED_POST_COLUMNS = `p.*,
    cp.campaign_id AS m_campaign_id, cp.platform AS m_platform, cp.post_id AS m_post_id, cp.author_id AS m_author_id,
    cp.created_at AS m_created_at, cp.day AS m_day, cp.hour AS m_hour, cp.city_code AS m_city_code,
    cp.province_code AS m_province_code, cp.location_method AS m_location_method, cp.topics AS m_topics,
    cp.hashtags AS m_hashtags, cp.published_on AS m_published_on, cp.language AS m_language,
    cp.sentiment AS m_sentiment, cp.sentiment_source AS m_sentiment_source,
    a.platform AS a_platform, a.author_id AS a_author_id, a.handle AS a_handle, a.name AS a_name,
    a.followers AS a_followers, a.location AS a_location, a.observed_at AS a_observed_at`;

/** Sort → key expression. created_at is stored as toISOString(), so text order is time order. */
const POST_SORT_KEY: Readonly<Record<PostSort, string>> = { engagement: 'p.engagement', recent: 'cp.created_at' };

const CONTRIBUTOR_SORT_KEY: Readonly<Record<ContributorSort, string>> = {
  reach: 'reach',
  posts: 'pa.posts',
  engagement: 'pa.engagement',
  original: 'pa.original',
  impressions: 'pa.impressions',
};

function whitelisted<K extends string>(table: Readonly<Record<K, string>>, key: K): string {
  if (!Object.hasOwn(table, key)) throw new RangeError(`unknown sort: ${String(key)}`);
  return table[key];
}

/** The bound value of a position's key: a number for engagement, a UTC ISO instant for recent. */
function positionKey(sort: PostSort, key: number | string): number | string {
  if (sort === 'engagement') {
    if (typeof key !== 'number' || !Number.isFinite(key)) throw new RangeError('an engagement position needs a numeric key');
    return key;
  }
  const t = typeof key === 'string' ? Date.parse(key) : Number.NaN;
  if (Number.isNaN(t)) throw new RangeError('a recent position needs an ISO instant key');
  return new Date(t).toISOString();
}

/**
 * One page of listPosts: the filtered memberships joined to their post and author, sorted by the
 * key descending then (platform, post_id) ascending, strictly after the position when given.
 */
export function compileListPosts(q: ListPostsQuery): CompiledQuery {
  const key = whitelisted(POST_SORT_KEY, q.sort);
  const where = compileFilter(q.campaignId, q.filter);
  const clauses = [where.sql];
  const params = [...where.params];
  if (q.after) {
    const k = positionKey(q.sort, q.after.key);
    // `key <= ?` is implied by the OR below; said separately, it lets SQLite seek its index to the position.
    clauses.push(`${key} <= ?`, `(${key} < ? OR (${key} = ? AND (cp.platform, cp.post_id) > (?, ?)))`);
    params.push(k, k, k, q.after.platform, q.after.postId);
  }
  const sql = `
SELECT ${LISTED_POST_COLUMNS}
FROM campaign_posts AS cp
JOIN posts AS p ON p.scope = cp.scope AND p.platform = cp.platform AND p.post_id = cp.post_id
LEFT JOIN authors AS a ON a.scope = cp.scope AND a.platform = cp.platform AND a.author_id = cp.author_id
WHERE ${clauses.join('\n  AND ')}
ORDER BY ${key} DESC, cp.platform, cp.post_id
LIMIT ?`;
  return { sql, params: [...params, Math.floor(q.limit)] };
}

/**
 * topContributors: per author of the filtered set, posts, engagement and impressions (reported +
 * estimated, as in METRICS.md's impressions), and reach = the author's latest known followers.
 */
export function compileTopContributors(q: TopContributorsQuery): CompiledQuery {
  const key = whitelisted(CONTRIBUTOR_SORT_KEY, q.sort);
  const where = compileFilter(q.campaignId, q.filter);
  const sql = `
WITH per_author AS (
  SELECT cp.scope AS scope, cp.platform AS platform, cp.author_id AS author_id, MAX(cp.published_on) AS published_on, COUNT(*) AS posts,
    SUM(CASE WHEN p.kind = 'original' THEN 1 ELSE 0 END) AS original, SUM(p.engagement) AS engagement,
    SUM(CASE WHEN p.impressions_source IN ('reported', 'estimated') THEN COALESCE(p.impressions, 0) ELSE 0 END) AS impressions
  FROM campaign_posts AS cp
  JOIN posts AS p ON p.scope = cp.scope AND p.platform = cp.platform AND p.post_id = cp.post_id
  WHERE ${where.sql}
  GROUP BY cp.scope, cp.platform, cp.author_id
)
SELECT pa.platform, pa.author_id, pa.published_on, pa.posts, pa.original, pa.engagement, pa.impressions,
  a.handle AS handle, a.name AS name, a.followers AS followers, COALESCE(a.followers, 0) AS reach
FROM per_author AS pa
LEFT JOIN authors AS a ON a.scope = pa.scope AND a.platform = pa.platform AND a.author_id = pa.author_id
ORDER BY ${key} DESC, pa.platform, pa.author_id
LIMIT ?`;
  return { sql, params: [...where.params, Math.floor(q.limit)] };
}

function readListedPost(row: Row): ListedPost {
  return {
    post: rowToPost(row),
    author: row.a_platform === null ? null : rowToAuthor(row, 'a_'),
    membership: rowToMembership(row, 'm_'),
  };
}

function readContributor(row: Row): ContributorRow {
  return {
    platform: oneOf(row, 'platform', SOURCE_TYPES),
    authorId: str(row, 'author_id'),
    publishedOn: oneOf(row, 'published_on', PLATFORMS),
    handle: optStr(row, 'handle') ?? null,
    name: optStr(row, 'name') ?? null,
    followers: optNum(row, 'followers') ?? null,
    posts: num(row, 'posts'),
    original: num(row, 'original'),
    engagement: num(row, 'engagement'),
    impressions: num(row, 'impressions'),
    reach: num(row, 'reach'),
  };
}

export interface PostLists {
  listPosts(q: ListPostsQuery): ListedPost[];
  /** One post of a campaign by its key, or null. */
  campaignPost(campaignId: string, platform: string, postId: string): ListedPost | null;
  topContributors(q: TopContributorsQuery): ContributorRow[];
  /** Compiled statements kept (bounded: statement-cache.ts). */
  readonly cachedStatements: number;
}

/** Runs the two queries on a database; statements are cached per SQL text (a few shapes only). */
export function createPostLists(db: Database): PostLists {
  const statements = statementCache(db);
  const run = ({ sql, params }: CompiledQuery): Row[] =>
    statements
      .get(sql)
      .all(...params)
      .map(asRow);
  const onePost = db.prepare(`
SELECT ${LISTED_POST_COLUMNS}
FROM campaign_posts AS cp
JOIN posts AS p ON p.scope = cp.scope AND p.platform = cp.platform AND p.post_id = cp.post_id
LEFT JOIN authors AS a ON a.scope = cp.scope AND a.platform = cp.platform AND a.author_id = cp.author_id
WHERE cp.campaign_id = ? AND cp.platform = ? AND cp.post_id = ?`);
  return {
    campaignPost(campaignId, platform, postId) {
      const row: unknown = onePost.get(campaignId, platform, postId);
      return row === undefined ? null : readListedPost(asRow(row));
    },
    get cachedStatements() {
      return statements.size;
    },
    // A limit below 1 means "nothing", as in listRuns (SQLite would read a negative LIMIT as none).
    listPosts: (q) => (q.limit < 1 ? [] : run(compileListPosts(q)).map(readListedPost)),
    topContributors: (q) => (q.limit < 1 ? [] : run(compileTopContributors(q)).map(readContributor)),
  };
}
