import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer secrets: 32 random bytes behind a prefix naming their kind, so a leaked one is
 * recognisable (secret scanners) and the server knows where to look it up. Stored as SHA-256:
 * with 256 bits of entropy a slow hash buys nothing.
 */
const SECRET_PREFIX = { token: 'kkt_', share: 'kks_', session: 'kkc_' } as const;
export type SecretKind = keyof typeof SECRET_PREFIX;

export function newSecret(kind: SecretKind): { secret: string; hash: string; prefix: string } {
  const secret = SECRET_PREFIX[kind] + randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret), prefix: secret.slice(0, 10) };
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** What kind of secret a presented string claims to be (by prefix), or undefined. */
export function secretKind(secret: string): SecretKind | undefined {
  return (Object.keys(SECRET_PREFIX) as SecretKind[]).find((k) => secret.startsWith(SECRET_PREFIX[k]));
}

/** A CSRF token: random, compared in constant time by the caller. */
export const newCsrfToken = (): string => randomBytes(24).toString('base64url');
