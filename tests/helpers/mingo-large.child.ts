import { runLargeCampaign } from './mingo-large.scenario.js';

/**
 * Runs the large-campaign scenario (mingo-large.scenario.ts) in a process of its own, started with
 * --expose-gc, and prints its report as one line of JSON on stdout. MONGO_LARGE_MEMBERSHIPS sets
 * the size, MONGO_LARGE_GC_EVERY how many commands between two live-heap samples.
 */
const n = Number(process.env.MONGO_LARGE_MEMBERSHIPS ?? 5_000);
const every = Number(process.env.MONGO_LARGE_GC_EVERY ?? 50);
const report = await runLargeCampaign(n, every);
process.stdout.write(`${JSON.stringify(report)}\n`);
