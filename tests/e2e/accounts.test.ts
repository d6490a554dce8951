import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RATE_LIMITS, startService, TEST_TOKEN, type RunningService } from '../helpers/service.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASSWORD = 'accounts-password-0123';

type Json = Record<string, unknown> & { error?: { code: string; message: string; details: Array<{ field: string }> } };
const json = async (res: Response) => (await res.json()) as Json;

/** A browser's view of one user: the session cookie and the CSRF token that goes with it. */
async function signIn(s: RunningService, email: string, password = PASSWORD) {
  const res = await s.api('/api/v1/session', { method: 'POST', token: null, json: { email, password } });
  const body = await json(res);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { res, body, setCookie, headers: { cookie: setCookie.split(';')[0]!, 'x-csrf-token': String(body.csrfToken) } };
}

async function createUser(s: RunningService, email: string, role: string) {
  const res = await s.api('/api/v1/users', { method: 'POST', json: { email, name: email.split('@')[0], role, password: PASSWORD } });
  expect(res.status).toBe(201);
  return (await json(res)).user as { id: string; email: string };
}

describe('accounts: sign-in, tokens, share links, audit', () => {
  let s: RunningService;
  const logLines: string[] = [];
  let campaignId: string;

  beforeAll(async () => {
    // Every line the service logs, at the most talkative level, to look for secrets in.
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString()), done()) });
    s = await startService({ demo: true, rateLimits: NO_RATE_LIMITS, log: pino({ level: 'trace' }, sink) });
    campaignId = ((await json(await s.api('/api/v1/campaigns'))).campaigns as Array<{ id: string }>)[0]!.id;
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('signs in with a secure-by-default session cookie and answers who is calling', async () => {
    await createUser(s, 'Ana@Example.ORG', 'manager');
    const { res, body, setCookie, headers } = await signIn(s, 'ana@example.org');
    expect(res.status).toBe(200);
    expect(body.user).toMatchObject({ email: 'ana@example.org', role: 'manager' });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(setCookie).toMatch(/^kk_session=kkc_[\w-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    // Plain HTTP on 127.0.0.1 is where `npm start` runs: the one place `auto` leaves Secure off.
    expect(setCookie).not.toMatch(/Secure/);
    const me = await json(await s.api('/api/v1/session', { token: null, headers: { cookie: headers.cookie } }));
    expect(me).toMatchObject({ kind: 'user', role: 'manager', csrfToken: body.csrfToken });

    const out = await s.api('/api/v1/session', { method: 'DELETE', token: null, headers });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/kk_session=;/);
    expect((await s.api('/api/v1/session', { token: null, headers: { cookie: headers.cookie } })).status).toBe(401);
  });

  it('refuses a wrong password and an unknown address alike, and a disabled account', async () => {
    const wrong = await signIn(s, 'ana@example.org', 'not-the-password');
    const unknown = await signIn(s, 'nobody@example.org');
    expect([wrong.res.status, unknown.res.status]).toEqual([401, 401]);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.setCookie).toBe('');

    const user = await createUser(s, 'gone@example.org', 'viewer');
    const session = await signIn(s, 'gone@example.org');
    expect((await s.api(`/api/v1/users/${user.id}`, { method: 'PATCH', json: { status: 'disabled' } })).status).toBe(200);
    expect((await signIn(s, 'gone@example.org')).res.status).toBe(401);
    // Disabling ends the sessions it had.
    expect((await s.api('/api/v1/session', { token: null, headers: { cookie: session.headers.cookie } })).status).toBe(401);
  });

  it('shows a token once, keeps only its hash, records its use and stops it when revoked', async () => {
    await createUser(s, 'budi@example.org', 'participant');
    const { headers } = await signIn(s, 'budi@example.org');
    const created = await s.api('/api/v1/tokens', { method: 'POST', token: null, headers, json: { name: 'laptop' } });
    expect(created.status).toBe(201);
    const token = (await json(created)).token as { id: string; token: string; lastUsedAt: null };
    expect(token.token).toMatch(/^kkt_[\w-]{43}$/);
    expect(token.lastUsedAt).toBeNull();

    expect((await s.api('/api/v1/session', { token: token.token })).status).toBe(200);
    const listed = (await json(await s.api('/api/v1/tokens', { token: token.token }))).tokens as Array<Record<string, unknown>>;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: token.id, status: 'active' });
    expect(listed[0]!.lastUsedAt).toEqual(expect.any(String));
    expect(JSON.stringify(listed)).not.toContain(token.token);
    expect(JSON.stringify(listed)).not.toMatch(/tokenHash/);

    expect((await s.api(`/api/v1/tokens/${token.id}`, { method: 'DELETE', token: token.token })).status).toBe(204);
    const after = await s.api('/api/v1/campaigns', { token: token.token });
    expect(after.status).toBe(401);
    expect((await json(after)).error?.code).toBe('credential_revoked');
  });

  it('a new password ends every session; the old password no longer signs in', async () => {
    await createUser(s, 'citra@example.org', 'viewer');
    const first = await signIn(s, 'citra@example.org');
    const changed = await s.api('/api/v1/me/password', {
      method: 'POST',
      token: null,
      headers: first.headers,
      json: { currentPassword: PASSWORD, newPassword: 'a-brand-new-password' },
    });
    expect(changed.status).toBe(204);
    expect((await s.api('/api/v1/session', { token: null, headers: { cookie: first.headers.cookie } })).status).toBe(401);
    expect((await signIn(s, 'citra@example.org')).res.status).toBe(401);
    expect((await signIn(s, 'citra@example.org', 'a-brand-new-password')).res.status).toBe(200);
  });

  it('lists to a member only the campaigns they were added to', async () => {
    const dewi = await createUser(s, 'dewi@example.org', 'participant');
    const other = await json(await s.api('/api/v1/campaigns', { method: 'POST', json: { name: 'Lain', hashtags: ['#Lain'] } }));
    const { headers } = await signIn(s, 'dewi@example.org');
    const list = async () => ((await json(await s.api('/api/v1/campaigns', { token: null, headers }))).campaigns as Array<{ id: string }>).map((c) => c.id);
    expect(await list()).toEqual([]);
    await s.api(`/api/v1/campaigns/${campaignId}/members`, { method: 'POST', json: { email: 'DEWI@example.org', own: false } });
    expect(await list()).toEqual([campaignId]);
    expect(await list()).not.toContain((other.campaign as { id: string }).id);
    const seen = (await json(await s.api(`/api/v1/campaigns/${campaignId}`, { token: null, headers }))).campaign as { permissions: unknown };
    expect(seen.permissions).toEqual({ edit: false, import: false, archive: false, manage: false, export: false });
    const members = (await json(await s.api(`/api/v1/campaigns/${campaignId}/members`))).members as Array<{ userId: string; own: boolean }>;
    expect(members).toContainEqual(expect.objectContaining({ userId: dewi.id, own: false }));
  });

  it('a share link shows its period of one campaign only, read-only, and its page says when it is gone', async () => {
    const made = await s.api(`/api/v1/campaigns/${campaignId}/share-links`, {
      method: 'POST',
      json: { label: 'Sponsor Januari', from: '2015-01-13', to: '2015-01-14', expiresAt: '2027-06-30' },
    });
    expect(made.status).toBe(201);
    const link = (await json(made)).link as { id: string; token: string; url: string; from: string; to: string };
    expect(link.from).toBe('2015-01-12T17:00:00.000Z');
    expect(link.to).toBe('2015-01-14T17:00:00.000Z');
    expect(link.url).toBe(`${s.url.replace(/\/$/, '')}/share/${link.token}`);

    // The campaign as the report needs it, with the link's period; of collection only how fresh it is.
    const shared = (await json(await s.api(`/api/v1/campaigns/${campaignId}`, { token: link.token }))).campaign as Record<string, unknown>;
    expect(shared).toMatchObject({ id: campaignId, startsAt: link.from, endsAt: link.to });
    for (const source of Object.values(shared.collection as Record<string, object>)) expect(Object.keys(source).sort()).toEqual(['lastSuccessAt', 'outcome']);
    expect(shared).not.toHaveProperty('sources');
    expect(shared).not.toHaveProperty('permissions');
    const asOperator = (await json(await s.api(`/api/v1/campaigns/${campaignId}`))).campaign as Record<string, unknown>;
    expect(asOperator.permissions).toEqual({ edit: true, import: true, archive: true, manage: true, export: true });

    // Figures inside the period equal the operator's for the same period; outside it they are empty.
    const summary = async (query: string, token: string) => json(await s.api(`/api/v1/campaigns/${campaignId}/metrics/summary${query}`, { token }));
    const inside = await summary('', link.token);
    const operator = await summary(`?from=${link.from}&to=${link.to}`, TEST_TOKEN);
    expect(inside.posts).toBe(operator.posts);
    expect(inside.posts).toBeGreaterThan(0);
    const wider = await summary('?from=2014-01-01&to=2016-01-01', link.token);
    expect(wider.posts).toBe(operator.posts);
    const outside = await summary('?from=2015-02-01&to=2015-03-01', link.token);
    expect(outside.posts).toBe(0);

    expect((await s.api(`/api/v1/campaigns/${campaignId}/runs`, { token: link.token })).status).toBe(403);
    expect((await s.api(`/api/v1/campaigns/${campaignId}/export.csv`, { token: link.token })).status).toBe(403);
    expect((await s.api(`/api/v1/campaigns`, { token: link.token })).status).toBe(403);

    const page = await fetch(link.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('/js/pages/report.js');

    expect((await s.api(`/api/v1/campaigns/${campaignId}/share-links/${link.id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await fetch(link.url);
    expect(gone.status).toBe(410);
    const html = await gone.text();
    expect(html).toContain('Tautan sudah dicabut');
    expect(html).toContain('revoked');
    expect((await s.api(`/api/v1/campaigns/${campaignId}/metrics/summary`, { token: link.token })).status).toBe(401);
    const listed = (await json(await s.api(`/api/v1/campaigns/${campaignId}/share-links`))).links as Array<{ id: string; status: string }>;
    expect(listed.find((l) => l.id === link.id)?.status).toBe('revoked');

    const unknown = await fetch(new URL(`/share/kks_${'A'.repeat(43)}`, s.url));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Tautan tidak dikenal');
  });

  it('records who changed what, newest first, a page at a time', async () => {
    const first = await json(await s.api('/api/v1/audit?limit=3'));
    const entries = first.entries as Array<{ action: string; actor: { label: string }; at: string }>;
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort().reverse());
    const next = await json(await s.api(`/api/v1/audit?limit=3&cursor=${String(first.nextCursor)}`));
    expect((next.entries as Array<{ at: string }>)[0]!.at <= entries[2]!.at).toBe(true);
    const all = ((await json(await s.api('/api/v1/audit?limit=500'))).entries as Array<{ action: string; actor: { label: string } }>).map(
      (e) => `${e.actor.label} ${e.action}`,
    );
    expect(all).toEqual(
      expect.arrayContaining([
        'operator user.create',
        'operator share-link.revoke',
        'operator membership.add',
        'budi@example.org token.create',
        'budi@example.org token.revoke',
        'citra@example.org user.password',
      ]),
    );
    expect(JSON.stringify(all)).not.toContain(PASSWORD);
  });

  it('never writes a password, a token or a share secret to the log', () => {
    const log = logLines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain('a-brand-new-password');
    expect(log).not.toContain(TEST_TOKEN);
    expect(log).not.toMatch(/kk[tsc]_[\w-]{20,}/);
    expect(log).not.toMatch(/scrypt\$/);
  });
});

describe('accounts: rate limits', () => {
  let s: RunningService;
  beforeAll(async () => {
    s = await startService({
      rateLimits: { signInPerAddress: 100, signInFailuresPerEmail: 3, badCredentialsPerAddress: 5, windowSeconds: 900, perCredentialPerMinute: 4 },
    });
    await createUser(s, 'eka@example.org', 'viewer');
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('locks one address out after repeated failed sign-ins, even with the right password then', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn(s, 'eka@example.org', 'wrong-password-x')).res.status).toBe(401);
    const locked = await signIn(s, 'eka@example.org');
    expect(locked.res.status).toBe(429);
    expect(Number(locked.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.body.error?.code).toBe('rate_limited');
    expect(locked.setCookie).toBe('');
  });

  it('slows down guessing of credentials from one client, and heavy use of one token', async () => {
    await createUser(s, 'fajar@example.org', 'viewer');
    const { headers } = await signIn(s, 'fajar@example.org');
    const token = ((await json(await s.api('/api/v1/tokens', { method: 'POST', token: null, headers, json: { name: 'bot' } }))).token as { token: string })
      .token;
    const uses: number[] = [];
    for (let i = 0; i < 5; i++) uses.push((await s.api('/api/v1/session', { token })).status);
    expect(uses).toEqual([200, 200, 200, 200, 429]);

    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await s.api('/api/v1/campaigns', { token: `kkt_guess${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Only failures are refused: others behind the same address (a workshop's Wi-Fi) keep working.
    expect((await s.api('/api/v1/session')).status).toBe(200);
    expect((await s.api('/api/v1/campaigns', { token: 'kkt_guess-again' })).status).toBe(429);
  });
});

describe('npm run user', () => {
  it('creates the first admin from the command line, with the password on stdin', async () => {
    const s = await startService();
    try {
      const run = (args: string[], stdin: string) =>
        new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/user.ts', ...args], {
            cwd: ROOT,
            env: { ...process.env, DATA_DIR: s.dataDir, LOG_LEVEL: 'silent', MONGODB_URI: '', REDIS_URL: '', ADMIN_TOKEN: TEST_TOKEN },
          });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
          child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          child.on('error', reject);
          child.on('close', (code) => resolve({ code, stdout, stderr }));
          child.stdin.end(stdin);
        });
      const created = await run(['create', '--email', 'Root@Example.org', '--name', 'Root'], `${PASSWORD}\n`);
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/Created admin root@example.org/);
      expect(created.stdout).not.toContain(PASSWORD);
      const { res } = await signIn(s, 'root@example.org');
      expect(res.status).toBe(200);
      expect((await run(['create', '--email', 'root@example.org'], `${PASSWORD}\n`)).code).toBe(1);
      const short = await run(['create', '--email', 'x@example.org'], 'short\n');
      expect(short.code).toBe(1);
      expect(short.stderr).toMatch(/password/);
      expect((await run(['create'], '')).code).toBe(64);
    } finally {
      await s.close();
    }
  }, 60_000);
});
