import { LRUCache } from 'lru-cache';
import { ROOT_WORDS } from './root-words.data.js';

/**
 * An Indonesian stemmer in the manner of Nazief and Adriani (1996), with the backtracking of the
 * Confix-Stripping stemmer (Asian et al. 2007): particles -lah/-kah/-tah/-pun, possessives
 * -ku/-mu/-nya, derivational suffixes -i/-an/-kan, then up to three prefixes di-/ke-/se-/be(r)-/
 * te(r)-/me(N)-/pe(N)-/per- with the sound changes of meN-/peN- (mem+p → p, men+t → t,
 * meng+k → k, meny+s → s).
 *
 * Why a lexicon and not bare affix stripping: stripping alone cannot tell a root that looks
 * affixed from an affixed word (`sekolah` is a root, not se+kolah; `masalah` is not masa+lah), nor
 * undo a sound change (`mengirim` is meng+kirim but `mengambil` is meng+ambil). Nazief–Adriani
 * decide both with a dictionary of roots: every analysis is tried in a fixed order and the first
 * that yields a known root wins; a word with none is left as it is. Here the dictionary is a
 * compact list of common roots (root-words.data.ts) plus, per campaign, the roots of its own
 * keywords (topic.match.ts), so a keyword an owner writes as a root (`tambang`) also matches its
 * affixed forms (`pertambangan`, `menambang`). Failing to find a root means matching the word
 * exactly, never a guess: for sponsor-facing figures a missed form is better than a false topic.
 *
 * Deliberately not removed: -wan/-wati (`usahawan` is a person, not `usaha`), -nya inside a
 * word, reduplication (`anak-anak` is two words after tokenising), and loanword suffixes.
 */

/** Words shorter than this carry no affix around a root of three or more letters. */
const MIN_AFFIXED_LENGTH = 5;
const MIN_ROOT_LENGTH = 3;

const PARTICLES = ['lah', 'kah', 'tah', 'pun'];
const POSSESSIVES = ['nya', 'ku', 'mu'];
const DERIVATIONAL = ['kan', 'an', 'i'];

const isVowel = (c: string | undefined) => c !== undefined && 'aiueo'.includes(c);

function without(word: string, suffix: string): string | undefined {
  return word.length - suffix.length >= MIN_ROOT_LENGTH && word.endsWith(suffix) ? word.slice(0, -suffix.length) : undefined;
}

/**
 * The word after each optional suffix step, least stripped first (Nazief–Adriani's order of
 * dictionary checks): particle, then possessive, then each derivational suffix that applies.
 */
function suffixBases(word: string): string[] {
  const bases = [word];
  const particle = PARTICLES.map((s) => without(word, s)).find((w) => w !== undefined) ?? word;
  if (particle !== word) bases.push(particle);
  const possessive = POSSESSIVES.map((s) => without(particle, s)).find((w) => w !== undefined) ?? particle;
  if (possessive !== particle) bases.push(possessive);
  for (const s of DERIVATIONAL) {
    const w = without(possessive, s);
    if (w !== undefined) bases.push(w);
  }
  return bases;
}

interface Removal {
  prefix: string;
  rest: string;
}

/** Every way the start of a word reads as one prefix, with the root's first sound restored. */
function prefixRemovals(w: string): Removal[] {
  const out: Removal[] = [];
  const add = (prefix: string, rest: string) => {
    if (rest.length >= MIN_ROOT_LENGTH) out.push({ prefix, rest });
  };
  const after = (n: number) => w.slice(n);
  for (const p of ['di', 'ke', 'se']) if (w.startsWith(p)) add(p, after(2));
  for (const [p, short] of [
    ['ber', 'be'],
    ['ter', 'te'],
    ['per', 'pe'],
  ] as const) {
    if (w.startsWith(p)) {
      add(p, after(3)); // berusaha → usaha, terdidik → didik, perguruan → guru
      if (isVowel(w[3])) add(short, after(2)); // berantai → rantai
    } else if (w.startsWith(short) && !isVowel(w[2])) {
      add(short, after(2)); // bekerja → kerja, pekerja → kerja, pelaku → laku
    }
  }
  if (w.startsWith('belajar') || w.startsWith('pelajar')) add('bel', after(3));
  for (const [n, p] of [
    ['me', 'meN'],
    ['pe', 'peN'],
  ] as const) {
    if (!w.startsWith(n)) continue;
    const r = after(n.length);
    if (/^[lrwy]/.test(r)) add(n, r); // melihat → lihat
    if (r.startsWith('ng')) {
      const rest = r.slice(2);
      if (/^[ghqk]/.test(rest))
        add(p, rest); // menggunakan → gunakan
      else if (isVowel(rest[0])) {
        add(p, rest); // mengambil → ambil
        add(p, `k${rest}`); // mengirim → kirim
      }
      if (rest.startsWith('e')) add(p, rest.slice(1)); // mengecat → cat
    } else if (r.startsWith('ny')) {
      if (isVowel(r[2])) add(p, `s${r.slice(2)}`); // menyapu → sapu
    } else if (r.startsWith('n')) {
      const rest = r.slice(1);
      if (/^[cdjz]/.test(rest) || rest.startsWith('sy'))
        add(p, rest); // mendidik → didik
      else if (isVowel(rest[0])) {
        add(p, `t${rest}`); // menulis → tulis
        add(n, r); // menikah → nikah
      }
    } else if (r.startsWith('m')) {
      const rest = r.slice(1);
      if (/^[bfvp]/.test(rest))
        add(p, rest); // membuat → buat, memperbaiki → perbaiki
      else if (isVowel(rest[0])) {
        add(p, `p${rest}`); // memukul → pukul
        add(n, r); // memakan → makan
      }
    }
  }
  return out;
}

/** Analyses of a base, one prefix more per level (shallower first), never the same prefix twice running. */
function* prefixAnalyses(base: string): Generator<string> {
  let level: Array<{ word: string; last: string | undefined }> = [{ word: base, last: undefined }];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { word, last } of level) {
      for (const { prefix, rest } of prefixRemovals(word)) {
        if (prefix === last) continue;
        yield rest;
        next.push({ word: rest, last: prefix });
      }
    }
    level = next;
  }
}

/** Every analysis of a word, in the order a root is looked for: suffixes alone, then prefixes from the most stripped base back. */
function* analyses(word: string): Generator<string> {
  const bases = suffixBases(word);
  yield* bases;
  for (const base of [...bases].reverse()) yield* prefixAnalyses(base);
}

/** The root of a folded word (lower-case a–z), the first analysis in `roots`; else the word unchanged. */
export function stem(word: string, roots: ReadonlySet<string> = ROOT_WORDS): string {
  if (word.length < MIN_AFFIXED_LENGTH || roots.has(word) || !/^[a-z]+$/.test(word)) return word;
  for (const candidate of analyses(word)) if (roots.has(candidate)) return candidate;
  return word;
}

/** A stemmer over a fixed lexicon that remembers the last `cacheSize` distinct words it saw. */
export function createStemmer(roots: ReadonlySet<string>, cacheSize = 10_000): (word: string) => string {
  const cache = new LRUCache<string, string>({ max: cacheSize });
  return (word) => {
    const hit = cache.get(word);
    if (hit !== undefined) return hit;
    const result = stem(word, roots);
    cache.set(word, result);
    return result;
  };
}
