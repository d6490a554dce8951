import type { AreaAlias } from './aliases.data.js';
import { baseName } from './area.names.js';
import type { City, Province } from './area.types.js';
import { tokenize } from './text.normalize.js';

/**
 * The lookup table behind matching, built once per gazetteer: every name an area goes by,
 * reduced to its compact key ("pangkalpinang", "jakartaselatan", "sulsel"), and what it can mean.
 */

/** What one name can mean. A name can mean several areas: "Kupang" (kota and kabupaten), "Jambi" (kota and province). */
export interface PlaceEntry {
  /** Cities of that name, kota before kabupaten, then by code: the first one is the default reading. */
  readonly cities: readonly City[];
  readonly provinceCodes: readonly string[];
  /** A place outside Indonesia: a text naming it gets no location. */
  readonly foreign: boolean;
}

/** Compact key → meaning, plus what the scan needs to stop early. */
export interface PlaceIndex {
  readonly entries: ReadonlyMap<string, PlaceEntry>;
  /** Every proper prefix of every key, so a scan stops extending a run of words as soon as no name can begin with it. */
  readonly prefixes: ReadonlySet<string>;
}

/** Official names end in a direction; English names put it first ("Jakarta Selatan" = "South Jakarta"). */
const ENGLISH_DIRECTIONS: ReadonlyMap<string, string> = new Map([
  ['utara', 'north'],
  ['selatan', 'south'],
  ['timur', 'east'],
  ['barat', 'west'],
  ['tengah', 'central'],
  ['pusat', 'central'],
  ['tenggara', 'southeast'],
]);

/** The keys a name is found under: its compact form and, for "X Selatan" and the like, the English "South X". */
function nameKeys(name: string): string[] {
  const words = tokenize(name).words;
  const n = words.length;
  if (n === 0) return [];
  const keys = [words.join('')];
  if (n >= 3 && words[n - 2] === 'barat' && words[n - 1] === 'daya') {
    keys.push('southwest' + words.slice(0, n - 2).join(''));
  } else if (n >= 2) {
    const direction = ENGLISH_DIRECTIONS.get(words[n - 1] ?? '');
    if (direction) keys.push(direction + words.slice(0, n - 1).join(''));
  }
  return keys;
}

interface MutableEntry {
  cities: City[];
  provinceCodes: string[];
  foreign: boolean;
}

/** Builds the index from the areas, the alias table and the foreign names. Aliases of unknown codes are skipped. */
export function buildPlaceIndex(
  cities: readonly City[],
  provinces: readonly Province[],
  aliases: readonly AreaAlias[],
  foreignPlaces: readonly string[],
): PlaceIndex {
  const entries = new Map<string, MutableEntry>();
  const entryFor = (key: string): MutableEntry => {
    let entry = entries.get(key);
    if (!entry) entries.set(key, (entry = { cities: [], provinceCodes: [], foreign: false }));
    return entry;
  };
  const addCity = (name: string, city: City): void => {
    for (const key of nameKeys(name)) {
      const entry = entryFor(key);
      if (!entry.cities.includes(city)) entry.cities.push(city);
    }
  };
  const addProvince = (name: string, code: string): void => {
    for (const key of nameKeys(name)) {
      const entry = entryFor(key);
      if (!entry.provinceCodes.includes(code)) entry.provinceCodes.push(code);
    }
  };

  const cityByCode = new Map(cities.map((c) => [c.code, c]));
  const provinceCodes = new Set(provinces.map((p) => p.code));
  for (const city of cities) addCity(baseName(city.officialName), city);
  for (const province of provinces) addProvince(province.officialName, province.code);
  for (const { alias, cityCode, provinceCode } of aliases) {
    const city = cityCode === undefined ? undefined : cityByCode.get(cityCode);
    if (city) addCity(alias, city);
    if (provinceCode !== undefined && provinceCodes.has(provinceCode)) addProvince(alias, provinceCode);
  }
  // Foreign names never shadow an Indonesian one: they only fill keys nothing else uses.
  for (const name of foreignPlaces) {
    for (const key of nameKeys(name)) if (!entries.has(key)) entries.set(key, { cities: [], provinceCodes: [], foreign: true });
  }

  const prefixes = new Set<string>();
  for (const [key, entry] of entries) {
    entry.cities.sort((a, b) => (a.kind === b.kind ? a.code.localeCompare(b.code) : a.kind === 'kota' ? -1 : 1));
    for (let length = 1; length < key.length; length++) prefixes.add(key.slice(0, length));
  }
  return { entries, prefixes };
}
