import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { demoApi, type DemoApi } from '../helpers/demo-api.js';
import { within } from '../helpers/processes.js';

/**
 * The real API process under 200 concurrent connections for 30 seconds on loopback, cycling
 * through the dashboard's reads: not one 5xx, not one non-2xx, no connection dropped or timed out.
 * (How fast it answers is `npm run bench`'s business, never asserted here.)
 */
const TOKEN = 'fault-load-token-0123456789';

describe('the API under 200 concurrent connections for 30 s', () => {
  let demo: DemoApi;

  beforeAll(async () => {
    demo = await demoApi(TOKEN, 'kk-fault-load-');
  });

  afterAll(() => demo.cleanUp());

  it('answers every request with a 2xx and drops no connection', { timeout: 90_000 }, async () => {
    const { api, port } = await demo.start();
    const base = `/api/v1/campaigns/${DEMO_CAMPAIGN_ID}`;
    const paths = [
      `${base}/metrics/summary`,
      `${base}/metrics/breakdown?by=city`,
      `${base}/metrics/timeseries?interval=day`,
      `${base}/metrics/breakdown?by=topic`,
      `${base}/posts?limit=20`,
      '/api/v1/campaigns',
      '/healthz',
    ];
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: 200,
      duration: 30,
      // A request still unanswered after a minute counts as dropped; a slow answer is not a failure here.
      timeout: 60,
      headers: { authorization: `Bearer ${TOKEN}` },
      requests: paths.map((p) => ({ method: 'GET', path: p })),
    });
    expect(result.requests.total).toBeGreaterThan(1_000);
    expect({ '5xx': result['5xx'], non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, resets: result.resets }).toEqual({
      '5xx': 0,
      non2xx: 0,
      errors: 0,
      timeouts: 0,
      resets: 0,
    });

    api.child.kill('SIGTERM');
    expect((await within(30_000, 'the API to exit', api.exited)).code).toBe(0);
  });
});
