import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resolver } from '../../src/net/outbound-fetch.js';
import { startService, type RunningService } from '../helpers/service.js';

// Server-side request forgery through a campaign's Mastodon instances: with ALLOW_PRIVATE_TARGETS
// off (the default), no address a user writes reaches this machine, its network or a metadata
// service, whether written literally (a 400 naming the field), behind a host name that resolves
// to one, or behind a redirect. A trap server on 127.0.0.1 counts every request that gets through.

interface Trap {
  port: number;
  hits: number;
  close(): Promise<void>;
}

/** A server that answers anything with a secret and counts the requests that reached it. */
async function startTrap(body: (req: http.IncomingMessage) => { status: number; type: string; text: string } = () => trapBody): Promise<Trap> {
  const trap = { hits: 0 } as Trap;
  const server = http.createServer((req, res) => {
    trap.hits += 1;
    const answer = body(req);
    res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  trap.port = (server.address() as AddressInfo).port;
  trap.close = () => new Promise((resolve) => server.close(() => resolve()));
  return trap;
}
const SECRET = 'TRAP-SECRET-7f3a';
const trapBody = { status: 200, type: 'application/json', text: JSON.stringify({ [SECRET]: SECRET }) };

/** The test's DNS: names that resolve to this machine (or partly to it); anything else does not exist. */
const fakeDns: Resolver = async (hostname) => {
  const table: Record<string, Array<{ address: string; family: number }>> = {
    'trap.test': [{ address: '127.0.0.1', family: 4 }],
    'trap6.test': [{ address: '::1', family: 6 }],
    // One public address is not enough: the connection could use the other.
    'mixed.test': [
      { address: '93.184.215.14', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ],
  };
  const found = table[hostname];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return found;
};

const runs = async (svc: RunningService, id: string) =>
  ((await (await svc.api(`/api/v1/campaigns/${id}/runs`)).json()) as { runs: Array<{ source: string; status: string; error: string | null }> }).runs;

describe('outbound requests to servers users chose, with ALLOW_PRIVATE_TARGETS off', () => {
  let svc: RunningService;
  let trap: Trap;
  let mock: MockAgent;

  beforeAll(async () => {
    trap = await startTrap();
    svc = await startService({
      outbound: {
        resolve: fakeDns,
        // Public-looking hosts that redirect to this machine, answered by undici's MockAgent; every
        // other request connects for real, with the guarded pool's options (its address check).
        dispatcher: (options) => {
          mock = new MockAgent(options);
          mock.enableNetConnect();
          const redirect = (origin: string, location: string) =>
            mock
              .get(origin)
              .intercept({ path: () => true, method: 'GET' })
              .reply(302, '', { headers: { location } })
              .persist();
          redirect('https://redirect.example', `http://127.0.0.1:${trap.port}/api/v1/timelines/tag/x`);
          redirect('https://rebind.example', `http://trap.test:${trap.port}/api/v1/timelines/tag/x`);
          redirect('https://meta.example', 'http://169.254.169.254/latest/meta-data/');
          return mock;
        },
      },
    });
  });
  afterAll(async () => {
    await svc?.close();
    await trap?.close();
  });

  const literal = (port: () => number, own: () => string) => [
    `http://127.0.0.1:${port()}`,
    `127.0.0.1:${port()}`,
    `http://localhost:${port()}/`,
    `http://LOCALHOST.:${port()}/`,
    `http://app.localhost:${port()}/`,
    own(),
    `http://2130706433:${port()}/`,
    `http://0x7f.1:${port()}/`,
    `http://0.0.0.0:${port()}/`,
    'http://169.254.169.254/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://metadata/',
    'http://10.1.2.3/',
    'http://172.16.0.1/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    `http://[::1]:${port()}/`,
    `http://[fd00::1]:${port()}/`,
    'http://[fe80::1]/',
    'http://[::]/',
    `http://[::ffff:127.0.0.1]:${port()}/`,
    'http://[::ffff:169.254.169.254]/',
  ];

  it('refuses a literal private, loopback, link-local or metadata address with a 400 naming the field, on create and on PATCH', async () => {
    const entries = literal(
      () => trap.port,
      () => svc.url,
    );
    const ok = await svc.api('/api/v1/campaigns', {
      method: 'POST',
      json: { name: 'Public', hashtags: ['#Ok'], sources: [{ type: 'mastodon', instances: ['mastodon.social'] }] },
    });
    expect(ok.status).toBe(201);
    const { campaign } = (await ok.json()) as { campaign: { id: string; sources: unknown } };
    const problems: string[] = [];
    for (const entry of entries) {
      const sources = [{ type: 'x' }, { type: 'mastodon', instances: ['mastodon.social', entry] }];
      const created = await svc.api('/api/v1/campaigns', { method: 'POST', json: { name: 'SSRF', hashtags: ['#Ssrf'], sources } });
      const patched = await svc.api(`/api/v1/campaigns/${campaign.id}`, { method: 'PATCH', json: { sources } });
      for (const [what, res] of [
        ['create', created],
        ['patch', patched],
      ] as const) {
        const body = (await res.json()) as { error?: { code: string; details?: Array<{ field: string; message: string }> } };
        const detail = body.error?.details?.find((d) => d.field === 'sources.1.instances.1');
        if (res.status !== 400 || !detail || !/address|host name/.test(detail.message))
          problems.push(`${what} ${entry}: ${res.status} ${JSON.stringify(body)}`);
      }
    }
    expect(problems).toEqual([]);
    const list = ((await (await svc.api('/api/v1/campaigns')).json()) as { campaigns: Array<{ name: string }> }).campaigns;
    expect(list.filter((c) => c.name === 'SSRF')).toEqual([]);
    const after = ((await (await svc.api(`/api/v1/campaigns/${campaign.id}`)).json()) as { campaign: { sources: unknown } }).campaign;
    expect(after.sources).toEqual(campaign.sources);
    expect(trap.hits).toBe(0);
  });

  it('fails the run naming the refusal when a host name resolves to, or a redirect points to, a private address; the trap gets nothing', async () => {
    const instances = [
      `http://trap.test:${trap.port}`,
      `http://trap6.test:${trap.port}`,
      `http://mixed.test:${trap.port}`,
      'https://redirect.example',
      'https://rebind.example',
      'https://meta.example',
    ];
    const res = await svc.api('/api/v1/campaigns', {
      method: 'POST',
      json: { name: 'Resolved', hashtags: ['#Ssrf'], sources: [{ type: 'mastodon', instances }] },
    });
    expect(res.status).toBe(201);
    const { campaign } = (await res.json()) as { campaign: { id: string } };
    expect((await svc.api(`/api/v1/campaigns/${campaign.id}/collect`, { method: 'POST' })).status).toBe(202);
    await svc.idle();
    const [run] = await runs(svc, campaign.id);
    expect(run?.status).toBe('failed');
    const error = run?.error ?? '';
    for (const refusal of [
      'trap.test resolves to 127.0.0.1',
      'trap6.test resolves to ::1',
      'mixed.test resolves to 127.0.0.1',
      `http://127.0.0.1:${trap.port} was refused`,
      `trap.test resolves to 127.0.0.1`,
      'http://169.254.169.254 was refused',
    ])
      expect(error).toContain(refusal);
    expect(error.match(/was refused/g)).toHaveLength(instances.length);
    expect(trap.hits).toBe(0);
  });
});

describe('run records of an instance on an allowed private address', () => {
  let svc: RunningService;
  const traps: Trap[] = [];

  beforeAll(async () => {
    const answers = [
      { status: 200, type: 'application/json', text: JSON.stringify({ [SECRET]: { nested: SECRET } }) },
      { status: 200, type: 'text/html', text: `<html><body>${SECRET}</body></html>` },
      { status: 404, type: 'application/json', text: JSON.stringify({ error: SECRET }) },
      { status: 401, type: 'application/json', text: JSON.stringify({ error: SECRET }) },
    ];
    // One instance per answer: one host is one instance.
    for (const answer of answers) traps.push(await startTrap(() => answer));
    svc = await startService({ env: { ALLOW_PRIVATE_TARGETS: 'true' } });
  });
  afterAll(async () => {
    await svc?.close();
    await Promise.all(traps.map((t) => t.close()));
  });

  it('say what happened (status, not JSON, not statuses) but never repeat the body or its keys', async () => {
    const instances = traps.map((t) => `http://127.0.0.1:${t.port}`);
    const res = await svc.api('/api/v1/campaigns', { method: 'POST', json: { name: 'Leak', hashtags: ['#Leak'], sources: [{ type: 'mastodon', instances }] } });
    expect(res.status).toBe(201);
    const { campaign } = (await res.json()) as { campaign: { id: string } };
    await svc.api(`/api/v1/campaigns/${campaign.id}/collect`, { method: 'POST' });
    // The run fails and its job is retried later; its first record is what viewers read.
    let run: Awaited<ReturnType<typeof runs>>[number] | undefined;
    while (run?.status !== 'failed') [run] = await runs(svc, campaign.id).then((r) => r.filter((x) => x.status !== 'running'));
    expect(run.error).toContain('expected an array of statuses, got an object');
    expect(run.error).toContain('with a page that is not JSON');
    expect(run.error).toContain('(HTTP 404)');
    expect(run.error).toContain('(HTTP 401)');
    expect(run.error).not.toContain(SECRET);
    const view = await (await svc.api(`/api/v1/campaigns/${campaign.id}`)).text();
    expect(view).not.toContain(SECRET);
  });
});
