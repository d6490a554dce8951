import type { City, LocationMatch } from './area.types.js';
import type { PlaceEntry } from './place.index.js';

/**
 * Decides what a text's place names add up to (METRICS.md, "Attribution to cities"):
 * one city, one province, or nothing.
 */

/** The word next to a name that says which reading the writer meant ("Kab. Kupang", "Provinsi Gorontalo"). */
export type Qualifier = 'kota' | 'kabupaten' | 'provinsi';

/** One place name found in a text, with the readings left after its qualifier. */
export interface Mention {
  /** Kota before kabupaten, then by code. */
  readonly cities: readonly City[];
  readonly provinceCodes: readonly string[];
}

/**
 * Narrows a name's readings by its qualifier. "Kab." keeps the kabupaten, "Kota" the kota, and
 * either drops the province reading ("Kota Gorontalo" is not the province); "Provinsi" keeps the
 * province. A qualifier that fits no reading ("Kab. Makassar") is ignored rather than dropping the name.
 */
export function mentionOf(entry: PlaceEntry, qualifier: Qualifier | null): Mention {
  if (qualifier === 'provinsi') {
    return entry.provinceCodes.length > 0 ? { cities: [], provinceCodes: entry.provinceCodes } : entry;
  }
  if (qualifier && entry.cities.length > 0) {
    const preferred = entry.cities.filter((c) => c.kind === qualifier);
    return { cities: preferred.length > 0 ? preferred : entry.cities, provinceCodes: [] };
  }
  return entry;
}

function provincesOf(mention: Mention): string[] {
  const codes = mention.cities.map((c) => c.provinceCode);
  for (const code of mention.provinceCodes) if (!codes.includes(code)) codes.push(code);
  return codes;
}

/**
 * The one location the mentions (in text order) agree on, or null.
 *
 * 1. Every mention must be readable inside one common province; if none exists the text names
 *    places in more than one province ("Makassar | Kupang", "Makassar, NTT") and gives nothing.
 *    If several remain (a lone "Banjar": Kota Banjar in Jawa Barat, Kabupaten Banjar in
 *    Kalimantan Selatan), the first mention's default reading picks (kota first, so Jawa Barat).
 * 2. In that province the first city named wins, reading a bare shared name as the kota. A name
 *    that is also the province's name ("Jambi", "Gorontalo", "Jogja") counts as a city only if no
 *    other city is named: in "Muaro Jambi, Jambi" or "Sleman, Jogja" it qualifies, it does not compete.
 * 3. No city at all: the province alone.
 */
export function resolveMentions(mentions: readonly Mention[]): LocationMatch | null {
  const first = mentions[0];
  if (!first) return null;
  let shared = provincesOf(first);
  for (let i = 1; i < mentions.length && shared.length > 0; i++) {
    const codes = provincesOf(mentions[i] as Mention);
    shared = shared.filter((code) => codes.includes(code));
  }
  const province = shared[0];
  if (province === undefined) return null;

  let provinceNamedCity: City | undefined;
  for (const mention of mentions) {
    const city = mention.cities.find((c) => c.provinceCode === province);
    if (!city) continue;
    if (!mention.provinceCodes.includes(province)) return { cityCode: city.code, provinceCode: province };
    provinceNamedCity ??= city;
  }
  return { cityCode: provinceNamedCity?.code ?? null, provinceCode: province };
}
