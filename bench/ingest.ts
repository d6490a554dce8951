import type { Gazetteer } from '../src/geo/gazetteer.js';
import type { Store } from '../src/store/store.port.js';
import { collectProcessor } from '../src/jobs/collect.processor.js';
import type { BenchCity } from './generate.js';
import { BENCH_CAMPAIGN_ID, benchCampaign, benchDataset, LATER_END, recordingQueue, replaySource, silent, type PageTimer } from './setup.js';

/**
 * Collects generated posts into a store through the real collect processor (map → enrich →
 * store, one transaction per page with its checkpoint), as a worker does. The metrics job the
 * run asks for is recorded, not run: the rollups have a bench of their own.
 */
export interface IngestOptions {
  posts: number;
  /** Newer posts of the same campaign (after the main set), from post index `from`. */
  later?: { from: number };
  /** When the pages are read; later ingests pass a later time, so their observations win. */
  observedAt?: Date;
  pageSize?: number;
}

export interface IngestResult extends PageTimer {
  wallMs: number;
  newPosts: number;
  days: string[];
}

export async function ingest(store: Store, gazetteer: Gazetteer, cities: BenchCity[], opts: IngestOptions): Promise<IngestResult> {
  if (!(await store.getCampaign(BENCH_CAMPAIGN_ID))) await store.createCampaign(benchCampaign(cities));
  // The later set is one big newer set; each later ingest takes its next slice.
  const data = opts.later ? benchDataset(cities, 200_000, { later: true }) : benchDataset(cities, opts.posts);
  const from = opts.later?.from ?? 0;
  const timer: PageTimer = { ms: 0, cpuMs: 0, posts: 0 };
  const observedAt = opts.observedAt ?? LATER_END;
  const source = replaySource(data, { from, to: from + opts.posts, observedAt, timer, pageSize: opts.pageSize });
  const { queue, metricsDays } = recordingQueue();
  const wall = performance.now();
  await collectProcessor(
    { campaignId: BENCH_CAMPAIGN_ID, source: 'x' },
    { jobId: `bench-${from}-${opts.posts}`, attempt: 1 },
    { store, queue, sources: new Map([['x', source]]), gazetteer, log: silent, now: () => new Date(observedAt.getTime() + from + opts.posts) },
  );
  const wallMs = performance.now() - wall;
  const [run] = await store.listRuns(BENCH_CAMPAIGN_ID, 1);
  if (run?.status !== 'succeeded') throw new Error(`the bench collection failed: ${run?.error ?? 'no run recorded'}`);
  return { ...timer, wallMs, newPosts: run.newPosts, days: [...metricsDays].sort() };
}
