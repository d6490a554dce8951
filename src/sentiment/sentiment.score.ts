import type { Token } from './sentiment.tokenize.js';
import type { Entry } from './vocabulary.js';
import { lookup } from './word.lookup.js';

/** A lexicon of phrases (words joined by "_") that is consulted before the vocabulary: the campaign's own words. */
export type PhraseLexicon = ReadonlyMap<string, Entry>;

/** The sum of the valences a post's text holds, after negation, intensifiers and contrast. */
export interface Scored {
  score: number;
  /** How many words, phrases, emoji and emoticons of feeling were found. */
  cues: number;
}

/** Words after a negator that it may still reach ("gak ada yg ngebosenin"). */
const NEGATION_SCOPE = 3;
/** Words either side of an intensifier that it may reach ("keren banget", "sangat tidak jelas"). */
const INTENSIFIER_SCOPE = 2;
/** A negated word of feeling means less than its opposite: "tidak bagus" is not "jelek". */
const NEGATED_POSITIVE = -0.75;
const NEGATED_NEGATIVE = -0.75;
/** What comes before "tapi" / "but" counts for half, when something of feeling follows it. */
const BEFORE_CONTRAST = 0.5;
/** "Terima kasih" closing a question or a request is a courtesy. */
const COURTESY_IN_REQUEST = 0.3;
/** Stretched words ("kereeen", "sooo good") are felt more strongly. */
const ELONGATION = 1.3;
const MAX_PHRASE = 4;

interface Cue {
  position: number;
  clause: number;
  /** How many contrasts ("tapi", "but") came before it. */
  segment: number;
  value: number;
  courtesy: boolean;
  word: boolean;
  intensified: boolean;
}

interface Intensifier {
  position: number;
  clause: number;
  segment: number;
  factor: number;
  valence: number | undefined;
}

/** The first words of a lexicon's phrases: most words start none, and need no phrase lookups. */
const phraseStarts = new WeakMap<PhraseLexicon, ReadonlySet<string>>();

function startsOf(lexicon: PhraseLexicon): ReadonlySet<string> {
  let starts = phraseStarts.get(lexicon);
  if (!starts) {
    starts = new Set([...lexicon.keys()].filter((key) => key.includes('_')).map((key) => key.slice(0, key.indexOf('_'))));
    phraseStarts.set(lexicon, starts);
  }
  return starts;
}

/** The longest phrase starting at token `i`, from the campaign's words first, then the vocabulary. */
function phraseAt(
  tokens: readonly Token[],
  i: number,
  forms: readonly string[],
  lexicons: readonly PhraseLexicon[],
): { entry: Entry; length: number } | undefined {
  const first = forms[i] ?? '';
  if (!lexicons.some((lexicon) => startsOf(lexicon).has(first))) return undefined;
  for (let length = MAX_PHRASE; length >= 2; length--) {
    if (i + length > tokens.length) continue;
    let key = forms[i] ?? '';
    let complete = tokens[i]?.kind === 'word';
    for (let k = 1; k < length && complete; k++) {
      if (tokens[i + k]?.kind !== 'word') complete = false;
      else key += `_${forms[i + k] ?? ''}`;
    }
    if (!complete) continue;
    for (const lexicon of lexicons) {
      const entry = lexicon.get(key);
      if (entry) return { entry, length };
    }
  }
  return undefined;
}

/** Scores the tokens of a post with a vocabulary and, over it, a campaign's own words. */
export function scoreTokens(tokens: readonly Token[], vocabulary: ReadonlyMap<string, Entry>, campaign?: PhraseLexicon): Scored {
  // Canonical spellings first, so that phrases match whatever the elongations and digits.
  const forms: string[] = [];
  const found = tokens.map((token, i) => {
    if (token.kind !== 'word') return undefined;
    const hit = lookup(vocabulary, token.word);
    forms[i] = hit.canonical;
    return hit;
  });
  const lexicons = campaign ? [campaign, vocabulary] : [vocabulary];

  const cues: Cue[] = [];
  const intensifiers: Intensifier[] = [];
  let segment = 0;
  let clause = 0;
  let position = 0;
  let negatedAt = -1;
  let negationIsPurpose = false;
  let purposeAt = -10;
  let asks = false;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    if (token.kind === 'break') {
      clause++;
      negatedAt = -1;
      if (token.question) asks = true;
      continue;
    }
    position++;
    if (token.kind === 'symbol') {
      cues.push({ position, clause, segment, value: token.valence, courtesy: false, word: false, intensified: false });
      continue;
    }
    // A single campaign word overrides the vocabulary too, whatever its spelling in the post.
    const phrase = phraseAt(tokens, i, forms, lexicons);
    const single = campaign?.get(token.word) ?? campaign?.get(forms[i] ?? '') ?? found[i]?.entry;
    const entry = phrase?.entry ?? single;
    const elongated = phrase === undefined && found[i]?.elongated === true;
    if (phrase) i += phrase.length - 1;
    if (!entry) continue;
    if (entry.request) asks = true;
    if (entry.purpose) purposeAt = position;
    if (entry.contrast) {
      segment++;
      negatedAt = -1;
      continue;
    }
    if (entry.negator || entry.averts) {
      negatedAt = position;
      negationIsPurpose = entry.averts === true || position - purposeAt <= NEGATION_SCOPE;
      continue;
    }
    if (entry.intensifier !== undefined) {
      intensifiers.push({ position, clause, segment, factor: entry.intensifier, valence: entry.valence });
      continue;
    }
    if (entry.valence === undefined) continue;
    if (entry.valence === 0 && entry.negated === undefined) {
      // A word known to carry no feeling takes the negation with it: "gak lupa", "anti hoaks", "gak nyangka".
      negatedAt = -1;
      continue;
    }
    let value = entry.valence;
    if (negatedAt >= 0 && position - negatedAt <= NEGATION_SCOPE) {
      value = negationIsPurpose ? 0 : (entry.negated ?? value * (value > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE));
      negatedAt = -1;
    }
    if (elongated) value *= ELONGATION;
    if (value !== 0) cues.push({ position, clause, segment, value, courtesy: entry.courtesy === true, word: true, intensified: false });
  }

  for (const intensifier of intensifiers) {
    let nearest: Cue | undefined;
    for (const cue of cues) {
      const distance = Math.abs(cue.position - intensifier.position);
      if (
        cue.word &&
        cue.clause === intensifier.clause &&
        distance <= INTENSIFIER_SCOPE &&
        (!nearest || distance < Math.abs(nearest.position - intensifier.position))
      )
        nearest = cue;
    }
    if (nearest && !nearest.intensified) {
      nearest.value *= intensifier.factor;
      nearest.intensified = true;
    } else if (!nearest && intensifier.valence !== undefined && intensifier.valence !== 0) {
      const { position: at, clause: inClause, segment: inSegment, valence } = intensifier;
      cues.push({ position: at, clause: inClause, segment: inSegment, value: valence, courtesy: false, word: true, intensified: false });
    }
  }

  // "kesel aku, ngantri suwe tapi kuotane entek": a plain fact after "tapi" takes nothing away.
  const lastFelt = cues.reduce((last, cue) => Math.max(last, cue.segment), 0);
  let score = 0;
  for (const cue of cues) score += cue.value * BEFORE_CONTRAST ** (lastFelt - cue.segment) * (cue.courtesy && asks ? COURTESY_IN_REQUEST : 1);
  return { score, cues: cues.length };
}
