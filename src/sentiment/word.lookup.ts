import type { Entry } from './vocabulary.js';

/**
 * Finds a written word in a vocabulary the way people spell it: as is, with its elongations
 * squeezed ("kereeen" → "kereen" → "keren", "sooo" → "soo" → "so", "goood" → "good"), and
 * without the suffixes that attach to words of feeling ("kecewanya", "kerennya", "bagusnya",
 * "senengku", "acarane", "saena").
 */
const SUFFIXES = ['nya', 'lah', 'kah', 'pun', 'ku', 'mu', 'ne', 'na'];

const RUN3 = /(\p{L})\1{2,}/gu;
const RUN2 = /(\p{L})\1+/gu;

/** The spellings a word may stand for, most literal first. */
export function spellings(word: string): string[] {
  const forms = [word];
  if (RUN3.test(word)) {
    RUN3.lastIndex = 0;
    forms.push(word.replace(RUN3, '$1$1'), word.replace(RUN3, '$1'));
  }
  RUN3.lastIndex = 0;
  // Social media doubles letters as freely as it triples them ("baguss", "kecewaa").
  const single = word.replace(RUN2, '$1');
  if (!forms.includes(single)) forms.push(single);
  return forms;
}

export interface Found {
  /** The spelling the vocabulary knows, for phrases ("terima kasih"); the word itself when unknown. */
  canonical: string;
  entry: Entry | undefined;
  /** The word was stretched ("kereeen"): people stretch what they feel strongly. */
  elongated: boolean;
}

function find(vocabulary: ReadonlyMap<string, Entry>, word: string): Found {
  const forms = spellings(word);
  for (const form of forms) {
    const entry = vocabulary.get(form);
    if (entry) return { canonical: form, entry, elongated: form.length + 1 < word.length };
  }
  for (const form of forms) {
    for (const suffix of SUFFIXES) {
      if (form.length > suffix.length + 2 && form.endsWith(suffix)) {
        const stem = form.slice(0, -suffix.length);
        const entry = vocabulary.get(stem);
        // A suffix on a modifier is another word ("tidaklah" is, "bangetnya" is not usual): feelings only.
        if (entry?.valence !== undefined) return { canonical: stem, entry, elongated: false };
      }
    }
  }
  return { canonical: word.replace(RUN3, '$1'), entry: undefined, elongated: false };
}

/**
 * Lookups are cached per vocabulary: posts repeat the same few thousand words, and trying
 * spellings costs several regular expressions. The cache is bounded; starting over costs one
 * lookup per word.
 */
const MAX_CACHED = 50_000;
const caches = new WeakMap<ReadonlyMap<string, Entry>, Map<string, Found>>();

export function lookup(vocabulary: ReadonlyMap<string, Entry>, word: string): Found {
  let cache = caches.get(vocabulary);
  if (!cache) caches.set(vocabulary, (cache = new Map()));
  let found = cache.get(word);
  if (!found) {
    found = find(vocabulary, word);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(word, found);
  }
  return found;
}
