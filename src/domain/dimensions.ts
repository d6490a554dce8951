import type { CampaignPost } from './campaign.js';
import { normalizeHashtag } from './hashtags.js';
import { PLATFORMS, SENTIMENTS } from './post.js';

/**
 * The dimensions a metrics query filters and groups by, declared once. The API's parameters and
 * their validation, MetricsFilter, filter resolution, the key catalog (labels, fixed keys,
 * catch-alls), the share images' filter line and the test reference are derived from this table;
 * each store keeps an exhaustive table of its own (SQL expression, pipeline expression), so the
 * compiler names every place a new dimension needs.
 */

/** The key of a post without a city or province in a by-city or by-province breakdown. */
export const UNKNOWN = 'unknown';
/** The topic of a post that matches no topic. */
export const OTHER_TOPIC = 'other';

/**
 * How a dimension's labels and fixed keys are found; the key catalog (services/metrics-keys.ts)
 * maps each to an implementation: the gazetteer, the campaign's own lists, or the range asked.
 */
export type KeySource =
  | 'gazetteer-city'
  | 'gazetteer-province'
  | 'campaign-topics'
  | 'campaign-hashtags'
  | 'campaign-sources'
  /** The platforms the campaign's collected sources publish on (imports add theirs when they have posts). */
  | 'campaign-platforms'
  /** Language codes: no fixed keys, labelled by name (`id` Indonesian). */
  | 'languages'
  /** positive, neutral, negative: always all three. */
  | 'sentiments'
  | 'range';

/** What a filter value must look like (the API's validation, with its message). */
export type FilterValueRule =
  | { kind: 'pattern'; pattern: RegExp; message: string }
  | { kind: 'text'; maxLength: number }
  | { kind: 'one-of'; values: readonly [string, ...string[]] }
  /** One of the sources this server knows (sources/registry.ts): domain imports nothing of the project, contracts resolve it. */
  | { kind: 'registered-source' };

export interface FilterSpec {
  /** MetricsFilter field: the keys selected, any of them. */
  field: string;
  value: FilterValueRule;
  /** A value as asked → the key it selects (hashtags lower-case without `#`). */
  normalize?: (value: string) => string;
  /** DailyRollup field of the same key, when the rollups are kept per this dimension. */
  rollup?: 'cityCode' | 'provinceCode' | 'source';
}

export interface DimensionSpec {
  /** The API's name: the filter parameter, and the value of `by`, `rows` and `cols`. */
  param: string;
  /** Present when the routes take the dimension as a filter. */
  filter?: FilterSpec;
  breakdown: boolean;
  matrix: boolean;
  /** The CampaignPost field a post's key is read from. */
  attribution: keyof CampaignPost;
  /** The field holds a list: a post is in the row of each of its keys. */
  array: boolean;
  /** The key of the posts the field says nothing about, listed last in a matrix. */
  catchAll?: typeof UNKNOWN | typeof OTHER_TOPIC;
  keys: KeySource;
  /** For `range` keys: the bucket a key names. */
  interval?: 'day' | 'hour';
}

export const DIMENSION_SPECS = {
  city: {
    param: 'city',
    filter: {
      field: 'cities',
      value: { kind: 'pattern', pattern: /^(\d{2}\.\d{2}|unknown)$/, message: 'must be a city code like 73.71 or unknown' },
      rollup: 'cityCode',
    },
    breakdown: true,
    matrix: true,
    attribution: 'cityCode',
    array: false,
    catchAll: UNKNOWN,
    keys: 'gazetteer-city',
  },
  province: {
    param: 'province',
    filter: {
      field: 'provinces',
      value: { kind: 'pattern', pattern: /^(\d{2}|unknown)$/, message: 'must be a province code like 73 or unknown' },
      rollup: 'provinceCode',
    },
    breakdown: true,
    matrix: true,
    attribution: 'provinceCode',
    array: false,
    catchAll: UNKNOWN,
    keys: 'gazetteer-province',
  },
  topic: {
    param: 'topic',
    filter: { field: 'topics', value: { kind: 'text', maxLength: 60 } },
    breakdown: true,
    matrix: true,
    attribution: 'topics',
    array: true,
    catchAll: OTHER_TOPIC,
    keys: 'campaign-topics',
  },
  source: {
    param: 'source',
    filter: { field: 'sources', value: { kind: 'registered-source' }, rollup: 'source' },
    breakdown: true,
    matrix: true,
    attribution: 'platform',
    array: false,
    keys: 'campaign-sources',
  },
  platform: {
    param: 'platform',
    filter: { field: 'platforms', value: { kind: 'one-of', values: PLATFORMS } },
    breakdown: true,
    matrix: true,
    attribution: 'publishedOn',
    array: false,
    keys: 'campaign-platforms',
  },
  language: {
    param: 'language',
    filter: { field: 'languages', value: { kind: 'pattern', pattern: /^[a-z]{2,3}$/, message: 'must be a language code like id, en, jv or und' } },
    breakdown: true,
    matrix: true,
    attribution: 'language',
    array: false,
    keys: 'languages',
  },
  sentiment: {
    param: 'sentiment',
    filter: { field: 'sentiments', value: { kind: 'one-of', values: SENTIMENTS } },
    breakdown: true,
    matrix: true,
    attribution: 'sentiment',
    array: false,
    keys: 'sentiments',
  },
  hashtag: {
    param: 'hashtag',
    filter: {
      field: 'hashtags',
      value: { kind: 'pattern', pattern: /^#?[\p{L}\p{N}_]+$/u, message: 'must be a hashtag' },
      normalize: normalizeHashtag,
    },
    breakdown: true,
    matrix: true,
    attribution: 'hashtags',
    array: true,
    keys: 'campaign-hashtags',
  },
  day: { param: 'day', breakdown: false, matrix: true, attribution: 'day', array: false, keys: 'range', interval: 'day' },
  hour: { param: 'hour', breakdown: false, matrix: false, attribution: 'hour', array: false, keys: 'range', interval: 'hour' },
} as const satisfies Record<string, DimensionSpec>;

type Specs = typeof DIMENSION_SPECS;
export type Dimension = keyof Specs;

/** Every dimension, in the registry's order (the order of the API's filter parameters). */
export const DIMENSIONS = Object.keys(DIMENSION_SPECS) as Dimension[];

/** The spec of a dimension, widened: for code that treats every dimension alike. */
export function dimensionSpec(d: Dimension): DimensionSpec {
  return DIMENSION_SPECS[d];
}

export type FilterDimension = { [D in Dimension]: Specs[D] extends { filter: FilterSpec } ? D : never }[Dimension];
export type BreakdownDimension = { [D in Dimension]: Specs[D]['breakdown'] extends true ? D : never }[Dimension];
export type MatrixDimension = { [D in Dimension]: Specs[D]['matrix'] extends true ? D : never }[Dimension];
export type ArrayDimension = { [D in Dimension]: Specs[D]['array'] extends true ? D : never }[Dimension];

const isFilter = (d: Dimension): d is FilterDimension => dimensionSpec(d).filter !== undefined;
export const FILTER_DIMENSIONS: readonly FilterDimension[] = DIMENSIONS.filter(isFilter);
export const BREAKDOWN_DIMENSIONS = DIMENSIONS.filter((d): d is BreakdownDimension => dimensionSpec(d).breakdown);
export const MATRIX_DIMENSIONS = DIMENSIONS.filter((d): d is MatrixDimension => dimensionSpec(d).matrix);

export function isArrayDimension(d: Dimension): d is ArrayDimension {
  return Object.hasOwn(DIMENSION_SPECS, d) && dimensionSpec(d).array;
}

/** The filter of a filter dimension, widened. */
export function filterSpec(d: FilterDimension): FilterSpec {
  return DIMENSION_SPECS[d].filter;
}

type Element<T> = T extends readonly (infer E)[] ? E : T;
/** The type of one key of a dimension: a SourceType for `source`, a string for the rest. */
export type KeyOf<D extends Dimension> = NonNullable<Element<CampaignPost[Specs[D]['attribution']]>>;

/** MetricsFilter field → the dimension it filters. */
export type FilterField<D extends FilterDimension> = Specs[D]['filter']['field'];
/** The API parameter of a dimension. */
export type ParamOf<D extends Dimension> = Specs[D]['param'];

/** The keys of each filter dimension a query keeps (any of them); an absent or empty list keeps all. */
export type DimensionFilters = { [D in FilterDimension as FilterField<D>]?: KeyOf<D>[] };

/** The keys a filter keeps on a dimension; undefined or empty: all. */
export function filterValues(filter: DimensionFilters, d: FilterDimension): readonly string[] | undefined {
  return filter[DIMENSION_SPECS[d].filter.field];
}

/** The keys a list of filter values selects. */
export function filterKeys(d: FilterDimension, values: readonly string[]): string[] {
  const normalize = filterSpec(d).normalize;
  return normalize ? values.map(normalize) : [...values];
}

/** The catch-all key of a dimension (`unknown` city or province, `other` topic), listed last in a matrix. */
export function isCatchAll(d: Dimension, key: string): boolean {
  return dimensionSpec(d).catchAll === key;
}
