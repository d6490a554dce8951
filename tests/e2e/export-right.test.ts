import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RATE_LIMITS, startService, type RunningService } from '../helpers/service.js';

/** The raw CSV export is a right a manager grants; viewers do not have it by default. */
const PASSWORD = 'export-right-password-0123';

describe('the raw CSV export is granted per member', () => {
  let s: RunningService;
  let campaignId: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    s = await startService({ demo: true, rateLimits: NO_RATE_LIMITS });
    campaignId = ((await (await s.api('/api/v1/campaigns')).json()) as { campaigns: Array<{ id: string }> }).campaigns[0]!.id;
    for (const [email, role] of [
      ['pengelola@example.org', 'manager'],
      ['pengamat@example.org', 'viewer'],
      ['peserta@example.org', 'participant'],
    ] as const) {
      expect((await s.api('/api/v1/users', { method: 'POST', json: { email, name: role, role, password: PASSWORD } })).status).toBe(201);
      const signIn = await s.api('/api/v1/session', { method: 'POST', token: null, json: { email, password: PASSWORD } });
      const { csrfToken } = (await signIn.json()) as { csrfToken: string };
      const headers = { cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': csrfToken };
      tokens[role] = (
        (await (await s.api('/api/v1/tokens', { method: 'POST', token: null, headers, json: { name: 't' } })).json()) as { token: { token: string } }
      ).token.token;
      expect((await s.api(`/api/v1/campaigns/${campaignId}/members`, { method: 'POST', json: { email, own: role === 'participant' } })).status).toBe(202);
    }
  }, 90_000);
  afterAll(async () => {
    await s?.close();
  });

  const exportAs = (role: string) => s.api(`/api/v1/campaigns/${campaignId}/export.csv?city=73.71`, { token: tokens[role]! });
  const permissions = async (role: string) =>
    ((await (await s.api(`/api/v1/campaigns/${campaignId}`, { token: tokens[role]! })).json()) as { campaign: { permissions: { export: boolean } } }).campaign
      .permissions;

  it('refuses viewers and participants until a manager grants it; managers may', async () => {
    expect((await exportAs('viewer')).status).toBe(403);
    expect((await exportAs('participant')).status).toBe(403);
    expect((await permissions('viewer')).export).toBe(false);
    const manager = await exportAs('manager');
    expect(manager.status).toBe(200);
    expect(await manager.text()).toContain('post_id');
  });

  it('lets a member export once a manager granted it, and shows the grant in the member list', async () => {
    const grant = await s.api(`/api/v1/campaigns/${campaignId}/members`, {
      method: 'POST',
      token: tokens.manager!,
      json: { email: 'pengamat@example.org', own: false, mayExport: true },
    });
    expect(grant.status).toBe(202);
    expect((await exportAs('viewer')).status).toBe(200);
    expect((await permissions('viewer')).export).toBe(true);
    const { members } = (await (await s.api(`/api/v1/campaigns/${campaignId}/members`, { token: tokens.manager! })).json()) as {
      members: Array<{ email: string; mayExport: boolean }>;
    };
    expect(Object.fromEntries(members.map((m) => [m.email, m.mayExport]))).toMatchObject({ 'pengamat@example.org': true, 'peserta@example.org': false });
  });
});
