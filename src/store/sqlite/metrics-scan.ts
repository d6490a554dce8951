import type { Database, Statement } from 'better-sqlite3';
import { emptyRow, type MetricsQuery, type MetricsRow } from '../../domain/metrics-query.js';
import { fail } from '../field-read.js';
import { statementCache } from './statement-cache.js';
import { compileFilter, dimensionJoins, dimensionSql, type CompiledQuery } from './metrics.sql.js';

/**
 * Store.queryMetrics of the SQLite store (METRICS.md, "Aggregates over a set of posts") in ONE
 * pass over the set's attributions, with no sort.
 *
 * Contributors and reach count distinct authors per group. In SQL that is a GROUP BY author over
 * every attribution: a sort of the whole set (~1M rows, most of a cold query). Here SQLite reads
 * the attributions (campaign_posts carries its post's figures and its author's integer key since
 * migration 4, and the widened index campaign_posts_by_created holds all a query reads but
 * topics and hashtags) and feeds each row to an aggregate function written in JavaScript, which
 * keeps the groups and their distinct authors in typed arrays: memory grows with the (group,
 * author) pairs, 4 bytes each, never with posts. Without a dimension SQLite sums the figures itself and the function only collects
 * distinct authors. Follower counts are then read once per distinct author, and the rows sorted
 * by keys as SQLite would (BINARY, byte order of UTF-8).
 */

const AUTHORS_FN = 'kk_metrics_authors';
const GROUPS_FN = 'kk_metrics_groups';

/** The figures, after the keys, in the order the aggregate takes them. */
const FIGURES = 'cp.author_key, cp.engagement, cp.impressions_reported, cp.impressions_estimated';

/**
 * One statement per query shape. Without dimensions it returns one row: posts, engagement,
 * reported, estimated, and the aggregate's (unused) result. With dimensions, one row of the
 * aggregate's result; the groups are in the scan. Two or more dimensions travel as one JSON
 * array key, so that one aggregate of fixed arity serves every grouping.
 */
export function compileMetricsScan(q: MetricsQuery): CompiledQuery {
  const where = compileFilter(q.campaignId, q.filter);
  const keys = q.groupBy.map(dimensionSql);
  const from = ['FROM campaign_posts AS cp', ...dimensionJoins(q.groupBy), `WHERE ${where.sql}`].join('\n  ');
  if (keys.length === 0) {
    return {
      sql: `
SELECT COUNT(*), COALESCE(SUM(cp.engagement), 0), COALESCE(SUM(cp.impressions_reported), 0),
  COALESCE(SUM(cp.impressions_estimated), 0), ${AUTHORS_FN}(cp.author_key)
  ${from}`,
      params: where.params,
    };
  }
  const key = keys.length === 1 ? keys[0] : `json_array(${keys.join(', ')})`;
  return { sql: `\nSELECT ${GROUPS_FN}(${key}, ${FIGURES})\n  ${from}`, params: where.params };
}

interface Group {
  /** Dense, for the scan's "last group of this author" array. */
  id: number;
  /** The key as the statement passed it: a string, or a JSON array of them (two dimensions or more). */
  key: unknown;
  posts: number;
  engagement: number;
  reported: number;
  estimated: number;
  /** Authors (dense indexes) in order of addition, `size` of them: distinct unless `reentered`. */
  authors: Int32Array;
  size: number;
  /** The scan left this group and came back to it: its list may name an author twice. */
  reentered: boolean;
}

/** Author keys below this index an array (16 MB at most); above, a map. */
const DENSE_KEYS = 1 << 22;

/** No row seen yet: differs from every key a statement can pass. */
const NO_KEY = Symbol('no key');

/** A copy of `a` with room for at least `n` elements, doubling. */
function grown(a: Int32Array, n: number, fill = 0): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/**
 * What one statement run collects. Its memory is typed arrays, 4 bytes per author and per
 * (group, author) pair: no set, so a million-row query leaves little for the collector.
 */
class Scan {
  /**
   * Author key (author_keys.key, dense from 1) → 1 + the author's dense index in this scan; 0: not
   * seen. Sized by the largest key seen, 4 bytes per author the database knows; keys beyond
   * DENSE_KEYS (a database of millions of authors) go to a map, so memory stays bounded.
   */
  private denseOf = new Int32Array(1024);
  private readonly farKeys = new Map<number, number>();
  /** Dense index → author key. */
  readonly keys: number[] = [];
  readonly groups = new Map<unknown, Group>();
  /**
   * Dense index → the id of the group the author was last added to (-1: none). An author seen
   * again in the group it was last added to is not added again. Within one visit of a group
   * that is exact; rows arrive in creation order, so a day or an hour is visited once, and a
   * city's authors mostly post from it.
   */
  private lastGroupOf = new Int32Array(1024).fill(-1);
  private lastKey: unknown = NO_KEY;
  private lastGroup: Group | undefined;

  author(key: number): number {
    if (key < DENSE_KEYS && key >= 1) {
      if (key >= this.denseOf.length) this.denseOf = grown(this.denseOf, Math.min(DENSE_KEYS, key + 1));
      const found = this.denseOf[key] ?? 0;
      if (found !== 0) return found - 1;
      this.denseOf[key] = this.keys.length + 1;
    } else {
      const found = this.farKeys.get(key);
      if (found !== undefined) return found;
      if (!Number.isSafeInteger(key) || key < 1) return fail('author_key', 'a positive integer', key);
      this.farKeys.set(key, this.keys.length);
    }
    const index = this.keys.length;
    this.keys.push(key);
    if (index >= this.lastGroupOf.length) this.lastGroupOf = grown(this.lastGroupOf, index + 1, -1);
    return index;
  }

  add(key: unknown, authorKey: number, engagement: number, reported: number, estimated: number): void {
    let g = this.lastGroup;
    if (key !== this.lastKey || !g) {
      g = this.groups.get(key);
      if (!g) {
        g = { id: this.groups.size, key, posts: 0, engagement: 0, reported: 0, estimated: 0, authors: new Int32Array(16), size: 0, reentered: false };
        this.groups.set(key, g);
      } else if (g !== this.lastGroup) {
        g.reentered = true;
      }
      this.lastKey = key;
      this.lastGroup = g;
    }
    g.posts += 1;
    g.engagement += engagement;
    g.reported += reported;
    g.estimated += estimated;
    const a = this.author(authorKey);
    if (this.lastGroupOf[a] !== g.id) {
      this.lastGroupOf[a] = g.id;
      if (g.size === g.authors.length) g.authors = grown(g.authors, g.size + 1);
      g.authors[g.size++] = a;
    }
  }
}

/** A group's distinct authors: its list, sorted and deduplicated when the group was re-entered. */
function distinctAuthors(g: Group): Int32Array {
  const list = g.authors.subarray(0, g.size);
  if (!g.reentered) return list;
  list.sort();
  let n = 0;
  for (let i = 0; i < list.length; i++) if (i === 0 || list[i] !== list[i - 1]) list[n++] = list[i] ?? 0;
  return list.subarray(0, n);
}

/** SQLite's BINARY order of two strings (UTF-8 bytes, i.e. code points), not UTF-16 units. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Surrogates (code points above U+FFFF) after every other UTF-16 unit, as in code point order. */
function codePointRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit;
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareUtf8(a[i] ?? '', b[i] ?? '');
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** The keys of a group as strings, or the error a wrong-typed key column deserves. */
function keysOf(key: unknown, dimensions: number): string[] {
  const keys: unknown = dimensions === 1 ? [key] : JSON.parse(String(key));
  if (!Array.isArray(keys) || keys.length !== dimensions) return fail('key', `${dimensions} keys`, keys);
  return keys.map((k, i) => (typeof k === 'string' ? k : fail(`key${i}`, 'a string', k)));
}

const num = (v: unknown, field: string): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : fail(field, 'a number', v));

/**
 * Each author key's latest known follower count, as (index in the array, count) rows. CROSS JOIN
 * fixes the loop order, a primary-key lookup per key: left to itself, the planner may scan the
 * authors and read the whole array for each (50,000 authors: minutes).
 */
export const FOLLOWERS = `
    SELECT j.key, a.followers
    FROM json_each(?) AS j
    CROSS JOIN author_keys AS k ON k.key = j.value
    CROSS JOIN authors AS a ON a.scope = k.scope AND a.platform = k.platform AND a.author_id = k.author_id`;

export interface MetricsScanner {
  run(q: MetricsQuery): MetricsRow[];
  /** Compiled statements kept (bounded: statement-cache.ts). */
  readonly cachedStatements: number;
}

/** Registers the aggregate functions on `db` and returns the runner of queries on it. */
export function createMetricsScanner(db: Database): MetricsScanner {
  let scan: Scan | null = null;
  const active = (): Scan => {
    if (!scan) throw new Error('the metrics aggregates run only inside queryMetrics');
    return scan;
  };
  // better-sqlite3 takes an aggregate's arity from step.length (its types know one argument only).
  // directOnly: callable from top-level SQL, never from a view, trigger or schema.
  const aggregate = (name: string, step: (acc: number, ...args: never[]) => void) =>
    db.aggregate<number>(name, { start: 0, directOnly: true, step: step as unknown as (acc: number) => void });
  aggregate(AUTHORS_FN, (_acc: number, authorKey: number) => {
    active().author(authorKey);
  });
  aggregate(GROUPS_FN, (_acc: number, key: unknown, authorKey: number, engagement: number, reported: number, estimated: number) => {
    active().add(key, authorKey, engagement, reported, estimated);
  });

  // Query shapes are few (dimensions × filters present), so compiled statements are worth keeping.
  const statements = statementCache(db, (d, sql) => d.prepare(sql).raw());
  const prepared = (sql: string): Statement => statements.get(sql);
  const followers = db.prepare(FOLLOWERS).raw();

  /** Each distinct author's latest known follower count (0 when unknown), by dense index. */
  const followersOf = (s: Scan): Float64Array => {
    const counts = new Float64Array(s.keys.length);
    for (const raw of followers.iterate(JSON.stringify(s.keys))) {
      const [at, count] = raw as [number, number | bigint | null];
      if (count !== null) counts[at] = Number(count);
    }
    return counts;
  };

  return {
    get cachedStatements() {
      return statements.size;
    },
    run(q) {
      const { sql, params } = compileMetricsScan(q);
      const s = new Scan();
      let totals: unknown[];
      scan = s;
      try {
        totals = prepared(sql).get(...params) as unknown[];
      } finally {
        scan = null;
      }
      const counts = followersOf(s);
      const reachOf = (authors: Int32Array) => {
        let reach = 0;
        for (const a of authors) reach += counts[a] ?? 0;
        return reach;
      };
      if (q.groupBy.length === 0) {
        const reported = num(totals[2], 'impressions_reported');
        const estimated = num(totals[3], 'impressions_estimated');
        return [
          {
            ...emptyRow([]),
            posts: num(totals[0], 'posts'),
            contributors: s.keys.length,
            engagement: num(totals[1], 'engagement'),
            impressions: reported + estimated,
            impressionsReported: reported,
            impressionsEstimated: estimated,
            reach: counts.reduce((sum, c) => sum + c, 0),
          },
        ];
      }
      const rows = [...s.groups.values()].map((g): MetricsRow => {
        const authors = distinctAuthors(g);
        return {
          keys: keysOf(g.key, q.groupBy.length),
          posts: g.posts,
          contributors: authors.length,
          engagement: g.engagement,
          impressions: g.reported + g.estimated,
          impressionsReported: g.reported,
          impressionsEstimated: g.estimated,
          reach: reachOf(authors),
        };
      });
      return rows.sort((a, b) => compareKeys(a.keys, b.keys));
    },
  };
}
