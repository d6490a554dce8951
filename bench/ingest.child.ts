import { parseArgs } from 'node:util';
import { createSqliteStore } from '../src/store/sqlite/sqlite.store.js';
import { ingest } from './ingest.js';
import { peakRssMb } from './proc.js';
import { benchCities } from './setup.js';

/**
 * The worker's side of the ingest bench, in its own process so that its peak RSS is its own:
 * collects `--posts` generated posts into the SQLite file `--db` (see ingest.ts). Prints one JSON
 * line: posts, timed ms (from the mapper on), CPU ms, wall ms, the days changed, peak RSS.
 */
const { values } = parseArgs({ options: { db: { type: 'string' }, posts: { type: 'string' }, page: { type: 'string', default: '100' } } });
if (!values.db || !values.posts) throw new Error('usage: ingest.child.ts --db FILE --posts N [--page 100]');

const { gazetteer, cities } = await benchCities();
const store = createSqliteStore({ file: values.db });
const result = await ingest(store, gazetteer, cities, { posts: Number(values.posts), pageSize: Number(values.page) });
await store.close();
process.stdout.write(`${JSON.stringify({ ...result, days: result.days.length, peakRssMb: peakRssMb() })}\n`);
