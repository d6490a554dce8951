import { z } from 'zod';
import {
  BREAKDOWN_DIMENSIONS,
  DIMENSION_SPECS,
  FILTER_DIMENSIONS,
  MATRIX_DIMENSIONS,
  type FilterDimension,
  type FilterValueRule,
  type KeyOf,
  type ParamOf,
} from '../domain/dimensions.js';
import { SOURCE_TYPES } from '../sources/registry.js';
import { MATRIX_VALUES } from '../domain/metrics-query.js';
import { LIMITS } from '../domain/limits.js';

/** Query parameters of the metrics routes (API.md, Conventions and Metrics). */

const dateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  message: 'must be a date (YYYY-MM-DD) or an ISO 8601 instant with an offset',
});

/** A parameter that may be repeated (`?city=a&city=b`) arrives as a string or an array. */
const repeatable = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item).max(LIMITS.valuesPerFilter, `A filter takes at most ${LIMITS.valuesPerFilter} values.`)])
    .transform((v) => (Array.isArray(v) ? v : [v]) as Array<z.infer<T>>)
    .optional();

function valueSchema(rule: FilterValueRule): z.ZodType<string> {
  switch (rule.kind) {
    case 'pattern':
      return z.string().regex(rule.pattern, rule.message);
    case 'text':
      return z.string().min(1).max(rule.maxLength);
    case 'one-of':
      return z.enum(rule.values);
    case 'registered-source':
      return z.enum(SOURCE_TYPES);
  }
}

/** One repeatable parameter per filter dimension of the registry (domain/dimensions.ts), in its order. */
type DimensionParams = { [D in FilterDimension as ParamOf<D>]: ReturnType<typeof repeatable<z.ZodType<KeyOf<D>>>> };

const dimensionParams = Object.fromEntries(
  FILTER_DIMENSIONS.map((d) => [DIMENSION_SPECS[d].param, repeatable(valueSchema(DIMENSION_SPECS[d].filter.value))]),
) as DimensionParams;

export const filterParams = {
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
  ...dimensionParams,
};

/** `compare=previous` adds the same figures for the range of equal length just before (METRICS.md, previous period). */
export const SUMMARY_COMPARISONS = ['previous'] as const;
export const summaryQuery = z.strictObject({ ...filterParams, compare: z.enum(SUMMARY_COMPARISONS).optional() });

export const breakdownQuery = z.strictObject({ ...filterParams, by: z.enum(BREAKDOWN_DIMENSIONS) });

const INTERVALS = ['hour', 'day', 'week'] as const;
export const timeseriesQuery = z.strictObject({ ...filterParams, interval: z.enum(INTERVALS).default('day') });

/** The filters alone: what every metrics question is asked over. */
export type FilterParams = z.infer<z.ZodObject<typeof filterParams>>;

/** The dimensions a matrix may put on its rows and columns: the breakdown's, and the day. */
export const matrixQuery = z
  .strictObject({
    ...filterParams,
    rows: z.enum(MATRIX_DIMENSIONS),
    cols: z.enum(MATRIX_DIMENSIONS),
    value: z.enum(MATRIX_VALUES).default('posts'),
  })
  .refine((q) => q.rows !== q.cols, { message: 'must be a different dimension from rows', path: ['cols'] });

/** 1 to 100, 2 by default: how many times the usual level a bucket must exceed to be a spike (METRICS.md, spikes). */
const factor = z.coerce.number({ message: 'must be a number from 1 to 100' }).min(1).max(100).default(2);
export const spikesQuery = z.strictObject({ ...filterParams, interval: z.enum(['hour', 'day']).default('day'), factor });
export type SpikesParams = z.infer<typeof spikesQuery>;
