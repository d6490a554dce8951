import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RATE_LIMITS, startService, type RunningService } from '../helpers/service.js';

/**
 * An import is its campaign's own assertion (issue: an import into one campaign rewrote another's
 * posts). Two participants, each the owner of one campaign: the owner of A imports a row whose
 * platform and post id equal a post campaign B imported, with other figures, text, link and
 * author. B's figures, posts, export and contributors stay exactly as they were; A shows its own
 * row; the import is audited in A and not in B.
 */

const PASSWORD = 'import-isolation-password-0';
type Json = Record<string, unknown>;

let svc: RunningService;
beforeAll(async () => {
  svc = await startService({ rateLimits: NO_RATE_LIMITS });
});
afterAll(async () => svc?.close());

async function ok<T = Json>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text) as T;
}

/** A participant with an API token, owner of one campaign. */
async function owner(email: string, campaignId: string): Promise<string> {
  await ok(await svc.api('/api/v1/users', { method: 'POST', json: { email, name: email, role: 'participant', password: PASSWORD } }), 201);
  const signIn = await svc.api('/api/v1/session', { method: 'POST', token: null, json: { email, password: PASSWORD } });
  const { csrfToken } = await ok<{ csrfToken: string }>(signIn);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { token } = await ok<{ token: { token: string } }>(
    await svc.api('/api/v1/tokens', { method: 'POST', token: null, headers: { cookie, 'x-csrf-token': csrfToken }, json: { name: 'import' } }),
    201,
  );
  await ok(await svc.api(`/api/v1/campaigns/${campaignId}/members`, { method: 'POST', json: { email, own: true } }), 202);
  return token.token;
}

async function campaign(name: string): Promise<string> {
  const input = { name, hashtags: ['#SocMed4SocGood'], startsAt: '2015-01-13T00:00:00+07:00', cities: ['73.71', '91.71'] };
  return (await ok<{ campaign: { id: string } }>(await svc.api('/api/v1/campaigns', { method: 'POST', json: input }), 201)).campaign.id;
}

const COLUMNS = 'platform,post_id,url,created_at,text,author_id,author_handle,author_name,author_followers,likes,reposts,views,city';
const importCsv = (campaignId: string, token: string, row: string) =>
  svc.api(`/api/v1/campaigns/${campaignId}/import`, { method: 'POST', token, body: `${COLUMNS}\n${row}\n`, headers: { 'content-type': 'text/csv' } });

/** Everything campaign `id` shows about its posts, read by the operator. */
async function shows(id: string) {
  const base = `/api/v1/campaigns/${id}`;
  const { computedAt: _at, ...summary } = await ok<Json>(await svc.api(`${base}/metrics/summary?from=2015-01-01&to=2016-01-01`));
  return {
    summary,
    byCity: (await ok<Json>(await svc.api(`${base}/metrics/breakdown?by=city&from=2015-01-01&to=2016-01-01`))).rows,
    posts: (await ok<Json>(await svc.api(`${base}/posts?sort=engagement&from=2015-01-01&to=2016-01-01`))).posts,
    contributors: (await ok<Json>(await svc.api(`${base}/contributors?from=2015-01-01&to=2016-01-01`))).contributors,
    csv: await ok<string>(await svc.api(`${base}/export.csv?from=2015-01-01&to=2016-01-01`)),
  };
}

async function auditOf(id: string): Promise<Array<{ action: string; actor: { userId: string | null } }>> {
  return (await ok<{ entries: Array<{ action: string; actor: { userId: string | null } }> }>(await svc.api(`/api/v1/audit?targetType=campaign&targetId=${id}`)))
    .entries;
}

describe('an import into one campaign', () => {
  it('never changes what another campaign shows, and is audited in its own campaign only', async () => {
    const [a, b] = [await campaign('Campaign A'), await campaign('Campaign B')];
    const tokenB = await owner('owner-b@example.com', b);
    const tokenA = await owner('owner-a@example.com', a);
    // Owner A cannot read B at all.
    expect([403, 404]).toContain((await svc.api(`/api/v1/campaigns/${b}/posts`, { token: tokenA })).status);

    const rowB = 'instagram,C1,https://instagram.example/p/C1,2015-01-20T10:00:00+07:00,#SocMed4SocGood kelas literasi,ig-ani,ani,Ani,300,10,5,,73.71';
    expect(await ok<Json>(await importCsv(b, tokenB, rowB))).toMatchObject({ imported: 1, duplicates: 0 });
    const before = await shows(b);
    expect(before.summary).toMatchObject({ posts: 1, engagement: 15, reach: 300 });
    const auditB = await auditOf(b);

    // The same platform and post id, later, with a phishing link, a million likes and another author profile.
    const rowA =
      'instagram,C1,https://phishing.example/login,2015-01-20T10:00:00+07:00,#SocMed4SocGood rewritten,ig-ani,someone-else,Someone Else,9000000,1000000,4,5000000,91.71';
    expect(await ok<Json>(await importCsv(a, tokenA, rowA))).toMatchObject({ imported: 1, duplicates: 0, rejected: [] });

    const after = await shows(b);
    expect(after).toEqual(before);
    expect(after.csv).not.toContain('phishing');
    expect(JSON.stringify(after.posts)).toContain('https://instagram.example/p/C1');

    const inA = await shows(a);
    expect(inA.summary).toMatchObject({ posts: 1, engagement: 1_000_004, reach: 9_000_000 });
    expect(inA.csv).toContain('https://phishing.example/login');
    expect(JSON.stringify(inA.contributors)).toContain('someone-else');

    const userA = (await ok<{ user: { id: string } }>(await svc.api('/api/v1/session', { token: tokenA }))).user.id;
    expect((await auditOf(a)).filter((e) => e.action === 'campaign.import' && e.actor.userId === userA)).toHaveLength(1);
    expect(await auditOf(b)).toEqual(auditB);
    expect((await auditOf(b)).some((e) => e.actor.userId === userA)).toBe(false);
  });
});
