import { tokenize } from './sentiment.tokenize.js';
import type { PhraseLexicon } from './sentiment.score.js';
import type { Entry } from './vocabulary.js';

/**
 * A campaign's own words of feeling: an NGO's slogan or jargon that a general lexicon would
 * misread ("lawan hoaks" as praise, a programme name, a local word). They override the lexicon,
 * and a phrase is matched as a whole.
 */
export interface CampaignWords {
  positive?: readonly string[];
  negative?: readonly string[];
}

/** The valence of a campaign word: as strong as a clear word of the lexicon ("bagus", "kecewa"). */
export const CAMPAIGN_VALENCE = 2;

const compiled = new WeakMap<CampaignWords, PhraseLexicon>();

/** The campaign's words keyed as the scorer sees them (folded, "_" between the words of a phrase). */
export function campaignLexicon(words: CampaignWords): PhraseLexicon {
  let lexicon = compiled.get(words);
  if (lexicon) return lexicon;
  const map = new Map<string, Entry>();
  const add = (list: readonly string[] | undefined, valence: number) => {
    for (const phrase of list ?? []) {
      const parts = tokenize(phrase).flatMap((token) => (token.kind === 'word' ? [token.word] : []));
      if (parts.length > 0) map.set(parts.join('_'), { valence });
    }
  };
  // Negative last: a word a campaign lists as both reads as negative.
  add(words.positive, CAMPAIGN_VALENCE);
  add(words.negative, -CAMPAIGN_VALENCE);
  lexicon = map;
  compiled.set(words, lexicon);
  return lexicon;
}
