import { parseArgs } from 'node:util';
import { TERM_KINDS } from '../src/domain/terms.js';
import { createMingoDb } from '../tests/helpers/mingo-db.js';
import { createMongoStore } from '../src/store/mongo/mongo.store.js';
import { createSqliteStore } from '../src/store/sqlite/sqlite.store.js';
import type { Store } from '../src/store/store.port.js';
import { createTermCounter } from '../src/terms/terms.count.js';
import { BENCH_CAMPAIGN_ID } from './setup.js';

/**
 * metrics/terms on the campaign the ingest bench filled (`--db`): per kind, the store's scan of
 * the posts' texts alone (Store.scanTermSources, visiting each post and doing nothing), then the
 * scan with the counting of src/terms, the best of `--rounds`. Beside it, for hashtags, the one
 * term SQL can group by itself (json_each over the posts' hashtags), the alternative a grouped
 * query would be. `--mingo N` also times the Mongo store's paged scan over mingo on the first N
 * posts (in memory: the pages and the join, not a server's speed).
 */
const { values } = parseArgs({ options: { db: { type: 'string' }, rounds: { type: 'string', default: '3' }, mingo: { type: 'string', default: '0' } } });
if (!values.db) throw new Error('usage: terms.child.ts --db FILE [--rounds 3] [--mingo 20000]');
const rounds = Number(values.rounds);

const best = async (fn: () => Promise<unknown>): Promise<number> => {
  let min = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
};

const store = createSqliteStore({ file: values.db });
const q = { campaignId: BENCH_CAMPAIGN_ID, filter: {} };
let posts = 0;
await store.scanTermSources(q, () => (posts += 1));
const scanMs = await best(() => store.scanTermSources(q, () => undefined));
const kinds: Record<string, { ms: number; terms: number }> = {};
for (const kind of TERM_KINDS) {
  let terms = 0;
  const ms = await best(async () => {
    const counter = createTermCounter(kind);
    await store.scanTermSources(q, (p) => counter.add(p));
    terms = counter.top(50).length;
  });
  kinds[kind] = { ms, terms };
}

// The grouped alternative, for the one kind SQL can find alone (stop words and tokens need code).
const { default: Database } = await import('better-sqlite3');
const raw = new Database(values.db, { readonly: true });
const grouped = raw.prepare(`
  SELECT h.value AS term, COUNT(*) AS posts, COUNT(DISTINCT cp.author_key) AS contributors, SUM(cp.engagement) AS engagement
  FROM campaign_posts AS cp
  JOIN posts AS p ON p.scope = cp.scope AND p.platform = cp.platform AND p.post_id = cp.post_id, json_each(p.hashtags) AS h
  WHERE cp.campaign_id = ? GROUP BY h.value ORDER BY posts DESC, term LIMIT 50`);
const sqlHashtagMs = await best(async () => grouped.all(BENCH_CAMPAIGN_ID));
raw.close();

let mingo: { posts: number; scanMs: number; wordMs: number } | undefined;
const mingoPosts = Number(values.mingo);
if (mingoPosts > 0) {
  // The same campaign's first posts copied into the Mongo store over mingo.
  const mongo: Store = createMongoStore(createMingoDb());
  const campaign = await store.getCampaign(BENCH_CAMPAIGN_ID);
  if (!campaign) throw new Error('no bench campaign in --db');
  await mongo.createCampaign(campaign);
  const rows = (await store.campaignPosts(BENCH_CAMPAIGN_ID)).slice(0, mingoPosts);
  for (let at = 0; at < rows.length; at += 1000) {
    const slice = rows.slice(at, at + 1000);
    await mongo.saveBatch({
      posts: slice.map((r) => r.post),
      authors: slice.flatMap((r) => (r.author ? [r.author] : [])),
      memberships: slice.map((r) => r.membership),
    });
  }
  let n = 0;
  await mongo.scanTermSources(q, () => (n += 1));
  mingo = {
    posts: n,
    scanMs: await best(() => mongo.scanTermSources(q, () => undefined)),
    wordMs: await best(async () => {
      const counter = createTermCounter('word');
      await mongo.scanTermSources(q, (p) => counter.add(p));
      counter.top(50);
    }),
  };
}
await store.close();
process.stdout.write(`${JSON.stringify({ posts, scanMs, kinds, sqlHashtagMs, ...(mingo ? { mingo } : {}) })}\n`);
