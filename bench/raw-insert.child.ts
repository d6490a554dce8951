import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { withFigures } from '../src/enrich/enrich.js';
import { authorKey } from '../src/domain/post.js';
import { mapXResponse } from '../src/sources/x/x.map.js';
import { migrate } from '../src/store/sqlite/migrations.js';
import { applyPragmas } from '../src/store/sqlite/pragmas.js';
import { postParams } from '../src/store/sqlite/rows.js';
import { benchCities, benchDataset, LATER_END } from './setup.js';

/**
 * The physical limit of the store, for comparison with the ingest bench: the same post rows
 * inserted into the same schema (same migrations and pragmas as the store) with ONE prepared
 * statement in ONE transaction. Rows are made in chunks outside the timed part; only the
 * statement runs and the commit are timed.
 */
const { values } = parseArgs({ options: { db: { type: 'string' }, posts: { type: 'string' } } });
if (!values.db || !values.posts) throw new Error('usage: raw-insert.child.ts --db FILE --posts N');

const { cities } = await benchCities();
const data = benchDataset(cities, Number(values.posts));
const db = new Database(values.db);
applyPragmas(db, values.db);
migrate(db);

const sample = postParams(withFigures(mapXResponse(data.page(0, 1), LATER_END).posts[0]!, undefined), '');
const columns = Object.keys(sample);
const insert = db.prepare(`INSERT INTO posts (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);

const CHUNK = 10_000;
let timedMs = 0;
let rows = 0;
db.exec('BEGIN');
for (let from = 0; from < data.size; from += CHUNK) {
  const chunk: Array<Record<string, unknown>> = [];
  for (let p = from; p < Math.min(data.size, from + CHUNK); p += 100) {
    const batch = mapXResponse(data.page(p, Math.min(100, data.size - p)), LATER_END);
    const authors = new Map(batch.authors.map((a) => [authorKey(a), a]));
    for (const post of batch.posts) chunk.push(postParams(withFigures(post, authors.get(authorKey({ platform: post.platform, authorId: post.authorId }))), ''));
  }
  const t0 = performance.now();
  for (const row of chunk) insert.run(row);
  timedMs += performance.now() - t0;
  rows += chunk.length;
}
const t0 = performance.now();
db.exec('COMMIT');
timedMs += performance.now() - t0;
db.close();
process.stdout.write(`${JSON.stringify({ posts: rows, ms: timedMs })}\n`);
