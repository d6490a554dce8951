import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RATE_LIMITS, startService, type RunningService } from '../helpers/service.js';

/** API tokens end with the account's password or status, and only a signed-in session makes them. */
const PASSWORD = 'token-owner-password-0123';

type Json = Record<string, unknown> & { error?: { code: string; message: string } };

describe('API tokens: revoked by a reset or a disabled account, minted only from a session', () => {
  let s: RunningService;
  beforeAll(async () => {
    s = await startService({ rateLimits: NO_RATE_LIMITS });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  /** A new user, signed in: their id, session headers and one API token made from the session. */
  async function userWithToken(email: string) {
    const created = await s.api('/api/v1/users', { method: 'POST', json: { email, name: 'Owner', role: 'manager', password: PASSWORD } });
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { user: { id: string } }).user;
    const signIn = await s.api('/api/v1/session', { method: 'POST', token: null, json: { email, password: PASSWORD } });
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const session = { cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': csrfToken };
    const res = await s.api('/api/v1/tokens', { method: 'POST', token: null, headers: session, json: { name: 'script' } });
    expect(res.status).toBe(201);
    const token = ((await res.json()) as { token: { id: string; token: string } }).token;
    expect((await s.api('/api/v1/session', { token: token.token })).status).toBe(200);
    return { id, session, token };
  }
  const whoAmI = (token: string) => s.api('/api/v1/session', { token });

  it("an admin's password reset revokes the user's tokens", async () => {
    const u = await userWithToken('reset@example.org');
    expect((await s.api(`/api/v1/users/${u.id}`, { method: 'PATCH', json: { password: 'a-reset-password-by-admin-9' } })).status).toBe(200);
    const after = await whoAmI(u.token.token);
    expect(after.status).toBe(401);
    expect(((await after.json()) as Json).error?.code).toBe('credential_revoked');
    const { tokens } = (await (await s.api('/api/v1/tokens?all=true')).json()) as { tokens: Array<{ id: string; status: string }> };
    expect(tokens.find((t) => t.id === u.token.id)?.status).toBe('revoked');
    const audit = (await (await s.api(`/api/v1/audit?targetType=user&targetId=${u.id}`)).json()) as { entries: Array<{ action: string; details: unknown }> };
    expect(audit.entries[0]).toMatchObject({ action: 'user.update', details: { password: 'changed', tokensRevoked: 1 } });
  });

  it('disabling revokes the tokens, and enabling again does not bring them back', async () => {
    const u = await userWithToken('disabled@example.org');
    expect((await s.api(`/api/v1/users/${u.id}`, { method: 'PATCH', json: { status: 'disabled' } })).status).toBe(200);
    expect((await whoAmI(u.token.token)).status).toBe(401);
    expect((await s.api(`/api/v1/users/${u.id}`, { method: 'PATCH', json: { status: 'active' } })).status).toBe(200);
    const after = await whoAmI(u.token.token);
    expect(after.status).toBe(401);
    expect(((await after.json()) as Json).error?.code).toBe('credential_revoked');
    // The account itself works again.
    expect((await s.api('/api/v1/session', { method: 'POST', token: null, json: { email: 'disabled@example.org', password: PASSWORD } })).status).toBe(200);
  });

  it('a token cannot mint tokens; a signed-in session can', async () => {
    const u = await userWithToken('minter@example.org');
    const minted = await s.api('/api/v1/tokens', { method: 'POST', token: u.token.token, json: { name: 'child' } });
    expect(minted.status).toBe(403);
    const body = (await minted.json()) as Json;
    expect(body.error?.code).toBe('session_required');
    expect(body.error?.message).toMatch(/sign in/);
    const { tokens } = (await (await s.api('/api/v1/tokens', { token: u.token.token })).json()) as { tokens: unknown[] };
    expect(tokens).toHaveLength(1);
    expect((await s.api('/api/v1/tokens', { method: 'POST', token: null, headers: u.session, json: { name: 'second' } })).status).toBe(201);
  });
});
