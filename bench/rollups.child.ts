import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { createSqliteStore } from '../src/store/sqlite/sqlite.store.js';
import { metricsProcessor } from '../src/jobs/metrics.processor.js';
import { ingest } from './ingest.js';
import { BENCH_CAMPAIGN_ID, BENCH_START, benchCities, LATER_END, recordingQueue, silent } from './setup.js';

/**
 * The metrics job on a campaign the ingest bench filled (`--db`): the time to rebuild the
 * rollups of every day of its window, then, after `--new` more posts arrive (collected as usual,
 * untimed), the time of the metrics job that folds them in (the days they changed). Both through
 * the real metrics processor.
 */
const { values } = parseArgs({ options: { db: { type: 'string' }, new: { type: 'string', default: '10000' } } });
if (!values.db) throw new Error('usage: rollups.child.ts --db FILE [--new 10000]');

const { gazetteer, cities } = await benchCities();
const store = createSqliteStore({ file: values.db });
const deps = { store, queue: recordingQueue().queue, sources: new Map(), gazetteer, log: silent, now: () => LATER_END };

const allDays: string[] = [];
for (let d = DateTime.fromJSDate(BENCH_START, { zone: 'Asia/Jakarta' }); d.toJSDate() < LATER_END; d = d.plus({ days: 1 })) allDays.push(d.toISODate()!);

let t0 = performance.now();
await metricsProcessor({ campaignId: BENCH_CAMPAIGN_ID, days: allDays }, deps);
const rebuildMs = performance.now() - t0;
const [summary] = await store.queryMetrics({ campaignId: BENCH_CAMPAIGN_ID, filter: {}, groupBy: [] });

const added = await ingest(store, gazetteer, cities, { posts: Number(values.new), later: { from: 0 }, observedAt: new Date(LATER_END.getTime() + 10_000_000) });
t0 = performance.now();
await metricsProcessor({ campaignId: BENCH_CAMPAIGN_ID, days: added.days }, deps);
const updateMs = performance.now() - t0;
const rollupPosts = (await store.readRollups(BENCH_CAMPAIGN_ID)).reduce((n, r) => n + r.posts, 0);
const [after] = await store.queryMetrics({ campaignId: BENCH_CAMPAIGN_ID, filter: {}, groupBy: [] });
// The rollups must add up to the posts, or the timing measured the wrong thing.
if (rollupPosts !== after?.posts) throw new Error(`rollups hold ${rollupPosts} posts, the campaign ${after?.posts}`);
await store.close();
process.stdout.write(
  `${JSON.stringify({ posts: summary?.posts ?? 0, days: allDays.length, rebuildMs, newPosts: added.newPosts, changedDays: added.days.length, updateMs })}\n`,
);
