import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RATE_LIMITS, startService, type RunningService } from '../helpers/service.js';

/** Adding members reveals nothing about an address; the campaign's owner stays in it. */
const PASSWORD = 'members-password-0123';

type Json = Record<string, unknown> & { error?: { code: string; message: string; details: Array<{ field: string }> } };

describe('campaign members', () => {
  let s: RunningService;
  let ownerToken: string;
  let ownerId: string;
  let campaignId: string;

  /** A user with an API token made from their own session. */
  async function userWithToken(email: string, role: string) {
    const created = await s.api('/api/v1/users', { method: 'POST', json: { email, name: email.split('@')[0], role, password: PASSWORD } });
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { user: { id: string } }).user;
    const signIn = await s.api('/api/v1/session', { method: 'POST', token: null, json: { email, password: PASSWORD } });
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const headers = { cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': csrfToken };
    const token = (
      (await (await s.api('/api/v1/tokens', { method: 'POST', token: null, headers, json: { name: 't' } })).json()) as { token: { token: string } }
    ).token.token;
    return { id, token };
  }

  beforeAll(async () => {
    s = await startService({ rateLimits: NO_RATE_LIMITS });
    const owner = await userWithToken('pemilik@example.org', 'manager');
    ownerToken = owner.token;
    ownerId = owner.id;
    const res = await s.api('/api/v1/campaigns', { method: 'POST', token: ownerToken, json: { name: 'Kampanye Pemilik', hashtags: ['#Pemilik'] } });
    expect(res.status).toBe(201);
    campaignId = ((await res.json()) as { campaign: { id: string } }).campaign.id;
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  const add = (email: string, own: boolean, token = ownerToken) =>
    s.api(`/api/v1/campaigns/${campaignId}/members`, { method: 'POST', token, json: { email, own } });

  it('answers alike whether or not the address has an account, and never tells its role', async () => {
    await userWithToken('admin-lain@example.org', 'admin');
    const unknown = await add('tidak-ada@example.org', false);
    const known = await add('admin-lain@example.org', false);
    expect([unknown.status, known.status]).toEqual([202, 202]);
    const [a, b] = [await unknown.text(), await known.text()];
    expect(a).toBe(b);
    expect(b).not.toMatch(/admin|role/i);
    const { members } = (await (await s.api(`/api/v1/campaigns/${campaignId}/members`, { token: ownerToken })).json()) as { members: Array<{ email: string }> };
    expect(members.map((m) => m.email).sort()).toEqual(['admin-lain@example.org', 'pemilik@example.org']);
  });

  it("refuses to remove the campaign's owner or take the own mark from them, saying why", async () => {
    const co = await userWithToken('pengelola-lain@example.org', 'manager');
    expect((await add('pengelola-lain@example.org', true)).status).toBe(202);
    const removed = await s.api(`/api/v1/campaigns/${campaignId}/members/${ownerId}`, { method: 'DELETE', token: co.token });
    const body = (await removed.json()) as Json;
    expect(removed.status).toBe(409);
    expect(body.error?.code).toBe('owner_protected');
    expect(body.error?.message).toMatch(/owner/);
    const demoted = await add('pemilik@example.org', false, co.token);
    expect(demoted.status).toBe(409);
    expect(((await demoted.json()) as Json).error?.details.map((d) => d.field)).toEqual(['own']);
    const { members } = (await (await s.api(`/api/v1/campaigns/${campaignId}/members`, { token: ownerToken })).json()) as {
      members: Array<{ email: string; own: boolean; owner: boolean }>;
    };
    expect(members.find((m) => m.email === 'pemilik@example.org')).toMatchObject({ own: true, owner: true });
    // Anyone else can still be removed.
    expect((await s.api(`/api/v1/campaigns/${campaignId}/members/${co.id}`, { method: 'DELETE', token: ownerToken })).status).toBe(204);
  });
});
