import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { shareLinkState, tokenState } from '../../src/domain/account.js';
import { narrowToLink } from '../../src/http/share-scope.js';
import { hashPassword, verifyPassword } from '../../src/services/auth/password.js';
import { hashSecret, newSecret, secretKind } from '../../src/services/auth/secrets.js';

const CHEAP = { log2N: 10, r: 8, p: 1 };

describe('passwords', () => {
  it('verifies the password it hashed and nothing else, with a new salt each time', async () => {
    const a = await hashPassword('correct horse battery', CHEAP);
    const b = await hashPassword('correct horse battery', CHEAP);
    expect(a).toMatch(/^scrypt\$10\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('refuses hashes it did not write, and costs it would not pay', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$1$2$3$4$5')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$30$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$-1$8$1$AAAA$AAAA')).toBe(false);
  });
});

describe('credential state', () => {
  const now = new Date('2030-01-01T00:00:00.000Z');

  it('ends a share link at its expiry instant, and a revocation outranks the expiry', () => {
    expect(shareLinkState({ revokedAt: null, expiresAt: '2030-01-01T00:00:00.001Z' }, now)).toBe('active');
    expect(shareLinkState({ revokedAt: null, expiresAt: '2030-01-01T07:00:00+07:00' }, now)).toBe('expired');
    expect(shareLinkState({ revokedAt: '2029-12-01T00:00:00.000Z', expiresAt: '2029-12-31T00:00:00.000Z' }, now)).toBe('revoked');
  });

  it('keeps a token without an expiry active until it is revoked', () => {
    expect(tokenState({ revokedAt: null, expiresAt: null }, now)).toBe('active');
    expect(tokenState({ revokedAt: null, expiresAt: '2029-12-31T23:59:59.999Z' }, now)).toBe('expired');
    expect(tokenState({ revokedAt: '2029-06-01T00:00:00.000Z', expiresAt: null }, now)).toBe('revoked');
  });
});

describe('secrets', () => {
  it('name their kind by prefix and are stored as a SHA-256', () => {
    const t = newSecret('token');
    expect(t.secret).toMatch(/^kkt_[\w-]{43}$/);
    expect(t.prefix).toBe(t.secret.slice(0, 10));
    expect(t.hash).toBe(hashSecret(t.secret));
    expect(t.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(secretKind(newSecret('share').secret)).toBe('share');
    expect(secretKind(newSecret('session').secret)).toBe('session');
    expect(secretKind('Bearer abc')).toBeUndefined();
  });
});

describe('a share link narrows the range of a request to its period', () => {
  const link = { from: '2015-01-12T17:00:00.000Z', to: '2015-01-14T17:00:00.000Z' };
  const zone = 'Asia/Jakarta';

  it('sets the period when the request names none', () => {
    expect(narrowToLink({ by: 'city' }, link, zone)).toEqual({ by: 'city', from: link.from, to: link.to });
  });
  it('keeps a narrower range (dates in the campaign zone, `to` inclusive)', () => {
    expect(narrowToLink({ from: '2015-01-14', to: '2015-01-14' }, link, zone)).toEqual({ from: '2015-01-13T17:00:00.000Z', to: '2015-01-14T17:00:00.000Z' });
    expect(narrowToLink({ from: '2015-01-13T06:00:00+07:00' }, link, zone)).toEqual({ from: '2015-01-12T23:00:00.000Z', to: link.to });
  });
  it('cuts a wider range to the period, and one outside it to nothing', () => {
    expect(narrowToLink({ from: '2014-01-01', to: '2016-01-01' }, link, zone)).toEqual(link);
    const outside = narrowToLink({ from: '2015-02-01', to: '2015-03-01' }, link, zone);
    expect(Date.parse(outside.to) <= Date.parse(outside.from)).toBe(true);
  });
  it('leaves requests alone for a link without a period', () => {
    const q = { from: '2015-01-01' };
    expect(narrowToLink(q, { from: null, to: null }, zone)).toBe(q);
  });
});

describe('settings of accounts', () => {
  it('reads COOKIE_SECURE and TRUST_PROXY, and names them when malformed', () => {
    expect(loadConfig({}).cookieSecure).toBe('auto');
    expect(loadConfig({ COOKIE_SECURE: 'true' }).cookieSecure).toBe('always');
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(() => loadConfig({ COOKIE_SECURE: 'maybe' })).toThrow(/COOKIE_SECURE/);
    expect(() => loadConfig({ TRUST_PROXY: '*' })).toThrow(/TRUST_PROXY/);
  });
});
