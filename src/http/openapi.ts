import { z } from 'zod';
import type { RouteDef } from './route.js';

/** Builds the OpenAPI 3.1 description of the API from the route table's own schemas. */
export function openApiDocument(routes: readonly RouteDef[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(json.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s });
      }
    }
    const op: Record<string, unknown> = {
      summary: r.summary,
      /** Who may call it (docs/accounts.md). */
      'x-access': r.access,
      parameters,
      responses: {
        [String(r.status ?? 200)]: r.responseContentType
          ? { description: 'Success', content: { [r.responseContentType]: { schema: { type: 'string', contentMediaType: r.responseContentType } } } }
          : { description: 'Success' },
        '400': { description: 'Invalid request; the error names each bad field', content: { 'application/json': { schema: errorSchema } } },
        ...(r.access.kind !== 'public' ? { '401': { description: 'No credential' }, '403': { description: 'Credential without the right' } } : {}),
        ...(r.params ? { '404': { description: 'Unknown id' } } : {}),
      },
    };
    if (r.access.kind !== 'public') op.security = [{ bearer: [] }, { session: [] }];
    if (r.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) } } };
    }
    if (r.requestContentTypes) {
      const content = Object.fromEntries(
        Object.entries(r.requestContentTypes).map(([type, s]) => [type, { schema: z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) }]),
      );
      op.requestBody = { required: true, content };
      Object.assign(op.responses as object, { '413': { description: 'Body too large' }, '415': { description: 'Content type not accepted' } });
    }
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Campaign analytics API', version },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN, a personal API token (kkt_…) or a share link’s secret (kks_…)' },
        session: { type: 'apiKey', in: 'cookie', name: 'kk_session', description: 'The dashboard’s sign-in; writes also need the X-CSRF-Token header' },
      },
    },
    paths,
  };
}

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array' } },
      required: ['code', 'message', 'details'],
    },
  },
  required: ['error'],
};
