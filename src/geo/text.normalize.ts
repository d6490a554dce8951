/**
 * Turns free text into the word sequence that place names are compared on: lower-case ASCII
 * letters and digits, diacritics removed, everything else a word break.
 *
 * Written as one hand-rolled pass rather than a chain of regular expressions because it runs
 * on every post's profile location (millions a day).
 */

/** Words of a text, and for each word the comma-separated part ("segment") it came from. */
export interface Tokens {
  readonly words: readonly string[];
  /** Place names never span two segments: "Kota Batu, Bara" is not "Batu Bara". */
  readonly segments: readonly number[];
}

/** Abbreviations that stand for a word of an official name ("Kep. Riau", "Tg. Pinang"). */
const WORD_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['kep', 'kepulauan'],
  ['tg', 'tanjung'],
]);

// Character codes, compared directly in the hot loop below.
const TAB = 9;
const NEWLINE = 10;
const RETURN = 13;
const SPACE = 32;
const HYPHEN = 45;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const LOWER_A = 97;
const LOWER_Z = 122;

/** Characters that separate the parts of a location: "Makassar, Sulsel", "Jakarta | Bandung". */
const SEGMENT_BREAKS = new Set([',', ';', '|', '/', '\\', '(', ')', '[', ']', '{', '}', ':', '\n', '\r', '•', '·', '–', '—', '→', '↔']);

function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return true;
  return false;
}

function isSpace(code: number | undefined): boolean {
  return code === SPACE || code === TAB || code === NEWLINE || code === RETURN;
}

/** Combining diacritical marks, left behind by NFKD ("é" → "e" + U+0301). */
function isCombiningMark(code: number): boolean {
  return code >= 0x300 && code <= 0x36f;
}

/** Splits a text into comparable words, keeping track of its comma-separated parts. */
export function tokenize(text: string): Tokens {
  const folded = (hasNonAscii(text) ? text.normalize('NFKD') : text).toLowerCase();
  const words: string[] = [];
  const segments: number[] = [];
  let segment = 0;
  let start = -1;
  let hasMark = false;

  const endWord = (end: number): void => {
    if (start < 0) return;
    let word = folded.slice(start, end);
    if (hasMark) word = [...word].filter((c) => !isCombiningMark(c.charCodeAt(0))).join('');
    words.push(WORD_SYNONYMS.get(word) ?? word);
    segments.push(segment);
    start = -1;
    hasMark = false;
  };

  for (let i = 0; i < folded.length; i++) {
    const code = folded.charCodeAt(i);
    if ((code >= LOWER_A && code <= LOWER_Z) || (code >= DIGIT_0 && code <= DIGIT_9)) {
      if (start < 0) start = i;
      continue;
    }
    if (isCombiningMark(code) && start >= 0) {
      hasMark = true;
      continue;
    }
    endWord(i);
    // A hyphen joins "Bau-Bau" but separates "Kota Kupang - NTT".
    const breaks = code === HYPHEN ? isSpace(folded.charCodeAt(i - 1)) || isSpace(folded.charCodeAt(i + 1)) : SEGMENT_BREAKS.has(folded.charAt(i));
    if (breaks && words.length > 0 && segments[segments.length - 1] === segment) segment++;
  }
  endWord(folded.length);
  return { words, segments };
}

/** The comparison key of a name: its words joined, so "Bau-Bau", "Bau Bau" and "Baubau" agree. */
export function compactKey(name: string): string {
  return tokenize(name).words.join('');
}
