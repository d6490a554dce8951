import { pino } from 'pino';
import type { Campaign } from '../src/domain/campaign.js';
import { loadGazetteer, type Gazetteer } from '../src/geo/gazetteer.js';
import type { JobName, JobPayloads, JobQueue } from '../src/queue/jobs.js';
import type { Source } from '../src/sources/source.port.js';
import { mapXResponse } from '../src/sources/x/x.map.js';
import { makeCampaign } from '../tests/helpers/campaigns.js';
import { createBenchDataset, type BenchCity, type BenchDataset } from './generate.js';

/** What every bench shares: the campaign, its data set, and a source that replays it. */

export const BENCH_CAMPAIGN_ID = 'bench-campaign';
export const BENCH_HASHTAG = 'SocMed4SocGood';
/** A fixed window, so every run generates the same posts on the same days. */
export const BENCH_START = new Date('2024-03-01T00:00:00+07:00');
export const BENCH_END = new Date('2024-03-31T00:00:00+07:00');
/** Posts that "arrive later" (rollup update, the first request after new data) come after BENCH_END. */
export const LATER_END = new Date('2024-04-03T00:00:00+07:00');
export const BENCH_SEED = 2024;

export const silent = pino({ level: 'silent' });

export async function benchCities(): Promise<{ gazetteer: Gazetteer; cities: BenchCity[] }> {
  const gazetteer = await loadGazetteer();
  const cities = gazetteer.cities().map((c) => ({ code: c.code, name: c.displayName, province: gazetteer.province(c.provinceCode)?.displayName ?? '' }));
  return { gazetteer, cities };
}

export function benchDataset(cities: BenchCity[], posts: number, opts: { later?: boolean; seed?: number } = {}): BenchDataset {
  return createBenchDataset({
    hashtag: BENCH_HASHTAG,
    posts,
    // Later posts come from the same people: the same author pool as the main set.
    authors: Math.min(50_000, Math.max(10, Math.floor(1_000_000 / 20))),
    start: opts.later ? BENCH_END : BENCH_START,
    end: opts.later ? LATER_END : BENCH_END,
    seed: opts.seed ?? (opts.later ? BENCH_SEED + 7 : BENCH_SEED),
    cities,
  });
}

export function benchCampaign(cities: BenchCity[]): Campaign {
  return makeCampaign({
    id: BENCH_CAMPAIGN_ID,
    name: 'Bench campaign',
    hashtags: [`#${BENCH_HASHTAG}`],
    startsAt: BENCH_START.toISOString(),
    // A campaign of about a month, as the programmes run them (its day series has 33 points).
    endsAt: LATER_END.toISOString(),
    // The twenty busiest cities of the generator's Zipf law, as a campaign's workshop cities.
    cities: cities.slice(0, 20).map((c) => c.code),
    createdAt: BENCH_START.toISOString(),
    updatedAt: BENCH_START.toISOString(),
  });
}

/** A queue that runs nothing and remembers the days metrics jobs were asked for. */
export function recordingQueue(): { queue: JobQueue; metricsDays: Set<string> } {
  const metricsDays = new Set<string>();
  const queue: JobQueue = {
    kind: 'inline',
    async add<N extends JobName>(name: N, payload: JobPayloads[N]) {
      if (name === 'metrics') for (const d of (payload as JobPayloads['metrics']).days) metricsDays.add(d);
      return { jobId: name, duplicate: false };
    },
    // It runs nothing, so nothing is ever waiting.
    async counts() {
      return {};
    },
    async onIdle() {},
    async ping() {},
    async close() {},
  };
  return { queue, metricsDays };
}

/** Time spent from the mapper on: wall clock, and CPU time (steadier on a shared machine). */
export interface PageTimer {
  ms: number;
  cpuMs: number;
  posts: number;
}

/**
 * A source replaying the data set page by page. Generating a page is the platform's work, not
 * ours: only what happens from the mapper on (map → enrich → store) is timed, in `timer`.
 */
export function replaySource(data: BenchDataset, opts: { from?: number; to?: number; pageSize?: number; observedAt: Date; timer: PageTimer }): Source {
  const pageSize = opts.pageSize ?? 100;
  return {
    type: 'x',
    async collect(_ctx, onPage) {
      const to = opts.to ?? data.size;
      let newest: string | undefined;
      for (let from = opts.from ?? 0; from < to; from += pageSize) {
        const response = data.page(from, Math.min(pageSize, to - from));
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        // Each page is read a moment after the one before, as a real collection reads them.
        const batch = mapXResponse(response, new Date(opts.observedAt.getTime() + from));
        const ids = (response.data ?? []).map((t) => t.id);
        newest ??= ids[0];
        const checkpoint = from + pageSize >= to ? { sinceId: newest } : { pending: { newestId: newest, untilId: ids[ids.length - 1] } };
        await onPage({ ...batch, checkpoint, read: { posts: ids.length, users: response.includes?.users?.length ?? 0 } });
        opts.timer.ms += performance.now() - t0;
        const cpu = process.cpuUsage(c0);
        opts.timer.cpuMs += (cpu.user + cpu.system) / 1000;
        opts.timer.posts += ids.length;
      }
    },
  };
}
