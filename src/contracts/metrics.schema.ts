import { z } from 'zod';
import { SOURCE_TYPES } from '../domain/post.js';
import { MATRIX_VALUES } from '../domain/metrics-query.js';

/** Query parameters of the metrics routes (API.md, Conventions and Metrics). */

const dateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  message: 'must be a date (YYYY-MM-DD) or an ISO 8601 instant with an offset',
});

/** A parameter that may be repeated (`?city=a&city=b`) arrives as a string or an array. */
const repeatable = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item).max(100)])
    .transform((v) => (Array.isArray(v) ? v : [v]) as Array<z.infer<T>>)
    .optional();

export const filterParams = {
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
  city: repeatable(z.string().regex(/^(\d{2}\.\d{2}|unknown)$/, 'must be a city code like 73.71 or unknown')),
  province: repeatable(z.string().regex(/^(\d{2}|unknown)$/, 'must be a province code like 73 or unknown')),
  topic: repeatable(z.string().min(1).max(60)),
  source: repeatable(z.enum(SOURCE_TYPES)),
  hashtag: repeatable(z.string().regex(/^#?[\p{L}\p{N}_]+$/u, 'must be a hashtag')),
};

export const summaryQuery = z.strictObject(filterParams);

const BREAKDOWN_DIMENSIONS = ['city', 'province', 'topic', 'source', 'hashtag'] as const;
export const breakdownQuery = z.strictObject({ ...filterParams, by: z.enum(BREAKDOWN_DIMENSIONS) });

const INTERVALS = ['hour', 'day', 'week'] as const;
export const timeseriesQuery = z.strictObject({ ...filterParams, interval: z.enum(INTERVALS).default('day') });

export type FilterParams = z.infer<typeof summaryQuery>;

/** The dimensions a matrix may put on its rows and columns: the breakdown's, and the day. */
const MATRIX_DIMENSIONS = [...BREAKDOWN_DIMENSIONS, 'day'] as const;
export const matrixQuery = z
  .strictObject({
    ...filterParams,
    rows: z.enum(MATRIX_DIMENSIONS),
    cols: z.enum(MATRIX_DIMENSIONS),
    value: z.enum(MATRIX_VALUES).default('posts'),
  })
  .refine((q) => q.rows !== q.cols, { message: 'must be a different dimension from rows', path: ['cols'] });
