import type { Campaign } from '../domain/campaign.js';
import {
  DIMENSION_SPECS,
  dimensionSpec,
  filterKeys,
  type Dimension,
  type FilterDimension,
  type KeySource,
  OTHER_TOPIC,
  UNKNOWN,
} from '../domain/dimensions.js';
import { normalizeHashtag } from '../domain/hashtags.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import type { FilterParams } from '../contracts/metrics.schema.js';
import { bucketsBetween, type Range } from './metrics-range.js';

import { SOURCE_LABELS } from '../sources/registry.js';
import { isPlatform, SENTIMENTS } from '../domain/post.js';

const SENTIMENT_LABELS: Readonly<Record<string, string>> = { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' };

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** A language code's English name (`id` Indonesian, `jv` Javanese), `Unknown` for `und`. */
function languageName(code: string): string {
  if (code === 'und') return 'Unknown';
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

/** What people read for each platform a post may be published on (API.md 1.1). */
const PLATFORM_LABELS: Readonly<Record<string, string>> = {
  x: 'X',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  instagram: 'Instagram',
  facebook: 'Facebook',
  tiktok: 'TikTok',
  whatsapp: 'WhatsApp',
  youtube: 'YouTube',
  threads: 'Threads',
  linkedin: 'LinkedIn',
  telegram: 'Telegram',
  other: 'Other',
};

/** Labels of group keys, and the keys a breakdown or a matrix shows even when they have no post. */

const CATCH_ALL_LABELS: Readonly<Record<string, string>> = { [UNKNOWN]: 'Unknown', [OTHER_TOPIC]: 'Other' };

export interface KeyCatalog {
  /** What a person reads for a key: a city's display name, `#SocMed4SocGood`, `Unknown`… */
  label(campaign: Campaign, by: Dimension, key: string): string;
  /** What a key's labels read from the campaign besides the key (its hashtags' spelling), for the answer cache's key. */
  labelInputs(campaign: Campaign, by: Dimension): unknown;
  /** What a person reads for a filter value as it was asked (a hashtag as written). */
  filterLabel(campaign: Campaign, by: FilterDimension, value: string): string;
  /**
   * Keys shown even when empty, so a reader sees what is missing: the campaign's cities and
   * `unknown`, its topics and `other`, its hashtags and sources, every bucket of the range for a
   * time dimension. A filter on the same dimension narrows them to the ones asked for.
   */
  fixedKeys(campaign: Campaign, by: Dimension, params: FilterParams, range: Range): string[];
}

/** Per source of keys (domain/dimensions.ts KeySource): a key's label, and the keys the campaign names. */
interface KeySourceImpl {
  label(campaign: Campaign, key: string): string;
  /** What `label` reads from the campaign; null when nothing. */
  labelInputs?(campaign: Campaign): unknown;
  campaignKeys(campaign: Campaign, by: Dimension, range: Range): string[];
}

export function createKeyCatalog(gazetteer: Gazetteer): KeyCatalog {
  const sources: Readonly<Record<KeySource, KeySourceImpl>> = {
    'gazetteer-city': {
      label: (_, key) => gazetteer.city(key)?.displayName ?? key,
      campaignKeys: (campaign) => [...campaign.cities],
    },
    'gazetteer-province': {
      label: (_, key) => gazetteer.province(key)?.displayName ?? key,
      campaignKeys: (campaign) => [...new Set(campaign.cities.map((c) => gazetteer.city(c)?.provinceCode).filter((p): p is string => !!p))],
    },
    'campaign-topics': { label: (_, key) => key, campaignKeys: (campaign) => Object.keys(campaign.topics) },
    'campaign-hashtags': {
      label: (campaign, key) => campaign.hashtags.find((h) => normalizeHashtag(h) === key) ?? `#${key}`,
      labelInputs: (campaign) => campaign.hashtags,
      campaignKeys: (campaign) => campaign.hashtags.map(normalizeHashtag),
    },
    'campaign-sources': { label: (_, key) => SOURCE_LABELS[key] ?? key, campaignKeys: (campaign) => campaign.sources.map((s) => s.type) },
    'campaign-platforms': {
      label: (_, key) => PLATFORM_LABELS[key] ?? key,
      campaignKeys: (campaign) => [...new Set(campaign.sources.map((s) => s.type).filter(isPlatform))],
    },
    languages: { label: (_, key) => languageName(key), campaignKeys: () => [] },
    sentiments: { label: (_, key) => SENTIMENT_LABELS[key] ?? key, campaignKeys: () => [...SENTIMENTS] },
    range: {
      label: (_, key) => key,
      campaignKeys: (_, by, range) => {
        const interval = dimensionSpec(by).interval;
        return interval ? bucketsBetween(range.from, range.to, interval) : [];
      },
    },
  };
  const label = (campaign: Campaign, by: Dimension, key: string): string => {
    const spec = dimensionSpec(by);
    if (key === spec.catchAll) return CATCH_ALL_LABELS[key] ?? key;
    return sources[spec.keys].label(campaign, key);
  };
  return {
    label,
    labelInputs: (campaign, by) => sources[dimensionSpec(by).keys].labelInputs?.(campaign) ?? null,
    filterLabel(campaign, by, value) {
      // A hashtag is shown as it was asked, with its `#`.
      if (DIMENSION_SPECS[by].keys === 'campaign-hashtags') return value.startsWith('#') ? value : `#${value}`;
      return label(campaign, by, value);
    },
    fixedKeys(campaign, by, params, range) {
      const spec = dimensionSpec(by);
      const asked = spec.filter ? (params as Readonly<Record<string, readonly string[] | undefined>>)[spec.param] : undefined;
      if (asked) return filterKeys(by as FilterDimension, asked);
      const keys = sources[spec.keys].campaignKeys(campaign, by, range);
      return spec.catchAll === undefined ? keys : [...keys, spec.catchAll];
    },
  };
}
