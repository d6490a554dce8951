import type { DailyRollup, MetricsQuery, MetricsRow } from '../domain/metrics-query.js';
import type { DataStamp, Store } from './store.port.js';

/**
 * Figures of a campaign cached by its data stamp (Store.dataStamp). On a million posts a summary
 * or a breakdown reads every post, about a second of SQLite; the same question on the same data
 * is then answered from memory. The stamp moves in the same write as the data, and is read
 * BEFORE the figures, so an answer is never older than the data it was asked on.
 *
 * A query whose range ends after the campaign's newest post reads all of its posts, whatever the
 * end: its key drops the end. That is what lets "until now" (a new end every request) hit.
 */

export interface MetricsCacheOptions {
  /** Rows kept across all entries (a summary is one row, an hourly series thousands). */
  maxRows?: number;
  /** Told about every lookup, for the service's own metrics. */
  onLookup?: (kind: 'metrics' | 'rollups', hit: boolean) => void;
}

interface Entry {
  value: Promise<readonly unknown[]>;
  /** Rows it holds once answered (0 while the store is still computing it). */
  rows: number;
  /** Campaign and kind, and the version of the data it was computed on. */
  scope: string;
  version: string;
}

const DEFAULT_MAX_ROWS = 200_000;

/** A store whose queryMetrics and readRollups answer from the cache when the data has not moved. */
export function withMetricsCache(store: Store, opts: MetricsCacheOptions = {}): Store {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const entries = new Map<string, Entry>();
  /** The newest version seen per scope: entries of older versions will never be read again. */
  const newest = new Map<string, string>();
  let rows = 0;

  const drop = (key: string, entry: Entry) => {
    entries.delete(key);
    rows -= entry.rows;
  };
  const evict = () => {
    // Maps iterate in insertion order and a hit re-inserts: the first key is the least recent.
    for (const [key, entry] of entries) {
      if (rows <= maxRows) break;
      drop(key, entry);
    }
  };
  /** Data moved on: what was computed on older data goes now, not when memory runs short. */
  const moveOn = (scope: string, version: string) => {
    const seen = newest.get(scope);
    if (seen === version || (seen !== undefined && !isNewer(version, seen))) return;
    newest.set(scope, version);
    for (const [key, entry] of entries) if (entry.scope === scope && entry.version !== version) drop(key, entry);
  };

  /** Every caller gets its own copy: what a route does with its rows never reaches the next one. */
  async function cached<T>(
    kind: 'metrics' | 'rollups',
    at: { campaignId: string; version: string },
    key: string,
    load: () => Promise<T[]>,
    copy: (row: T) => T,
  ): Promise<T[]> {
    const scope = `${kind}:${at.campaignId}`;
    moveOn(scope, at.version);
    const hit = entries.get(key);
    opts.onLookup?.(kind, hit !== undefined);
    if (hit) {
      entries.delete(key);
      entries.set(key, hit);
      // Rows of type T went in under this key (the kind is part of it); they come back out as T.
      return ((await hit.value) as T[]).map(copy);
    }
    const entry: Entry = { value: load(), rows: 0, scope, version: at.version };
    entries.set(key, entry);
    try {
      const value = (await entry.value) as T[];
      // Dropped meanwhile (newer data arrived): answered, but not kept.
      if (entries.get(key) === entry) {
        entry.rows = Math.max(1, value.length);
        rows += entry.rows;
        evict();
      }
      return value.map(copy);
    } catch (err) {
      // A failure is not an answer: the next request asks the store again.
      if (entries.get(key) === entry) entries.delete(key);
      throw err;
    }
  }

  return {
    ...store,
    async queryMetrics(q: MetricsQuery): Promise<MetricsRow[]> {
      const stamp = await store.dataStamp(q.campaignId);
      return cached(
        'metrics',
        { campaignId: q.campaignId, version: stamp.version },
        metricsKey(q, stamp),
        () => store.queryMetrics(q),
        (r) => ({ ...r, keys: [...r.keys] }),
      );
    },
    async readRollups(campaignId: string, fromDay?: string, toDay?: string): Promise<DailyRollup[]> {
      const stamp = await store.dataStamp(campaignId);
      const key = JSON.stringify(['rollups', campaignId, stamp.rollupVersion, fromDay ?? null, toDay ?? null]);
      return cached(
        'rollups',
        { campaignId, version: stamp.rollupVersion },
        key,
        () => store.readRollups(campaignId, fromDay, toDay),
        (r) => ({ ...r }),
      );
    },
  };
}

/** The cache key of a metrics query on data with this stamp; exported for its tests. */
export function metricsKey(q: MetricsQuery, stamp: DataStamp): string {
  const { to, ...rest } = q.filter;
  const readsAll = to !== undefined && (stamp.newestPostAt === null || Date.parse(to) > Date.parse(stamp.newestPostAt));
  return JSON.stringify(['metrics', q.campaignId, stamp.version, q.groupBy, rest, readsAll ? null : (to ?? null)]);
}

/** True when every counter of version `a` (`12.3`) is at least that of `b`, and one is above. */
function isNewer(a: string, b: string): boolean {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  return x.length === y.length && x.every((n, i) => n >= (y[i] ?? 0)) && x.some((n, i) => n > (y[i] ?? 0));
}
