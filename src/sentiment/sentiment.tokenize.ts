import { foldWord, stripEntities } from '../language/post-text.clean.js';
import { EMOJI_VALENCE, EMOTICON_VALENCE } from './emoji.data.js';

/**
 * A post's text as the sentiment reader sees it: words (folded, digits-for-letters undone),
 * emoji and emoticons with their valence, and the punctuation that ends a clause. Links,
 * mentions and hashtags are dropped first: a campaign hashtag is a topic, not a feeling.
 */
export type Token =
  | { kind: 'word'; word: string }
  | { kind: 'symbol'; valence: number }
  /** A full stop, "!", "?", ";", a comma or a line break: negation and intensifiers stop here. */
  | { kind: 'break'; question: boolean };

// Skin tones, text/emoji presentation selectors, joiners and the keycap mark: the base emoji carries the feeling.
const MODIFIERS = /[\u{1F3FB}-\u{1F3FF}]|\uFE0E|\uFE0F|\u200D|\u20E3/gu;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// Longest first, so ":))" is not read as ":)" and ")".
const EMOTICONS = [...new Set(Object.keys(EMOTICON_VALENCE).flatMap((emoticon) => [emoticon, emoticon.toUpperCase()]))]
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
/**
 * One pass over the text: a word (digits, inner apostrophes and hyphens included: "b4gus",
 * "don't", "ibu-ibu"), an emoji, an emoticon (alone, or glued to the end of a word: "keren:)"),
 * or the punctuation that ends a clause. Words come first because they are most of a post;
 * emoticons made of letters ("xD", "zzz") are therefore words of the lexicons.
 */
const PIECE = new RegExp(
  `([\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?(?:-[\\p{L}\\p{N}]+)*)|(\\p{Extended_Pictographic})|(?<=^|[\\s\\p{L}\\p{N}])(${EMOTICONS})(?=$|[\\s.,!?])|([.!?;,\\n]+)`,
  'gu',
);
const HAS_DIGIT = /\d/;
const HAS_LETTER = /[a-z]/;

/** "b4gus" → "bagus", "s3mangat" → "semangat", "g00d" → "good"; "bagus2" → "bagus"; "10gb", "a52", "3x" stay. */
export function undoDigits(word: string): string {
  if (!HAS_DIGIT.test(word) || !HAS_LETTER.test(word)) return word;
  // Indonesian writes reduplication with a 2: "hati2", "kakak2".
  const base = word.endsWith('2') && /[a-z]2$/.test(word) ? word.slice(0, -1) : word;
  // Only digits between letters, or one digit before two letters ("4ku"), stand for letters.
  if (!/^(?:[013457](?=[a-z]{2}))?[a-z]+(?:[013457]+[a-z]+)*$/.test(base)) return base;
  return base.replace(/[013457]/g, (digit) => DIGIT_LETTERS[digit] ?? digit);
}
const DIGIT_LETTERS: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' };

/** A hyphenated word: one word when reduplicated ("keren-keren"), else its parts joined by "_" ("hati_hati"). */
function hyphenated(word: string): string {
  const parts = word.split('-');
  return parts.every((part) => part === parts[0]) ? (parts[0] ?? word) : parts.join('_');
}

/** Splits a post's text into tokens. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of stripEntities(text).replace(MODIFIERS, '').matchAll(PIECE)) {
    const [, word, emoji, emoticon, punctuation] = match;
    if (word !== undefined) tokens.push({ kind: 'word', word: normalizeWord(word) });
    else if (emoji !== undefined) {
      const valence = EMOJI_VALENCE[emoji];
      if (valence !== undefined && valence !== 0) tokens.push({ kind: 'symbol', valence });
    } else if (emoticon !== undefined) tokens.push({ kind: 'symbol', valence: EMOTICON_VALENCE[emoticon.toLowerCase()] ?? 0 });
    else if (punctuation !== undefined) tokens.push({ kind: 'break', question: punctuation.includes('?') });
  }
  return tokens;
}

function normalizeWord(written: string): string {
  let word = foldWord(written);
  if (word.includes("'") || word.includes('’')) word = word.replace(/['’]/g, '');
  word = undoDigits(word);
  return word.includes('-') ? hyphenated(word) : word;
}
