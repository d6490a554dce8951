import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { applyPragmas } from '../src/store/sqlite/pragmas.js';
import { runChild } from './proc.js';

/**
 * `node --import tsx bench/migration.ts [--posts 1000000] [--version N] [--dir DIR]`: how long the
 * SQLite migration N (the latest by default) takes on a campaign of `--posts` posts, as the store
 * runs it when it opens an older file (same pragmas, one transaction).
 *
 * The posts are collected by the ingest bench (map → enrich → store) into a file of the current
 * schema, then copied table by table into a database of schema N-1, which only works while N
 * leaves every column as it was (true of migration 5). Each run migrates a fresh copy of that
 * file. Data lives in a fresh directory under the OS temp dir, removed at the end; `--dir` reuses
 * (or fills) a given directory and keeps it.
 */
const { values } = parseArgs({ options: { posts: { type: 'string', default: '1000000' }, version: { type: 'string' }, dir: { type: 'string' } } });
const posts = Number(values.posts);
const version = Number(values.version ?? MIGRATIONS.at(-1)?.version);
const dir = values.dir ?? mkdtempSync(path.join(tmpdir(), 'kk-migration-'));
const say = (what: string) => process.stderr.write(`[migration] ${what}\n`);
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** The current file's rows in a database of the schema before `version`, rowids kept. */
function copyAsSchemaBefore(from: string, to: string): void {
  const db = new Database(to);
  applyPragmas(db, to);
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version < version),
  );
  db.prepare('ATTACH DATABASE ? AS src').run(from);
  const tables = db
    .prepare("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' AND name != 'schema_migrations'")
    .all() as Array<{
    name: string;
    wr: number;
  }>;
  const byParent = [...tables].sort((a, b) => Number(b.name === 'campaigns' || b.name === 'posts') - Number(a.name === 'campaigns' || a.name === 'posts'));
  db.transaction(() => {
    for (const { name, wr } of byParent) {
      const info = db.prepare(`SELECT name, type, pk FROM pragma_table_info('${name}')`).all() as Array<{ name: string; type: string; pk: number }>;
      const keys = info.filter((c) => c.pk > 0);
      const cols = info.map((c) => c.name).join(', ');
      const list = wr || (keys.length === 1 && keys[0]?.type === 'INTEGER') ? cols : `rowid, ${cols}`;
      db.exec(`INSERT INTO main."${name}" (${list}) SELECT ${list} FROM src."${name}"`);
    }
  })();
  db.exec('DETACH DATABASE src');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

try {
  mkdirSync(dir, { recursive: true });
  const current = path.join(dir, `current-${posts}.sqlite`);
  const older = path.join(dir, `schema-${version - 1}-${posts}.sqlite`);
  const work = path.join(dir, `migrating-${posts}.sqlite`);
  if (!existsSync(older)) {
    if (!existsSync(current)) {
      say(`ingest ${posts} posts into ${current}`);
      await runChild('bench/ingest.child.ts', ['--db', current, '--posts', String(posts)]);
    }
    say(`the same rows at schema ${version - 1}: ${older}`);
    copyAsSchemaBefore(current, older);
  }
  for (const f of [work, `${work}-wal`, `${work}-shm`]) rmSync(f, { force: true });
  copyFileSync(older, work);

  const db = new Database(work);
  applyPragmas(db, work);
  const rows = Object.fromEntries(['posts', 'campaign_posts', 'authors'].map((t) => [t, db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number]));
  say(`migrate ${JSON.stringify(rows)} to ${version}`);
  const [w0, c0] = [performance.now(), cpuMs()];
  const applied = migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= version),
  );
  const [wallMs, cpu] = [performance.now() - w0, cpuMs() - c0];
  if (applied.join() !== String(version)) throw new Error(`expected to apply ${version}, applied ${applied.join(', ')}`);
  const w1 = performance.now();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const checkpointMs = performance.now() - w1;
  db.close();
  say(`migration ${version}: ${wallMs.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU; WAL checkpoint ${checkpointMs.toFixed(0)} ms`);
  process.stdout.write(`${JSON.stringify({ version, rows, wallMs, cpuMs: cpu, checkpointMs })}\n`);
} finally {
  if (values.dir === undefined) rmSync(dir, { recursive: true, force: true });
  else say(`data kept in ${dir}`);
}
