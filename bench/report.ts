import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { ApiBenchResult, LatencyStats } from './api.js';

/** The bench's results, the targets of issue 7 checked against them, and the printed table. */

export interface IngestRow {
  posts: number;
  postsPerSec: number;
  cpuPostsPerSec: number;
  rawPerSec: number;
  ratio: number;
  workerPeakRssMb: number;
}

export interface BenchResults {
  mode: 'quick' | 'full';
  startedAt: string;
  durationS: number;
  machine: Machine;
  ingest: IngestRow[];
  enrich: { posts: number; postsPerSecPerCore: number };
  /** bench/sentiment.ts: language detected from the text, and sentiment, per core (CPU time). Absent in runs before it. */
  sentiment?: { posts: number; languagePerSecPerCore: number; sentimentPerSecPerCore: number };
  rollups: { posts: number; days: number; rebuildMs: number; newPosts: number; changedDays: number; updateMs: number };
  api: ApiBenchResult & { campaignPosts: number };
  /** bench/statements.child.ts: memory before and after distinct filter combinations. Absent in runs before it. */
  /** bench/import-block.child.ts: the event loop's longest block during an import over HTTP. Absent in runs before it. */
  importBlock?: {
    rows: number;
    importMs: number;
    maxBlockMs: number;
    p99BlockMs: number;
    slowestHealthMs: number;
    healthAnswered: number;
    healthFailed: number;
  };
  /** bench/terms.child.ts: metrics/terms on the largest campaign (the scan alone, then with the counting). Absent in runs before it. */
  terms?: {
    posts: number;
    scanMs: number;
    kinds: Record<string, { ms: number; terms: number }>;
    sqlHashtagMs: number;
    mingo?: { posts: number; scanMs: number; wordMs: number };
  };
  statements?: { variants: number; before: { rssMb: number; heapMb: number }; after: { rssMb: number; heapMb: number }; ms: number };
  targets: Array<{ target: string; measured: string; met: boolean }>;
}

export interface Machine {
  nproc: number;
  cpu: string;
  memory: string;
  node: string;
  os: string;
}

export function machine(): Machine {
  const cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  let memory = `${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  try {
    memory = execFileSync('free', ['-h'], { encoding: 'utf8' }).split('\n')[1]?.trim().split(/\s+/)[1] ?? memory;
  } catch {
    // `free` is missing: the total from Node will do.
  }
  return { nproc: os.availableParallelism(), cpu, memory, node: process.version, os: `${os.type()} ${os.release()}` };
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
const ms = (n: number) => `${n.toFixed(1)} ms`;

export function targets(r: Omit<BenchResults, 'targets'>): BenchResults['targets'] {
  const out: BenchResults['targets'] = [];
  for (const i of r.ingest) {
    out.push({ target: `ingest ${fmt(i.posts)} posts ≥ 20,000 posts/s`, measured: `${fmt(i.postsPerSec)} posts/s`, met: i.postsPerSec >= 20_000 });
    out.push({ target: `ingest ${fmt(i.posts)} posts ≥ 30 % of raw insert`, measured: `${(i.ratio * 100).toFixed(0)} %`, met: i.ratio >= 0.3 });
  }
  out.push({
    target: 'enrich ≥ 100,000 posts/s per core',
    measured: `${fmt(r.enrich.postsPerSecPerCore)} posts/s`,
    met: r.enrich.postsPerSecPerCore >= 100_000,
  });
  if (r.sentiment) {
    out.push({
      target: 'sentiment ≥ 20,000 posts/s per core',
      measured: `${fmt(r.sentiment.sentimentPerSecPerCore)} posts/s`,
      met: r.sentiment.sentimentPerSecPerCore >= 20_000,
    });
  }
  out.push({ target: `rollup rebuild of ${fmt(r.rollups.posts)} posts < 5 s`, measured: ms(r.rollups.rebuildMs), met: r.rollups.rebuildMs < 5_000 });
  const bareRps = r.api.bare.repeated.rps;
  for (const route of r.api.routes) {
    for (const [kind, s] of [
      ['repeated', route.repeated],
      ['after new data', route.afterNewData],
    ] as Array<[string, LatencyStats]>) {
      out.push({ target: `${route.route} (${kind}) p95 < 25 ms`, measured: ms(s.p95), met: s.p95 < 25 });
      const bare = kind === 'repeated' ? bareRps : r.api.bare.afterNewData.rps;
      out.push({ target: `${route.route} (${kind}) ≥ 40 % of bare Express rps`, measured: `${((s.rps / bare) * 100).toFixed(0)} %`, met: s.rps >= 0.4 * bare });
    }
  }
  out.push({ target: 'API peak RSS < 300 MB', measured: `${r.api.apiPeakRssMb} MB`, met: r.api.apiPeakRssMb < 300 });
  return out;
}

/** The table printed at the end of a run and pasted into docs/performance.md. */
export function table(r: BenchResults): string {
  const lines: string[] = [];
  const row = (...cells: string[]) => lines.push(`| ${cells.join(' | ')} |`);
  lines.push(
    `Machine: ${r.machine.nproc} cores (${r.machine.cpu}), ${r.machine.memory} RAM, Node ${r.machine.node}; mode ${r.mode}, ${r.durationS.toFixed(0)} s.`,
    '',
  );
  row('ingest (map → enrich → store)', 'posts/s', 'CPU-time posts/s', 'raw insert rows/s', 'ratio', 'worker peak RSS');
  row('---', '---:', '---:', '---:', '---:', '---:');
  for (const i of r.ingest)
    row(`${fmt(i.posts)} posts`, fmt(i.postsPerSec), fmt(i.cpuPostsPerSec), fmt(i.rawPerSec), `${(i.ratio * 100).toFixed(0)} %`, `${i.workerPeakRssMb} MB`);
  lines.push('');
  row('other', 'measured');
  row('---', '---:');
  row('enrich alone (one core)', `${fmt(r.enrich.postsPerSecPerCore)} posts/s`);
  if (r.sentiment) {
    row('language detected from the text (per core, CPU time)', `${fmt(r.sentiment.languagePerSecPerCore)} posts/s`);
    row('sentiment (per core, CPU time)', `${fmt(r.sentiment.sentimentPerSecPerCore)} posts/s`);
  }
  if (r.terms) {
    const t = r.terms;
    row(`metrics/terms, ${fmt(t.posts)} posts: the scan of their texts alone`, ms(t.scanMs));
    for (const [kind, k] of Object.entries(t.kinds)) row(`metrics/terms?kind=${kind}, ${fmt(t.posts)} posts (scan + count)`, ms(k.ms));
    row(`hashtags grouped in SQL instead (json_each), ${fmt(t.posts)} posts`, ms(t.sqlHashtagMs));
    if (t.mingo)
      row(`metrics/terms?kind=word on the Mongo store over mingo, ${fmt(t.mingo.posts)} posts (scan alone)`, `${ms(t.mingo.wordMs)} (${ms(t.mingo.scanMs)})`);
  }
  row(`rollup rebuild, ${fmt(r.rollups.posts)} posts, ${r.rollups.days} days`, ms(r.rollups.rebuildMs));
  row(`rollup update after ${fmt(r.rollups.newPosts)} new posts (${r.rollups.changedDays} days)`, ms(r.rollups.updateMs));
  row('API peak RSS', `${r.api.apiPeakRssMb} MB`);
  if (r.importBlock) {
    const b = r.importBlock;
    row(`event loop's longest block during a ${fmt(b.rows)}-row CSV import (slowest /healthz)`, `${ms(b.maxBlockMs)} (${ms(b.slowestHealthMs)})`);
  }
  if (r.statements) {
    const { variants, before, after } = r.statements;
    row(
      `RSS before → after ${fmt(variants)} distinct filter combinations (heap)`,
      `${before.rssMb} → ${after.rssMb} MB (${before.heapMb} → ${after.heapMb} MB)`,
    );
  }
  lines.push('');
  const bare = r.api.bare;
  row(`API on ${fmt(r.api.campaignPosts)} posts`, 'case', 'rps', 'p50', 'p95', 'p99', 'vs bare rps', 'failures');
  row('---', '---', '---:', '---:', '---:', '---:', '---:', '---:');
  for (const route of [...r.api.routes, bare]) {
    for (const [kind, s, b] of [
      [`repeated, ${r.api.connections} connections`, route.repeated, bare.repeated],
      [`first after new data (${r.api.samples} samples)`, route.afterNewData, bare.afterNewData],
    ] as Array<[string, LatencyStats, LatencyStats]>) {
      row(route.route, kind, fmt(s.rps), ms(s.p50), ms(s.p95), ms(s.p99), `${((s.rps / b.rps) * 100).toFixed(0)} %`, String(s.failures));
    }
  }
  lines.push('');
  row('target', 'measured', 'met');
  row('---', '---:', '---');
  for (const t of r.targets) row(t.target, t.measured, t.met ? 'yes' : '**no**');
  return lines.join('\n');
}
