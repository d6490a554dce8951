import { createHash, timingSafeEqual } from 'node:crypto';
import { unauthorized } from '../errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Checks `Authorization: Bearer <token>` against the operator's token. Both sides are hashed
 * first so the comparison takes the same time whatever the length of the guess.
 */
export function bearerAuth(adminToken: string) {
  const expected = digest(adminToken);
  return (header: string | undefined): void => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!m || !timingSafeEqual(digest(m[1]!), expected)) throw unauthorized();
  };
}
