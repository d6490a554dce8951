import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Dimension } from '../src/domain/dimensions.js';
import type { MetricsFilter } from '../src/domain/metrics-query.js';
import { createSqliteStore } from '../src/store/sqlite/sqlite.store.js';
import { createRng } from './rng.js';

/**
 * Memory of the SQLite store before and after `--variants` distinct filter combinations (every
 * filter with a different number of values), through queryMetrics and listPosts. Compiled
 * statements were kept per SQL text, and the text held one `?` per value: 10,000 variants grew a
 * process by hundreds of MB. Run with --expose-gc so both figures are after a collection.
 */
const { values } = parseArgs({ options: { variants: { type: 'string', default: '10000' } } });
const variants = Number(values.variants);
const dir = mkdtempSync(path.join(tmpdir(), 'kk-bench-statements-'));
const store = createSqliteStore({ file: path.join(dir, 'campaigns.sqlite') });
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const memory = () => {
  gc();
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapMb: mb(m.heapUsed) };
};

const random = createRng(7);
const some = (prefix: string, max: number) => Array.from({ length: 1 + Math.floor(random.next() * max) }, (_, i) => `${prefix}${i}`);
const groupings: Dimension[][] = [[], ['city'], ['topic'], ['day', 'city'], ['hour'], ['source', 'hashtag']];
const query = async (i: number) => {
  const filter: MetricsFilter = { cities: some('73.', 100), topics: some('t', 100), ...(i % 2 ? { hashtags: some('h', 100) } : {}) };
  await store.queryMetrics({ campaignId: 'c1', filter, groupBy: groupings[i % groupings.length]! });
  await store.listPosts({ campaignId: 'c1', filter, sort: 'recent', limit: 20 });
};

// Warm up: the fixed statements and the first shapes are not what grows.
for (let i = 0; i < 100; i++) await query(i);
const before = memory();
const t0 = performance.now();
for (let i = 0; i < variants; i++) await query(i);
const ms = performance.now() - t0;
const after = memory();
await store.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ variants, before, after, ms })}\n`);
