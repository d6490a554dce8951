import { z } from 'zod';
import { url } from '../../config-fields.js';
import { createRequestLimiter, X_LIMITS } from '../request-limiter.js';
import { defineSource } from '../source.descriptor.js';
import { createXSource } from './x.source.js';

export interface XSettings {
  readonly bearerToken: string | undefined;
  /** The v2 root every request goes to. */
  readonly baseUrl: string;
  /** How far behind its checkpoint each new pass re-reads, in minutes (docs/collection.md). */
  readonly overlapMinutes: number;
}

/** X (recent search through twitter-api-v2): an app bearer token; X bills every post read. */
export const xSource = defineSource({
  type: 'x',
  label: 'X',
  billed: true,
  settings: {
    env: z.object({
      X_BEARER_TOKEN: z.string().min(1).optional(),
      X_API_BASE_URL: url(['http:', 'https:']).default('https://api.x.com/2/'),
      /** X's search index lags: a post can become searchable after newer ones were read. */
      X_OVERLAP_MINUTES: z.coerce.number({ message: 'must be a number of minutes' }).int().min(0).max(1440).default(15),
    }),
    read: (env): XSettings => ({ bearerToken: env.X_BEARER_TOKEN, baseUrl: env.X_API_BASE_URL, overlapMinutes: env.X_OVERLAP_MINUTES }),
  },
  credentialsMissing: (s) => (s.bearerToken ? null : 'No X credentials on this server: set X_BEARER_TOKEN.'),
  create: ({ bearerToken = '', baseUrl, overlapMinutes }, deps) => {
    // One request window per app, shared by every campaign and, through Redis, every worker.
    const limiter = createRequestLimiter({ limits: X_LIMITS, redis: deps.redis, keyPrefix: deps.keyPrefix });
    return createXSource({ bearerToken, baseUrl, logger: deps.log, limiter, overlapMs: overlapMinutes * 60_000 });
  },
});
