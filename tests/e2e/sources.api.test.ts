import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../helpers/service.js';

/** GET /api/v1/sources (API.md, additions 1.1): the sources this server knows, and what each needs. */

describe('GET /api/v1/sources', () => {
  let withX: RunningService;
  let bare: RunningService;

  beforeAll(async () => {
    [withX, bare] = await Promise.all([startService({ env: { X_BEARER_TOKEN: 'x-token-for-the-list' } }), startService()]);
  });
  afterAll(async () => {
    await Promise.all([withX?.close(), bare?.close()]);
  });

  it('lists every source in the registry’s order, with what a person must set for those without credentials', async () => {
    const res = await bare.api('/api/v1/sources');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      sources: [
        { type: 'x', label: 'X', collects: true, billed: true, credentialsSet: false, setup: 'No X credentials on this server: set X_BEARER_TOKEN.' },
        { type: 'mastodon', label: 'Mastodon', collects: true, billed: false, credentialsSet: true, setup: null },
        {
          type: 'bluesky',
          label: 'Bluesky',
          collects: true,
          billed: false,
          credentialsSet: false,
          setup: 'No Bluesky account on this server: set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD.',
        },
        { type: 'import', label: 'Import', collects: false, billed: false, credentialsSet: true, setup: null },
      ],
    });
  });

  it('says a source is usable once its credentials are set, without showing them', async () => {
    const text = await (await withX.api('/api/v1/sources')).text();
    expect(text).not.toContain('x-token-for-the-list');
    const { sources } = JSON.parse(text) as { sources: Array<{ type: string; credentialsSet: boolean; setup: string | null }> };
    expect(sources.find((s) => s.type === 'x')).toMatchObject({ credentialsSet: true, setup: null });
  });

  it('needs a signed-in caller and takes no parameter', async () => {
    expect((await bare.api('/api/v1/sources', { token: null })).status).toBe(401);
    const extra = await bare.api('/api/v1/sources?type=x');
    expect(extra.status).toBe(400);
  });

  it('is described in the OpenAPI document, with its access rule', async () => {
    const doc = (await (await bare.api('/api/v1/openapi.json', { token: null })).json()) as {
      paths: Record<string, Record<string, { summary: string; 'x-access': unknown }>>;
    };
    const op = doc.paths['/api/v1/sources']?.get;
    expect(op?.summary).toMatch(/^The sources this server knows/);
    expect(op?.['x-access']).toEqual({ kind: 'signed-in' });
  });
});
