import { OTHER_TOPIC } from '../domain/metrics-query.js';
import { hashtagsInText } from '../domain/hashtags.js';
import { foldWord, splitCamelCase, words } from './text.normalize.js';

/**
 * Topic attribution (METRICS.md, "Attribution to topics"): a post belongs to every topic whose
 * keyword or hashtag it contains, words compared without case or diacritics, whole words only,
 * CamelCase hashtags split into words. No topic → `other`.
 */
export interface TopicMatcher {
  /** Topic names of a post, in the campaign's topic order; `['other']` when none match. */
  match(text: string, hashtags: readonly string[]): string[];
}

interface Phrase {
  topicIndex: number;
  tokens: string[];
}

export function createTopicMatcher(topics: Record<string, readonly string[]>): TopicMatcher {
  const names = Object.keys(topics);
  // Phrases indexed by their first token, so a post costs one Map lookup per word.
  const byFirst = new Map<string, Phrase[]>();
  const byHashtag = new Map<string, number[]>();
  names.forEach((name, topicIndex) => {
    for (const keyword of topics[name] ?? []) {
      const isTag = keyword.startsWith('#');
      const raw = isTag ? keyword.slice(1) : keyword;
      const tokens = isTag ? splitCamelCase(raw) : words(raw);
      if (tokens.length > 0) {
        const list = byFirst.get(tokens[0]!) ?? [];
        list.push({ topicIndex, tokens });
        byFirst.set(tokens[0]!, list);
      }
      const joined = foldWord(raw).replace(/[^\p{L}\p{N}_]+/gu, '');
      if (joined) byHashtag.set(joined, [...(byHashtag.get(joined) ?? []), topicIndex]);
    }
  });

  return {
    match(text, hashtags) {
      const hit = new Set<number>();
      for (const tag of hashtags) for (const i of byHashtag.get(foldWord(tag)) ?? []) hit.add(i);
      // Each hashtag is also read as the words it is written with (#KeamananDigital).
      const segments = [words(text), ...hashtagsInText(text).map(splitCamelCase)];
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
