/**
 * The text of a post without what is not language: links, @mentions and #hashtags
 * (METRICS.md, "Platform, language and sentiment"). A campaign hashtag says nothing about the
 * language or the feeling of a post, and a handle or a short link only adds noise to both.
 */

// Bare domains are links too ("bit.ly/kelas", "s.id/umkm", "aduankonten.id"), but a missing
// space after a full stop ("bagus.Terima kasih") is not: only these endings count as a domain.
const DOMAIN_ENDINGS = 'com|net|org|id|ly|co|io|me|gl|gov|edu|info|biz|my|sg|app|link|xyz|site|online|tv|cc|us|uk|au|gg|be|to';
const LINK = new RegExp(`(?:https?://|www\\.)\\S+|\\b[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\.(?:${DOMAIN_ENDINGS})(?=$|[\\s/?#),!:;])\\S*`, 'giu');
// Instagram and TikTok handles may hold dots (@cekfakta.id); an e-mail address is taken as a link above.
const MENTION = /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_.]+/gu;
const HASHTAG = /#[\p{L}\p{N}_]+/gu;

/** The text with links, mentions and hashtags replaced by spaces. */
export function stripEntities(text: string): string {
  // Mentions first: a handle with a dot (@cekfakta.id) would otherwise look like a domain.
  return text.replace(MENTION, ' ').replace(LINK, ' ').replace(HASHTAG, ' ');
}

const LETTER_RUN = /[\p{L}\p{M}]+/gu;
const COMBINING_MARK = /\p{M}/gu;

/**
 * Lower case without diacritics: Sundanese "saé" and "sae" are one word. Only for comparing
 * Latin words with the lists: other scripts keep their marks for the statistical detector.
 */
export function foldWord(word: string): string {
  let lower = word.toLowerCase();
  // A pure ASCII word (nearly all of them) needs no decomposition.
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) > 127) {
      lower = lower.normalize('NFD').replace(COMBINING_MARK, '');
      break;
    }
  }
  return lower;
}

/**
 * The runs of letters of a text already stripped of entities, as written. Digits, emoji and
 * punctuation break words, so "hati2" gives "hati" and "ibu-ibu" gives "ibu", "ibu".
 */
export function letterRuns(stripped: string): string[] {
  const runs: string[] = [];
  for (const match of stripped.matchAll(LETTER_RUN)) runs.push(match[0]);
  return runs;
}
