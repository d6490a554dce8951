import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startService, TEST_TOKEN, type RunningService } from '../helpers/service.js';

/** Share-link URLs start with PUBLIC_URL, never with the Host header a caller sent. */

interface Answer {
  link: { url: string };
  error: { code: string; message: string };
}

/** node:http, so the Host header goes out as written. */
function createLink(s: RunningService, campaignId: string, host: string): Promise<{ status: number; body: Answer }> {
  const url = new URL(s.url);
  const payload = JSON.stringify({ label: 'Sponsor', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: `/api/v1/campaigns/${campaignId}/share-links`,
        headers: { host, authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function withService(env: Record<string, string>, fn: (s: RunningService, campaignId: string) => Promise<void>) {
  const s = await startService({ env });
  try {
    const res = await s.api('/api/v1/campaigns', { method: 'POST', json: { name: 'Tautan', hashtags: ['#Tautan'] } });
    expect(res.status).toBe(201);
    await fn(s, ((await res.json()) as { campaign: { id: string } }).campaign.id);
  } finally {
    await s.close();
  }
}

describe('share-link URLs', () => {
  it('start with PUBLIC_URL whatever Host the request names', async () => {
    await withService({ PUBLIC_URL: 'https://kabar.example.org/' }, async (s, id) => {
      const { status, body } = await createLink(s, id, 'evil.example');
      expect(status).toBe(201);
      expect(body.link.url).toMatch(/^https:\/\/kabar\.example\.org\/share\/kks_/);
    });
  }, 60_000);

  it('are refused without PUBLIC_URL unless the service is reached over loopback, saying to set it', async () => {
    await withService({}, async (s, id) => {
      const refused = await createLink(s, id, 'evil.example');
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('public_url_not_set');
      expect(refused.body.error.message).toMatch(/PUBLIC_URL/);
      const links = (await (await s.api(`/api/v1/campaigns/${id}/share-links`)).json()) as { links: unknown[] };
      expect(links.links).toEqual([]);
      // `npm start` on one machine: loopback in, loopback out.
      const local = await createLink(s, id, new URL(s.url).host);
      expect(local.status).toBe(201);
      expect(local.body.link.url.startsWith(`${s.url.replace(/\/$/, '')}/share/kks_`)).toBe(true);
    });
  }, 60_000);

  it('stops start-up on a PUBLIC_URL that is not an http(s) origin, naming it', () => {
    for (const bad of ['ftp://kabar.example.org', 'kabar.example.org', 'https://kabar.example.org/app?x=1'])
      expect(() => loadConfig({ PUBLIC_URL: bad, DATA_DIR: '/tmp/unused' })).toThrow(/PUBLIC_URL/);
  });
});
