import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Dimension } from '../../src/domain/dimensions.js';
import type { MetricsFilter } from '../../src/domain/metrics-query.js';
import { createMetricsScanner } from '../../src/store/sqlite/metrics-scan.js';
import { migrate } from '../../src/store/sqlite/migrations.js';
import { createPostLists } from '../../src/store/sqlite/post-list.sql.js';
import { STATEMENT_CACHE_MAX } from '../../src/store/sqlite/statement-cache.js';
import { seededRandom } from '../../src/demo/seeded-random.js';

/**
 * Every distinct filter combination used to compile (and keep for ever) a statement of its own: one
 * `?` per value. 10,000 variants grew a process from 164 to 601 MB. The statements kept stay bounded.
 */
describe('the SQLite statement caches', () => {
  it('stay at their bound after 10,000 distinct filter combinations', () => {
    const db = new Database(':memory:');
    migrate(db);
    const scanner = createMetricsScanner(db);
    const lists = createPostLists(db);
    const random = seededRandom(13);
    const some = (prefix: string, max: number) => Array.from({ length: 1 + Math.floor(random.next() * max) }, (_, i) => `${prefix}${i}`);
    const groupings: Dimension[][] = [[], ['city'], ['topic'], ['day', 'city'], ['hour'], ['source', 'hashtag']];
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      // Value counts vary on every dimension: the old compiler made each count a new statement.
      const filter: MetricsFilter = {
        from: new Date(Date.UTC(2015, 0, 1) + i * 60_000).toISOString(),
        cities: some('73.', 100).map((c) => c.padEnd(5, '0')),
        topics: some('t', 100),
        ...(i % 2 ? { hashtags: some('h', 100) } : {}),
        ...(i % 3 ? { sources: ['x', 'mastodon', 'bluesky'].slice(0, 1 + (i % 3)) } : {}),
      };
      seen.add(JSON.stringify(filter));
      scanner.run({ campaignId: 'c1', filter, groupBy: groupings[i % groupings.length]! });
      lists.listPosts({ campaignId: 'c1', filter, sort: i % 2 ? 'recent' : 'engagement', limit: 1 + (i % 50) });
    }
    expect(seen.size).toBe(10_000);
    expect(scanner.cachedStatements).toBeGreaterThan(0);
    expect(scanner.cachedStatements).toBeLessThanOrEqual(STATEMENT_CACHE_MAX);
    expect(lists.cachedStatements).toBeGreaterThan(0);
    expect(lists.cachedStatements).toBeLessThanOrEqual(STATEMENT_CACHE_MAX);
    db.close();
  });
});
