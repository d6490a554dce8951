import { foldWord, letterRuns, stripEntities } from './post-text.clean.js';
import { UNKNOWN_LANGUAGE, type LanguageCode } from './language-tag.normalize.js';
import { wordListHits, type WordListHits } from './word-list.detect.js';

/**
 * Too short to tell: fewer than MIN_LETTERS letters, or fewer than MIN_WORDS words in a script
 * that separates words, once links, mentions, hashtags, emoji and digits are gone ("mantul 👍",
 * "Nice!", "🔥🔥 #SocMed4SocGood"). A single word is as often a loan, a name or slang shared by
 * the languages of the region as a word of the language of the post.
 */
export const MIN_WORDS = 2;
export const MIN_LETTERS = 6;

/**
 * The statistical detector is asked only from DETECTOR_MIN_LETTERS letters on: below that its
 * trigram counts are noise (it answered Tagalog, Hausa or Lingala for many short Indonesian
 * posts), and a short text that the word lists cannot place stays `und`.
 */
export const DETECTOR_MIN_LETTERS = 15;

/**
 * A Javanese or Sundanese post borrows Indonesian words freely; it is taken as regional when its
 * regional function words are at least this share of its Indonesian ones (two at least), so an
 * Indonesian post with a "matur nuwun" or a "mah" in it stays Indonesian.
 */
const REGIONAL_SHARE = 0.5;
const ENGLISH_SHARE = 0.25;

/** Chinese, Japanese and Thai write a sentence without spaces: one run of letters is not one word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

function unspacedScript(run: string): boolean {
  return UNSPACED.test(run);
}

/** Indonesia's time zones (WIB, WITA, WIT): there, Malay-looking text is Indonesian. */
export const INDONESIAN_TIME_ZONES: ReadonlySet<string> = new Set(['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura']);

/** A statistical detector: the ISO 639-1 code of a text, or `und`. */
export type TextDetector = (text: string) => LanguageCode;

/** What the function-word lists say, or undefined when they cannot decide. */
export function decideByWordLists(hits: WordListHits, wordCount: number): LanguageCode | undefined {
  const regional = Math.max(hits.jv, hits.su);
  if (regional >= 2 && hits.jv !== hits.su && regional >= hits.id * REGIONAL_SHARE && regional > hits.en) return hits.jv > hits.su ? 'jv' : 'su';
  // English shares "we", "over", "in", "is" with Dutch and German: its function words must also be
  // a fair part of the text, as they are in any English sentence.
  if (hits.en >= 2 && hits.en > hits.id && hits.en >= wordCount * ENGLISH_SHARE) return 'en';
  if (hits.id >= 2 && hits.id >= hits.en) return hits.ms >= 2 ? 'ms' : 'id';
  // A two- or three-word post with one listed word and nothing else ("gk bgs", "worst event ever").
  if (wordCount <= 3) {
    const listed = (['id', 'en', 'jv', 'su'] as const).filter((language) => hits[language] > 0);
    if (listed.length === 1 && listed[0] !== undefined) return listed[0];
  }
  return undefined;
}

/**
 * The language of a post's text, detected offline: links, mentions and hashtags removed, `und`
 * when too short, function-word lists first (Indonesian, English, Javanese, Sundanese, Malay),
 * the statistical detector for the rest. Malay counts as Indonesian in an Indonesian time zone.
 */
export function detectLanguage(text: string, detector: TextDetector, timeZone?: string): LanguageCode {
  const stripped = stripEntities(text);
  const runs = letterRuns(stripped);
  let letters = 0;
  for (const run of runs) letters += run.length;
  if (letters < MIN_LETTERS || (runs.length < MIN_WORDS && !unspacedScript(runs[0] ?? ''))) return UNKNOWN_LANGUAGE;
  let language = decideByWordLists(wordListHits(runs.map(foldWord)), runs.length);
  if (language === undefined) language = letters >= DETECTOR_MIN_LETTERS ? detector(runs.join(' ')) : UNKNOWN_LANGUAGE;
  return language === 'ms' && timeZone !== undefined && INDONESIAN_TIME_ZONES.has(timeZone) ? 'id' : language;
}
