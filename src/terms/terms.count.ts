import type { TermKind, TermRow, TermSource } from '../domain/terms.js';
import { termsOf } from './terms.extract.js';

/**
 * Counts the terms of a stream of posts (metrics/terms): per term, the posts that contain it
 * (once each), their distinct authors and their summed engagement. Posts are added one at a time
 * as a store reads them, so memory grows with the distinct terms, not with the posts.
 */
export interface TermCounter {
  add(post: TermSource): void;
  /** The `limit` terms with the most posts, ties by term (code-unit order, as the reference sorts). */
  top(limit: number): TermRow[];
}

interface Tally {
  posts: number;
  engagement: number;
  authors: Set<string>;
}

export function createTermCounter(kind: TermKind): TermCounter {
  const tallies = new Map<string, Tally>();
  return {
    add(post) {
      for (const term of termsOf(post, kind)) {
        let t = tallies.get(term);
        if (!t) tallies.set(term, (t = { posts: 0, engagement: 0, authors: new Set() }));
        t.posts += 1;
        t.engagement += post.engagement;
        t.authors.add(post.author);
      }
    },
    top(limit) {
      const rows: TermRow[] = [];
      for (const [term, t] of tallies) rows.push({ term, posts: t.posts, contributors: t.authors.size, engagement: t.engagement });
      return rows.sort((a, b) => b.posts - a.posts || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0)).slice(0, Math.max(0, limit));
    },
  };
}
