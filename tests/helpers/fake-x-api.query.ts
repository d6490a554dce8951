import type { XTweet } from '../../src/sources/x/x.types.js';

/**
 * The subset of X's search query language the fake X API understands: `#hashtag` (exact tag,
 * case-insensitive), plain keywords, `is:retweet|reply|quote`, `has:geo`, `lang:xx`, negation
 * with `-`, implicit AND, `OR` and parentheses. Anything else is refused, as X refuses it.
 */
export type TweetPredicate = (tweet: XTweet) => boolean;

export class QueryError extends Error {}

/** Parses a query into a predicate over full (unfiltered) seeded tweets. */
export function parseQuery(query: string): TweetPredicate {
  const tokens = query.match(/\(|\)|[^\s()]+/g) ?? [];
  let pos = 0;
  let positiveTerms = 0;

  const parseOr = (): TweetPredicate => {
    const parts = [parseAnd()];
    while (tokens[pos] === 'OR') {
      pos += 1;
      parts.push(parseAnd());
    }
    return parts.length === 1 ? (parts[0] as TweetPredicate) : (t) => parts.some((p) => p(t));
  };
  const parseAnd = (): TweetPredicate => {
    const parts: TweetPredicate[] = [];
    while (pos < tokens.length && tokens[pos] !== ')' && tokens[pos] !== 'OR') parts.push(parseUnary());
    if (parts.length === 0) throw new QueryError(`There were errors processing your request: no term before position ${pos}`);
    return parts.length === 1 ? (parts[0] as TweetPredicate) : (t) => parts.every((p) => p(t));
  };
  const parseUnary = (): TweetPredicate => {
    const token = tokens[pos] ?? '';
    if (token === '-') {
      pos += 1;
      const inner = parsePrimary(true);
      return (t) => !inner(t);
    }
    if (token.startsWith('-') && token.length > 1) {
      pos += 1;
      const inner = term(token.slice(1), true);
      return (t) => !inner(t);
    }
    return parsePrimary(false);
  };
  const parsePrimary = (negated: boolean): TweetPredicate => {
    const token = tokens[pos];
    if (token === '(') {
      pos += 1;
      const inner = parseOr();
      if (tokens[pos] !== ')') throw new QueryError('There were errors processing your request: missing closing parenthesis');
      pos += 1;
      return inner;
    }
    if (token === undefined || token === ')') throw new QueryError('There were errors processing your request: unexpected end of query');
    pos += 1;
    return term(token, negated);
  };
  const term = (token: string, negated: boolean): TweetPredicate => {
    if (!negated) positiveTerms += 1;
    return termPredicate(token);
  };

  const predicate = parseOr();
  if (pos < tokens.length) throw new QueryError(`There were errors processing your request: unexpected "${tokens[pos]}"`);
  if (positiveTerms === 0) {
    throw new QueryError('There were errors processing your request: Rules must contain a non-negation term');
  }
  return predicate;
}

function termPredicate(token: string): TweetPredicate {
  if (token.startsWith('#')) {
    const tag = token.slice(1).toLowerCase();
    return (t) => tagsOf(t).includes(tag);
  }
  const colon = token.indexOf(':');
  if (colon > 0) {
    const [op, value] = [token.slice(0, colon), token.slice(colon + 1)];
    if (op === 'is' && value === 'retweet') return (t) => hasReference(t, 'retweeted');
    if (op === 'is' && value === 'reply') return (t) => hasReference(t, 'replied_to');
    if (op === 'is' && value === 'quote') return (t) => hasReference(t, 'quoted');
    if (op === 'has' && value === 'geo') return (t) => t.geo !== undefined;
    if (op === 'lang') return (t) => t.lang === value;
    throw new QueryError(`There were errors processing your request: Reference to invalid operator '${op}:${value}'`);
  }
  const word = token.toLowerCase();
  return (t) =>
    t.text
      .toLowerCase()
      .split(/[^\p{L}\p{N}_]+/u)
      .includes(word);
}

function hasReference(tweet: XTweet, type: string): boolean {
  return (tweet.referenced_tweets ?? []).some((r) => r.type === type);
}

function tagsOf(tweet: XTweet): string[] {
  if (tweet.entities?.hashtags) return tweet.entities.hashtags.map((h) => h.tag.toLowerCase());
  return [...tweet.text.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => (m[1] ?? '').toLowerCase());
}
