import type { Campaign } from '../domain/campaign.js';
import { normalizeHashtag } from '../domain/hashtags.js';
import { OTHER_TOPIC, UNKNOWN, type Dimension } from '../domain/metrics-query.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import type { FilterParams } from '../contracts/metrics.schema.js';

/** Labels of group keys, and the keys a breakdown or a matrix shows even when they have no post. */

import { SOURCE_LABELS } from '../sources/registry.js';

/** The catch-all key of a dimension (`unknown` city or province, `other` topic), listed last in a matrix. */
export function isCatchAll(by: Dimension, key: string): boolean {
  return ((by === 'city' || by === 'province') && key === UNKNOWN) || (by === 'topic' && key === OTHER_TOPIC);
}

export interface KeyCatalog {
  /** What a person reads for a key: a city's display name, `#SocMed4SocGood`, `Unknown`… */
  label(campaign: Campaign, by: Dimension, key: string): string;
  /**
   * Keys shown even when empty, so a reader sees what is missing: the campaign's cities and
   * `unknown`, its topics and `other`, its hashtags and sources. A filter on the same dimension
   * narrows them to the ones asked for. Day keys come from the range, not from here.
   */
  fixedKeys(campaign: Campaign, by: Dimension, params: FilterParams): string[];
}

export function createKeyCatalog(gazetteer: Gazetteer): KeyCatalog {
  return {
    label(campaign, by, key) {
      if (key === UNKNOWN && (by === 'city' || by === 'province')) return 'Unknown';
      if (by === 'city') return gazetteer.city(key)?.displayName ?? key;
      if (by === 'province') return gazetteer.province(key)?.displayName ?? key;
      if (by === 'source') return SOURCE_LABELS[key] ?? key;
      if (by === 'hashtag') return campaign.hashtags.find((h) => normalizeHashtag(h) === key) ?? `#${key}`;
      if (by === 'topic' && key === OTHER_TOPIC) return 'Other';
      return key;
    },
    fixedKeys(campaign, by, params) {
      const asked: Partial<Record<Dimension, string[]>> = {
        city: params.city,
        province: params.province,
        topic: params.topic,
        source: params.source,
        hashtag: params.hashtag?.map(normalizeHashtag),
      };
      const narrowed = asked[by];
      if (narrowed) return narrowed;
      if (by === 'city') return [...campaign.cities, UNKNOWN];
      if (by === 'province') return [...new Set(campaign.cities.map((c) => gazetteer.city(c)?.provinceCode).filter((p): p is string => !!p)), UNKNOWN];
      if (by === 'topic') return [...Object.keys(campaign.topics), OTHER_TOPIC];
      if (by === 'hashtag') return campaign.hashtags.map(normalizeHashtag);
      if (by === 'source') return campaign.sources.map((s) => s.type);
      return [];
    },
  };
}
