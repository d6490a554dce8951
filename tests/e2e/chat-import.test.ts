import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RATE_LIMITS, startService, type RunningService } from '../helpers/service.js';

/** API.md 1.1, chat-import and chat-activity: the routes end to end, on the real service and its SQLite store. */
const PASSWORD = 'chat-import-password-0123';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/chat/${name}`, import.meta.url));

interface Failure {
  error: { code: string; message: string; details: Array<{ field: string; message: string }> };
}

/** Every byte the service wrote under its data directory (the database, its WAL), as one latin1 string. */
function storedBytes(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(readFileSync(p).toString('latin1'));
    }
  };
  walk(dir);
  return out.join('\n');
}

describe('WhatsApp chat import over HTTP', () => {
  let s: RunningService;
  let campaignId: string;
  let viewerToken: string;
  let shareToken: string;
  const url = (p: string) => `/api/v1/campaigns/${campaignId}/${p}`;
  const json = async <T = Record<string, unknown>>(res: Response): Promise<T> => (await res.json()) as T;
  const upload = (body: Uint8Array | string, query = '', headers: Record<string, string> = { 'content-type': 'text/plain' }) =>
    s.api(url(`chat-import${query}`), { method: 'POST', headers, body: body as unknown as BodyInit });

  let bomb: Uint8Array;

  beforeAll(async () => {
    // Zipping 30 MB blocks this process (and the service in it) for seconds on a busy machine: done
    // before any connection is open, so no idle keep-alive socket is closed under a request's feet.
    bomb = zipSync({ '_chat.txt': new Uint8Array(30 * 1024 * 1024).fill(0x61) }, { level: 9 });
    s = await startService({ rateLimits: NO_RATE_LIMITS });
    const created = await s.api('/api/v1/campaigns', {
      method: 'POST',
      json: { name: 'Dukungan', hashtags: ['#SocMed4SocGood'], startsAt: '2024-01-01T00:00:00+08:00', timeZone: 'Asia/Makassar' },
    });
    expect(created.status).toBe(201);
    campaignId = (await json<{ campaign: { id: string } }>(created)).campaign.id;
    const email = 'pemirsa-chat@example.org';
    expect((await s.api('/api/v1/users', { method: 'POST', json: { email, name: 'Pemirsa', role: 'viewer', password: PASSWORD } })).status).toBe(201);
    expect((await s.api(`/api/v1/campaigns/${campaignId}/members`, { method: 'POST', json: { email, own: false } })).status).toBe(202);
    const signIn = await s.api('/api/v1/session', { method: 'POST', token: null, json: { email, password: PASSWORD } });
    const headers = { cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': String((await json(signIn)).csrfToken) };
    viewerToken = (await json<{ token: { token: string } }>(await s.api('/api/v1/tokens', { method: 'POST', token: null, headers, json: { name: 'v' } }))).token
      .token;
    const link = await s.api(`/api/v1/campaigns/${campaignId}/share-links`, { method: 'POST', json: { label: 'Sponsor', expiresAt: '2027-12-31' } });
    shareToken = (await json<{ link: { token: string } }>(link)).link.token;
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('imports an export, then adds nothing from an overlapping part or the zipped iPhone export; stores hashes, never names or text', async () => {
    const whole = fixture('android-id.txt');
    const first = await upload(whole, '?facilitators=Kak%20Rina&facilitators=%2B62%20812-3456-7890');
    expect(first.status).toBe(200);
    expect(await json(first)).toMatchObject({
      messages: 26,
      members: 7,
      days: 3,
      rejectedLines: 1,
      rejectedSample: [35],
      added: 26,
      duplicates: 0,
      facilitators: 2,
    });

    const part = whole.toString('utf8').split('\n').slice(10, 40).join('\n');
    expect(await json(await upload(part))).toMatchObject({ added: 0, rejectedLines: 1 });
    const zip = zipSync({ '_chat.txt': new Uint8Array(fixture('ios-en.txt')) });
    const zipped = await upload(zip, '', { 'content-type': 'application/zip' });
    expect(zipped.status).toBe(200);
    expect(await json(zipped)).toMatchObject({ messages: 26, added: 0, duplicates: 26, format: 'ios', dateOrder: 'mdy', facilitators: 2 });

    const activity = await json<{ totals: Record<string, unknown>; days: Array<Record<string, unknown>> }>(await s.api(url('chat-activity')));
    expect(activity.totals).toMatchObject({ messages: 26, members: 7, days: 3, questions: 7, answers: 4, unanswered: 2, medianFirstResponseMinutes: 80 });
    expect(activity.days.map((d) => d.day)).toEqual(['2024-01-12', '2024-01-13', '2024-01-15']);

    // Nothing of the senders or their words reaches the disk (the database file and its WAL).
    const bytes = storedBytes(s.dataDir);
    for (const word of ['Kak Rina', 'Budi Santoso', 'Dewi', 'Citra', '3456-7890', '81234567890', '6281311112222', 'Meta Business Suite', 'kata sandi', 'Gowa'])
      expect(bytes.includes(word), word).toBe(false);
  });

  it('shows viewers and share links the counts only, and refuses them the import', async () => {
    for (const token of [viewerToken, shareToken]) {
      const res = await s.api(url('chat-activity?from=2024-01-13&to=2024-01-15'), { token });
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(JSON.parse(body)).toMatchObject({ from: '2024-01-13', to: '2024-01-15', totals: { messages: 16 } });
      // Counts and days only: no key, no author hash.
      expect(body).not.toMatch(/author|key|[A-Za-z0-9_-]{43}/);
      expect((await s.api(url('chat-import'), { method: 'POST', token, headers: { 'content-type': 'text/plain' }, body: 'x' })).status).toBe(403);
      expect((await s.api(url('chat-facilitators'), { token })).status).toBe(403);
    }
  });

  it('reads the period as the metrics routes do: a share link’s period (instants) and instants from a user, in whole days', async () => {
    // A link made for 13 to 15 January carries its period as instants, which narrow every request through it.
    const made = await s.api(url('share-links'), { method: 'POST', json: { label: 'Periode', from: '2024-01-13', to: '2024-01-15', expiresAt: '2027-12-31' } });
    expect(made.status).toBe(201);
    const linkToken = (await json<{ link: { token: string } }>(made)).link.token;
    const through = async (query: string) => {
      const res = await s.api(url(`chat-activity${query}`), { token: linkToken });
      expect(res.status, query).toBe(200);
      return json<{ from: string; to: string; totals: { messages: number }; days: Array<{ day: string }> }>(res);
    };
    for (const query of ['', '?from=2024-01-01&to=2024-12-31', '?from=2024-01-01T00:00:00Z']) {
      const body = await through(query);
      expect(body, query).toMatchObject({ from: '2024-01-13', to: '2024-01-15', totals: { messages: 16 } });
      expect(body.days.map((d) => d.day)).toEqual(['2024-01-13', '2024-01-15']);
    }
    // Narrower than the link: the request's own days.
    expect(await through('?from=2024-01-15')).toMatchObject({ from: '2024-01-15', to: '2024-01-15', totals: { messages: 8 } });

    // Instants from a signed-in caller: the whole days inside them (Makassar is UTC+8).
    const asked = async (query: string) =>
      json<{ from: string | null; to: string | null; totals: { messages: number } }>(await s.api(url(`chat-activity${query}`)));
    expect(await asked('?from=2024-01-13T00:00:00%2B08:00&to=2024-01-14T00:00:00%2B08:00')).toMatchObject({
      from: '2024-01-13',
      to: '2024-01-13',
      totals: { messages: 8 },
    });
    expect(await asked('?from=2024-01-12T16:00:00Z&to=2024-01-13')).toMatchObject({ from: '2024-01-13', to: '2024-01-13', totals: { messages: 8 } });
    // A day only partly inside is left out: from 10:00 on the 12th starts on the 13th.
    expect(await asked('?from=2024-01-12T10:00:00%2B08:00')).toMatchObject({ from: '2024-01-13', to: null, totals: { messages: 16 } });
    const reversed = await s.api(url('chat-activity?from=2024-01-14T00:00:00Z&to=2024-01-13'), { headers: { 'accept-language': 'id' } });
    expect(reversed.status).toBe(400);
    const problem = await json<Failure>(reversed);
    expect(problem.error.details[0]!.field).toBe('to');
    expect(problem.error.message).toBe('Parameter kueri tidak valid: to');
  });

  it('answers bad input with a 4xx naming the field, in the caller’s language, and changes nothing', async () => {
    const before = await json<{ totals: unknown }>(await s.api(url('chat-activity')));
    const id = await upload('halo\nini bukan ekspor', '', { 'content-type': 'text/plain', 'accept-language': 'id' });
    expect(id.status).toBe(400);
    const idBody = await json<Failure>(id);
    expect(idBody.error.details[0]!.field).toBe('file');
    expect(idBody.error.message).not.toMatch(/No WhatsApp message/);

    const form = await upload('{}', '', { 'content-type': 'application/json' });
    expect(form.status).toBe(415);
    expect((await json<Failure>(form)).error.details[0]!.field).toBe('content-type');

    // A zip bomb: 30 MB of one letter in a few kilobytes (made before the service started).
    expect(bomb.length).toBeLessThan(200_000);
    const exploded = await upload(bomb, '', { 'content-type': 'application/zip' });
    expect(exploded.status).toBe(413);
    expect((await json<Failure>(exploded)).error.details[0]!.field).toBe('file');
    const many = zipSync(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`${i}.txt`, strToU8('x')])));
    const crowded = await upload(many, '', { 'content-type': 'application/zip' });
    expect(crowded.status).toBe(400);
    expect((await json<Failure>(crowded)).error.details[0]!.field).toBe('file');

    const badRange = await s.api(url('chat-activity?from=2024-02-01&to=2024-01-01'), { headers: { 'accept-language': 'en' } });
    expect(badRange.status).toBe(400);
    expect(JSON.stringify(await json(badRange))).toContain('"to"');
    const badDay = await s.api(url('chat-activity?from=yesterday'));
    expect(badDay.status).toBe(400);
    expect(JSON.stringify(await json(badDay))).toContain('"from"');

    expect(await json(await s.api(url('chat-activity')))).toEqual(before);
  });

  it('manages facilitators by name, stored as hashes and answered as a count', async () => {
    expect(await json(await s.api(url('chat-facilitators')))).toEqual({ facilitators: 2 });
    const put = await s.api(url('chat-facilitators'), { method: 'PUT', json: { facilitators: ['Kak Rina'] } });
    expect(put.status).toBe(200);
    expect(await json(put)).toEqual({ facilitators: 1 });
    const totals = (await json<{ totals: Record<string, unknown> }>(await s.api(url('chat-activity')))).totals;
    // The phone number no longer answers: Rina's two answers remain (Dewi's questions stay open).
    expect(totals).toMatchObject({ answers: 2, unanswered: 4 });
    const bad = await s.api(url('chat-facilitators'), { method: 'PUT', json: { facilitators: [''] } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await json(bad))).toContain('facilitators');
  });

  it('keeps the text when the campaign opts in (a campaign setting, validated like the others)', async () => {
    const bad = await s.api(`/api/v1/campaigns/${campaignId}`, { method: 'PATCH', json: { chatKeepText: 'yes' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await json(bad))).toContain('chatKeepText');
    const on = await s.api(`/api/v1/campaigns/${campaignId}`, { method: 'PATCH', json: { chatKeepText: true } });
    expect(on.status).toBe(200);
    const extra = '16/01/2024, 09.00 - Dewi: Catatan baru tersimpan\n';
    expect(await json(await upload(extra))).toMatchObject({ added: 1, textKept: true });
    expect(storedBytes(s.dataDir)).toContain('Catatan baru tersimpan');
  });

  it('removes the channel’s data for a manager (the count answered, the OpenAPI document naming the route), and a viewer may not', async () => {
    expect((await s.api(url('chat-messages'), { method: 'DELETE', token: viewerToken })).status).toBe(403);
    expect((await s.api(url('chat-messages'), { method: 'DELETE', token: shareToken })).status).toBe(403);
    const before = (await json<{ totals: { messages: number } }>(await s.api(url('chat-activity')))).totals.messages;
    expect(before).toBeGreaterThan(0);
    const removed = await s.api(url('chat-messages'), { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(await json(removed)).toEqual({ messages: before, facilitators: 1 });
    expect(await json<{ totals: { messages: number }; days: unknown[] }>(await s.api(url('chat-activity')))).toMatchObject({
      totals: { messages: 0 },
      days: [],
    });
    expect(await json(await s.api(url('chat-facilitators')))).toEqual({ facilitators: 0 });
    const doc = await json<{ paths: Record<string, Record<string, unknown>> }>(await s.api('/api/v1/openapi.json', { token: null }));
    expect(Object.keys(doc.paths['/api/v1/campaigns/{id}/chat-messages'] ?? {})).toEqual(['delete']);
  });
});
