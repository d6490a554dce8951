import { LRUCache } from 'lru-cache';
import type { MetricsQuery } from '../domain/metrics-query.js';
import type { DataStamp } from '../store/store.port.js';

/**
 * Answers of the metrics routes, kept by question and data: (question + the campaign's data
 * stamp) → the frozen answer, shared by every request that asks the same, with its JSON bytes and
 * ETag once the API has sent it (jsonFormOf). On a million posts a summary or a breakdown reads
 * every post, about a second of SQLite, and a breakdown by city is 515 rows and ~110 kB of JSON:
 * a repeated request costs a stamp read and a lookup.
 *
 * The stamp moves in the same write as the data and the caller reads it BEFORE the figures, so an
 * answer is never older than the data it was asked on. A question whose range ends after the
 * campaign's newest post reads all of its posts, whatever the end: its key drops the end
 * (metricsKey). That is what lets "until now" (a new end every request) hit.
 */

export interface Question {
  /** What is asked (summary, breakdown…): the lookups' telemetry label, and part of the key. */
  kind: string;
  campaignId: string;
  /** The campaign's data stamp, read before any figure of the answer. */
  stamp: DataStamp;
  /** The answer reads the daily rollups: their version is part of the question. */
  readsRollups: boolean;
  /** Everything else the answer is built from (the query, fixed keys, labels' sources…), as JSON. */
  parts: readonly unknown[];
}

export interface Built<T> {
  answer: T;
  /** Its size in rows, for the cache's budget (a summary is one, an hourly series thousands). */
  rows: number;
}

export interface AnswerCache {
  /** The kept answer to `question`, or `build`'s, kept (frozen) unless newer data arrived meanwhile or it is too big. */
  answer<T extends object>(question: Question, build: () => Promise<Built<T>>): Promise<T>;
}

export interface AnswerCacheOptions {
  /** Rows kept across all answers. */
  maxRows?: number;
  /** Told about every lookup, for the service's own metrics. */
  onLookup?: (kind: string, hit: boolean) => void;
}

/** An answer's serialized form, as the API sends it. */
export interface JsonForm {
  bytes: Buffer;
  etag: string | undefined;
}

interface Entry {
  rows: number;
  campaignId: string;
  /** The versions of the data it was computed on; null: it reads no rollups. */
  version: string;
  rollupVersion: string | null;
  /** Made the first time the API sends the answer. */
  json?: JsonForm;
}

/** A kept answer's link to its entry: non-enumerable, so JSON and equality never see it. */
const ENTRY = Symbol('answer-cache entry');

/** ~50 MB at most: a breakdown row is ~0.5 kB with its share of the JSON bytes. */
const DEFAULT_MAX_ROWS = 100_000;

export function createAnswerCache(opts: AnswerCacheOptions = {}): AnswerCache {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const entries = new LRUCache<string, Entry & { answer: object }>({ maxSize: maxRows, sizeCalculation: (e) => e.rows });
  /** Answers being built: a second request for the same question waits for the first. */
  const building = new Map<string, Promise<object>>();
  /** The newest versions seen per campaign: entries of older data will never be read again. */
  const newest = new Map<string, { version: string; rollupVersion: string }>();

  /** Data moved on: what was computed on older data goes now, not when the budget runs short. */
  const moveOn = (campaignId: string, stamp: DataStamp) => {
    const seen = newest.get(campaignId);
    if (!seen) {
      newest.set(campaignId, { version: stamp.version, rollupVersion: stamp.rollupVersion });
      return;
    }
    if (seen.version === stamp.version && seen.rollupVersion === stamp.rollupVersion) return;
    // A request that read its stamp before another's may ask later: older versions change nothing.
    const dataMoved = isNewer(stamp.version, seen.version);
    const rollupsMoved = isNewer(stamp.rollupVersion, seen.rollupVersion);
    if (!dataMoved && !rollupsMoved) return;
    const now = { version: dataMoved ? stamp.version : seen.version, rollupVersion: rollupsMoved ? stamp.rollupVersion : seen.rollupVersion };
    newest.set(campaignId, now);
    const stale: string[] = [];
    for (const [key, e] of entries.entries()) {
      if (e.campaignId === campaignId && (e.version !== now.version || (e.rollupVersion !== null && e.rollupVersion !== now.rollupVersion))) stale.push(key);
    }
    for (const key of stale) entries.delete(key);
  };

  const isCurrent = (q: Question) => {
    const now = newest.get(q.campaignId);
    return now?.version === q.stamp.version && (!q.readsRollups || now.rollupVersion === q.stamp.rollupVersion);
  };

  const buildAndKeep = async (key: string, q: Question, build: () => Promise<Built<object>>): Promise<object> => {
    const built = await build();
    // Dropped meanwhile (newer data arrived), or bigger than the whole budget: answered, not kept.
    if (!isCurrent(q) || built.rows > maxRows) return built.answer;
    const entry = {
      answer: built.answer,
      rows: Math.max(1, built.rows),
      campaignId: q.campaignId,
      version: q.stamp.version,
      rollupVersion: q.readsRollups ? q.stamp.rollupVersion : null,
    };
    Object.defineProperty(built.answer, ENTRY, { value: entry });
    deepFreeze(built.answer);
    entries.set(key, entry);
    return built.answer;
  };

  return {
    async answer<T extends object>(q: Question, build: () => Promise<Built<T>>): Promise<T> {
      moveOn(q.campaignId, q.stamp);
      const key = JSON.stringify([q.kind, q.campaignId, q.stamp.version, q.readsRollups ? q.stamp.rollupVersion : null, q.parts]);
      const hit = entries.get(key);
      const pending = hit ? undefined : building.get(key);
      opts.onLookup?.(q.kind, hit !== undefined || pending !== undefined);
      // Answers of type T went in under this key (the kind is part of it); they come back out as T.
      if (hit) return hit.answer as T;
      if (pending) return (await pending) as T;
      const made = buildAndKeep(key, q, build);
      building.set(key, made);
      // A failure is not an answer: it is not kept, and the next request asks the store again.
      const done = () => {
        if (building.get(key) === made) building.delete(key);
      };
      made.then(done, done);
      return (await made) as T;
    },
  };
}

/**
 * The bytes and ETag of an answer the cache keeps, made the first time they are asked for and kept
 * with it (for a 110 kB breakdown, the JSON, the Buffer and the ETag hash were most of a repeated
 * request); undefined for any other body.
 */
export function jsonFormOf(body: unknown, etagOf: (bytes: Buffer) => string | undefined): JsonForm | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const entry = (body as { [ENTRY]?: Entry })[ENTRY];
  if (!entry) return undefined;
  if (!entry.json) {
    const bytes = Buffer.from(JSON.stringify(body));
    entry.json = { bytes, etag: etagOf(bytes) };
  }
  return entry.json;
}

/** The part of a question a metrics query makes on data with this stamp. */
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

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
