import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartSpec } from '../../src/charts/shared-modules.js';
import { apiRoutes } from '../../src/http/create-app.js';
import { hashSecret, newSecret } from '../../src/services/auth/secrets.js';
import { NO_RATE_LIMITS, startService, TEST_TOKEN, type RunningService } from '../helpers/service.js';

/**
 * Every route of the API × every kind of caller, with the status each must get. The table below is
 * written out by hand (it is the expectation, not a copy of the rules it checks), and the first
 * test fails when a route exists without its row, or a row without its route.
 */

const PRINCIPALS = [
  'none',
  'operator',
  'admin',
  'manager',
  'managerCookie',
  'managerOther',
  'participantOwn',
  'participant',
  'viewer',
  'outsider',
  'shareA',
  'shareAExport',
  'shareB',
  'expiredLink',
  'revokedLink',
  'revokedToken',
] as const;
type Who = (typeof PRINCIPALS)[number];

/** Callers whose credential is not (or no longer) valid: 401 wherever a credential is needed. */
const UNAUTHENTICATED: readonly Who[] = ['none', 'expiredLink', 'revokedLink', 'revokedToken'];
const ALL_VALID = PRINCIPALS.filter((p) => !UNAUTHENTICATED.includes(p));
const SIGNED_IN: readonly Who[] = ['operator', 'admin', 'manager', 'managerCookie', 'managerOther', 'participantOwn', 'participant', 'viewer', 'outsider'];
const USERS = SIGNED_IN.filter((p) => p !== 'operator');
const ADMINS: readonly Who[] = ['operator', 'admin'];
const CREATORS: readonly Who[] = ['operator', 'admin', 'manager', 'managerCookie', 'managerOther'];
/** Campaign A's members, and the admins. */
const MEMBERS_A: readonly Who[] = ['operator', 'admin', 'manager', 'managerCookie', 'participantOwn', 'participant', 'viewer'];
const REPORT_A: readonly Who[] = [...MEMBERS_A, 'shareA', 'shareAExport'];
const EDIT_A: readonly Who[] = ['operator', 'admin', 'manager', 'managerCookie', 'participantOwn'];
const MANAGE_A: readonly Who[] = ['operator', 'admin', 'manager', 'managerCookie'];

interface Ctx {
  s: RunningService;
  a: string;
  bystander: { id: string; email: string };
  /** A token of the bystander's, made fresh for a request that revokes it. */
  freshToken(): Promise<string>;
  freshLink(): Promise<string>;
  addBystander(): Promise<void>;
  /** An alert rule of campaign A, written to the store. */
  freshAlert(): Promise<string>;
  /** Deletes campaign A's alert rules, so the next caller is not refused for the limit of 20. */
  clearAlerts(): Promise<void>;
}

interface Row {
  /** Callers that get `ok`; every other valid caller gets 403, or `othersSignedIn` when signed in. */
  allowed: readonly Who[];
  ok: number;
  othersSignedIn?: number;
  request(ctx: Ctx): Promise<{ path: string; body?: unknown }> | { path: string; body?: unknown };
  /** Puts back what an allowed request changed, so the next caller meets the same state. */
  after?(ctx: Ctx): Promise<void>;
}

const PASSWORD = 'matrix-password-0123';
/** A PNG's signature and a few bytes: what the logo route checks. */
const MATRIX_PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
let emails = 0;
let fresh = 0;
const summary = 'metrics/summary';

/** A workshop of campaign A written to the store (a fresh one for a request that deletes it). */
async function workshopOf(c: Ctx, id = 'matrix-w'): Promise<string> {
  if ((await c.s.rt.store.workshops.getWorkshop(c.a, id)) === null) {
    const at = new Date().toISOString();
    await c.s.rt.store.workshops.createWorkshop({
      id,
      campaignId: c.a,
      name: 'Matrix',
      city: '53.71',
      startsAt: '2015-01-14T00:00:00Z',
      endsAt: '2015-01-14T08:00:00Z',
      venue: null,
      capacity: null,
      createdAt: at,
      updatedAt: at,
    });
  }
  return id;
}
async function participantOf(c: Ctx): Promise<string> {
  const w = await workshopOf(c);
  const id = `matrix-p-${fresh++}`;
  await c.s.rt.store.workshops.addParticipants([
    { id, campaignId: c.a, workshopId: w, name: 'P', group: 'other', accounts: [], consent: true, addedAt: new Date().toISOString() },
  ]);
  return id;
}
const workshops = (c: Ctx) => `/api/v1/campaigns/${c.a}/workshops`;

const TABLE: Record<string, Row> = {
  'POST /api/v1/session': {
    allowed: PRINCIPALS,
    ok: 200,
    request: () => ({ path: '/api/v1/session', body: { email: 'manager@matrix.test', password: PASSWORD } }),
  },
  'GET /api/v1/session': { allowed: ALL_VALID, ok: 200, request: () => ({ path: '/api/v1/session' }) },
  'DELETE /api/v1/session': { allowed: SIGNED_IN, ok: 204, request: () => ({ path: '/api/v1/session' }) },
  'POST /api/v1/me/password': {
    allowed: USERS,
    ok: 204,
    request: () => ({ path: '/api/v1/me/password', body: { currentPassword: PASSWORD, newPassword: PASSWORD } }),
  },
  'GET /api/v1/users': { allowed: ADMINS, ok: 200, request: () => ({ path: '/api/v1/users' }) },
  'POST /api/v1/users': {
    allowed: ADMINS,
    ok: 201,
    request: () => ({ path: '/api/v1/users', body: { email: `new${emails++}@matrix.test`, name: 'New', role: 'viewer', password: PASSWORD } }),
  },
  'GET /api/v1/users/:userId': { allowed: ADMINS, ok: 200, request: (c) => ({ path: `/api/v1/users/${c.bystander.id}` }) },
  'PATCH /api/v1/users/:userId': { allowed: ADMINS, ok: 200, request: (c) => ({ path: `/api/v1/users/${c.bystander.id}`, body: { name: 'Bystander' } }) },
  'POST /api/v1/users/:userId/password-reset': { allowed: ADMINS, ok: 200, request: (c) => ({ path: `/api/v1/users/${c.bystander.id}/password-reset` }) },
  'GET /api/v1/tokens': { allowed: SIGNED_IN, ok: 200, request: () => ({ path: '/api/v1/tokens' }) },
  // A token cannot mint tokens: only a user signed in with a session can.
  'POST /api/v1/tokens': { allowed: ['managerCookie'], ok: 201, request: () => ({ path: '/api/v1/tokens', body: { name: 'matrix' } }) },
  // Someone else's token is not there for anyone but an admin.
  'DELETE /api/v1/tokens/:tokenId': {
    allowed: ADMINS,
    ok: 204,
    othersSignedIn: 404,
    request: async (c) => ({ path: `/api/v1/tokens/${await c.freshToken()}` }),
  },
  'GET /api/v1/audit': { allowed: ADMINS, ok: 200, request: () => ({ path: '/api/v1/audit' }) },
  'GET /api/v1/campaigns': { allowed: SIGNED_IN, ok: 200, request: () => ({ path: '/api/v1/campaigns' }) },
  'POST /api/v1/campaigns': { allowed: CREATORS, ok: 201, request: () => ({ path: '/api/v1/campaigns', body: { name: 'Matrix', hashtags: ['#Matrix'] } }) },
  'GET /api/v1/campaigns/:id': { allowed: REPORT_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}` }) },
  'PATCH /api/v1/campaigns/:id': { allowed: EDIT_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}`, body: { schedule: '*/15 * * * *' } }) },
  'DELETE /api/v1/campaigns/:id': {
    allowed: MANAGE_A,
    ok: 204,
    request: (c) => ({ path: `/api/v1/campaigns/${c.a}` }),
    after: async (c) => {
      const campaign = await c.s.rt.store.getCampaign(c.a);
      if (campaign?.status === 'archived') await c.s.rt.store.updateCampaign({ ...campaign, status: 'active' });
    },
  },
  'POST /api/v1/campaigns/:id/logo': { allowed: EDIT_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/logo`, body: MATRIX_PNG }) },
  'DELETE /api/v1/campaigns/:id/logo': { allowed: EDIT_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/logo` }) },
  'GET /api/v1/campaigns/:id/logo': {
    allowed: REPORT_A,
    ok: 200,
    request: async (c) => {
      // A logo to read, whatever the rows before left.
      const campaign = (await c.s.rt.store.getCampaign(c.a))!;
      const updatedAt = new Date().toISOString();
      const logo = { contentType: 'image/png' as const, bytes: MATRIX_PNG, updatedAt };
      await c.s.rt.store.saveLogo({ ...campaign, logo: { contentType: 'image/png', size: MATRIX_PNG.length, updatedAt } }, logo);
      return { path: `/api/v1/campaigns/${c.a}/logo` };
    },
  },
  'POST /api/v1/campaigns/:id/collect': { allowed: EDIT_A, ok: 202, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/collect` }) },
  'GET /api/v1/campaigns/:id/runs': { allowed: MEMBERS_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/runs` }) },
  'GET /api/v1/campaigns/:id/members': { allowed: MANAGE_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/members` }) },
  'POST /api/v1/campaigns/:id/members': {
    allowed: MANAGE_A,
    ok: 202,
    request: (c) => ({ path: `/api/v1/campaigns/${c.a}/members`, body: { email: c.bystander.email, own: false } }),
  },
  'DELETE /api/v1/campaigns/:id/members/:userId': {
    allowed: MANAGE_A,
    ok: 204,
    request: async (c) => {
      await c.addBystander();
      return { path: `/api/v1/campaigns/${c.a}/members/${c.bystander.id}` };
    },
  },
  'GET /api/v1/campaigns/:id/share-links': { allowed: MANAGE_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/share-links` }) },
  'POST /api/v1/campaigns/:id/share-links': {
    allowed: MANAGE_A,
    ok: 201,
    request: (c) => ({ path: `/api/v1/campaigns/${c.a}/share-links`, body: { label: 'Matrix', expiresAt: new Date(Date.now() + 86_400_000).toISOString() } }),
  },
  'DELETE /api/v1/campaigns/:id/share-links/:linkId': {
    allowed: MANAGE_A,
    ok: 204,
    request: async (c) => ({ path: `/api/v1/campaigns/${c.a}/share-links/${await c.freshLink()}` }),
  },
  'GET /api/v1/campaigns/:id/alerts': { allowed: MANAGE_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/alerts` }) },
  'POST /api/v1/campaigns/:id/alerts': {
    allowed: MANAGE_A,
    ok: 201,
    request: (c) => ({
      path: `/api/v1/campaigns/${c.a}/alerts`,
      body: {
        kind: 'quiet',
        params: { hours: 6 },
        channels: [{ type: 'webhook', url: 'https://hooks.example.org/matrix' }],
        locale: 'id',
        cooldownMinutes: 60,
      },
    }),
    after: (c) => c.clearAlerts(),
  },
  'GET /api/v1/campaigns/:id/alerts/deliveries': {
    allowed: MANAGE_A,
    ok: 200,
    request: (c) => ({ path: `/api/v1/campaigns/${c.a}/alerts/deliveries` }),
  },
  'PATCH /api/v1/campaigns/:id/alerts/:alertId': {
    allowed: MANAGE_A,
    ok: 200,
    request: async (c) => ({ path: `/api/v1/campaigns/${c.a}/alerts/${await c.freshAlert()}`, body: { cooldownMinutes: 30 } }),
    after: (c) => c.clearAlerts(),
  },
  'DELETE /api/v1/campaigns/:id/alerts/:alertId': {
    allowed: MANAGE_A,
    ok: 204,
    request: async (c) => ({ path: `/api/v1/campaigns/${c.a}/alerts/${await c.freshAlert()}` }),
    after: (c) => c.clearAlerts(),
  },
  'GET /api/v1/campaigns/:id/metrics/summary': { allowed: REPORT_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/${summary}` }) },
  'GET /api/v1/campaigns/:id/metrics/breakdown': {
    allowed: REPORT_A,
    ok: 200,
    request: (c) => ({ path: `/api/v1/campaigns/${c.a}/metrics/breakdown?by=city` }),
  },
  'GET /api/v1/campaigns/:id/metrics/timeseries': {
    allowed: REPORT_A,
    ok: 200,
    request: (c) => ({ path: `/api/v1/campaigns/${c.a}/metrics/timeseries?interval=day` }),
  },
  'GET /api/v1/campaigns/:id/metrics/matrix': {
    allowed: REPORT_A,
    ok: 200,
    request: (c) => ({ path: `/api/v1/campaigns/${c.a}/metrics/matrix?rows=city&cols=topic&value=posts` }),
  },
  'GET /api/v1/campaigns/:id/metrics/spikes': {
    allowed: REPORT_A,
    ok: 200,
    request: (c) => ({ path: `/api/v1/campaigns/${c.a}/metrics/spikes?interval=day` }),
  },
  'GET /api/v1/campaigns/:id/network': { allowed: REPORT_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/network?limit=10` }) },
  'GET /api/v1/campaigns/:id/network.gexf': { allowed: REPORT_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/network.gexf` }) },
  'GET /api/v1/campaigns/:id/posts': { allowed: REPORT_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/posts?limit=2` }) },
  'GET /api/v1/campaigns/:id/contributors': { allowed: REPORT_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/contributors?limit=2` }) },
  'PATCH /api/v1/campaigns/:id/posts/:platform/:postId': {
    allowed: EDIT_A,
    ok: 200,
    request: async (c) => {
      const [item] = await c.s.rt.store.listPosts({ campaignId: c.a, filter: {}, sort: 'recent', limit: 1 });
      return { path: `/api/v1/campaigns/${c.a}/posts/${item!.post.platform}/${encodeURIComponent(item!.post.postId)}`, body: { sentiment: null } };
    },
  },
  'GET /api/v1/campaigns/:id/metrics/terms': {
    allowed: REPORT_A,
    ok: 200,
    request: (c) => ({ path: `/api/v1/campaigns/${c.a}/metrics/terms?kind=hashtag&limit=5` }),
  },
  'GET /api/v1/campaigns/:id/export.csv': {
    // Members who are not managers export only when a manager granted it (nobody here was granted).
    allowed: [...MANAGE_A, 'shareAExport'],
    ok: 200,
    request: (c) => ({ path: `/api/v1/campaigns/${c.a}/export.csv?city=73.71` }),
  },
  'POST /api/v1/campaigns/:id/import': {
    allowed: EDIT_A,
    ok: 200,
    request: (c) => ({
      path: `/api/v1/campaigns/${c.a}/import`,
      body: {
        posts: [
          {
            platform: 'instagram',
            post_id: 'matrix-1',
            created_at: '2015-01-25T09:00:00+07:00',
            text: 'Matrix #SocMed4SocGood',
            author_id: 'ig-matrix',
            likes: 1,
          },
        ],
      },
    }),
  },
  'GET /api/v1/campaigns/:id/charts/:chart.png': {
    allowed: REPORT_A,
    ok: 200,
    request: (c) => ({ path: `/api/v1/campaigns/${c.a}/charts/${chartSpec.CHART_IDS[0]}.png?size=square` }),
  },
  'GET /api/v1/cities': { allowed: ALL_VALID, ok: 200, request: () => ({ path: '/api/v1/cities' }) },
  'GET /api/v1/sources': { allowed: SIGNED_IN, ok: 200, request: () => ({ path: '/api/v1/sources' }) },
  'GET /api/v1/topics/defaults': { allowed: SIGNED_IN, ok: 200, request: () => ({ path: '/api/v1/topics/defaults' }) },
  'GET /api/v1/campaigns/:id/workshops': { allowed: REPORT_A, ok: 200, request: (c) => ({ path: workshops(c) }) },
  'POST /api/v1/campaigns/:id/workshops': {
    allowed: MANAGE_A,
    ok: 201,
    request: (c) => ({
      path: workshops(c),
      body: { name: 'Kupang', city: '53.71', startsAt: '2015-01-14T09:00:00+08:00', endsAt: '2015-01-14T17:00:00+08:00' },
    }),
  },
  'GET /api/v1/campaigns/:id/workshops/:workshopId': { allowed: REPORT_A, ok: 200, request: async (c) => ({ path: `${workshops(c)}/${await workshopOf(c)}` }) },
  'PATCH /api/v1/campaigns/:id/workshops/:workshopId': {
    allowed: MANAGE_A,
    ok: 200,
    request: async (c) => ({ path: `${workshops(c)}/${await workshopOf(c)}`, body: { venue: 'Undana' } }),
  },
  'DELETE /api/v1/campaigns/:id/workshops/:workshopId': {
    allowed: MANAGE_A,
    ok: 204,
    request: async (c) => ({ path: `${workshops(c)}/${await workshopOf(c, `matrix-w-${fresh++}`)}` }),
  },
  'GET /api/v1/campaigns/:id/workshops/:workshopId/participants': {
    allowed: REPORT_A,
    ok: 200,
    request: async (c) => ({ path: `${workshops(c)}/${await workshopOf(c)}/participants` }),
  },
  'POST /api/v1/campaigns/:id/workshops/:workshopId/participants': {
    allowed: MANAGE_A,
    ok: 201,
    request: async (c) => ({
      path: `${workshops(c)}/${await workshopOf(c)}/participants`,
      body: { name: 'Ani', group: 'teacher', accounts: [{ platform: 'instagram', handle: '@ani' }], consent: true },
    }),
  },
  'DELETE /api/v1/campaigns/:id/workshops/:workshopId/participants/:participantId': {
    allowed: MANAGE_A,
    ok: 204,
    request: async (c) => ({ path: `${workshops(c)}/${await workshopOf(c)}/participants/${await participantOf(c)}` }),
  },
  'GET /api/v1/campaigns/:id/workshops/:workshopId/metrics': {
    allowed: REPORT_A,
    ok: 200,
    request: async (c) => ({ path: `${workshops(c)}/${await workshopOf(c)}/metrics?window=7` }),
  },
  // A member's own page: share links have no user, so no page of their own.
  'GET /api/v1/campaigns/:id/me': { allowed: MEMBERS_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/me` }) },
  'GET /api/v1/campaigns/:id/metrics/workshops': {
    allowed: REPORT_A,
    ok: 200,
    request: (c) => ({ path: `/api/v1/campaigns/${c.a}/metrics/workshops?window=30` }),
  },
  'POST /api/v1/campaigns/:id/chat-import': {
    allowed: MANAGE_A,
    ok: 200,
    request: (c) => ({ path: `/api/v1/campaigns/${c.a}/chat-import`, body: new TextEncoder().encode('12/01/2024, 09.15 - Ani: Kapan mulai?\n') }),
  },
  'GET /api/v1/campaigns/:id/chat-activity': { allowed: REPORT_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/chat-activity` }) },
  'GET /api/v1/campaigns/:id/chat-facilitators': { allowed: MANAGE_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/chat-facilitators` }) },
  'PUT /api/v1/campaigns/:id/chat-facilitators': {
    allowed: MANAGE_A,
    ok: 200,
    request: (c) => ({ path: `/api/v1/campaigns/${c.a}/chat-facilitators`, body: { facilitators: ['Kak Rina'] } }),
  },
  'DELETE /api/v1/campaigns/:id/chat-messages': { allowed: MANAGE_A, ok: 200, request: (c) => ({ path: `/api/v1/campaigns/${c.a}/chat-messages` }) },
  // What an import file looks like is no secret: the sign-in page's visitors may read it too.
  'GET /api/v1/import/columns': { allowed: PRINCIPALS, ok: 200, request: () => ({ path: '/api/v1/import/columns' }) },
  'GET /api/v1/import/template.csv': { allowed: PRINCIPALS, ok: 200, request: () => ({ path: '/api/v1/import/template.csv' }) },
};

describe('authorization matrix: every route × every caller', () => {
  let s: RunningService;
  let ctx: Ctx;
  const bearer = new Map<Who, string>();
  let cookie: { value: string; csrf: string } | undefined;

  const send = (method: string, path: string, init: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {}) =>
    s.api(path, {
      method,
      token: init.token === undefined ? undefined : init.token,
      // Bytes go as they are (a logo), anything else as JSON.
      ...(init.body instanceof Uint8Array ? { body: new Uint8Array(init.body) } : init.body !== undefined ? { json: init.body } : {}),
      headers: { ...(init.body instanceof Uint8Array ? { 'content-type': 'image/png' } : {}), ...(init.headers ?? {}) },
    });
  const ok = async (res: Response) => {
    if (res.status >= 300) throw new Error(`setup request failed: ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : ((await res.json()) as Record<string, Record<string, string>>);
  };
  const signInManager = async () => {
    const res = await send('POST', '/api/v1/session', { token: null, body: { email: 'manager@matrix.test', password: PASSWORD } });
    const body = await ok(res);
    cookie = { value: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: String(body?.csrfToken) };
  };

  beforeAll(async () => {
    s = await startService({ demo: true, rateLimits: NO_RATE_LIMITS });
    const campaigns = (await ok(await send('GET', '/api/v1/campaigns'))) as unknown as { campaigns: Array<{ id: string }> };
    const a = campaigns.campaigns[0]!.id;
    const b = ((await ok(await send('POST', '/api/v1/campaigns', { body: { name: 'B', hashtags: ['#B'] } }))) as { campaign: { id: string } }).campaign.id;
    const users: Record<string, { id: string; email: string }> = {};
    const roles: Record<string, string> = {
      admin: 'admin',
      manager: 'manager',
      managerOther: 'manager',
      participantOwn: 'participant',
      participant: 'participant',
      viewer: 'viewer',
      outsider: 'viewer',
      bystander: 'viewer',
      revoked: 'manager',
    };
    for (const [who, role] of Object.entries(roles)) {
      const email = `${who.toLowerCase()}@matrix.test`;
      users[who] = (
        (await ok(await send('POST', '/api/v1/users', { body: { email, name: who, role, password: PASSWORD } }))) as { user: { id: string; email: string } }
      ).user;
    }
    const member = async (who: string, own: boolean) => ok(await send('POST', `/api/v1/campaigns/${a}/members`, { body: { email: users[who]!.email, own } }));
    await member('manager', true);
    await member('participantOwn', true);
    await member('participant', false);
    await member('viewer', false);
    await member('revoked', true);
    await ok(await send('POST', `/api/v1/campaigns/${b}/members`, { body: { email: users.managerOther!.email, own: true } }));

    // Each user's own API token, made through their own session as a person would.
    for (const who of ['admin', 'manager', 'managerOther', 'participantOwn', 'participant', 'viewer', 'outsider', 'revoked']) {
      const signIn = await send('POST', '/api/v1/session', { token: null, body: { email: users[who]!.email, password: PASSWORD } });
      const session = await ok(signIn);
      const headers = { cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': String(session?.csrfToken) };
      const token = (
        (await ok(await send('POST', '/api/v1/tokens', { token: null, headers, body: { name: 'matrix' } }))) as { token: { id: string; token: string } }
      ).token;
      if (who === 'revoked') {
        await ok(await send('DELETE', `/api/v1/tokens/${token.id}`));
        bearer.set('revokedToken', token.token);
      } else bearer.set(who as Who, token.token);
    }
    bearer.set('operator', TEST_TOKEN);
    const link = async (campaign: string, allowExport: boolean) =>
      (
        (await ok(await send('POST', `/api/v1/campaigns/${campaign}/share-links`, { body: { label: 'L', expiresAt: '2027-12-31', allowExport } }))) as {
          link: { id: string; token: string };
        }
      ).link;
    bearer.set('shareA', (await link(a, false)).token);
    bearer.set('shareAExport', (await link(a, true)).token);
    bearer.set('shareB', (await link(b, false)).token);
    const revoked = await link(a, false);
    await ok(await send('DELETE', `/api/v1/campaigns/${a}/share-links/${revoked.id}`));
    bearer.set('revokedLink', revoked.token);
    // An expired link cannot be made through the API (expiry must be in the future): it is written to the store.
    const expired = newSecret('share');
    await s.rt.store.accounts.createShareLink({
      id: 'expired-link',
      campaignId: a,
      tokenHash: hashSecret(expired.secret),
      prefix: expired.prefix,
      label: 'old',
      from: null,
      to: null,
      expiresAt: '2020-01-01T00:00:00Z',
      allowExport: true,
      createdBy: 'operator',
      createdAt: '2019-12-01T00:00:00Z',
      revokedAt: null,
      lastUsedAt: null,
    });
    bearer.set('expiredLink', expired.secret);
    await signInManager();

    const bystander = users.bystander!;
    ctx = {
      s,
      a,
      bystander,
      freshToken: async () => {
        const t = newSecret('token');
        const id = `fresh-${fresh++}`;
        await s.rt.store.accounts.createToken({
          id,
          userId: bystander.id,
          name: 'x',
          tokenHash: t.hash,
          prefix: t.prefix,
          createdAt: new Date().toISOString(),
          expiresAt: null,
          lastUsedAt: null,
          revokedAt: null,
        });
        return id;
      },
      freshLink: async () => (await link(a, false)).id,
      addBystander: async () => {
        await member('bystander', false);
      },
      freshAlert: async () => {
        const id = `alert-${fresh++}`;
        const at = new Date().toISOString();
        await s.rt.store.alerts.createAlert(
          {
            id,
            campaignId: a,
            kind: 'quiet',
            params: { hours: 6 },
            channels: [{ type: 'webhook', url: 'https://hooks.example.org/matrix' }],
            locale: 'id',
            cooldownMinutes: 60,
            enabled: true,
            createdAt: at,
            updatedAt: at,
          },
          1_000,
        );
        return id;
      },
      clearAlerts: async () => {
        for (const alert of await s.rt.store.alerts.listAlerts(a)) await s.rt.store.alerts.deleteAlert(a, alert.id);
      },
    };
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('has one row for every route of the API, and no row without a route', () => {
    const routes = apiRoutes(s.rt.http).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(Object.keys(TABLE).sort()).toEqual([...routes].sort());
  });

  /** The request as one caller makes it; the cookie caller signs in again when a previous row ended the session. */
  async function call(who: Who, method: string, path: string, body: unknown): Promise<Response> {
    if (who === 'none') return send(method, path, { token: null, body });
    if (who === 'managerCookie') {
      if (!cookie || (await send('GET', '/api/v1/session', { token: null, headers: { cookie: cookie.value } })).status !== 200) await signInManager();
      return send(method, path, { token: null, body, headers: { cookie: cookie!.value, 'x-csrf-token': cookie!.csrf } });
    }
    return send(method, path, { token: bearer.get(who)!, body });
  }

  for (const [route, row] of Object.entries(TABLE)) {
    it(
      route,
      async () => {
        const [method] = route.split(' ') as [string];
        const got: Record<string, number> = {};
        const want: Record<string, number> = {};
        for (const who of PRINCIPALS) {
          const { path, body } = await row.request(ctx);
          const res = await call(who, method, path, body);
          await res.arrayBuffer();
          got[who] = res.status;
          want[who] = row.allowed.includes(who) ? row.ok : UNAUTHENTICATED.includes(who) ? 401 : SIGNED_IN.includes(who) ? (row.othersSignedIn ?? 403) : 403;
          if (row.allowed.includes(who)) await row.after?.(ctx);
        }
        expect(got).toEqual(want);
      },
      60_000,
    );
  }

  it('a cookie write without the CSRF header is refused and changes nothing', async () => {
    const before = await s.rt.store.getCampaign(ctx.a);
    if (!cookie) await signInManager();
    const res = await send('PATCH', `/api/v1/campaigns/${ctx.a}`, { token: null, body: { name: 'Hijacked' }, headers: { cookie: cookie!.value } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
    expect(await s.rt.store.getCampaign(ctx.a)).toEqual(before);
  });
});
