import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RATE_LIMITS, startService, TEST_TOKEN, type RunningService } from '../helpers/service.js';

/** Every path that sets a password refuses common and trivial ones, and the user's own e-mail or name. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const STRONG = 'kopi-tubruk-di-pasar-ternate';

type Json = Record<string, unknown> & { error?: { code: string; message: string; details: Array<{ field: string; message: string }> } };

describe('weak passwords are refused wherever a password is set', () => {
  let s: RunningService;
  beforeAll(async () => {
    s = await startService({ rateLimits: NO_RATE_LIMITS });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  const expectWeak = async (res: Response, field: string) => {
    const body = (await res.json()) as Json;
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.error?.details.map((d) => d.field)).toEqual([field]);
    expect(body.error?.message).toMatch(/too easy to guess/);
  };
  const createUser = (email: string, password: string, name = 'Kartika Wulandari') =>
    s.api('/api/v1/users', { method: 'POST', json: { email, name, role: 'viewer', password } });

  it('refuses them when an admin creates a user', async () => {
    await expectWeak(await createUser('weak1@example.org', 'aaaaaaaaaa'), 'password');
    await expectWeak(await createUser('weak2@example.org', '1234567890'), 'password');
    await expectWeak(await createUser('weak3@example.org', 'password123'), 'password');
    await expectWeak(await createUser('kartika.wulandari@example.org', 'kartika.wulandari@example.org'), 'password');
    await expectWeak(await createUser('kw@example.org', 'KartikaWulandari'), 'password');
    const users = ((await (await s.api('/api/v1/users')).json()) as { users: Array<{ email: string }> }).users;
    expect(users.filter((u) => u.email.startsWith('weak') || u.email.startsWith('k'))).toEqual([]);
    expect((await createUser('strong@example.org', STRONG)).status).toBe(201);
  });

  it('refuses them when an admin resets a password, and when users change their own', async () => {
    const created = (await (await createUser('dewi@example.org', STRONG, 'Dewi Lestari')).json()) as { user: { id: string } };
    await expectWeak(await s.api(`/api/v1/users/${created.user.id}`, { method: 'PATCH', json: { password: 'dewilestari1' } }), 'password');
    await expectWeak(await s.api(`/api/v1/users/${created.user.id}`, { method: 'PATCH', json: { password: 'qwertyuiop' } }), 'password');

    const signIn = await s.api('/api/v1/session', { method: 'POST', token: null, json: { email: 'dewi@example.org', password: STRONG } });
    expect(signIn.status).toBe(200);
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const headers = { cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': csrfToken };
    const change = (newPassword: string) =>
      s.api('/api/v1/me/password', { method: 'POST', token: null, headers, json: { currentPassword: STRONG, newPassword } });
    await expectWeak(await change('1234567890'), 'newPassword');
    await expectWeak(await change('dewi@example.org'), 'newPassword');
    // Nothing changed: the old password still signs in.
    expect((await s.api('/api/v1/session', { method: 'POST', token: null, json: { email: 'dewi@example.org', password: STRONG } })).status).toBe(200);
  });

  it('refuses them on the command line that creates the first admin', async () => {
    const run = (args: string[], stdin: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/user.ts', ...args], {
          cwd: ROOT,
          env: { ...process.env, DATA_DIR: s.dataDir, LOG_LEVEL: 'silent', MONGODB_URI: '', REDIS_URL: '', ADMIN_TOKEN: TEST_TOKEN },
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stderr }));
        child.stdin.end(stdin);
      });
    const weak = await run(['create', '--email', 'root@example.org', '--name', 'Root'], 'aaaaaaaaaa\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/too easy to guess.*password/s);
  }, 60_000);
});
