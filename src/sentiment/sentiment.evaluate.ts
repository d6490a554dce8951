import { languageOf } from '../language/language-of.js';
import { confusion, type Confusion } from './confusion.metrics.js';
import { sentimentOf, SENTIMENTS, type Sentiment } from './sentiment-of.js';

/**
 * How a post of the evaluation set was used: `dev` posts were read while the lexicons and rules
 * were tuned; `test` posts were written at the same time but held out; `fresh` posts were
 * written after the rules were frozen and measured once.
 */
export const SPLITS = ['dev', 'test', 'fresh'] as const;
export type Split = (typeof SPLITS)[number];

/** One post of the evaluation set (tests/fixtures/sentiment/eval.jsonl). */
export interface LabelledPost {
  id: string;
  text: string;
  /** The language it is written in; `und` for a post with no words. */
  language: string;
  sentiment: Sentiment;
  platform: string;
  split: Split;
  note?: string;
}

/** The languages reported one by one; any other detected code counts as `other`. */
export const EVALUATED_LANGUAGES = ['id', 'en', 'jv', 'su', 'und', 'other'] as const;
export type EvaluatedLanguage = (typeof EVALUATED_LANGUAGES)[number];

export interface LanguageGroup {
  language: string;
  /** Sentiment read with the language the post is labelled with. */
  sentiment: Confusion<Sentiment>;
  /** The same, per split. */
  splits: Record<Split, Confusion<Sentiment>>;
}

export interface EvaluationReport {
  groups: LanguageGroup[];
  all: LanguageGroup;
  /** Sentiment read with the language detected from the text, as enrichment would without a platform tag. */
  endToEnd: Confusion<Sentiment>;
  /** Language detected from the text alone (no platform tag), in the given time zone. */
  language: Confusion<EvaluatedLanguage>;
  languageSplits: Record<Split, Confusion<EvaluatedLanguage>>;
}

function group(language: string, posts: readonly LabelledPost[], read: ReadonlyMap<LabelledPost, Sentiment>): LanguageGroup {
  const judged = (subset: readonly LabelledPost[]) => subset.map((post) => ({ gold: post.sentiment, predicted: read.get(post) ?? 'neutral' }));
  return {
    language,
    sentiment: confusion(SENTIMENTS, judged(posts)),
    splits: Object.fromEntries(SPLITS.map((split) => [split, confusion(SENTIMENTS, judged(posts.filter((post) => post.split === split)))])) as Record<
      Split,
      Confusion<Sentiment>
    >,
  };
}

const asEvaluated = (code: string): EvaluatedLanguage => ((EVALUATED_LANGUAGES as readonly string[]).includes(code) ? (code as EvaluatedLanguage) : 'other');

function languageJudged(posts: readonly LabelledPost[], detected: readonly string[], split?: Split) {
  return posts.flatMap((post, i) =>
    split === undefined || post.split === split ? [{ gold: asEvaluated(post.language), predicted: asEvaluated(detected[i] ?? 'und') }] : [],
  );
}

/** Reads every post's sentiment and language and compares them with the labels. */
export function evaluate(posts: readonly LabelledPost[], timeZone = 'Asia/Jakarta'): EvaluationReport {
  const read = new Map(posts.map((post) => [post, sentimentOf(post.text, post.language)]));
  const languages = [...new Set(posts.map((post) => post.language))];
  const detected = posts.map((post) => languageOf({ text: post.text }, { timeZone }));
  return {
    groups: languages.map((language) =>
      group(
        language,
        posts.filter((post) => post.language === language),
        read,
      ),
    ),
    all: group('all', posts, read),
    endToEnd: confusion(
      SENTIMENTS,
      posts.map((post, i) => ({ gold: post.sentiment, predicted: sentimentOf(post.text, detected[i] ?? 'und') })),
    ),
    language: confusion(EVALUATED_LANGUAGES, languageJudged(posts, detected)),
    languageSplits: Object.fromEntries(SPLITS.map((split) => [split, confusion(EVALUATED_LANGUAGES, languageJudged(posts, detected, split))])) as Record<
      Split,
      Confusion<EvaluatedLanguage>
    >,
  };
}
