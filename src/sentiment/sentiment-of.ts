import { campaignLexicon, type CampaignWords } from './campaign-words.js';
import { scoreTokens } from './sentiment.score.js';
import { tokenize } from './sentiment.tokenize.js';
import { vocabularyFor } from './vocabulary.js';

export type { CampaignWords } from './campaign-words.js';

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** A post's sentiment and the evidence behind it. */
export interface SentimentReading {
  sentiment: Sentiment;
  /** -1 … +1: the summed valence squashed, 0 when nothing of feeling was found. */
  score: number;
}

/**
 * A post is positive or negative when the valence of its words, emoji and emoticons adds up to
 * at least one clear word's worth (1); a single mild cue (🙏, "semoga", "wkwk") is not enough.
 */
export const POLARITY_THRESHOLD = 1;

/**
 * The sentiment of a post's text (METRICS.md, "Platform, language and sentiment"), read offline
 * with the lexicon of its language (`id`, `en`, `jv`, `su`; any other code, `und` included,
 * reads Indonesian and English) and the campaign's own words over it. An estimate: see
 * docs/sentiment.md for how it is made and how often it is right.
 */
export function readSentiment(text: string, language: string, campaignWords?: CampaignWords): SentimentReading {
  const { score } = scoreTokens(tokenize(text), vocabularyFor(language), campaignWords ? campaignLexicon(campaignWords) : undefined);
  const sentiment: Sentiment = score >= POLARITY_THRESHOLD ? 'positive' : score <= -POLARITY_THRESHOLD ? 'negative' : 'neutral';
  return { sentiment, score: Math.round(Math.tanh(score / 3) * 1000) / 1000 };
}

/** `positive`, `neutral` or `negative`: readSentiment without the score. */
export function sentimentOf(text: string, language: string, campaignWords?: CampaignWords): Sentiment {
  return readSentiment(text, language, campaignWords).sentiment;
}
