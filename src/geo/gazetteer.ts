import { getProvinces, getRegencies } from 'idn-area-data';
import { LRUCache } from 'lru-cache';
import { AREA_ALIASES } from './aliases.data.js';
import { buildCities, buildProvinces, type ProvinceRow, type RegencyRow } from './area.names.js';
import type { City, LocationMatch, Province } from './area.types.js';
import { FOREIGN_PLACES } from './foreign-places.data.js';
import { matchHashtagSuffix, matchLocation } from './location.match.js';
import { buildPlaceIndex } from './place.index.js';

export type { City, LocationMatch } from './area.types.js';

/**
 * Indonesia's cities (kota and kabupaten) and provinces, and the matching of free text to them,
 * as METRICS.md ("Attribution to cities") defines it. Pure once built.
 */
export interface Gazetteer {
  city(code: string): City | undefined;
  province(code: string): Province | undefined;
  /** All 514 cities, by code. */
  cities(): readonly City[];
  /** All 38 provinces, by code. */
  provinces(): readonly Province[];
  /** Free text: an X place full_name/name, or an author's profile location. null = no location. */
  matchText(text: string): LocationMatch | null;
  /** Rule 2 of METRICS.md: the part of a hashtag after the campaign hashtag ("kupang", "pangkalpinang", "makassar"), lower-case, no spaces. Returns the city or undefined. */
  cityFromHashtagSuffix(suffix: string): City | undefined;
}

const MATCH_CACHE_SIZE = 20_000;
/** The match of a text that names no place (the cache holds no null). */
const NO_MATCH = Symbol('no location');

/** Builds a gazetteer from idn-area-data-shaped rows. Pure: tests pass their own rows. */
export function createGazetteer(regencies: RegencyRow[], provinces: ProvinceRow[]): Gazetteer {
  const cityList: readonly City[] = Object.freeze(buildCities(regencies).map((c) => Object.freeze(c)));
  const provinceList: readonly Province[] = Object.freeze(buildProvinces(provinces).map((p) => Object.freeze(p)));
  const cityByCode = new Map(cityList.map((c) => [c.code, c]));
  const provinceByCode = new Map(provinceList.map((p) => [p.code, p]));
  const index = buildPlaceIndex(cityList, provinceList, AREA_ALIASES, FOREIGN_PLACES);
  // An author's profile location comes with each of their posts, and the same few hundred
  // spellings ("Makassar, Sulsel") come from thousands of authors: each text is matched once.
  const matches = new LRUCache<string, LocationMatch | typeof NO_MATCH>({ max: MATCH_CACHE_SIZE });

  return {
    city: (code) => cityByCode.get(code),
    province: (code) => provinceByCode.get(code),
    cities: () => cityList,
    provinces: () => provinceList,
    matchText: (text) => {
      const hit = matches.get(text);
      if (hit !== undefined) return hit === NO_MATCH ? null : hit;
      const found = matchLocation(text, index);
      const match = found && Object.freeze(found);
      matches.set(text, match ?? NO_MATCH);
      return match;
    },
    cityFromHashtagSuffix: (suffix) => {
      const code = matchHashtagSuffix(suffix, index);
      return code === undefined ? undefined : cityByCode.get(code);
    },
  };
}

let loading: Promise<Gazetteer> | undefined;

/** The gazetteer of the installed idn-area-data, loaded once per process (every caller shares one promise). */
export function loadGazetteer(): Promise<Gazetteer> {
  if (!loading) {
    const attempt = Promise.all([getRegencies(), getProvinces()]).then(([regencies, provinces]) => createGazetteer(regencies, provinces));
    // A failed load is not kept, so the next caller retries instead of inheriting the failure.
    attempt.catch(() => {
      if (loading === attempt) loading = undefined;
    });
    loading = attempt;
  }
  return loading;
}
