import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/**
 * Refuses passwords an attacker would try early: zxcvbn-ts with its common-password list, keyboard
 * layouts, repeats and sequences, and the user's own e-mail and name. Offline: the lists ship in
 * the package. Score 3 ("safely unguessable") means about 10^8 guesses or more.
 */
const MIN_SCORE = 3;
/**
 * zxcvbn's time grows fast with length (a second for 128 random characters on a small VM); a
 * password whose first 48 characters are strong is strong, and the check stays a few milliseconds.
 */
const CHECKED_LENGTH = 48;

const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, maxLength: CHECKED_LENGTH });

/** Why a password was refused, as a sentence; zxcvbn's own warnings are keys, not text. */
function reason(warning: string | null): string {
  switch (warning) {
    case 'userInputs':
      return 'It contains your e-mail address or name.';
    case 'topTen':
    case 'topHundred':
    case 'common':
    case 'similarToCommon':
      return 'It is one of the most common passwords.';
    case 'simpleRepeat':
    case 'extendedRepeat':
      return 'It repeats the same characters.';
    case 'sequences':
      return 'It is a sequence such as abc or 1234.';
    case 'straightRow':
    case 'keyPattern':
      return 'It is a pattern of neighbouring keys.';
    case 'dates':
    case 'recentYears':
      return 'It is mostly a date or a year.';
    default:
      return 'It would be guessed quickly.';
  }
}

/** What is known about the account, for the check: a password made of these is weak. */
export interface PasswordOwner {
  email: string;
  name?: string | undefined;
}

/** Null for a strong enough password, else a sentence saying why it is not. */
export function passwordWeakness(password: string, owner: PasswordOwner): string | null {
  const email = owner.email.toLowerCase();
  const inputs = [email, email.split('@')[0]!, ...(owner.name ? [owner.name, ...owner.name.split(/\s+/)] : [])].filter((s) => s.length > 0);
  const result = zxcvbn.check(password, inputs);
  // zxcvbn prices a name as one cheap word, yet `dewilestari1` still scores 3: a password that is
  // mostly the user's own name or address is refused whatever its score.
  const own = result.sequence.reduce((n, m) => n + ('dictionaryName' in m && m.dictionaryName === 'userInputs' ? m.token.length : 0), 0);
  const why = own * 2 >= Math.min(password.length, CHECKED_LENGTH) ? 'userInputs' : result.score < MIN_SCORE ? result.feedback.warning : null;
  return why === null ? null : `This password is too easy to guess. ${reason(why)} Use a longer phrase of several unrelated words.`;
}
