import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import type { Alert } from '../../src/domain/alerts.js';
import { NO_RATE_LIMITS, startService, type RunningService } from '../helpers/service.js';

/** The Subject header as a reader sees it: unfolded, its RFC 2047 encoded words (non-ASCII subjects) decoded. */
function subjectOf(raw: string): string {
  const header = /^Subject:(.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    )
    .trim();
}

/** E-mail alerts through SMTP (SMTP_URL, MAIL_FROM), against an SMTP server this test starts on 127.0.0.1. */

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

describe('alert e-mails', () => {
  let s: RunningService;
  let smtp: SMTPServer;
  const mails: Mail[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    s = await startService({
      rateLimits: NO_RATE_LIMITS,
      env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Kabar Kampanye <alerts@example.org>' },
    });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('sends a digest as HTML and plain text with its share image, to every address of the channel', async () => {
    const res = await s.api('/api/v1/campaigns', { method: 'POST', json: { name: 'Kampanye Surel', hashtags: ['#Surel'] } });
    const campaignId = ((await res.json()) as { campaign: { id: string } }).campaign.id;
    const created = await s.api(`/api/v1/campaigns/${campaignId}/alerts`, {
      method: 'POST',
      json: {
        kind: 'digest',
        params: { cadence: 'weekly', at: '08:00', weekday: 1 },
        channels: [{ type: 'email', to: ['ani@example.id', 'budi@example.id'] }],
        locale: 'en',
        cooldownMinutes: 0,
      },
    });
    expect(created.status).toBe(201);
    const { alert } = (await created.json()) as { alert: Alert };
    const campaign = (await s.rt.store.getCampaign(campaignId))!;
    const raised = await s.rt.http.alerts.raise(alert, campaign, 'digest.20261130T010000', {
      kind: 'digest',
      cadence: 'weekly',
      from: '2026-11-23T00:00:00.000+07:00',
      to: '2026-11-30T00:00:00.000+07:00',
      figures: { posts: 120, contributors: 40, reach: 9000, engagement: 700 },
      previous: { posts: 100, contributors: 35, reach: 8000, engagement: 650 },
      topPosts: [],
      cities: [{ code: '73.71', name: 'Kota Makassar', posts: 60 }],
    });
    expect(raised.recorded).toBe(true);
    await s.idle();
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.from).toBe('alerts@example.org');
    expect(mail.to.sort()).toEqual(['ani@example.id', 'budi@example.id']);
    expect(subjectOf(mail.raw)).toMatch(/Kampanye Surel/);
    expect(mail.raw).toMatch(/Content-Type: text\/plain/i);
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);
    expect(mail.raw).toMatch(/Content-Type: image\/png; name=kabar-kampanye\.png/i);
    const [d] = await s.rt.store.alerts.listDeliveries(campaignId, 10);
    expect(d!.delivery).toMatchObject({ channel: 'email', outcome: 'delivered', attempts: 1, target: 'ani@example.id, budi@example.id' });
  });
});

describe('e-mail settings', () => {
  it('stops start-up naming SMTP_URL when it is not an SMTP address, and MAIL_FROM when it is missing or not an address', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (err) {
        return err instanceof ConfigError ? err.problems : [String(err)];
      }
    };
    expect(problems({ SMTP_URL: 'http://mail.example.org', MAIL_FROM: 'a@example.org' }).join()).toMatch(/^SMTP_URL/);
    expect(problems({ SMTP_URL: 'smtp://mail.example.org:587' }).join()).toMatch(/^MAIL_FROM/);
    expect(problems({ SMTP_URL: 'smtp://mail.example.org:587', MAIL_FROM: 'not an address' }).join()).toMatch(/^MAIL_FROM/);
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.org:465', MAIL_FROM: 'Kabar <a@example.org>' }).smtp).toEqual({
      url: 'smtps://u:p@mail.example.org:465',
      from: 'Kabar <a@example.org>',
    });
  });
});
