import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/alerts.js';
import { NO_RATE_LIMITS, startService, type RunningService } from '../helpers/service.js';

/** Alert rules through the API (API.md, alerts and digests), and their webhook deliveries end to end. */

type Json = Record<string, unknown> & { error?: { code: string; message: string; details: Array<{ field: string; message: string }> } };

interface Received {
  delivery: string;
  signature: string | undefined;
  body: string;
}

/** A webhook receiver on 127.0.0.1 that answers each request with the next status of `script` (then 200). */
async function receiver(script: number[] = []): Promise<{ url: string; got: Received[]; close(): Promise<void>; server: Server }> {
  const got: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({
        delivery: String(req.headers['x-kabar-delivery']),
        signature: req.headers['x-kabar-signature'] as string | undefined,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.statusCode = script.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, got, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const SECRET = 'rahasia-webhook-0123456789';

describe('alert rules: the API', () => {
  let s: RunningService;
  let campaignId: string;
  const path = () => `/api/v1/campaigns/${campaignId}/alerts`;

  beforeAll(async () => {
    s = await startService({ rateLimits: NO_RATE_LIMITS });
    const res = await s.api('/api/v1/campaigns', { method: 'POST', json: { name: 'Kampanye Peringatan', hashtags: ['#Peringatan'] } });
    campaignId = ((await res.json()) as { campaign: { id: string } }).campaign.id;
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  const valid = {
    kind: 'source_failing',
    params: { source: 'x', runs: 3 },
    channels: [{ type: 'webhook', url: 'https://hooks.example.org/kabar', secret: SECRET }],
    locale: 'id',
    cooldownMinutes: 60,
  };

  it('creates, lists (never the secret), changes and deletes a rule', async () => {
    const created = await s.api(path(), { method: 'POST', json: valid });
    expect(created.status).toBe(201);
    const { alert } = (await created.json()) as { alert: Alert & { channels: Array<Record<string, unknown>> } };
    expect(alert).toMatchObject({ kind: 'source_failing', params: { source: 'x', runs: 3 }, locale: 'id', cooldownMinutes: 60, enabled: true, campaignId });
    expect(alert.channels).toEqual([{ type: 'webhook', url: 'https://hooks.example.org/kabar', hasSecret: true }]);
    const listed = (await (await s.api(path())).json()) as { alerts: Array<{ id: string }> };
    expect(listed.alerts.map((a) => a.id)).toEqual([alert.id]);
    expect(JSON.stringify(listed)).not.toContain(SECRET);

    // The webhook sent back as the API shows it (no secret) keeps its secret.
    const patched = await s.api(`${path()}/${alert.id}`, {
      method: 'PATCH',
      json: { cooldownMinutes: 15, channels: [{ type: 'webhook', url: 'https://hooks.example.org/kabar' }] },
    });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { alert: { cooldownMinutes: number; channels: unknown[] } }).alert).toMatchObject({
      cooldownMinutes: 15,
      channels: [{ type: 'webhook', url: 'https://hooks.example.org/kabar', hasSecret: true }],
    });
    expect((await s.rt.store.alerts.getAlert(campaignId, alert.id))?.channels[0]).toMatchObject({ secret: SECRET });

    const audit = (await (await s.api(`/api/v1/audit?targetType=campaign&targetId=${campaignId}`)).json()) as {
      entries: Array<{ action: string; details: { alertId?: string } }>;
    };
    expect(audit.entries.filter((e) => e.details.alertId === alert.id).map((e) => e.action)).toEqual(['alert.update', 'alert.create']);
    expect(JSON.stringify(audit)).not.toContain(SECRET);

    expect((await s.api(`${path()}/${alert.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await s.api(`${path()}/${alert.id}`, { method: 'DELETE' })).status).toBe(404);
    expect(((await (await s.api(path())).json()) as { alerts: unknown[] }).alerts).toEqual([]);
  });

  it('refuses bad input with a 400 naming the field, in the caller\u2019s language, and stores nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...valid, kind: 'earthquake' }, 'kind'],
      [{ ...valid, params: { source: 'x', runs: 0 } }, 'params.runs'],
      [{ ...valid, params: { source: 'friendster', runs: 1 } }, 'params.source'],
      [{ ...valid, kind: 'digest', params: { cadence: 'daily', at: '8:00' } }, 'params.at'],
      [{ ...valid, kind: 'digest', params: { cadence: 'weekly', at: '08:00', weekday: 8 } }, 'params.weekday'],
      [{ ...valid, kind: 'volume_spike', params: { interval: 'minute', factor: 3 } }, 'params.interval'],
      [{ ...valid, channels: [{ type: 'webhook', url: 'ftp://hooks.example.org/x' }] }, 'channels[0].url'],
      [{ ...valid, channels: [valid.channels[0], { type: 'webhook', url: 'http://169.254.169.254/latest' }] }, 'channels[1].url'],
      [{ ...valid, channels: [{ type: 'webhook', url: 'http://127.0.0.1:8080/x' }] }, 'channels[0].url'],
      [{ ...valid, channels: [{ type: 'email', to: ['bukan-alamat'] }] }, 'channels[0].to[0]'],
      // Without SMTP_URL, e-mail cannot be delivered: refused when the rule is written.
      [{ ...valid, channels: [{ type: 'email', to: ['ani@example.id'] }] }, 'channels[0].type'],
      [{ ...valid, locale: 'fr' }, 'locale'],
    ];
    for (const [body, field] of cases) {
      const res = await s.api(path(), { method: 'POST', json: body });
      const json = (await res.json()) as Json;
      expect(res.status, field).toBe(400);
      expect(
        json.error?.details.map((d) => d.field),
        JSON.stringify(json),
      ).toContain(field);
    }
    const id = await s.api(path(), { method: 'POST', json: { ...valid, params: { source: 'x', runs: 0 } }, headers: { 'accept-language': 'id' } });
    const idJson = (await id.json()) as Json;
    expect(idJson.error?.message).toMatch(/Isi permintaan tidak valid|tidak valid/);
    const loop = await s.api(path(), {
      method: 'POST',
      json: { ...valid, channels: [{ type: 'webhook', url: 'http://127.0.0.1/x' }] },
      headers: { 'accept-language': 'id' },
    });
    expect(((await loop.json()) as Json).error?.details[0]?.message).not.toMatch(/this service sends no request/);
    expect(((await (await s.api(path())).json()) as { alerts: unknown[] }).alerts).toEqual([]);
  });

  it('takes at most 20 rules per campaign, also when 25 arrive at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) => s.api(path(), { method: 'POST', json: { ...valid, kind: 'quiet', params: { hours: i + 1 } } })),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(20);
    const refused = answers.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
    for (const over of refused) {
      const body = (await over.json()) as Json;
      expect(body.error?.message).toMatch(/at most 20 alert rules/);
      expect(body.error?.details[0]?.field).toBe('kind');
    }
    expect(((await (await s.api(path())).json()) as { alerts: unknown[] }).alerts).toHaveLength(20);
    for (const a of await s.rt.store.alerts.listAlerts(campaignId)) await s.api(`${path()}/${a.id}`, { method: 'DELETE' });
  });
});

describe('alert deliveries: webhooks', () => {
  let s: RunningService;
  let campaignId: string;

  beforeAll(async () => {
    // Deliveries retry after 50 ms, 100 ms… here: the 24-hour window is the same rule, faster.
    s = await startService({ rateLimits: NO_RATE_LIMITS, env: { ALLOW_PRIVATE_TARGETS: 'true', DELIVERY_RETRY_BASE_MS: '50' } });
    const res = await s.api('/api/v1/campaigns', { method: 'POST', json: { name: 'Kampanye Webhook', hashtags: ['#Webhook'] } });
    campaignId = ((await res.json()) as { campaign: { id: string } }).campaign.id;
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  async function rule(url: string, cooldownMinutes = 0): Promise<Alert> {
    const res = await s.api(`/api/v1/campaigns/${campaignId}/alerts`, {
      method: 'POST',
      json: { kind: 'source_failing', params: { source: 'x', runs: 1 }, channels: [{ type: 'webhook', url, secret: SECRET }], locale: 'en', cooldownMinutes },
    });
    expect(res.status).toBe(201);
    const { alert } = (await res.json()) as { alert: Alert };
    return (await s.rt.store.alerts.getAlert(campaignId, alert.id))!;
  }
  const raise = async (alert: Alert, key: string) => {
    const campaign = (await s.rt.store.getCampaign(campaignId))!;
    return s.rt.http.alerts.raise(alert, campaign, key, { kind: 'source_failing', source: 'x', runs: 1, lastError: 'HTTP 503' });
  };

  it('POSTs the documented JSON, signed, with one delivery id through retries of 5xx', async () => {
    const r = await receiver([503, 502]);
    try {
      const alert = await rule(r.url);
      const raised = await raise(alert, 'run-1');
      expect(raised.recorded).toBe(true);
      await s.idle();
      expect(r.got).toHaveLength(3);
      expect(new Set(r.got.map((g) => g.delivery)).size).toBe(1);
      for (const g of r.got) expect(g.signature).toBe(`sha256=${createHmac('sha256', SECRET).update(g.body).digest('hex')}`);
      const body = JSON.parse(r.got[0]!.body) as Record<string, Record<string, unknown>>;
      expect(body.campaign).toEqual({ id: campaignId, name: 'Kampanye Webhook' });
      expect(body.alert).toMatchObject({ id: alert.id, kind: 'source_failing', channels: [{ type: 'webhook', url: r.url, hasSecret: true }] });
      expect(JSON.stringify(body.alert)).not.toContain(SECRET);
      expect(body.event).toMatchObject({ kind: 'source_failing', summary: { kind: 'source_failing', source: 'x', runs: 1 } });
      expect(typeof body.event!.text).toBe('string');
      expect(body.event!.url).toContain(`campaign.html?id=${campaignId}`);

      // The same key again is the same event: nothing is sent.
      expect((await raise(alert, 'run-1')).recorded).toBe(false);
      const list = (await (await s.api(`/api/v1/campaigns/${campaignId}/alerts/deliveries`)).json()) as {
        deliveries: Array<{ id: string; channel: string; attempts: number; outcome: string; target: string; event: Record<string, unknown> }>;
      };
      expect(list.deliveries).toHaveLength(1);
      expect(list.deliveries[0]).toMatchObject({
        id: r.got[0]!.delivery,
        channel: 'webhook',
        attempts: 3,
        outcome: 'delivered',
        target: new URL(r.url).origin,
      });
      expect(Object.keys(list.deliveries[0]!.event).sort()).toEqual(['at', 'id', 'kind', 'text', 'url']);
    } finally {
      await r.close();
    }
  });

  it('does not retry a 4xx, and holds the cooldown', async () => {
    const r = await receiver([410]);
    try {
      const alert = await rule(r.url, 60);
      expect((await raise(alert, 'a')).recorded).toBe(true);
      expect(await raise(alert, 'b')).toEqual({ recorded: false, reason: 'cooldown' });
      await s.idle();
      expect(r.got).toHaveLength(1);
      const d = (await s.rt.store.alerts.listDeliveries(campaignId, 100)).find((x) => x.delivery.alertId === alert.id)!.delivery;
      expect(d).toMatchObject({ outcome: 'failed', attempts: 1 });
      expect(d.lastError).toMatch(/HTTP 410/);
    } finally {
      await r.close();
    }
  });

  it('counts deliveries by outcome on /metrics', async () => {
    const text = await (await s.api('/metrics')).text();
    expect(text).toMatch(/kk_alert_deliveries\{outcome="delivered"\} [1-9]/);
    expect(text).toMatch(/kk_alert_deliveries\{outcome="failed"\} [1-9]/);
  });
});

describe('alert deliveries: an address that resolves inward', () => {
  let s: RunningService;
  afterAll(async () => {
    await s?.close();
  });

  it('fails the delivery saying why, without sending', async () => {
    s = await startService({
      rateLimits: NO_RATE_LIMITS,
      outbound: { resolve: async () => [{ address: '10.1.2.3', family: 4 }] },
    });
    const res = await s.api('/api/v1/campaigns', { method: 'POST', json: { name: 'Kampanye Dalam', hashtags: ['#Dalam'] } });
    const campaignId = ((await res.json()) as { campaign: { id: string } }).campaign.id;
    const created = await s.api(`/api/v1/campaigns/${campaignId}/alerts`, {
      method: 'POST',
      json: { kind: 'quiet', params: { hours: 1 }, channels: [{ type: 'webhook', url: 'https://hooks.example.org/x' }], locale: 'id', cooldownMinutes: 0 },
    });
    expect(created.status).toBe(201);
    const { alert } = (await created.json()) as { alert: Alert };
    const stored = (await s.rt.store.alerts.getAlert(campaignId, alert.id))!;
    await s.rt.http.alerts.raise(stored, (await s.rt.store.getCampaign(campaignId))!, 'k', { kind: 'quiet', hours: 2 });
    await s.idle();
    const [d] = await s.rt.store.alerts.listDeliveries(campaignId, 10);
    expect(d!.delivery).toMatchObject({ outcome: 'failed', attempts: 1 });
    expect(d!.delivery.lastError).toMatch(/10\.1\.2\.3/);
  });
});
