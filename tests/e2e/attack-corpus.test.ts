/// <reference lib="dom" />
import http from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedReads, attackCorpus, crossCampaignWrites, type AttackCase, type Caller, type CorpusContext } from '../fixtures/attack-corpus.js';
import { launchBrowser, VIEWPORTS, watchPage } from '../helpers/browser.js';
import { NO_RATE_LIMITS, startService, TEST_TOKEN, type RunningService } from '../helpers/service.js';

/**
 * The API under attack: a corpus of hostile inputs (tests/fixtures/attack-corpus.ts), each refused
 * with the status it deserves and never a 5xx, and all of them together changing nothing anyone
 * can observe. Then script payloads stored where the API rightly accepts them (names are escaped
 * on output, not refused) and the dashboard opened on them in headless Chromium: nothing runs.
 */

const PASSWORD = 'attack-corpus-password-0';
/** High enough that hundreds of bad credentials from one address stay 401s, never 429s. */

type Json = Record<string, unknown>;
/** Audit entries that record a refusal rather than a change. */
const REFUSALS = new Set(['request.refused', 'session.sign-in-failed']);
interface Answer {
  status: number;
  contentType: string;
  text: string;
}

let s: RunningService;
let ctx: CorpusContext;
/** The Authorization or Cookie header of each caller. */
let credentials: Record<Caller, Record<string, string>>;

/** node:http rather than fetch: paths go out exactly as written (`..`, `%2e`, malformed escapes), bodies as raw bytes. */
function send(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  const url = new URL(s.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path, agent: false, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? '', text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function api<T = Json>(path: string, init: Parameters<RunningService['api']>[1] = {}, status = 200): Promise<T> {
  const res = await s.api(path, init);
  const text = await res.text();
  expect(res.status, `${init.method ?? 'GET'} ${path}: ${text.slice(0, 300)}`).toBe(status);
  return (text ? JSON.parse(text) : {}) as T;
}

/** Signs a user in: their session cookie and its CSRF token. */
async function signIn(email: string): Promise<{ cookie: string; csrf: string }> {
  const res = await s.api('/api/v1/session', { method: 'POST', token: null, json: { email, password: PASSWORD } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
}

async function userWithToken(
  email: string,
  role: string,
): Promise<{ id: string; email: string; token: string; tokenId: string; session: { cookie: string; csrf: string } }> {
  const { user } = await api<{ user: { id: string } }>('/api/v1/users', { method: 'POST', json: { email, name: role, role, password: PASSWORD } }, 201);
  const session = await signIn(email);
  const { token } = await api<{ token: { id: string; token: string } }>(
    '/api/v1/tokens',
    { method: 'POST', token: null, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf }, json: { name: `${role} token` } },
    201,
  );
  return { id: user.id, email, token: token.token, tokenId: token.id, session };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Users, tokens, memberships, share links and a cookie session for the corpus to attack. */
async function setUp(): Promise<CorpusContext> {
  const { campaigns } = await api<{ campaigns: Array<{ id: string; demo: boolean }> }>('/api/v1/campaigns');
  const demoId = campaigns.find((c) => c.demo)!.id;
  const other = await api<{ campaign: { id: string } }>(
    '/api/v1/campaigns',
    { method: 'POST', json: { name: 'Other campaign', hashtags: ['#OtherCampaign'] } },
    201,
  );
  const archived = await api<{ campaign: { id: string } }>(
    '/api/v1/campaigns',
    { method: 'POST', json: { name: 'Archived campaign', hashtags: ['#Archived'] } },
    201,
  );
  await api(`/api/v1/campaigns/${archived.campaign.id}`, { method: 'DELETE' }, 204);
  const owned = await api<{ campaign: { id: string } }>(
    '/api/v1/campaigns',
    { method: 'POST', json: { name: "The participant's campaign", hashtags: ['#SocMed4SocGood'], startsAt: '2015-01-13T00:00:00+07:00' } },
    201,
  );
  // A row the demo campaign imported: the post id other campaigns' imports will name.
  const victimPostId = 'victim-1';
  const victimRow = `platform,post_id,url,created_at,text,author_id,author_handle,author_followers,likes,reposts\ninstagram,${victimPostId},https://instagram.example/p/victim-1,2015-01-14T10:00:00+07:00,#SocMed4SocGood kelas literasi,ig-victim,ani,300,10,5\n`;
  expect(await api(`/api/v1/campaigns/${demoId}/import`, { method: 'POST', body: victimRow, headers: { 'content-type': 'text/csv' } })).toMatchObject({
    imported: 1,
    rejected: [],
  });

  const [manager, participant, viewer] = await Promise.all([
    userWithToken('manager@example.com', 'manager'),
    userWithToken('participant@example.com', 'participant'),
    userWithToken('viewer@example.com', 'viewer'),
  ]);
  await api(`/api/v1/campaigns/${demoId}/members`, { method: 'POST', json: { email: participant.email, own: false } }, 202);
  await api(`/api/v1/campaigns/${demoId}/members`, { method: 'POST', json: { email: viewer.email, own: false } }, 202);
  await api(`/api/v1/campaigns/${other.campaign.id}/members`, { method: 'POST', json: { email: manager.email, own: true } }, 202);
  await api(`/api/v1/campaigns/${owned.campaign.id}/members`, { method: 'POST', json: { email: participant.email, own: true } }, 202);

  const share = await api<{ link: { id: string; token: string } }>(
    `/api/v1/campaigns/${demoId}/share-links`,
    { method: 'POST', json: { label: 'Sponsor', from: '2015-01-13', to: '2015-01-20', expiresAt: inDays(30) } },
    201,
  );
  const otherLink = await api<{ link: { id: string } }>(
    `/api/v1/campaigns/${other.campaign.id}/share-links`,
    { method: 'POST', json: { label: 'Other sponsor', expiresAt: inDays(30) } },
    201,
  );

  credentials = {
    operator: { authorization: `Bearer ${TEST_TOKEN}` },
    manager: { authorization: `Bearer ${manager.token}` },
    participant: { authorization: `Bearer ${participant.token}` },
    viewer: { authorization: `Bearer ${viewer.token}` },
    share: { authorization: `Bearer ${share.link.token}` },
    cookie: { cookie: participant.session.cookie },
    none: {},
  };
  // Each credential used once, so "last used" is already set and stays put through the corpus.
  for (const who of ['manager', 'participant', 'viewer', 'share', 'cookie'] as const) {
    expect((await send('GET', '/api/v1/session', credentials[who])).status).toBe(200);
  }
  return {
    operatorToken: TEST_TOKEN,
    demoId,
    otherId: other.campaign.id,
    archivedId: archived.campaign.id,
    ownedId: owned.campaign.id,
    victimPostId,
    participant: { id: participant.id, email: participant.email, password: PASSWORD, tokenId: participant.tokenId },
    viewer: { id: viewer.id, email: viewer.email, tokenId: viewer.tokenId },
    manager: { id: manager.id, email: manager.email, tokenId: manager.tokenId },
    shareSecret: share.link.token,
    shareLinkId: share.link.id,
    otherLinkId: otherLink.link.id,
    cookie: participant.session.cookie,
    csrf: participant.session.csrf,
  };
}

/** Everything a caller can observe: campaigns, accounts, links, members, runs, figures, audit log, posts and the live session. */
async function snapshot() {
  const { campaigns } = await api<{ campaigns: Array<{ id: string }> }>('/api/v1/campaigns');
  const perCampaign: Json = {};
  for (const { id } of campaigns) {
    const base = `/api/v1/campaigns/${id}`;
    // A fixed range: an open-ended campaign's default range ends now.
    const { computedAt: _computedAt, ...summary } = await api(`${base}/metrics/summary?from=2000-01-01&to=2100-01-01`);
    perCampaign[id] = {
      campaign: (await api(base)).campaign,
      members: (await api(`${base}/members`)).members,
      links: (await api(`${base}/share-links`)).links,
      runs: (await api<{ runs: unknown[] }>(`${base}/runs?limit=200`)).runs.length,
      summary,
    };
  }
  let auditEntries = 0;
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page: { entries: unknown[]; nextCursor: string | null } = await api(`/api/v1/audit?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    // A refusal is recorded (who was refused what): that is the one trace an attack may leave.
    auditEntries += (page.entries as Array<{ action: string }>).filter((e) => !REFUSALS.has(e.action)).length;
    cursor = page.nextCursor;
  }
  const session = await send('GET', '/api/v1/session', credentials.cookie);
  return {
    campaigns,
    perCampaign,
    users: (await api('/api/v1/users')).users,
    tokens: (await api('/api/v1/tokens?all=true')).tokens,
    auditEntries,
    posts: await s.rt.store.countPosts(),
    session: { status: session.status, kind: (JSON.parse(session.text) as Json).kind },
  };
}

/** What went wrong with one answer, or nothing. */
function check(c: AttackCase, a: Answer): string[] {
  const problems: string[] = [];
  const isApi = c.path.startsWith('/api/');
  if (a.status >= 500) problems.push(`a ${a.status}`);
  if (c.expect === '4xx' ? a.status < 400 || a.status >= 500 : a.status !== c.expect) problems.push(`status ${a.status}, expected ${c.expect}`);
  // Nothing of the server's insides: no stack trace, no file of ours, no system file.
  if (/\bat .+:\d+:\d+\)?$/m.test(a.text) || /node_modules|\/work\/|root:x:0:0|"devDependencies"/.test(a.text)) problems.push('leaks server internals');
  if (a.contentType.includes('html') && /<script>alert\(1\)|onerror=alert|<svg onload/i.test(a.text)) problems.push('reflects the script payload in HTML');
  if (isApi || a.contentType.includes('json')) {
    if (!a.contentType.startsWith('application/json')) problems.push(`content type ${a.contentType}`);
    let body: { error?: { code?: unknown; message?: unknown; details?: Array<{ field?: unknown; message?: unknown }> } } = {};
    try {
      body = JSON.parse(a.text) as typeof body;
    } catch {
      problems.push('body is not JSON');
    }
    const e = body.error;
    if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || !Array.isArray(e.details))
      problems.push(`not the error shape: ${a.text.slice(0, 200)}`);
    else {
      if (c.code && e.code !== c.code) problems.push(`code ${e.code}, expected ${c.code}`);
      const fields = e.details.map((d) => d.field);
      if (c.field !== undefined && !fields.includes(c.field)) problems.push(`details name ${JSON.stringify(fields)}, expected ${JSON.stringify(c.field)}`);
      if (a.status === 400 && c.field === undefined && !c.noField) problems.push('a 400 without the field it is about in the corpus');
      if (e.details.some((d) => typeof d.field !== 'string' || typeof d.message !== 'string')) problems.push('details are not {field, message}');
    }
  }
  return problems;
}

function request(c: AttackCase): { headers: Record<string, string>; body?: Buffer } {
  const headers: Record<string, string> = {
    ...credentials[c.as ?? 'operator'],
    ...(c.json !== undefined ? { 'content-type': 'application/json' } : {}),
    ...c.headers,
  };
  const body =
    c.json !== undefined ? Buffer.from(JSON.stringify(c.json)) : c.body === undefined ? undefined : Buffer.isBuffer(c.body) ? c.body : Buffer.from(c.body);
  return body ? { headers, body } : { headers };
}

beforeAll(async () => {
  s = await startService({ demo: true, rateLimits: NO_RATE_LIMITS });
  ctx = await setUp();
}, 60_000);
afterAll(async () => {
  await s?.close();
});

describe('the attack corpus', () => {
  it('has over a hundred inputs in every category, none of them twice', () => {
    const corpus = attackCorpus(ctx);
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    const names = corpus.map((c) => c.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    const categories = new Set(corpus.map((c) => c.category));
    expect([...categories].sort()).toEqual(
      [
        'auth-bypass',
        'content-type',
        'csrf',
        'deep-nesting',
        'header-tricks',
        'malformed-json',
        'operator-injection',
        'outbound-address',
        'oversized',
        'path-traversal',
        'prototype-pollution',
        'script-payload',
        'type-confusion',
        'unicode',
      ].sort(),
    );
  });

  it('refuses every input with the right 4xx in the error shape, and changes nothing', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    for (const c of attackCorpus(ctx)) {
      const { headers, body } = request(c);
      let problems: string[];
      try {
        const a = await send(c.method, c.path, headers, body);
        if (process.env.ATTACK_DEBUG) console.log(a.status, c.name, a.text.slice(0, 160).replace(/\s+/g, ' '));
        problems = check(c, a);
      } catch (err) {
        problems = [`request failed: ${err instanceof Error ? err.message : String(err)}`];
      }
      if (problems.length) failures.push(`[${c.category}] ${c.name} (${c.method} ${c.path.slice(0, 100)}): ${problems.join('; ')}`);
    }
    for (const r of acceptedReads(ctx)) {
      const a = await send('GET', r.path, credentials[r.as ?? 'operator']);
      const body = a.status === 200 ? (JSON.parse(a.text) as Json) : {};
      const wrong = Object.entries(r.expectBody).filter(([k, v]) => JSON.stringify(body[k]) !== JSON.stringify(v));
      if (a.status !== 200 || wrong.length)
        failures.push(`[accepted read] ${r.name}: status ${a.status}, ${wrong.map(([k]) => `${k}=${JSON.stringify(body[k])}`).join(', ')}`);
    }
    await s.idle();
    expect(failures).toEqual([]);
    // Nothing reached a prototype of this process (the service runs in it).
    const probe: Json = {};
    for (const key of ['isAdmin', 'polluted', 'role', 'allowExport', 'own', 'status', 'admin', 'userId', 'x']) expect(probe[key], key).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  }, 60_000);

  it("accepts imports into one's own campaign that name another campaign's posts, and changes nothing the other campaign shows", async () => {
    /** What the victim campaign shows, and its audit log. */
    const shows = async (id: string) => {
      const base = `/api/v1/campaigns/${id}`;
      const range = 'from=2015-01-01&to=2016-01-01';
      const { computedAt: _computedAt, ...summary } = await api(`${base}/metrics/summary?${range}`);
      const csv = await s.api(`${base}/export.csv?${range}&source=import`);
      return {
        summary,
        posts: (await api(`${base}/posts?sort=engagement&${range}&source=import`)).posts,
        contributors: (await api(`${base}/contributors?${range}&source=import`)).contributors,
        csv: await csv.text(),
        audit: (await api(`/api/v1/audit?targetType=campaign&targetId=${id}`)).entries,
      };
    };
    for (const w of crossCampaignWrites(ctx)) {
      const before = await shows(w.victimId);
      expect(JSON.stringify(before.posts)).toContain(ctx.victimPostId);
      const a = await send(w.method, w.path, { ...credentials[w.as], ...w.headers }, Buffer.from(w.body));
      expect(a.status, `${w.name}: ${a.text.slice(0, 200)}`).toBe(200);
      expect(JSON.parse(a.text), w.name).toMatchObject({ rejected: [] });
      await s.idle();
      expect(await shows(w.victimId), w.name).toEqual(before);
    }
    const own = await api(`/api/v1/audit?targetType=campaign&targetId=${ctx.ownedId}`);
    expect(
      (own.entries as Array<{ action: string; actor: { userId: string } }>).filter(
        (e) => e.action === 'campaign.import' && e.actor.userId === ctx.participant.id,
      ),
    ).toHaveLength(crossCampaignWrites(ctx).length);
  }, 60_000);
});

/** Script payloads where the API accepts them; `window.__xss` is set by any of them that runs. */
const XSS = {
  name: '<img src=x onerror="window.__xss=1">"><svg onload="window.__xss=2">',
  topic: '<svg onload=window.__xss=3>',
  keyword: '<script>window.__xss=4</script>',
  linkTopic: 'javascript:window.__xss=5',
  instance: 'https://mastodon.example/"><svg onload=window.__xss=6>',
  postText: '<script>window.__xss=7</script><img src=x onerror="window.__xss=8"> xsskeyword #XssTest',
  author: '"><svg onload=window.__xss=9>',
  postUrl: 'https://example.com/p?q="><img src=x onerror=window.__xss=10>',
  badUrl: 'javascript:window.__xss=11',
  userName: '<script>window.__xss=12</script>',
  label: '<img src=x onerror=window.__xss=13>',
};

describe('script payloads the API accepts, shown by the dashboard', () => {
  let browser: Browser;
  let campaignId: string;
  let shareSecret: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const { campaign } = await api<{ campaign: { id: string; name: string; topics: Json; sources: unknown } }>(
      '/api/v1/campaigns',
      {
        method: 'POST',
        json: {
          name: XSS.name,
          hashtags: ['#XssTest'],
          startsAt: '2015-01-13T00:00:00+07:00',
          endsAt: '2015-02-10T00:00:00+07:00',
          topics: { [XSS.topic]: [XSS.keyword, 'xsskeyword'], [XSS.linkTopic]: ['literasi'] },
          sources: [{ type: 'mastodon', instances: [XSS.instance] }],
        },
      },
      201,
    );
    campaignId = campaign.id;
    // Stored as sent: escaping is the job of whatever shows it.
    expect(campaign.name).toBe(XSS.name);
    expect(Object.keys(campaign.topics)).toEqual([XSS.topic, XSS.linkTopic]);

    const post = {
      platform: 'instagram',
      created_at: '2015-01-14T10:00:00+07:00',
      author_id: 'xss-author',
      author_handle: 'xss_handle',
      author_name: XSS.author,
      likes: 5000,
      author_followers: 1000,
    };
    const imported = await api<{ imported: number; rejected: Array<{ row: number; error: string }> }>(`/api/v1/campaigns/${campaignId}/import`, {
      method: 'POST',
      json: [
        { ...post, post_id: 'xss-1', url: XSS.postUrl, text: XSS.postText },
        { ...post, post_id: 'xss-2', url: XSS.badUrl, text: 'a javascript: link' },
      ],
    });
    expect(imported.imported).toBe(1);
    expect(imported.rejected).toEqual([{ row: 2, error: expect.stringMatching(/^url: /) as unknown as string }]);
    await s.idle();

    const { user } = await api<{ user: { id: string; name: string } }>(
      '/api/v1/users',
      { method: 'POST', json: { email: 'xss@example.com', name: XSS.userName, role: 'viewer', password: PASSWORD } },
      201,
    );
    const stored = await s.api(`/api/v1/users/${user.id}`);
    expect(stored.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await stored.json()) as { user: { name: string } }).user.name).toBe(XSS.userName);

    const { link } = await api<{ link: { token: string; label: string } }>(
      `/api/v1/campaigns/${campaignId}/share-links`,
      { method: 'POST', json: { label: XSS.label, expiresAt: inDays(30) } },
      201,
    );
    expect(link.label).toBe(XSS.label);
    shareSecret = link.token;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Nothing ran, nothing was parsed as markup, no dialog opened, and the CSP had nothing to block. */
  async function assertInert(page: Page, problems: ReturnType<typeof watchPage>, where: string) {
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), where).toBeUndefined();
    expect(await page.$$eval('img[src="x"], svg[onload], [onerror], [onload], main script', (els) => els.map((e) => e.outerHTML)), where).toEqual([]);
    expect(problems.dialogs, where).toEqual([]);
    expect(problems.pageErrors, where).toEqual([]);
    expect(
      problems.consoleErrors.filter((m) => /Content Security Policy|Refused to/i.test(m)),
      where,
    ).toEqual([]);
  }
  const pageText = (page: Page) => page.evaluate(() => document.body.innerText);

  it('shows them as text on the campaign list, the overview, the report and the settings', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-US' });
    const page = await context.newPage();
    const problems = watchPage(page, s.url);
    const open = (path: string) => page.goto(new URL(path, s.url).href);
    await open(`/#token=${TEST_TOKEN}`);

    await page.waitForFunction((name) => Array.from(document.querySelectorAll('.campaign-link')).some((a) => a.textContent === name), XSS.name);
    expect(await pageText(page)).toContain(XSS.name);
    await assertInert(page, problems, 'campaign list');

    await open(`/campaign.html?id=${campaignId}`);
    await page.waitForFunction((text) => Array.from(document.querySelectorAll('.post-text')).some((p) => p.textContent === text), XSS.postText);
    expect(await page.textContent('#c-name')).toBe(XSS.name);
    const overview = await pageText(page);
    expect(overview).toContain(XSS.postText);
    expect(overview).toContain(XSS.author);
    // The post's link is its address as text in an href, never markup.
    expect(await page.$$eval('.post a[href]', (as) => as.map((a) => a.getAttribute('href')))).not.toContain(XSS.badUrl);
    await assertInert(page, problems, 'overview');

    await open(`/report.html?id=${campaignId}`);
    await page.waitForSelector('#report[data-ready]');
    expect(await page.textContent('#report h1')).toBe(XSS.name);
    expect(await pageText(page)).toContain(XSS.postText);
    await assertInert(page, problems, 'report');

    await open(`/settings.html?id=${campaignId}`);
    await page.waitForSelector('#s-name');
    await page.waitForFunction((name) => (document.querySelector('#s-name') as HTMLInputElement | null)?.value === name, XSS.name);
    expect(await page.$$eval('.topic-name', (els) => els.map((e) => (e as HTMLInputElement).value))).toEqual([XSS.topic, XSS.linkTopic]);
    expect(await page.$$eval('.topic-words', (els) => els.map((e) => (e as HTMLInputElement).value))).toEqual([`${XSS.keyword}, xsskeyword`, 'literasi']);
    expect(await page.inputValue('#s-instances')).toBe(XSS.instance);
    await assertInert(page, problems, 'settings');

    // A payload in the address: the page's error message shows it as text.
    await open(`/campaign.html?id=${encodeURIComponent(XSS.name)}`);
    await page.waitForSelector('main [role="alert"], main .state-box.error');
    await assertInert(page, problems, 'overview of a script id');
    await context.close();
  }, 60_000);

  it("shows them as text on a sponsor's share link", async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'id-ID' });
    const page = await context.newPage();
    const problems = watchPage(page, s.url);
    await page.goto(new URL(`/share/${shareSecret}`, s.url).href);
    await page.waitForSelector('#report[data-ready]');
    expect(await page.textContent('#report h1')).toBe(XSS.name);
    expect(await pageText(page)).toContain(XSS.postText);
    await assertInert(page, problems, 'share link');
    await context.close();
  }, 60_000);
});
