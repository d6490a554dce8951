import { parseArgs } from 'node:util';
import { enrichBatch, prepareCampaign } from '../src/enrich/enrich.js';
import type { MappedBatch } from '../src/domain/post.js';
import { mapXResponse } from '../src/sources/x/x.map.js';
import { benchCampaign, benchCities, benchDataset, LATER_END } from './setup.js';

/**
 * Enrichment alone, on one core (this process has one JavaScript thread): campaign membership,
 * city and topic attribution and the per-post figures of `--posts` mapped posts. Pages are
 * generated and mapped first, untimed; a warm-up pass lets the JIT and the caches settle, as
 * they would in a worker that runs all day.
 */
const { values } = parseArgs({ options: { posts: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '3' } } });

const { gazetteer, cities } = await benchCities();
const data = benchDataset(cities, Number(values.posts));
const pages: MappedBatch[] = [];
for (let from = 0; from < data.size; from += 100) pages.push(mapXResponse(data.page(from, 100), LATER_END));
const prepared = [prepareCampaign(benchCampaign(cities))];

let members = 0;
const pass = () => {
  for (const page of pages) members += enrichBatch(page, prepared, gazetteer, LATER_END).memberships.length;
};
pass();
members = 0;
const rounds = Number(values.rounds);
const t0 = performance.now();
for (let r = 0; r < rounds; r++) pass();
const ms = performance.now() - t0;
if (members !== data.size * rounds) throw new Error(`expected every generated post to be a campaign post, got ${members} of ${data.size * rounds}`);
process.stdout.write(`${JSON.stringify({ posts: data.size * rounds, ms })}\n`);
