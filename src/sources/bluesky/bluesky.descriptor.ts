import { z } from 'zod';
import { url } from '../../config-fields.js';
import { defineSource } from '../source.descriptor.js';
import { createBlueskySource } from './bluesky.source.js';

export interface BlueskySettings {
  /** Both or neither: the search endpoint needs a signed-in account. */
  readonly credentials: { readonly handle: string; readonly appPassword: string } | undefined;
  /** The XRPC root every request goes to. */
  readonly baseUrl: string;
}

/** Bluesky (searchPosts, signed in with an app password). */
export const blueskySource = defineSource({
  type: 'bluesky',
  label: 'Bluesky',
  billed: false,
  settings: {
    env: z
      .object({
        BLUESKY_HANDLE: z.string().min(3).optional(),
        BLUESKY_APP_PASSWORD: z.string().min(1).optional(),
        BLUESKY_API_BASE_URL: url(['http:', 'https:']).default('https://bsky.social/xrpc/'),
      })
      .superRefine((e, ctx) => {
        if (!e.BLUESKY_HANDLE === !e.BLUESKY_APP_PASSWORD) return;
        const [missing, other] = e.BLUESKY_HANDLE ? ['BLUESKY_APP_PASSWORD', 'BLUESKY_HANDLE'] : ['BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD'];
        ctx.addIssue({ code: 'custom', path: [missing], message: `required with ${other} (Bluesky search needs a signed-in account)` });
      }),
    read: (env): BlueskySettings => ({
      credentials: env.BLUESKY_HANDLE && env.BLUESKY_APP_PASSWORD ? { handle: env.BLUESKY_HANDLE, appPassword: env.BLUESKY_APP_PASSWORD } : undefined,
      baseUrl: env.BLUESKY_API_BASE_URL,
    }),
  },
  credentialsMissing: (s) => (s.credentials ? null : 'No Bluesky account on this server: set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD.'),
  create: ({ credentials = { handle: '', appPassword: '' }, baseUrl }, deps) => createBlueskySource({ ...credentials, baseUrl, logger: deps.log }),
});
