import { z } from 'zod';
import type { HttpDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { defaultTopics } from '../../topics/default-topics.js';
import { localizeMessage } from '../../contracts/localize.js';
import { requestLang } from '../language.js';

/** The sources this server knows and the default topics, for the campaign form (API.md, additions 1.1). */
export function sourceRoutes(deps: HttpDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/sources',
      summary: 'The sources this server knows, with their labels and whether their credentials are set (setup: what to set when not)',
      access: { kind: 'signed-in' },
      query: z.strictObject({}),
      handle: async ({ req, res }) => {
        const answer = deps.sources.list();
        const lang = requestLang(req, res);
        if (lang === 'en') return { body: answer };
        return { body: { sources: answer.sources.map((s) => ({ ...s, setup: s.setup === null ? null : localizeMessage(s.setup, lang) })) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/topics/defaults',
      summary: 'The topics a new campaign starts with (name → keywords), for a form to start from',
      access: { kind: 'signed-in' },
      query: z.strictObject({}),
      handle: async () => ({ body: { topics: defaultTopics() } }),
    }),
  ];
}
