import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('loadConfig', () => {
  it('defaults to the embedded runtime', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: './data', store: 'sqlite', queue: 'inline', demo: true, adminToken: undefined });
    expect(c.sources.x).toEqual({ bearerToken: undefined, baseUrl: 'https://api.x.com/2/', overlapMinutes: 15 });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('chooses MongoDB and BullMQ from their URLs', () => {
    const c = loadConfig({ MONGODB_URI: 'mongodb://mongo:27017/kk', REDIS_URL: 'redis://redis:6379', ADMIN_TOKEN: 'a'.repeat(32) });
    expect(c.store).toBe('mongodb');
    expect(c.queue).toBe('bullmq');
  });

  it('reads per-instance Mastodon tokens and the Bluesky account', () => {
    const c = loadConfig({
      MASTODON_ACCESS_TOKENS: 'mastodon.social=abc, Kolektiva.Social=def',
      BLUESKY_HANDLE: 'kabar.bsky.social',
      BLUESKY_APP_PASSWORD: 'app-pass',
    });
    expect(c.sources.mastodon.accessTokens).toEqual({ 'mastodon.social': 'abc', 'kolektiva.social': 'def' });
    expect(c.sources.bluesky).toEqual({ credentials: { handle: 'kabar.bsky.social', appPassword: 'app-pass' }, baseUrl: 'https://bsky.social/xrpc/' });
    expect(Object.isFrozen(c.sources.bluesky.credentials)).toBe(true);
  });

  it('reads the BullMQ job lock, 30 s unless JOB_LOCK_MS says otherwise (1 s to 10 min)', () => {
    expect(loadConfig({}).jobLockMs).toBe(30_000);
    expect(loadConfig({ JOB_LOCK_MS: '5000' }).jobLockMs).toBe(5_000);
    expect(loadConfig({ JOB_LOCK_MS: '1000' }).jobLockMs).toBe(1_000);
    expect(loadConfig({ JOB_LOCK_MS: '600000' }).jobLockMs).toBe(600_000);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ MONGODB_URI: '', DEMO: '' }).store).toBe('sqlite');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DEMO: 'maybe' }, 'DEMO'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ MONGODB_URI: 'http://mongo' }, 'MONGODB_URI'],
    [{ X_API_BASE_URL: 'not a url' }, 'X_API_BASE_URL'],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
    [{ ADMIN_TOKEN: 'long enough but has spaces' }, 'ADMIN_TOKEN'],
    [{ ADMIN_TOKEN: `${'a'.repeat(20)}\u0007` }, 'ADMIN_TOKEN'],
    [{ ADMIN_TOKEN: 'a'.repeat(600) }, 'ADMIN_TOKEN'],
    [{ MONGODB_URI: 'mongodb://mongo:27017/kk' }, 'ADMIN_TOKEN'],
    [{ MASTODON_ACCESS_TOKENS: 'mastodon.social' }, 'MASTODON_ACCESS_TOKENS'],
    [{ BLUESKY_HANDLE: 'kabar.bsky.social' }, 'BLUESKY_APP_PASSWORD'],
    [{ BLUESKY_APP_PASSWORD: 'xxxx-xxxx' }, 'BLUESKY_HANDLE'],
    [{ BLUESKY_API_BASE_URL: 'bsky.social' }, 'BLUESKY_API_BASE_URL'],
    [{ JOB_LOCK_MS: 'soon' }, 'JOB_LOCK_MS'],
    [{ JOB_LOCK_MS: '999' }, 'JOB_LOCK_MS'],
    [{ JOB_LOCK_MS: '600001' }, 'JOB_LOCK_MS'],
    [{ JOB_LOCK_MS: '2500.5' }, 'JOB_LOCK_MS'],
  ])('names the bad setting in %j', (env, name) => {
    const p = problems(env);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(new RegExp(`^${name}: `));
  });

  it('reports every bad setting at once, the sources’ with the rest', () => {
    expect(
      problems({ PORT: 'x', DEMO: 'y', X_API_BASE_URL: 'nope', BLUESKY_HANDLE: 'kabar.bsky.social' })
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual(['BLUESKY_APP_PASSWORD', 'DEMO', 'PORT', 'X_API_BASE_URL']);
  });

  it('keeps the messages of the sources’ settings', () => {
    expect(problems({ BLUESKY_APP_PASSWORD: 'xxxx-xxxx' })).toEqual([
      'BLUESKY_HANDLE: required with BLUESKY_APP_PASSWORD (Bluesky search needs a signed-in account)',
    ]);
    expect(problems({ MASTODON_ACCESS_TOKENS: 'mastodon.social' })).toEqual(['MASTODON_ACCESS_TOKENS: must be host=token pairs separated by commas']);
  });
});
