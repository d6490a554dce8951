import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/http/create-app.js';
import { NO_RATE_LIMITS, startService, type RunningService } from '../helpers/service.js';

/**
 * Masked handles on share links (docs/API.md): with `shareMaskHandles` on, no answer a share link
 * can read carries an author's handle, display name, id or post link, nor a handle a text
 * mentions; with it off, or for a manager, they are there. Every GET route a share link may call
 * is read, taken from the route table itself, so a route added later is checked too.
 */

// Every handle, name and author id of the fixture, and the mentioned-only account `@dinas_kupang`.
const SECRETS = ['ani_kupang', 'Ani Rohi', 'ig-ani', 'budi_k', 'Budi Lede', 'tt-budi', 'citra.ntt', 'Citra Bani', 'x-citra', 'dinas_kupang'];
const SECRET_PATTERN = new RegExp(SECRETS.map((s) => s.replace(/[.]/g, '\\.')).join('|'), 'i');

/** The parameters some routes cannot go without. */
const REQUIRED_QUERY: Record<string, string> = {
  '/metrics/breakdown': '?by=city',
  '/metrics/matrix': '?rows=city&cols=topic',
  '/metrics/terms': '?kind=hashtag',
};

describe('share links of a campaign that masks handles', () => {
  let s: RunningService;
  let campaignId: string;
  let workshopId: string;
  let shareToken: string;

  const json = async <T = Record<string, unknown>>(res: Response): Promise<T> => (await res.json()) as T;

  beforeAll(async () => {
    s = await startService({ rateLimits: NO_RATE_LIMITS });
    const created = await s.api('/api/v1/campaigns', {
      method: 'POST',
      json: { name: 'Pekerja Migran', hashtags: ['#PulangAman'], startsAt: '2015-01-01T00:00:00+07:00', timeZone: 'Asia/Makassar' },
    });
    campaignId = (await json<{ campaign: { id: string } }>(created)).campaign.id;
    const imported = await s.api(`/api/v1/campaigns/${campaignId}/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: [
        'platform,post_id,url,created_at,text,author_id,author_handle,author_name,author_followers,likes',
        'instagram,ig1,https://www.instagram.com/ani_kupang/p/ig1,2015-01-16T10:00:00+08:00,Belajar bersama @budi_k dan @Dinas_Kupang #PulangAman,ig-ani,ani_kupang,Ani Rohi,300,10',
        'tiktok,tt1,https://www.tiktok.com/@budi_k/video/1,2015-01-16T11:00:00+08:00,Terima kasih @ani_kupang! https://x.com/citra.ntt #PulangAman,tt-budi,budi_k,Budi Lede,50,2',
        'x,x1,https://x.com/citra.ntt/status/1,2015-01-17T10:00:00+08:00,Halo @ani_kupang @budi_k #PulangAman,x-citra,citra.ntt,Citra Bani,80,4',
      ].join('\n'),
    });
    expect((await json(imported)).rejected).toEqual([]);
    await s.idle();
    const w = await s.api(`/api/v1/campaigns/${campaignId}/workshops`, {
      method: 'POST',
      json: { name: 'Kupang', city: '53.71', startsAt: '2015-01-15T09:00:00+08:00', endsAt: '2015-01-15T17:00:00+08:00' },
    });
    workshopId = (await json<{ workshop: { id: string } }>(w)).workshop.id;
    await s.api(`/api/v1/campaigns/${campaignId}/workshops/${workshopId}/participants`, {
      method: 'POST',
      json: [{ name: 'Ani Rohi', group: 'other', consent: true, accounts: [{ platform: 'instagram', handle: 'ani_kupang' }] }],
    });
    const link = await s.api(`/api/v1/campaigns/${campaignId}/share-links`, {
      method: 'POST',
      json: { label: 'Sponsor', expiresAt: '2027-12-31', allowExport: true },
    });
    shareToken = (await json<{ link: { token: string } }>(link)).link.token;
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  /** Every GET a share link may call (the route table), with its parameters filled in and the variants that name authors. */
  function sharePaths(): string[] {
    const routes = apiRoutes(s.rt.http).filter(
      (r) => r.method === 'get' && r.access.kind === 'campaign' && (r.access.action === 'report' || r.access.action === 'export'),
    );
    const paths = routes
      // Images: share images draw figures by place, topic and day, the logo is the organisation's; no author in them.
      .filter((r) => !r.path.endsWith('.png') && !r.path.endsWith('/logo'))
      .map((r) => r.path.replace(':id', campaignId).replace(':workshopId', workshopId))
      .map((p) => p + (Object.entries(REQUIRED_QUERY).find(([end]) => p.endsWith(end))?.[1] ?? ''));
    expect(paths.length).toBeGreaterThan(15);
    const base = `/api/v1/campaigns/${campaignId}`;
    return [
      ...paths,
      `${base}/posts?sort=recent`,
      `${base}/contributors?sort=posts`,
      `${base}/metrics/terms?kind=mention`,
      `${base}/metrics/spikes?interval=day`,
    ];
  }

  const read = async (path: string, lang = 'id'): Promise<string> => {
    const res = await s.api(path, { token: shareToken, headers: { 'accept-language': lang } });
    expect(res.status, path).toBe(200);
    return res.text();
  };

  it('shows the handles, names and links when the setting is off', async () => {
    const all = (await Promise.all(sharePaths().map((p) => read(p)))).join('\n');
    for (const secret of SECRETS) expect(all.toLowerCase()).toContain(secret.toLowerCase());
  });

  it('shows none of them, in any answer, when it is on; a manager still sees them', async () => {
    const set = await s.api(`/api/v1/campaigns/${campaignId}`, { method: 'PATCH', json: { shareMaskHandles: true } });
    expect(set.status).toBe(200);
    expect((await json<{ campaign: { shareMaskHandles: boolean } }>(set)).campaign.shareMaskHandles).toBe(true);

    for (const path of sharePaths()) {
      for (const lang of ['id', 'en']) {
        const body = await read(path, lang);
        expect(body, `${path} (${lang})`).not.toMatch(SECRET_PATTERN);
      }
    }

    // Pseudonyms by rank, the same in every answer; the mentions in texts follow them.
    const base = `/api/v1/campaigns/${campaignId}`;
    const posts = JSON.parse(await read(`${base}/posts?sort=recent`)) as {
      posts: Array<{ text: string; url: string | null; author: { handle: string; name: string } }>;
    };
    expect(posts.posts.every((p) => p.url === null)).toBe(true);
    expect(posts.posts.map((p) => p.author.handle).every((h) => /^peserta_\d+$/.test(h))).toBe(true);
    const ani = posts.posts.find((p) => p.text.startsWith('Belajar'))!;
    const byAni = posts.posts.filter((p) => p.text.includes(`@${ani.author.handle}`));
    expect(byAni).toHaveLength(2);
    expect(ani.author.name).toBe(ani.author.handle.replace('peserta_', 'Peserta '));
    const contributors = JSON.parse(await read(`${base}/contributors?sort=posts`)) as { contributors: Array<{ handle: string }> };
    expect(contributors.contributors.map((c) => c.handle).sort()).toEqual(posts.posts.map((p) => p.author.handle).sort());
    const network = JSON.parse(await read(`${base}/network`)) as { nodes: Array<{ id: string }>; edges: Array<{ source: string; target: string }> };
    const ids = new Set(network.nodes.map((n) => n.id));
    expect(network.edges.length).toBeGreaterThan(0);
    for (const e of network.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    const en = JSON.parse(await read(`${base}/contributors?sort=posts`, 'en')) as { contributors: Array<{ handle: string; name: string }> };
    expect(en.contributors[0]).toMatchObject({ handle: 'participant_1', name: 'Participant 1' });

    // A manager signed in reads the real handles.
    const manager = (await Promise.all([`${base}/posts`, `${base}/network`, `${base}/export.csv`].map(async (p) => (await s.api(p)).text()))).join('\n');
    for (const secret of ['ani_kupang', 'budi_k', 'citra.ntt', 'Ani Rohi']) expect(manager).toContain(secret);
  });

  it('refuses a setting that is not true or false, naming it, and changes nothing', async () => {
    const bad = await s.api(`/api/v1/campaigns/${campaignId}`, { method: 'PATCH', headers: { 'accept-language': 'id' }, json: { shareMaskHandles: 'ya' } });
    expect(bad.status).toBe(400);
    const details = (await json<{ error: { details: Array<{ field: string; message: string }> } }>(bad)).error.details;
    expect(details.map((d) => d.field)).toEqual(['shareMaskHandles']);
    expect(details[0]!.message).toBe('harus true atau false');
    expect((await json<{ campaign: { shareMaskHandles: boolean } }>(await s.api(`/api/v1/campaigns/${campaignId}`))).campaign.shareMaskHandles).toBe(true);
  });
});
