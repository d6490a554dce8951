import { foldWord } from '../language/post-text.clean.js';
import { AFINN_ENTRIES, ENGLISH_OVERRIDES } from './lexicon-en.data.js';
import { INDONESIAN_LEXICON } from './lexicon-id.data.js';
import { JAVANESE_LEXICON, SUNDANESE_LEXICON } from './lexicon-jv-su.data.js';
import { AVERTERS, CONTRASTS, DIMINISHERS, FEELING_INTENSIFIERS, INTENSIFIERS, NEGATORS, PURPOSES, REQUESTS } from './modifiers.data.js';

/** What a word (or a phrase, its words joined by "_") does to the feeling of a post. */
export interface Entry {
  /** Its own valence, -3 … +3. */
  valence?: number;
  /** Its valence when negated, where that is not simply the opposite ("belum dikirim", "gak nyesel"). */
  negated?: number;
  negator?: boolean;
  /** Factor for the nearest word of feeling: above 1 for "banget", below for "agak". */
  intensifier?: number;
  contrast?: boolean;
  purpose?: boolean;
  /** The next word of feeling did not happen ("hampir", "almost"). */
  averts?: boolean;
  request?: boolean;
  /** Thanks: a courtesy when the post asks something, praise otherwise. */
  courtesy?: boolean;
}

/** The languages with a lexicon of their own; any other reads Indonesian and English. */
export type LexiconLanguage = 'id' | 'en' | 'jv' | 'su';

const INTENSITY = 1.5;
const DIMINISHED = 0.5;
const COURTESY = new Set(['terima_kasih', 'terimakasih', 'makasih', 'makasi', 'mksh', 'mksih', 'trims', 'trimakasih', 'tengkyu', 'tq', 'tks', 'thx']);
for (const word of ['thnx', 'thanks', 'thank', 'thank_you', 'ty', 'matur_nuwun', 'maturnuwun', 'matursuwun', 'matur_suwun', 'suwun', 'nuwun'])
  COURTESY.add(word);
for (const word of ['nuhun', 'hatur_nuhun']) COURTESY.add(word);

type Vocabulary = Map<string, Entry>;

function entry(vocabulary: Vocabulary, word: string): Entry {
  const key = foldWord(word);
  let found = vocabulary.get(key);
  if (!found) vocabulary.set(key, (found = {}));
  return found;
}

/** Reads `word=valence` and `word=valence|negated` items. */
function addLexicon(vocabulary: Vocabulary, text: string): void {
  for (const item of text.split(/\s+/)) {
    if (item === '') continue;
    const [word = '', values = ''] = item.split('=');
    const [valence, negated] = values.split('|').map(Number);
    if (word === '' || valence === undefined || Number.isNaN(valence)) throw new Error(`lexicon item "${item}" is not word=valence`);
    const target = entry(vocabulary, word);
    target.valence = valence;
    if (negated !== undefined && !Number.isNaN(negated)) target.negated = negated;
    else delete target.negated;
    if (COURTESY.has(foldWord(word))) target.courtesy = true;
  }
}

function addRole(vocabulary: Vocabulary, words: string, role: (target: Entry) => void): void {
  for (const word of words.split(/\s+/)) if (word !== '') role(entry(vocabulary, word));
}

function addModifiers(vocabulary: Vocabulary, language: LexiconLanguage): void {
  addRole(vocabulary, NEGATORS[language], (e) => (e.negator = true));
  addRole(vocabulary, INTENSIFIERS[language], (e) => (e.intensifier = INTENSITY));
  addRole(vocabulary, DIMINISHERS[language], (e) => (e.intensifier = DIMINISHED));
}

function baseLexicon(language: LexiconLanguage): Vocabulary {
  const vocabulary: Vocabulary = new Map();
  if (language === 'en') {
    // AFINN holds a few multi-word items ("cool stuff"): the phrase form uses "_".
    for (const [word, valence] of AFINN_ENTRIES) entry(vocabulary, word.replace(/[\s-]+/g, '_').replace(/'/g, '')).valence = valence;
    addLexicon(vocabulary, ENGLISH_OVERRIDES);
  } else if (language === 'id') addLexicon(vocabulary, INDONESIAN_LEXICON);
  else addLexicon(vocabulary, language === 'jv' ? JAVANESE_LEXICON : SUNDANESE_LEXICON);
  addModifiers(vocabulary, language);
  return vocabulary;
}

/**
 * The vocabulary a post of a language is read with: its own lexicon over Indonesian over English
 * (regional posts mix in Indonesian, and everyone mixes in English), or Indonesian over English.
 */
function layered(order: readonly LexiconLanguage[]): ReadonlyMap<string, Entry> {
  const merged: Vocabulary = new Map();
  for (const language of [...order].reverse()) {
    // The language of the post decides what its words mean: Indonesian "anti" negates, AFINN's is -1.
    for (const [word, found] of baseLexicon(language)) merged.set(word, { ...found });
  }
  const roles: Array<[string, (e: Entry) => void]> = [
    [CONTRASTS, (e) => (e.contrast = true)],
    [PURPOSES, (e) => (e.purpose = true)],
    [REQUESTS, (e) => (e.request = true)],
    [AVERTERS, (e) => (e.averts = true)],
  ];
  for (const [words, role] of roles) addRole(merged, words, role);
  // A feeling intensifier keeps its valence; a plain one has none.
  for (const word of FEELING_INTENSIFIERS.split(' ')) {
    const found = merged.get(word);
    if (found) found.intensifier = INTENSITY;
  }
  return merged;
}

export const VOCABULARIES: Readonly<Record<LexiconLanguage | 'other', ReadonlyMap<string, Entry>>> = {
  id: layered(['id', 'en']),
  en: layered(['en', 'id']),
  jv: layered(['jv', 'id', 'en']),
  su: layered(['su', 'id', 'en']),
  other: layered(['id', 'en']),
};

export function vocabularyFor(language: string): ReadonlyMap<string, Entry> {
  return language === 'id' || language === 'en' || language === 'jv' || language === 'su' ? VOCABULARIES[language] : VOCABULARIES.other;
}
