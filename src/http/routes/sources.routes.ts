import { z } from 'zod';
import type { HttpDeps } from '../deps.js';
import { defineRoute } from '../route.js';

/** The sources this server knows, for the campaign form's choices (API.md, additions 1.1). */
export function sourceRoutes(deps: HttpDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/sources',
      summary: 'The sources this server knows, with their labels and whether their credentials are set (setup: what to set when not)',
      access: { kind: 'signed-in' },
      query: z.strictObject({}),
      handle: async () => ({ body: deps.sources.list() }),
    }),
  ];
}
