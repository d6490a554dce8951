import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords hashed with scrypt (node:crypto, no native add-on), in a self-describing string
 * `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` so the cost can rise later without breaking old hashes.
 */

const scrypt = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));

/** OWASP's scrypt floor is N=2^17 r=8 p=1; 2^15 with r=8 keeps a sign-in near 50 ms on a small VM. */
export const DEFAULT_COST = { log2N: 15, r: 8, p: 1 } as const;
export type ScryptCost = { log2N: number; r: number; p: number };
const KEY_LENGTH = 32;
const maxmem = (c: ScryptCost) => 256 * 2 ** c.log2N * c.r;

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N: 2 ** cost.log2N, r: cost.r, p: cost.p, maxmem: maxmem(cost) });
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** False for a wrong password and for a hash this code did not write; constant time in the key. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![log2N, r, p].every((n) => Number.isInteger(n) && n > 0) || log2N > 20) return false;
  const expected = Buffer.from(parts[5]!, 'base64url');
  const key = await scrypt(password, Buffer.from(parts[4]!, 'base64url'), expected.length, { N: 2 ** log2N, r, p, maxmem: maxmem({ log2N, r, p }) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash nobody's password matches, verified against when the e-mail is unknown so both cases take as long. */
export const decoyHash = hashPassword(randomBytes(16).toString('hex'));
