import { eng, ind } from 'stopword';
import { stripEntities } from '../language/post-text.clean.js';
import type { TermKind, TermSource } from '../domain/terms.js';
import { EXTRA_STOP_WORDS } from './stop-words.data.js';

/**
 * The distinct terms of one post (METRICS.md, "terms"): a post counts once per term, whatever
 * the number of times it writes it.
 * - hashtags: the post's own list (lower-case, without `#`), the campaign's hashtags included;
 * - mentions: `@handle` in the text, lower-case with the `@` (a Mastodon `@user@server` whole);
 * - words: the text without links, mentions and hashtags, split into words (inner hyphens and
 *   apostrophes kept: "anak-anak", "don't"), lower-case, without numbers, one-letter words and
 *   the stop words of Indonesian and English.
 */

/** Indonesian and English stop words: the `stopword` package's lists and a few of our own. */
export const STOP_WORDS: ReadonlySet<string> = new Set([...ind, ...eng, ...EXTRA_STOP_WORDS].map((w) => w.toLowerCase()));

// The same handles post-text.clean.ts strips; a server part after a second `@` stays with it.
const MENTION = /(?<![\p{L}\p{N}_@])@([\p{L}\p{N}_.]+(?:@[\p{L}\p{N}_.-]+)?)/gu;
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const HAS_LETTER = /\p{L}/u;
const APOSTROPHE = /’/g;

/** Trailing dots and hyphens end a sentence, not a handle ("terima kasih @budi."). */
const trimEnd = (s: string) => s.replace(/[.-]+$/, '');

export function mentionsOf(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(MENTION)) {
    const handle = trimEnd(m[1] ?? '');
    if (handle.length > 0) found.add(`@${handle.toLowerCase()}`);
  }
  return found;
}

export function wordsOf(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of stripEntities(text).matchAll(WORD)) {
    const word = m[0].toLowerCase().replace(APOSTROPHE, "'");
    // Numbers ("2015", "10.000") are no words; a word needs a letter and two characters.
    if (word.length < 2 || !HAS_LETTER.test(word) || STOP_WORDS.has(word)) continue;
    found.add(word);
  }
  return found;
}

export function hashtagsOf(hashtags: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const tag of hashtags) {
    const t = tag.replace(/^#/, '').toLowerCase();
    if (t.length > 0) found.add(t);
  }
  return found;
}

/** The distinct terms of one kind in one post. */
export function termsOf(post: Pick<TermSource, 'text' | 'hashtags'>, kind: TermKind): Set<string> {
  switch (kind) {
    case 'hashtag':
      return hashtagsOf(post.hashtags);
    case 'mention':
      return mentionsOf(post.text);
    case 'word':
      return wordsOf(post.text);
  }
}
