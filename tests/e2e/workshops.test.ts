import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RATE_LIMITS, startService, type RunningService } from '../helpers/service.js';

/** API.md 1.1, workshops: the routes end to end, on the real service and its SQLite store. */
const PASSWORD = 'workshops-password-0123';

interface Problem {
  field: string;
  message: string;
}
interface Failure {
  error: { code: string; message: string; details: Problem[] };
}
interface Row {
  id: string;
  name: string;
  accounts: unknown[];
}
interface WorkshopAnswer {
  workshop: Record<string, unknown> & { id: string; endsAt: string; participants: number };
}
interface Added {
  added: number;
  participants: Row[];
  rejected: Array<{ row: number; error: string }>;
}

describe('workshops, participants and activation over HTTP', () => {
  let s: RunningService;
  let campaignId: string;
  let viewerToken: string;
  let shareToken: string;

  const base = () => `/api/v1/campaigns/${campaignId}/workshops`;
  const json = async <T = Record<string, unknown>>(res: Response): Promise<T> => (await res.json()) as T;

  beforeAll(async () => {
    s = await startService({ rateLimits: NO_RATE_LIMITS });
    const created = await s.api('/api/v1/campaigns', {
      method: 'POST',
      json: { name: 'Lokakarya', hashtags: ['#SocMed4SocGood'], startsAt: '2015-01-01T00:00:00+07:00', timeZone: 'Asia/Makassar' },
    });
    expect(created.status).toBe(201);
    campaignId = (await json<{ campaign: { id: string } }>(created)).campaign.id;

    // A viewer of the campaign, with an API token made from their session.
    const email = 'pemirsa@example.org';
    expect((await s.api('/api/v1/users', { method: 'POST', json: { email, name: 'Pemirsa', role: 'viewer', password: PASSWORD } })).status).toBe(201);
    expect((await s.api(`/api/v1/campaigns/${campaignId}/members`, { method: 'POST', json: { email, own: false } })).status).toBe(202);
    const signIn = await s.api('/api/v1/session', { method: 'POST', token: null, json: { email, password: PASSWORD } });
    const headers = { cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': String((await json(signIn)).csrfToken) };
    viewerToken = (await json<{ token: { token: string } }>(await s.api('/api/v1/tokens', { method: 'POST', token: null, headers, json: { name: 'v' } }))).token
      .token;
    const link = await s.api(`/api/v1/campaigns/${campaignId}/share-links`, { method: 'POST', json: { label: 'Sponsor', expiresAt: '2027-12-31' } });
    shareToken = (await json<{ link: { token: string } }>(link)).link.token;

    // Posts of the participants, imported: two of Ani's (Instagram) after the workshop, one of Budi's (TikTok) before it.
    const imported = await s.api(`/api/v1/campaigns/${campaignId}/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: [
        'platform,post_id,created_at,text,author_id,author_handle,author_followers,likes',
        'instagram,ig1,2015-01-16T10:00:00+08:00,Belajar #SocMed4SocGood,ig-ani,Ani.Kupang,300,10',
        'instagram,ig2,2015-01-20T10:00:00+08:00,Lagi #SocMed4SocGood,ig-ani,Ani.Kupang,300,5',
        'tiktok,tt1,2015-01-10T10:00:00+08:00,Sebelum #SocMed4SocGood,tt-budi,budi_k,50,2',
        'instagram,ig3,2015-01-16T11:00:00+08:00,Orang lain #SocMed4SocGood,ig-x,orang_lain,900,99',
      ].join('\n'),
    });
    expect(imported.status).toBe(200);
    expect((await json(imported)).rejected).toEqual([]);
    await s.idle();
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('creates, reads, changes and deletes a workshop; a bad city, an end before the start and an unknown field are 400s naming the field', async () => {
    const bad = await s.api(base(), {
      method: 'POST',
      headers: { 'accept-language': 'id' },
      json: { name: 'X', city: '99.99', startsAt: '2015-01-15T09:00:00+08:00', endsAt: '2015-01-14T09:00:00+08:00', colour: 'red' },
    });
    expect(bad.status).toBe(400);
    const err = (await json<Failure>(bad)).error;
    expect(err.details.map((d) => d.field).sort()).toEqual(['city', 'colour', 'endsAt']);
    // In the caller's language.
    expect(err.details.find((d) => d.field === 'endsAt')?.message).toBe('tidak boleh sebelum startsAt');
    expect((await json(await s.api(base()))).workshops).toEqual([]);

    const created = await s.api(base(), {
      method: 'POST',
      json: { name: 'Kupang', city: '53.71', startsAt: '2015-01-15T09:00:00+08:00', endsAt: '2015-01-15T17:00:00+08:00', venue: 'Undana', capacity: 84 },
    });
    expect(created.status).toBe(201);
    const w = (await json<WorkshopAnswer>(created)).workshop;
    expect(w).toMatchObject({ name: 'Kupang', city: '53.71', venue: 'Undana', capacity: 84, participants: 0 });

    const patched = await s.api(`${base()}/${w.id}`, { method: 'PATCH', json: { capacity: 90 } });
    expect((await json<WorkshopAnswer>(patched)).workshop).toMatchObject({ capacity: 90, venue: 'Undana' });
    // The end checked against the stored start; nothing changed on a refusal.
    const early = await s.api(`${base()}/${w.id}`, { method: 'PATCH', json: { endsAt: '2015-01-14T00:00:00+08:00' } });
    expect(early.status).toBe(400);
    expect((await json<Failure>(early)).error.details).toEqual([{ field: 'endsAt', message: 'must not be before startsAt' }]);
    expect((await json<WorkshopAnswer>(await s.api(`${base()}/${w.id}`))).workshop.endsAt).toBe('2015-01-15T17:00:00+08:00');

    expect((await s.api(`${base()}/${w.id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await s.api(`${base()}/${w.id}`, { headers: { 'accept-language': 'id' } });
    expect(gone.status).toBe(404);
    expect((await json<Failure>(gone)).error.message).toBe('Lokakarya tidak ditemukan.');
  });

  it('registers participants from JSON and from the sheet, normalises handles, shows names to managers only, and measures activation', async () => {
    const w = (
      await json<WorkshopAnswer>(
        await s.api(base(), {
          method: 'POST',
          json: { name: 'Kupang', city: '53.71', startsAt: '2015-01-15T09:00:00+08:00', endsAt: '2015-01-15T17:00:00+08:00' },
        }),
      )
    ).workshop;
    const participants = `${base()}/${w.id}/participants`;

    // One participant: all or nothing.
    const refused = await s.api(participants, { method: 'POST', json: { name: 'Tanpa Izin', group: 'teacher', consent: false } });
    expect(refused.status).toBe(400);
    expect((await json<Failure>(refused)).error.details.map((d) => d.field)).toEqual(['consent']);
    const ani = await s.api(participants, {
      method: 'POST',
      json: { name: 'Ani', group: 'teacher', accounts: [{ platform: 'instagram', handle: '@ANI.kupang' }], consent: true },
    });
    expect(ani.status).toBe(201);
    expect((await json<Added>(ani)).participants[0]?.accounts).toEqual([{ platform: 'instagram', handle: 'ani.kupang' }]);

    // The sheet: `;` as Indonesian spreadsheets write it, rows rejected by number with the field named.
    const sheet = await s.api(participants, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'accept-language': 'id' },
      body: ['Name;Group;Consent;TikTok;X', 'Budi;student;ya;@Budi_K;', 'Citra;guru;ya;;', 'Dedi;ngo;tidak;;', ';;;;', 'Eka;government;yes;;eka'].join('\n'),
    });
    expect(sheet.status).toBe(201);
    const result = await json<Added>(sheet);
    expect(result.added).toBe(2);
    expect(result.participants.map((p) => p.name)).toEqual(['Budi', 'Eka']);
    expect(result.rejected.map((r) => r.row)).toEqual([3, 4]);
    expect(result.rejected[0]?.error).toMatch(/^group: /);
    expect(result.rejected[1]?.error).toMatch(/^consent: /);

    const full = await json<Added & { count: number }>(await s.api(participants));
    expect(full).toMatchObject({ visibility: 'full', count: 3, byGroup: { teacher: 1, student: 1, government: 1 } });
    expect(full.participants.map((p) => p.name)).toEqual(['Ani', 'Budi', 'Eka']);
    // Viewers and share links: counts only, no name or handle anywhere in the answer.
    for (const token of [viewerToken, shareToken]) {
      const res = await s.api(participants, { token });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ visibility: 'counts', count: 3, byGroup: { teacher: 1, student: 1, government: 1 } });
      expect(text).not.toMatch(/Ani|Budi|ani\.kupang|budi_k/i);
    }
    // Neither may add one.
    expect((await s.api(participants, { method: 'POST', token: viewerToken, json: { name: 'Z', group: 'other', consent: true } })).status).toBe(403);

    // Activation: Ani posted twice within 7 days after (engagement 15, 300 followers); Budi only before; Eka never.
    const m = await json<Record<string, unknown> & { before: unknown }>(await s.api(`${base()}/${w.id}/metrics?window=7`, { token: shareToken }));
    expect(m).toMatchObject({ window: 7, participants: 3, active: 1, activationRate: 1 / 3, posts: 2, engagement: 15, reach: 300 });
    expect(m.before).toMatchObject({ participants: 3, active: 1, posts: 1, engagement: 2, reach: 50 });
    const rows = await json<{ window: number; workshops: unknown[] }>(await s.api(`/api/v1/campaigns/${campaignId}/metrics/workshops?window=30`));
    expect(rows.window).toBe(30);
    expect(rows.workshops).toHaveLength(1);
    expect(rows.workshops[0]).toMatchObject({ workshopId: w.id, name: 'Kupang', city: '53.71', participants: 3, active: 1, posts: 2 });

    // Per city, through a share link too: the city's code and name and the same counts.
    const byCity = await json<{ by: string; cities: unknown[] }>(
      await s.api(`/api/v1/campaigns/${campaignId}/metrics/workshops?window=7&by=city`, { token: shareToken }),
    );
    expect(byCity).toMatchObject({ window: 7, by: 'city' });
    expect(byCity.cities).toEqual([
      expect.objectContaining({
        city: '53.71',
        name: 'Kupang',
        workshops: 1,
        participants: 3,
        active: 1,
        posts: 2,
        before: expect.objectContaining({ active: 1 }),
      }),
    ]);
    const badBy = await s.api(`/api/v1/campaigns/${campaignId}/metrics/workshops?by=province`, { headers: { 'accept-language': 'id' } });
    expect(badBy.status).toBe(400);
    expect((await json<Failure>(badBy)).error.details).toEqual([{ field: 'by', message: 'harus workshop atau city' }]);

    const badWindow = await s.api(`${base()}/${w.id}/metrics?window=14`, { headers: { 'accept-language': 'id' } });
    expect(badWindow.status).toBe(400);
    expect((await json<Failure>(badWindow)).error.details).toEqual([{ field: 'window', message: 'harus 7 atau 30 (hari)' }]);

    // Removing a participant; a second time is a 404.
    const budi = full.participants[1]!.id;
    expect((await s.api(`${participants}/${budi}`, { method: 'DELETE' })).status).toBe(204);
    expect((await s.api(`${participants}/${budi}`, { method: 'DELETE' })).status).toBe(404);
    expect((await json<WorkshopAnswer>(await s.api(`${base()}/${w.id}`))).workshop.participants).toBe(2);
  });

  it('refuses a sheet without its required columns, or with a column it does not know, storing nothing', async () => {
    const w = (
      await json<WorkshopAnswer>(
        await s.api(base(), {
          method: 'POST',
          json: { name: 'Ambon', city: '81.71', startsAt: '2015-02-01T09:00:00+09:00', endsAt: '2015-02-01T17:00:00+09:00' },
        }),
      )
    ).workshop;
    const participants = `${base()}/${w.id}/participants`;
    const missing = await s.api(participants, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'name,x\nAni,ani' });
    expect(missing.status).toBe(400);
    expect((await json<Failure>(missing)).error.details.map((d) => d.field)).toEqual(['group', 'consent']);
    const unknown = await s.api(participants, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'name,group,consent,phone\nAni,ngo,ya,0812' });
    expect(unknown.status).toBe(400);
    expect((await json<Failure>(unknown)).error.details).toEqual([{ field: 'phone', message: 'unknown column' }]);
    expect((await json<{ count: number }>(await s.api(participants))).count).toBe(0);
  });
});
