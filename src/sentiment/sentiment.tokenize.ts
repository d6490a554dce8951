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

// A word may hold digits ("b4gus", "bagus2"), inner apostrophes ("don't") and hyphens ("ibu-ibu").
const PIECE = /(\p{Extended_Pictographic}|[\p{L}\p{N}]+(?:['’][\p{L}]+)?(?:-[\p{L}\p{N}]+)*|[.!?;,\n]+)/gu;
// Skin tones, text/emoji presentation selectors, joiners and the keycap mark: the base emoji carries the feeling.
const MODIFIERS = /[\u{1F3FB}-\u{1F3FF}]|\uFE0E|\uFE0F|\u200D|\u20E3/gu;
const HAS_DIGIT = /\d/;
const HAS_LETTER = /[a-z]/;
const EMOTICON_LENGTHS = [4, 3, 2];

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

function pushPieces(chunk: string, tokens: Token[]): void {
  for (const match of chunk.matchAll(PIECE)) {
    const piece = match[0];
    const first = piece.codePointAt(0) ?? 0;
    if (first > 0x2000 && !/^[\p{L}\p{N}]/u.test(piece)) {
      const valence = EMOJI_VALENCE[piece];
      if (valence !== undefined && valence !== 0) tokens.push({ kind: 'symbol', valence });
    } else if (/^[.!?;,\n]/.test(piece)) {
      tokens.push({ kind: 'break', question: piece.includes('?') });
    } else {
      const word = undoDigits(foldWord(piece).replace(/['’]/g, ''));
      tokens.push({ kind: 'word', word: word.includes('-') ? hyphenated(word) : word });
    }
  }
}

/** Splits a post's text into tokens. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const raw of stripEntities(text).replace(MODIFIERS, '').split(/(\s+)/)) {
    if (raw === '' || /^\s+$/.test(raw)) {
      if (raw.includes('\n')) tokens.push({ kind: 'break', question: false });
      continue;
    }
    const lower = raw.toLowerCase();
    const whole = EMOTICON_VALENCE[lower];
    if (whole !== undefined) {
      tokens.push({ kind: 'symbol', valence: whole });
      continue;
    }
    // An emoticon glued to the end of a word: "keren:)", "kecewa:(".
    let tail: number | undefined;
    let body = raw;
    for (const length of EMOTICON_LENGTHS) {
      const candidate = EMOTICON_VALENCE[lower.slice(-length)];
      if (lower.length > length && candidate !== undefined && !/[\p{L}\p{N}]/u.test(lower.slice(-length, -length + 1))) {
        tail = candidate;
        body = raw.slice(0, -length);
        break;
      }
    }
    pushPieces(body, tokens);
    if (tail !== undefined) tokens.push({ kind: 'symbol', valence: tail });
  }
  return tokens;
}
