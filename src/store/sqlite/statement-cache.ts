import type { Database, Statement } from 'better-sqlite3';
import { LRUCache } from 'lru-cache';

/**
 * Compiled statements are kept by SQL text, at most this many per cache (the least recently used
 * one is dropped). The queries compile to a fixed set of shapes (a filter's values travel as one
 * JSON parameter), so the bound is never reached in practice; it is what keeps memory flat if a
 * new query builder ever makes its text depend on input again.
 */
export const STATEMENT_CACHE_MAX = 128;

export interface StatementCache {
  get(sql: string): Statement;
  /** How many statements are kept now. */
  readonly size: number;
}

export function statementCache(db: Database, prepare: (db: Database, sql: string) => Statement = (d, sql) => d.prepare(sql)): StatementCache {
  const kept = new LRUCache<string, Statement>({ max: STATEMENT_CACHE_MAX });
  return {
    get(sql) {
      let s = kept.get(sql);
      if (!s) {
        s = prepare(db, sql);
        kept.set(sql, s);
      }
      return s;
    },
    get size() {
      return kept.size;
    },
  };
}
