import { OTHER_TOPIC } from '../domain/dimensions.js';
import { hashtagsInText } from '../domain/hashtags.js';
import { ROOT_WORDS } from './root-words.data.js';
import { createStemmer, stem } from './stem.js';
import { foldWord, splitCamelCase, words } from './text.normalize.js';

/**
 * Topic attribution (METRICS.md, "Attribution to topics"): a post belongs to every topic whose
 * keyword or hashtag it contains, words compared without case or diacritics, whole words only,
 * CamelCase hashtags split into words. A keyword word matches a post word when their stems are
 * equal (stem.ts), so `pendidikan` also finds `mendidik`, `didik` and `berpendidikan`, and
 * `usaha` finds `berusaha` and `pengusaha`. No topic → `other`.
 */
export interface TopicMatcher {
  /** Topic names of a post, in the campaign's topic order; `['other']` when none match. */
  match(text: string, hashtags: readonly string[]): string[];
}

interface Phrase {
  topicIndex: number;
  /** Stems of the keyword's words, in order. */
  tokens: string[];
}

/** Each keyword word, as written (`#SaveForest` split into `save`, `forest`). */
function keywordWords(keyword: string): string[] {
  return keyword.startsWith('#') ? splitCamelCase(keyword.slice(1)) : words(keyword);
}

export function createTopicMatcher(topics: Record<string, readonly string[]>): TopicMatcher {
  const names = Object.keys(topics);
  const keywords = names.flatMap((name, topicIndex) => (topics[name] ?? []).map((keyword) => ({ keyword, topicIndex })));
  // The campaign's dictionary: the built-in roots and each keyword word's root (the word itself
  // when no known root is found), so a keyword written as a root still reaches its affixed forms.
  const roots = new Set(ROOT_WORDS);
  for (const { keyword } of keywords) for (const w of keywordWords(keyword)) roots.add(stem(w));
  // One stem per distinct word, kept across posts: a campaign's vocabulary is small.
  const stemOf = createStemmer(roots);

  // Phrases indexed by their first stem, so a post costs one Map lookup per word.
  const byFirst = new Map<string, Phrase[]>();
  const byHashtag = new Map<string, number[]>();
  for (const { keyword, topicIndex } of keywords) {
    const tokens = keywordWords(keyword).map(stemOf);
    const first = tokens[0];
    if (first !== undefined) byFirst.set(first, [...(byFirst.get(first) ?? []), { topicIndex, tokens }]);
    const joined = foldWord(keyword.replace(/^#/, '')).replace(/[^\p{L}\p{N}_]+/gu, '');
    if (joined) byHashtag.set(joined, [...(byHashtag.get(joined) ?? []), topicIndex]);
  }

  return {
    match(text, hashtags) {
      const hit = new Set<number>();
      for (const tag of hashtags) for (const i of byHashtag.get(foldWord(tag)) ?? []) hit.add(i);
      // Each hashtag is also read as the words it is written with (#KeamananDigital).
      const segments = [words(text), ...hashtagsInText(text).map(splitCamelCase)].map((seg) => seg.map(stemOf));
      for (const seg of segments) {
        for (let i = 0; i < seg.length; i++) {
          for (const p of byFirst.get(seg[i]!) ?? []) {
            if (hit.has(p.topicIndex)) continue;
            if (p.tokens.every((t, k) => seg[i + k] === t)) hit.add(p.topicIndex);
          }
        }
      }
      if (hit.size === 0) return [OTHER_TOPIC];
      return [...hit].sort((a, b) => a - b).map((i) => names[i]!);
    },
  };
}
