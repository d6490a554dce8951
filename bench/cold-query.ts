import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { Dimension } from '../src/domain/dimensions.js';
import type { MetricsQuery } from '../src/domain/metrics-query.js';
import { compileMetricsQuery, runMetricsQuery } from '../tests/helpers/metrics-oracle.sql.js';
import { migrate, MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { applyPragmas } from '../src/store/sqlite/pragmas.js';
import { createSqliteStore } from '../src/store/sqlite/sqlite.store.js';
import { runChild } from './proc.js';
import { BENCH_CAMPAIGN_ID, BENCH_START, LATER_END } from './setup.js';

/**
 * `node --import tsx bench/cold-query.ts [--posts 1000000] [--reps 7] [--dir DIR] [--keep]`: the cold metrics query of
 * issue 7 (what the API runs on a cache miss, the first request after new data), before and after
 * migration 4 + the one-pass scan, side by side in one run, on the same data.
 *
 * - after: `Store.queryMetrics` of the SQLite store on a campaign of `--posts` posts collected by
 *   the ingest bench (map → enrich → store); the store opens the file, so it runs on the current
 *   schema.
 * - before: the plain SQL statement the store ran until then (compileMetricsQuery: posts joined,
 *   GROUP BY author) on the same data in a database of schema version 3 (migrations 1–3).
 *
 * Both answer summary (no groupBy), by city and by day over the campaign's window, as the API's
 * summary, breakdown?by=city and timeseries?interval=day do; their rows must be equal. The cases
 * alternate, after one warm-up round, and the medians of wall and CPU time are printed (the
 * machine is shared: CPU time is the steadier). Data lives in a fresh directory under the OS
 * temp dir, removed at the end unless `--keep`; `--dir` reuses (or fills) a given directory.
 */
const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '1000000' },
    reps: { type: 'string', default: '7' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const posts = Number(values.posts);
const reps = Math.max(1, Number(values.reps));
const dir = values.dir ?? mkdtempSync(path.join(tmpdir(), 'kk-cold-'));
const keep = values.keep || values.dir !== undefined;
const say = (what: string) => process.stderr.write(`[cold-query] ${what}\n`);

/**
 * The "before" database: the schema of migrations 1–3, as the store had it, holding the same
 * campaigns, posts, authors and attributions as the current file.
 */
function copyAsSchema3(from: string, to: string): void {
  const db = new Database(to);
  applyPragmas(db, to);
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= 3),
  );
  db.prepare('ATTACH DATABASE ? AS src').run(from);
  const v3 = 'campaign_id, platform, post_id, author_id, created_at, day, hour, city_code, province_code, location_method, topics, hashtags';
  db.transaction(() => {
    for (const table of ['campaigns', 'posts', 'authors', 'data_versions']) db.exec(`INSERT INTO main.${table} SELECT * FROM src.${table}`);
    db.exec(`INSERT INTO main.campaign_posts (${v3}) SELECT ${v3} FROM src.campaign_posts ORDER BY rowid`);
  })();
  db.exec('DETACH DATABASE src');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

const GROUPINGS: Array<[string, Dimension[]]> = [
  ['summary', []],
  ['by city', ['city']],
  ['by day', ['day']],
];

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

try {
  mkdirSync(dir, { recursive: true });
  const afterFile = path.join(dir, `after-${posts}.sqlite`);
  const beforeFile = path.join(dir, `before-${posts}.sqlite`);
  if (!existsSync(afterFile)) {
    say(`ingest ${posts} posts into ${afterFile}`);
    await runChild('bench/ingest.child.ts', ['--db', afterFile, '--posts', String(posts)]);
  }
  say('open the store (migrates the file if it is older)');
  let t0 = performance.now();
  const store = createSqliteStore({ file: afterFile });
  say(`  ${(performance.now() - t0).toFixed(0)} ms`);
  if (!existsSync(beforeFile)) {
    say(`the same data on schema 3: ${beforeFile}`);
    t0 = performance.now();
    copyAsSchema3(afterFile, beforeFile);
    say(`  ${(performance.now() - t0).toFixed(0)} ms`);
  }
  const before = new Database(beforeFile, { readonly: true });
  applyPragmas(before, beforeFile);
  const runBefore = (q: MetricsQuery): unknown[] => {
    const { sql, params } = compileMetricsQuery(q);
    return before.prepare(sql).all(...params);
  };

  const filter = { from: BENCH_START.toISOString(), to: LATER_END.toISOString() };
  const cases = GROUPINGS.map(([name, groupBy]) => ({ name, q: { campaignId: BENCH_CAMPAIGN_ID, filter, groupBy } }));

  // The same figures, or the timing compares different work.
  for (const { name, q } of cases) {
    const rows = await store.queryMetrics(q);
    const old = runMetricsQuery(before, q);
    if (!isDeepStrictEqual(rows, old)) throw new Error(`${name}: the store and the old statement disagree`);
    say(`${name}: ${rows.length} row(s), identical before and after (posts ${rows.reduce((s, r) => s + r.posts, 0)})`);
  }

  const times = new Map<string, { wall: number[]; cpu: number[] }>();
  const time = async (label: string, fn: () => unknown) => {
    const c0 = cpuMs();
    const w0 = performance.now();
    await fn();
    const t = times.get(label) ?? { wall: [], cpu: [] };
    t.wall.push(performance.now() - w0);
    t.cpu.push(cpuMs() - c0);
    times.set(label, t);
  };
  for (let round = 0; round <= reps; round++) {
    say(round === 0 ? 'warm-up round' : `round ${round}/${reps}`);
    for (const { name, q } of cases) {
      await time(`${name} before`, () => runBefore(q));
      await time(`${name} after`, () => store.queryMetrics(q));
    }
    if (round === 0) times.clear();
  }
  await store.close();
  before.close();

  const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
  const lines = [
    `Cold Store.queryMetrics on ${posts.toLocaleString('en')} posts, median of ${reps} (wall / CPU)`,
    '',
    '| query | before | after | before / after |',
    '| --- | ---: | ---: | ---: |',
  ];
  const json: Record<string, unknown> = { posts, reps };
  for (const { name } of cases) {
    const b = times.get(`${name} before`);
    const a = times.get(`${name} after`);
    if (!b || !a) continue;
    const [bw, bc, aw, ac] = [median(b.wall), median(b.cpu), median(a.wall), median(a.cpu)];
    lines.push(`| ${name} | ${fmt(bw)} / ${fmt(bc)} | ${fmt(aw)} / ${fmt(ac)} | ${(bw / aw).toFixed(1)}× / ${(bc / ac).toFixed(1)}× |`);
    json[name] = { beforeWallMs: bw, beforeCpuMs: bc, afterWallMs: aw, afterCpuMs: ac, before: b, after: a };
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n${JSON.stringify(json)}\n`);
} finally {
  if (keep) say(`data kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
