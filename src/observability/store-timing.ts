import type { Store } from '../store/store.port.js';
import { telemetry } from './telemetry.js';

/** Every method of the store port that does I/O, timed into kk_store_operation_duration_seconds. */
const TIMED = [
  'ping',
  'createCampaign',
  'updateCampaign',
  'pendingReattributions',
  'getCampaign',
  'listCampaigns',
  'saveBatch',
  'getCheckpoint',
  'campaignPosts',
  'recentPostIds',
  'replaceMemberships',
  'countPosts',
  'saveRun',
  'listRuns',
  'runningRuns',
  'touchRuns',
  'postsReadSince',
  'queryMetrics',
  'listPosts',
  'topContributors',
  'campaignPost',
  'scanTermSources',
  'setSentiment',
  'refreshRollups',
  'readRollups',
  'pendingRollupDays',
  'campaignsWithPendingRollups',
  'dataStamp',
] as const satisfies ReadonlyArray<keyof Store>;

function timed<A extends unknown[], R>(kind: string, operation: string, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    const started = performance.now();
    let outcome: 'ok' | 'error' = 'error';
    try {
      const result = await fn(...args);
      outcome = 'ok';
      return result;
    } finally {
      telemetry.storeCall(kind, operation, outcome, (performance.now() - started) / 1000);
    }
  };
}

/** The same store, its calls timed; `close` is left alone. */
export function withStoreTiming(store: Store): Store {
  const wrapped: Partial<Record<(typeof TIMED)[number], unknown>> = {};
  for (const op of TIMED) {
    const fn = store[op] as (...args: unknown[]) => Promise<unknown>;
    wrapped[op] = timed(store.kind, op, fn.bind(store));
  }
  // Each wrapper has its method's own signature: timed() keeps arguments and result as they are.
  return { ...store, ...wrapped } as Store;
}
