/**
 * Hashtags as the platforms recognise them in text: `#` (or the full-width `＃`) not preceded by
 * a word character or `&` (HTML entities), then letters, marks, digits or `_` with at least one
 * letter. Campaign membership compares them lower-case without `#` (METRICS.md).
 */
const HASHTAG_IN_TEXT = /(?<![\p{L}\p{M}\p{N}_&])[#＃]([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}][\p{L}\p{M}\p{N}_]*)/gu;

/** The hashtags written in a text, without `#`, in their original case (CamelCase carries words). */
export function hashtagsInText(text: string): string[] {
  return [...text.matchAll(HASHTAG_IN_TEXT)].map((m) => m[1] ?? '').filter(Boolean);
}

/** `#SocMed4SocGood` → `socmed4socgood`. */
export function normalizeHashtag(tag: string): string {
  return tag.replace(/^[#＃]/, '').toLowerCase();
}

/** Normalised, unique, in order of appearance, empty ones dropped. */
export function normalizedHashtags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normalizeHashtag).filter(Boolean))];
}
