import { z } from 'zod';
import { TERM_KINDS, TERMS_LIMIT } from '../domain/terms.js';
import { filterParams } from './metrics.schema.js';

/** GET …/metrics/terms (API.md 1.1): the kind of term, how many rows, and every metrics filter. */
export const termsQuery = z.strictObject({
  ...filterParams,
  kind: z.enum(TERM_KINDS, { message: 'must be hashtag, word or mention' }),
  limit: z.coerce
    .number({ message: `must be a whole number from 1 to ${TERMS_LIMIT.max}` })
    .int(`must be a whole number from 1 to ${TERMS_LIMIT.max}`)
    .min(1, `must be a whole number from 1 to ${TERMS_LIMIT.max}`)
    .max(TERMS_LIMIT.max, `must be a whole number from 1 to ${TERMS_LIMIT.max}`)
    .default(TERMS_LIMIT.default),
});

export type TermsParams = z.infer<typeof termsQuery>;
