import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src/demo/x-demo-data.js';
import { createLogger } from '../../src/logger.js';
import { OPERATOR } from '../../src/services/auth/principal.js';
import { createFakeXApi, problem, type RunningFakeXApi } from '../helpers/fake-x-api.js';
import { REDIS_URL, uniquePrefix, waitFor } from '../helpers/queues.js';
import { startService, TEST_TOKEN, type RunningService } from '../helpers/service.js';

/**
 * Operations: GET /metrics in the Prometheus text format behind the admin token; JSON log lines
 * that name the campaign, the source and the job on every line a job logs, whichever module logs
 * it; and, on the BullMQ runtime, the queue board at /admin/queues behind the same credential.
 */
const HOUR = 3_600_000;
const data = generateDemoData({ hashtag: 'SocMed4SocGood', start: new Date(Date.now() - 20 * HOUR), days: 0.5, posts: 150, seed: 77 });
const fields = { name: 'Ops', hashtags: ['#SocMed4SocGood'], startsAt: new Date(Date.now() - 48 * HOUR).toISOString(), sources: [{ type: 'x' as const }] };

describe('operations on the inline runtime', () => {
  let fake: RunningFakeXApi;
  let svc: RunningService;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    fake = await createFakeXApi(data).start();
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    svc = await startService({ env: { X_BEARER_TOKEN: fake.bearerToken, X_API_BASE_URL: fake.baseUrl }, log: createLogger('debug', { stream }) });
  });
  afterAll(async () => {
    await svc?.close();
    await fake?.close();
  });

  it('logs campaign, source and job id on every line of a job, from every module', async () => {
    const campaign = await svc.rt.http.campaigns.create(OPERATOR, fields);
    // One 503 makes the X client (not the processor) log a retry inside the job.
    fake.failNext(1, problem(503, 'Service Unavailable'));
    const { jobId } = await svc.rt.queue.add('collect', { campaignId: campaign.id, source: 'x' });
    await svc.idle();
    const ofJob = lines.filter((l) => l.jobId === jobId);
    expect(ofJob.map((l) => l.msg)).toEqual(expect.arrayContaining(['X request failed; retrying', 'collect run succeeded']));
    for (const line of ofJob) expect(line).toMatchObject({ campaignId: campaign.id, source: 'x', jobId, job: 'collect' });
    // The metrics job that follows names its campaign and job too.
    const metricsLines = lines.filter((l) => l.job === 'metrics');
    for (const line of metricsLines) expect(line).toMatchObject({ campaignId: campaign.id });
  });

  it('serves Prometheus metrics behind the admin token, latency by route pattern', async () => {
    const campaign = (await svc.rt.store.listCampaigns())[0]!;
    expect((await svc.api(`/api/v1/campaigns/${campaign.id}/metrics/summary`)).status).toBe(200);
    expect((await svc.api('/metrics', { token: null })).status).toBe(401);
    const res = await svc.api('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('kk_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/campaigns/:id/metrics/summary",status="2xx"}');
    expect(text).not.toContain(`route="/api/v1/campaigns/${campaign.id}`);
    expect(text).toMatch(/kk_collection_runs_total\{source="x",kind="collect",outcome="succeeded"\} [1-9]/);
    expect(text).toMatch(/kk_posts_collected_total\{source="x",outcome="new"\} [1-9]/);
    expect(text).toMatch(/kk_platform_requests_total\{platform="x",endpoint="tweets\/search\/recent",result="503"\} [1-9]/);
    expect(text).toMatch(/kk_job_duration_seconds_count\{job="collect",outcome="succeeded"\} [1-9]/);
    expect(text).toMatch(/kk_store_operation_duration_seconds_count\{store="sqlite",operation="saveBatch",outcome="ok"\} [1-9]/);
    expect(text).toContain('# TYPE kk_queue_depth gauge');
    expect(text).toContain('kk_process_resident_memory_bytes');
  });

  it('has no queue board without BullMQ', async () => {
    expect((await svc.api('/admin/queues')).status).toBe(404);
  });
});

describe('the queue board on the BullMQ runtime', () => {
  let svc: RunningService;
  let prefix: string;

  beforeAll(async () => {
    prefix = uniquePrefix('board');
    svc = await startService({ env: { REDIS_URL, QUEUE_PREFIX: prefix } });
  });
  afterAll(async () => {
    await svc?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('asks a browser for the admin token, and lists every job queue to whoever has it', async () => {
    const refused = await svc.api('/admin/queues', { token: null });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect((await svc.api('/admin/queues', { token: 'wrong-token-0123456789' })).status).toBe(401);

    const basic = Buffer.from(`admin:${TEST_TOKEN}`).toString('base64');
    const page = await svc.api('/admin/queues', { token: null, headers: { authorization: `Basic ${basic}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    const queues = await svc.api('/admin/queues/api/queues');
    expect(queues.status).toBe(200);
    const body = (await queues.json()) as { queues: Array<{ name: string }> };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['collect', 'deliver', 'digest', 'metrics', 'reattribute', 'refresh']);
  });

  it('refuses a cross-site write with cached Basic credentials, and a form-encoded one', async () => {
    const basic = { authorization: `Basic ${Buffer.from(`admin:${TEST_TOKEN}`).toString('base64')}` };
    const pause = (headers: Record<string, string>, body?: string) =>
      svc.api('/admin/queues/api/queues/collect/pause', {
        method: 'PUT',
        token: null,
        headers: { ...basic, ...headers },
        ...(body !== undefined ? { body } : {}),
      });
    const paused = async () =>
      ((await (await svc.api('/admin/queues/api/queues')).json()) as { queues: Array<{ name: string; isPaused: boolean }> }).queues.find(
        (q) => q.name === 'collect',
      )?.isPaused;
    // What a form on another site submits: its own Origin, a form content type, the browser's cached Basic credentials.
    const form = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' };
    const crossSite = await pause(form, 'x=1');
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as { error: { code: string } }).error.code).toBe('cross_site_refused');
    expect((await pause({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await pause({ origin: 'null' })).status).toBe(403);
    // Same origin, but a form body: still refused, a page elsewhere could have sent that.
    expect((await pause({ origin: new URL(svc.url).origin, 'content-type': 'text/plain' }, 'x')).status).toBe(415);
    expect(await paused()).toBe(false);
    // The board itself (same origin, no form body) still works.
    expect((await pause({ origin: new URL(svc.url).origin, 'sec-fetch-site': 'same-origin' })).status).toBeLessThan(300);
    expect(await paused()).toBe(true);
    expect((await svc.api('/admin/queues/api/queues/collect/resume', { method: 'PUT', token: null, headers: basic })).status).toBeLessThan(300);
  });

  it('counts the BullMQ queues in kk_queue_depth', async () => {
    await waitFor(async () => (await (await svc.api('/metrics')).text()).includes('kk_queue_depth{queue="collect"}'), 5_000, 'the queue depth');
  });
});
