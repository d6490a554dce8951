/**
 * Top terms of a campaign's posts (API.md 1.1, metrics/terms; METRICS.md "terms"): a post counts
 * once per distinct term it contains, and a term's engagement is the sum over those posts.
 */

/** `hashtag`: lower-case without `#`; `mention`: lower-case with `@`; `word`: without stop words. */
export const TERM_KINDS = ['hashtag', 'word', 'mention'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/** What the terms of one post are read from, as a store gives it (Store.scanTermSources). */
export interface TermSource {
  text: string;
  /** The post's hashtags, lower-case without `#` (domain/post.ts Post.hashtags). */
  hashtags: readonly string[];
  /** The post's author, as a key distinct per author within the campaign (any form). */
  author: string;
  engagement: number;
}

export interface TermRow {
  term: string;
  posts: number;
  /** Distinct authors of those posts. */
  contributors: number;
  engagement: number;
}

/** Rows per answer: 50 by default, 1 to 200. */
export const TERMS_LIMIT = { default: 50, max: 200 } as const;
