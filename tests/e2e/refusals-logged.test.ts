import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RATE_LIMITS, startService, TEST_TOKEN, type RunningService } from '../helpers/service.js';

/** Failed sign-ins and refused requests leave a trace: a log line without secrets, and an audit entry when the account is known. */
const PASSWORD = 'refusals-password-0123';

type Entry = { action: string; actor: { userId: string | null; via: string }; target: { type: string; id: string }; details: Record<string, unknown> };

describe('refusals are logged and audited', () => {
  let s: RunningService;
  const lines: string[] = [];
  let viewer: { id: string; token: string };

  beforeAll(async () => {
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    s = await startService({ rateLimits: NO_RATE_LIMITS, log: pino({ level: 'info' }, sink) });
    const created = await s.api('/api/v1/users', { method: 'POST', json: { email: 'wati@example.org', name: 'Wati', role: 'viewer', password: PASSWORD } });
    const id = ((await created.json()) as { user: { id: string } }).user.id;
    const signIn = await s.api('/api/v1/session', { method: 'POST', token: null, json: { email: 'wati@example.org', password: PASSWORD } });
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const headers = { cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': csrfToken };
    const token = (
      (await (await s.api('/api/v1/tokens', { method: 'POST', token: null, headers, json: { name: 't' } })).json()) as { token: { token: string } }
    ).token.token;
    viewer = { id, token };
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  const logged = (event: string) => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === event);
  const auditOf = async (userId: string) =>
    ((await (await s.api(`/api/v1/audit?targetType=user&targetId=${userId}&limit=50`)).json()) as { entries: Entry[] }).entries;

  it('logs a failed sign-in and audits it on the account it tried', async () => {
    const res = await s.api('/api/v1/session', { method: 'POST', token: null, json: { email: 'wati@example.org', password: 'a-wrong-guess-123' } });
    expect(res.status).toBe(401);
    expect(logged('sign-in-failed')).toEqual([expect.objectContaining({ email: 'wati@example.org', address: expect.any(String) })]);
    const entry = (await auditOf(viewer.id)).find((e) => e.action === 'session.sign-in-failed');
    expect(entry).toMatchObject({ actor: { userId: viewer.id, via: 'sign-in-refused' }, details: { reason: 'wrong password' } });
    // An unknown address is logged, and audited nowhere (there is no account to file it under).
    await s.api('/api/v1/session', { method: 'POST', token: null, json: { email: 'nobody@example.org', password: 'a-wrong-guess-123' } });
    expect(logged('sign-in-failed').map((l) => l.email)).toEqual(['wati@example.org', 'nobody@example.org']);
  });

  it('logs a refused request, and audits it when a user made it', async () => {
    expect((await s.api('/api/v1/users', { token: viewer.token })).status).toBe(403);
    expect((await s.api('/api/v1/campaigns', { token: null })).status).toBe(401);
    const refusals = logged('request-refused');
    expect(refusals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ status: 403, code: 'forbidden', method: 'GET', path: '/api/v1/users', userId: viewer.id }),
        expect.objectContaining({ status: 401, code: 'unauthorized', method: 'GET', path: '/api/v1/campaigns' }),
      ]),
    );
    const entry = (await auditOf(viewer.id)).find((e) => e.action === 'request.refused');
    expect(entry).toMatchObject({ target: { type: 'user', id: viewer.id }, details: { method: 'GET', path: '/api/v1/users', status: 403, code: 'forbidden' } });
  });

  it('writes no secret to those lines', () => {
    const log = lines.join('');
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain('a-wrong-guess-123');
    expect(log).not.toContain(TEST_TOKEN);
    expect(log).not.toMatch(/kk[tsc]_[\w-]{20,}/);
  });
});
