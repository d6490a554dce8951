import { parseArgs } from 'node:util';
import { languageOf } from '../src/language/language-of.js';
import { sentimentOf } from '../src/sentiment/sentiment-of.js';
import { loadEvalSet } from '../tests/fixtures/sentiment/eval-set.js';

/**
 * `npm run bench:sentiment [-- --posts 200000 --rounds 3]`: posts per second on one core (this
 * process has one JavaScript thread) for the language of a post detected from its text (no
 * platform tag: the slow path), for its sentiment read with its language, and for both in turn
 * as enrichment will call them. The evaluation posts are repeated to `--posts`; a warm-up pass
 * lets the JIT and the word caches settle, as they would in a worker that runs all day.
 * Prints a readable summary on stderr and one JSON line on stdout (bench/run.ts reads it).
 */
const { values } = parseArgs({ options: { posts: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '3' } } });

const evalSet = loadEvalSet();
const count = Number(values.posts);
const rounds = Number(values.rounds);
const posts = Array.from({ length: count }, (_, i) => evalSet[i % evalSet.length]!);
const context = { timeZone: 'Asia/Jakarta' };

/**
 * Posts per second of CPU time of this thread, and of wall-clock time. CPU time is what "per
 * core" means, and it holds while other processes share the machine; wall-clock time shows
 * what this run got.
 */
function perSecond(pass: () => number): { cpu: number; wall: number } {
  let sink = pass();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) sink += pass();
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  // The sink keeps the work from being optimised away.
  if (sink < 0) throw new Error('unreachable');
  return { cpu: (count * rounds) / ((used.user + used.system) / 1e6), wall: (count * rounds) / wall };
}

const language = perSecond(() => posts.reduce((n, post) => n + languageOf({ text: post.text }, context).length, 0));
const tagged = perSecond(() => posts.reduce((n, post) => n + languageOf({ text: post.text, lang: 'in' }, context).length, 0));
const sentiment = perSecond(() => posts.reduce((n, post) => n + sentimentOf(post.text, post.language).length, 0));
const both = perSecond(() => posts.reduce((n, post) => n + sentimentOf(post.text, languageOf({ text: post.text }, context)).length, 0));

const result = { posts: count * rounds, language, taggedLanguage: tagged, sentiment, both };
const fmt = ({ cpu, wall }: { cpu: number; wall: number }) =>
  `${Math.round(cpu).toLocaleString('en-US').padStart(10)} posts/s per core (${Math.round(wall).toLocaleString('en-US')} wall-clock)`;
process.stderr.write(
  [
    `${count.toLocaleString('en-US')} posts × ${rounds} rounds (the ${evalSet.length} evaluation posts repeated), one core:`,
    `  language, detected from the text   ${fmt(language)}`,
    `  language, from the platform's tag  ${fmt(tagged)}`,
    `  sentiment                          ${fmt(sentiment)}`,
    `  language then sentiment            ${fmt(both)}`,
    '',
  ].join('\n'),
);
process.stdout.write(`${JSON.stringify(result)}\n`);
