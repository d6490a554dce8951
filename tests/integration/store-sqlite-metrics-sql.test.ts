import { describe, expect, it } from 'vitest';
import type { Dimension } from '../../src/domain/dimensions.js';
import type { MetricsQuery } from '../../src/domain/metrics-query.js';
import { compileMetricsQuery } from '../helpers/metrics-oracle.sql.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';

const q = (over: Partial<MetricsQuery> = {}): MetricsQuery => ({ campaignId: 'c1', filter: {}, groupBy: [], ...over });
const placeholders = (sql: string) => (sql.match(/\?/g) ?? []).length;

describe('compileMetricsQuery', () => {
  it('binds every value as a parameter, in order, never in the SQL text', () => {
    const evil = "73.71') OR 1=1 --";
    const { sql, params } = compileMetricsQuery(
      q({
        campaignId: "c'1",
        filter: {
          cities: [evil, 'unknown'],
          provinces: ['31'],
          topics: ['x"y'],
          sources: ['x'],
          hashtags: ['h'],
          from: '2015-01-14T00:00:00+07:00',
          to: '2015-01-15T00:00:00Z',
        },
      }),
    );
    expect(sql).not.toContain(evil);
    expect(sql).not.toContain("c'1");
    expect(sql).not.toContain('x"y');
    // Each filter's values are one JSON array parameter (metrics.sql.ts compileFilter).
    const list = (...v: string[]) => JSON.stringify(v);
    expect(params).toEqual([
      "c'1",
      '2015-01-13T17:00:00.000Z',
      '2015-01-15T00:00:00.000Z',
      list(evil, 'unknown'),
      list('31'),
      list('x"y'),
      list('x'),
      list('h'),
    ]);
    expect(placeholders(sql)).toBe(params.length);
  });

  it('normalises from/to to UTC ISO so text comparison is time comparison', () => {
    const { params } = compileMetricsQuery(q({ filter: { from: '2015-01-14T09:30:00+09:00' } }));
    expect(params[1]).toBe('2015-01-14T00:30:00.000Z');
  });

  it('treats an empty list like an absent filter', () => {
    expect(compileMetricsQuery(q({ filter: { cities: [], topics: [] } }))).toEqual(compileMetricsQuery(q()));
  });

  it('filters topics and hashtags with EXISTS over json_each and groups through a join', () => {
    const { sql } = compileMetricsQuery(q({ filter: { topics: ['env'] }, groupBy: ['topic', 'hashtag'] }));
    expect(sql).toContain('EXISTS (SELECT 1 FROM json_each(cp.topics) WHERE value IN (SELECT value FROM json_each(?)))');
    expect(sql).toContain('JOIN json_each(cp.topics) AS jt');
    expect(sql).toContain('JOIN json_each(cp.hashtags) AS jh');
    expect(sql).toMatch(/GROUP BY key0, key1\s+ORDER BY key0, key1/);
  });

  it('joins an array dimension named twice once', () => {
    const { sql } = compileMetricsQuery(q({ groupBy: ['topic', 'topic'] }));
    expect(sql.match(/json_each\(cp\.topics\) AS jt/g)).toHaveLength(1);
  });

  it('has no GROUP BY without dimensions, so it always returns one row', () => {
    const { sql } = compileMetricsQuery(q());
    expect(sql).not.toMatch(/GROUP BY key/);
    expect(sql).not.toContain('ORDER BY');
  });

  it('rejects a dimension outside the whitelist instead of splicing it', () => {
    for (const bad of ['city; DROP TABLE posts', '__proto__', 'toString']) {
      expect(() => compileMetricsQuery(q({ groupBy: [bad as Dimension] }))).toThrow(RangeError);
    }
  });

  it('compiles every dimension to SQL that SQLite accepts', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    for (const d of ['city', 'province', 'topic', 'source', 'hashtag', 'day', 'hour'] as const) {
      await expect(store.queryMetrics(q({ groupBy: [d], filter: { cities: ['unknown'], topics: ['other'], hashtags: ['a'] } }))).resolves.toEqual([]);
    }
    await store.close();
  });
});
