import { ENGLISH_WORDS, INDONESIAN_WORDS, JAVANESE_WORDS, MALAY_WORDS, SUNDANESE_WORDS } from './function-words.data.js';

/** The languages the word lists know. */
export const LISTED_LANGUAGES = ['id', 'en', 'jv', 'su', 'ms'] as const;
export type ListedLanguage = (typeof LISTED_LANGUAGES)[number];

/** How many words of a text are on each list (a word on two lists counts for both). */
export type WordListHits = Record<ListedLanguage, number>;

const LISTS: Record<ListedLanguage, readonly string[]> = {
  id: INDONESIAN_WORDS,
  en: ENGLISH_WORDS,
  jv: JAVANESE_WORDS,
  su: SUNDANESE_WORDS,
  ms: MALAY_WORDS,
};

/** Each listed word and the lists it is on, built once. */
const LANGUAGES_OF_WORD: ReadonlyMap<string, readonly ListedLanguage[]> = (() => {
  const map = new Map<string, ListedLanguage[]>();
  for (const language of LISTED_LANGUAGES) {
    for (const word of LISTS[language]) {
      const languages = map.get(word) ?? [];
      if (!languages.includes(language)) languages.push(language);
      map.set(word, languages);
    }
  }
  return map;
})();

/** Counts the folded words of a text that are on each list. */
export function wordListHits(words: readonly string[]): WordListHits {
  const hits: WordListHits = { id: 0, en: 0, jv: 0, su: 0, ms: 0 };
  for (const word of words) {
    const languages = LANGUAGES_OF_WORD.get(word);
    if (languages) for (const language of languages) hits[language]++;
  }
  return hits;
}
