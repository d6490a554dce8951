import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSqliteStore } from '../src/store/sqlite/sqlite.store.js';
import { apiBench } from './api.js';
import { runChild } from './proc.js';
import { machine, table, targets, type BenchResults, type IngestRow } from './report.js';
import { benchCities } from './setup.js';

/**
 * `npm run bench [-- --quick]`: every measurement of issue 7 side by side in one run, each in
 * its own process where memory or load matters. Data lives in a fresh directory under the OS temp
 * dir, removed at the end (`--keep` keeps it). Writes bench/results.json and prints the table.
 *
 * Full: ingest 100k and 1M posts; rollups and API on the 1M-post campaign. Quick (< 2 minutes):
 * ingest 100k posts; rollups and API on that 100k-post campaign, shorter load runs.
 */
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } } });
const quick = values.quick;
const plan = quick
  ? { ingest: [100_000], enrich: 100_000, newPosts: 10_000, durationS: 5, samples: 10 }
  : { ingest: [100_000, 1_000_000], enrich: 200_000, newPosts: 10_000, durationS: 10, samples: 20 };

const started = Date.now();
const dir = mkdtempSync(path.join(tmpdir(), 'kk-bench-'));
const say = (what: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${what}\n`);

try {
  const ingest: IngestRow[] = [];
  let dataDir = '';
  for (const posts of plan.ingest) {
    // The largest campaign becomes the API's: its file is DATA_DIR/campaigns.sqlite.
    const runDir = path.join(dir, `ingest-${posts}`);
    const db = path.join(runDir, 'campaigns.sqlite');
    say(`ingest ${posts} posts (map → enrich → store)`);
    rmSync(runDir, { recursive: true, force: true });
    mkdirSync(runDir, { recursive: true });
    const got = await runChild<{ posts: number; ms: number; cpuMs: number; peakRssMb: number }>('bench/ingest.child.ts', [
      '--db',
      db,
      '--posts',
      String(posts),
    ]);
    say(`raw insert of the same ${posts} rows`);
    const raw = await runChild<{ posts: number; ms: number }>('bench/raw-insert.child.ts', [
      '--db',
      path.join(dir, `raw-${posts}.sqlite`),
      '--posts',
      String(posts),
    ]);
    rmSync(path.join(dir, `raw-${posts}.sqlite`), { force: true });
    const postsPerSec = got.posts / (got.ms / 1000);
    const rawPerSec = raw.posts / (raw.ms / 1000);
    ingest.push({
      posts,
      postsPerSec,
      cpuPostsPerSec: got.posts / (got.cpuMs / 1000),
      rawPerSec,
      ratio: postsPerSec / rawPerSec,
      workerPeakRssMb: got.peakRssMb,
    });
    dataDir = runDir;
  }

  say(`enrich alone, ${plan.enrich} posts on one core`);
  const enrich = await runChild<{ posts: number; ms: number }>('bench/enrich.child.ts', ['--posts', String(plan.enrich), '--rounds', '3']);

  say('language and sentiment of the evaluation posts, one core');
  type Rate = { cpu: number; wall: number };
  const reading = await runChild<{ posts: number; language: Rate; sentiment: Rate }>('bench/sentiment.ts', ['--posts', String(plan.enrich), '--rounds', '3']);

  say('the event loop during a 10,000-row import over HTTP');
  const importBlock = await runChild<NonNullable<BenchResults['importBlock']>>('bench/import-block.child.ts', ['--rows', '10000']);

  say('memory before and after 10,000 distinct filter combinations');
  const statements = await runChild<NonNullable<BenchResults['statements']>>('bench/statements.child.ts', ['--variants', '10000'], {
    nodeFlags: ['--expose-gc'],
  });

  const db = path.join(dataDir, 'campaigns.sqlite');
  say('metrics/terms: the scan of the texts, and each kind counted');
  const terms = await runChild<NonNullable<BenchResults['terms']>>('bench/terms.child.ts', ['--db', db, '--rounds', '3', '--mingo', quick ? '10000' : '20000']);

  say('rollup rebuild, then the update after new posts');
  const rollups = await runChild<BenchResults['rollups']>('bench/rollups.child.ts', ['--db', db, '--new', String(plan.newPosts)]);

  say('npm run build (the API runs compiled, as in production)');
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  say(`API at 50 connections, ${plan.durationS} s a route, against a bare Express route`);
  const { gazetteer, cities } = await benchCities();
  const writer = createSqliteStore({ file: db });
  const api = await apiBench({ dataDir, writer, gazetteer, cities, connections: 50, durationS: plan.durationS, samples: plan.samples });
  const campaignPosts = await writer.countPosts();
  await writer.close();

  const partial: Omit<BenchResults, 'targets'> = {
    mode: quick ? 'quick' : 'full',
    startedAt: new Date(started).toISOString(),
    durationS: (Date.now() - started) / 1000,
    machine: machine(),
    ingest,
    enrich: { posts: enrich.posts, postsPerSecPerCore: enrich.posts / (enrich.ms / 1000) },
    sentiment: { posts: reading.posts, languagePerSecPerCore: reading.language.cpu, sentimentPerSecPerCore: reading.sentiment.cpu },
    rollups,
    terms,
    api: { ...api, campaignPosts },
    statements,
    importBlock,
  };
  const results: BenchResults = { ...partial, targets: targets(partial) };
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${table(results)}\n\nWritten to ${path.relative(process.cwd(), out)}.\n`);
} finally {
  if (values.keep) say(`data kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
