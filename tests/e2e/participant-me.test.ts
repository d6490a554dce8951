import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RATE_LIMITS, startService, type RunningService } from '../helpers/service.js';
import { addMemberUser, addParticipants, createCampaign, createWorkshop, importPosts, sessionCookie } from '../helpers/workshop-fixture.js';

/**
 * A participant's own page (docs/API.md, "A participant's own page"): a workshop participant record
 * names the e-mail address of a user; that user, signed in, reads their own posts and figures
 * through GET …/me, and never another participant's.
 */
const PASSWORD = 'me-page-password-0123';

interface Problem {
  field: string;
  message: string;
}
interface MeAnswer {
  email: string | null;
  participants: Array<{ id: string; name: string; workshopId: string }>;
  accounts: Array<{ platform: string; handle: string; authors: Array<{ handle: string; posts: number }> }>;
  figures: { posts: number; engagement: number; reach: number };
  daily: Array<{ day: string; posts: number; engagement: number }>;
  workshops: Array<{ name: string; window: number; after: { posts: number; active: boolean }; before: { posts: number; active: boolean } }>;
  posts: Array<{ postId: string; author: { handle: string | null }; createdAt: string }>;
  nextCursor: string | null;
}

describe('GET /api/v1/campaigns/:id/me', () => {
  let s: RunningService;
  let campaignId: string;
  const cookies = new Map<string, string>();

  const json = async <T = Record<string, unknown>>(res: Response): Promise<T> => (await res.json()) as T;
  const me = async (who: string, query = ''): Promise<{ status: number; text: string; body: MeAnswer }> => {
    const res = await s.api(`/api/v1/campaigns/${campaignId}/me${query}`, { token: null, headers: { cookie: cookies.get(who)! } });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as MeAnswer };
  };

  beforeAll(async () => {
    s = await startService({ rateLimits: NO_RATE_LIMITS });
    campaignId = await createCampaign(s);

    // Three participants' users (Citra posted nothing) and a viewer who is nobody's participant, all members of the campaign.
    for (const [email, role] of [
      ['ani@example.org', 'participant'],
      ['budi@example.org', 'participant'],
      ['citra@example.org', 'participant'],
      ['pemirsa@example.org', 'viewer'],
    ] as const) {
      await addMemberUser(s, campaignId, { email, role, password: PASSWORD });
      cookies.set(email.split('@')[0]!, await sessionCookie(s, email, PASSWORD));
    }

    await importPosts(s, campaignId, [
      'platform,post_id,created_at,text,author_id,author_handle,author_followers,likes',
      'instagram,ig1,2015-01-16T10:00:00+08:00,Belajar #SocMed4SocGood,ig-ani,Ani.Kupang,300,10',
      'instagram,ig2,2015-01-20T10:00:00+08:00,Lagi #SocMed4SocGood,ig-ani,Ani.Kupang,300,5',
      'tiktok,tt1,2015-01-10T10:00:00+08:00,Sebelum #SocMed4SocGood,tt-budi,budi_k,50,2',
      'tiktok,tt2,2015-01-17T10:00:00+08:00,Sesudah #SocMed4SocGood,tt-budi,budi_k,50,4',
      'instagram,ig3,2015-01-16T11:00:00+08:00,Orang lain #SocMed4SocGood,ig-x,orang_lain,900,99',
      // The same handle on another platform is another person.
      'tiktok,tt3,2015-01-18T11:00:00+08:00,Bukan Ani #SocMed4SocGood,tt-ani,ani.kupang,70,1',
    ]);

    const { participantsPath } = await createWorkshop(s, campaignId, {
      name: 'Kupang',
      city: '53.71',
      startsAt: '2015-01-15T09:00:00+08:00',
      endsAt: '2015-01-15T17:00:00+08:00',
    });
    // The sheet carries the e-mail column; the address is matched whatever its case.
    await addParticipants(s, participantsPath, {
      csv: ['name,group,consent,email,instagram,tiktok', 'Ani,teacher,ya, ANI@Example.org ,@ani.kupang,', 'Budi,student,ya,budi@example.org,,budi_k'],
    });
    await addParticipants(s, participantsPath, [
      { name: 'Citra', group: 'ngo', consent: true, email: 'citra@example.org', accounts: [{ platform: 'x', handle: 'citra_ntt' }] },
    ]);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it("answers a participant their own records, accounts, figures and posts, newest first, and nothing of anyone else's", async () => {
    const ani = await me('ani');
    expect(ani.status).toBe(200);
    expect(ani.body.email).toBe('ani@example.org');
    expect(ani.body.participants.map((p) => p.name)).toEqual(['Ani']);
    expect(ani.body.accounts).toMatchObject([{ platform: 'instagram', handle: 'ani.kupang', authors: [{ handle: 'Ani.Kupang', posts: 2 }] }]);
    expect(ani.body.figures).toMatchObject({ posts: 2, engagement: 15, reach: 300 });
    expect(ani.body.daily).toEqual([
      { day: '2015-01-16', posts: 1, engagement: 10 },
      { day: '2015-01-20', posts: 1, engagement: 5 },
    ]);
    expect(ani.body.posts.map((p) => p.postId.replace(/^[a-z]+:/, ''))).toEqual(['ig2', 'ig1']);
    // Both Ani's posts fall in the 7 days after the workshop, none before it.
    expect((await me('ani', '?window=7')).body.workshops).toMatchObject([
      { name: 'Kupang', window: 7, after: { posts: 2, active: true }, before: { posts: 0, active: false } },
    ]);

    const budi = await me('budi');
    expect(budi.body.participants.map((p) => p.name)).toEqual(['Budi']);
    expect(budi.body.posts.map((p) => p.postId.replace(/^[a-z]+:/, ''))).toEqual(['tt2', 'tt1']);
    expect(budi.body.figures).toMatchObject({ posts: 2, engagement: 6, reach: 50 });
    expect(budi.body.workshops).toMatchObject([{ after: { posts: 1, active: true }, before: { posts: 1, active: true } }]);

    // Nothing of the other participant, the bystander or Ani's namesake on TikTok in either answer.
    for (const other of ['budi_k', 'tt1', 'tt2', 'orang_lain', 'ig3', 'tt3', 'Budi', 'citra']) expect(ani.text).not.toContain(other);
    for (const other of ['Ani', 'ani.kupang', 'ig1', 'ig2', 'orang_lain', 'ig3', 'tt3', 'citra']) expect(budi.text).not.toContain(other);
  });

  it('pages the posts with the cursor it gives', async () => {
    const first = await me('ani', '?limit=1');
    expect(first.body.posts.map((p) => p.postId.replace(/^[a-z]+:/, ''))).toEqual(['ig2']);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await me('ani', `?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.posts.map((p) => p.postId.replace(/^[a-z]+:/, ''))).toEqual(['ig1']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('answers a participant whose handles match no author, and a member who is no participant, with no post at all', async () => {
    const citra = await me('citra');
    expect(citra.body.participants.map((p) => p.name)).toEqual(['Citra']);
    expect(citra.body.accounts).toEqual([{ platform: 'x', handle: 'citra_ntt', authors: [] }]);
    expect(citra.body).toMatchObject({ posts: [], daily: [], figures: { posts: 0, engagement: 0, reach: 0 }, nextCursor: null });

    const viewer = await me('pemirsa');
    expect(viewer.status).toBe(200);
    expect(viewer.body).toMatchObject({ email: 'pemirsa@example.org', participants: [], accounts: [], posts: [], workshops: [] });
    expect(viewer.body.figures.posts).toBe(0);
  });

  it('refuses a bad limit, window or e-mail address with a 400 naming the field, in the caller’s language', async () => {
    const bad = await s.api(`/api/v1/campaigns/${campaignId}/me?limit=0&window=12`, { headers: { 'accept-language': 'en' } });
    expect(bad.status).toBe(400);
    expect((await json<{ error: { details: Problem[] } }>(bad)).error.details.map((d) => d.field).sort()).toEqual(['limit', 'window']);

    const w = (await json<{ workshops: Array<{ id: string }> }>(await s.api(`/api/v1/campaigns/${campaignId}/workshops`))).workshops[0]!;
    const participants = `/api/v1/campaigns/${campaignId}/workshops/${w.id}/participants`;
    const badEmail = await s.api(participants, {
      method: 'POST',
      headers: { 'accept-language': 'id' },
      json: { name: 'Dedi', group: 'ngo', consent: true, email: 'bukan-alamat' },
    });
    expect(badEmail.status).toBe(400);
    const details = (await json<{ error: { details: Problem[] } }>(badEmail)).error.details;
    expect(details.map((d) => d.field)).toEqual(['email']);
    expect(details[0]!.message).toBe('harus berupa alamat e-mail');
    const list = await json<{ participants: Array<{ name: string; email?: string }> }>(await s.api(participants));
    expect(list.participants.map((p) => p.name)).toEqual(['Ani', 'Budi', 'Citra']);
    // Managers see the link; the address is stored normalised.
    expect(list.participants.map((p) => p.email)).toEqual(['ani@example.org', 'budi@example.org', 'citra@example.org']);
  });

  it('gives a participant no address of anyone through the participants list', async () => {
    const w = (await json<{ workshops: Array<{ id: string }> }>(await s.api(`/api/v1/campaigns/${campaignId}/workshops`))).workshops[0]!;
    const res = await s.api(`/api/v1/campaigns/${campaignId}/workshops/${w.id}/participants`, { token: null, headers: { cookie: cookies.get('ani')! } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('@example.org');
    expect(JSON.parse(text)).toMatchObject({ visibility: 'counts', count: 3 });
  });
});
