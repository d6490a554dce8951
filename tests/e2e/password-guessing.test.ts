import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../helpers/service.js';

/**
 * Password guessing (issue: wrong current passwords of POST /me/password went uncounted; ten wrong
 * sign-ins locked the owner out from anywhere). Client addresses come from X-Forwarded-For, which
 * the service reads behind TRUST_PROXY=1, so one test can be several people.
 */
const PASSWORD = 'guessing-password-0123';

type Json = Record<string, unknown> & { error?: { code: string } };

describe('password guessing is counted per account and address, and never locks the owner out', () => {
  let s: RunningService;
  beforeAll(async () => {
    s = await startService({
      env: { TRUST_PROXY: '1' },
      rateLimits: {
        signInPerAddress: 1000,
        signInFailuresPerEmail: 3,
        badCredentialsPerAddress: 1000,
        windowSeconds: 900,
        perCredentialPerMinute: 1000,
        signInFailuresPerAddress: 8,
        // The account's delay is exercised but kept short: no test waits on it.
        accountFailuresBeforeDelay: 2,
        accountDelayMaxMs: 20,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  const from = (address: string) => ({ 'x-forwarded-for': address });
  const createUser = async (email: string) => {
    const res = await s.api('/api/v1/users', { method: 'POST', json: { email, name: email.split('@')[0], role: 'viewer', password: PASSWORD } });
    expect(res.status).toBe(201);
  };
  const signIn = (email: string, password: string, address: string) =>
    s.api('/api/v1/session', { method: 'POST', token: null, headers: from(address), json: { email, password } });
  const tokenOf = async (email: string, address: string) => {
    const res = await signIn(email, PASSWORD, address);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const headers = { ...from(address), cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': csrfToken };
    const created = (await (await s.api('/api/v1/tokens', { method: 'POST', token: null, headers, json: { name: 'bot' } })).json()) as {
      token: { token: string };
    };
    return created.token.token;
  };

  it('counts wrong current passwords of /me/password like failed sign-ins, and refuses them before hashing once spent', async () => {
    await createUser('tia@example.org');
    const token = await tokenOf('tia@example.org', '192.0.2.10');
    const change = (currentPassword: string) =>
      s.api('/api/v1/me/password', { method: 'POST', token, headers: from('192.0.2.10'), json: { currentPassword, newPassword: 'another-password-4567' } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await change(`wrong-guess-${i}`)).status);
    const spent = await change(PASSWORD);
    expect([...statuses, spent.status]).toEqual([403, 403, 403, 429]);
    expect(((await spent.json()) as Json).error?.code).toBe('rate_limited');
    expect(Number(spent.headers.get('retry-after'))).toBeGreaterThan(0);
    // The password was not changed by the refused request, and the same guesses lock sign-in from that address too.
    expect((await signIn('tia@example.org', PASSWORD, '192.0.2.10')).status).toBe(429);
    // Someone else, elsewhere, signs in as usual.
    await createUser('uli@example.org');
    expect((await signIn('uli@example.org', PASSWORD, '198.51.100.1')).status).toBe(200);
    // Tia herself, from another address, too.
    expect((await signIn('tia@example.org', PASSWORD, '198.51.100.2')).status).toBe(200);
  });

  it('lets the owner in from their own address while an attacker elsewhere fails again and again', async () => {
    await createUser('owner@example.org');
    const attacker: number[] = [];
    for (let i = 0; i < 10; i++) attacker.push((await signIn('owner@example.org', `guess-${i}-xxxxxxxx`, '203.0.113.66')).status);
    expect(attacker).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    const owner = await signIn('owner@example.org', PASSWORD, '198.51.100.77');
    expect(owner.status).toBe(200);
    expect(owner.headers.get('set-cookie')).toMatch(/^kk_session=kkc_/);
  });

  it('refuses an address that guesses across many accounts', async () => {
    for (const name of ['a1', 'a2', 'a3', 'a4']) await createUser(`${name}@example.org`);
    const statuses: number[] = [];
    // Two guesses an account stay under the per-account-and-address limit; the address's own limit (8) stops them.
    for (const name of ['a1', 'a2', 'a3', 'a4'])
      for (let i = 0; i < 2; i++) statuses.push((await signIn(`${name}@example.org`, 'wrong-wrong-wrong', '203.0.113.99')).status);
    expect(statuses).toEqual(Array(8).fill(401));
    expect((await signIn('a4@example.org', PASSWORD, '203.0.113.99')).status).toBe(429);
    expect((await signIn('a4@example.org', PASSWORD, '198.51.100.99')).status).toBe(200);
  });
});
