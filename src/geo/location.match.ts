import type { LocationMatch } from './area.types.js';
import { mentionOf, resolveMentions, type Mention, type Qualifier } from './mention.resolve.js';
import type { PlaceEntry, PlaceIndex } from './place.index.js';
import { compactKey, tokenize, type Tokens } from './text.normalize.js';

/**
 * Finds the place names in a free text (an X place name, a profile location) and resolves them
 * to one location. One pass over the words with Map lookups: no per-city work per call.
 */

/** Words that qualify the name after them ("Kota Kupang", "Kab. Kupang", "Provinsi Gorontalo", "City of Makassar"). */
const QUALIFIERS: ReadonlyMap<string, Qualifier> = new Map([
  ['kota', 'kota'],
  ['kotamadya', 'kota'],
  ['kodya', 'kota'],
  ['city', 'kota'],
  ['kabupaten', 'kabupaten'],
  ['kab', 'kabupaten'],
  ['regency', 'kabupaten'],
  ['provinsi', 'provinsi'],
  ['propinsi', 'provinsi'],
  ['prov', 'provinsi'],
  ['province', 'provinsi'],
]);

/** English qualifiers also follow the name ("Kupang City", "Bandung Regency", "Gorontalo Province"). */
const TRAILING_QUALIFIERS: ReadonlyMap<string, Qualifier> = new Map([
  ['city', 'kota'],
  ['regency', 'kabupaten'],
  ['province', 'provinsi'],
]);

/** Words between a qualifier and its name that change nothing ("Kabupaten Administrasi Kepulauan Seribu"). */
const FILLERS = new Set(['administrasi', 'adm', 'of']);

/**
 * Words that name a street or an area below a regency. The place name right after one is that
 * street or village, not where the author lives: "Jl. Gowa Raya, Makassar", "Kec. Depok, Sleman".
 */
const SUB_REGENCY = new Set([
  'jl',
  'jln',
  'jalan',
  'gg',
  'gang',
  'kec',
  'kecamatan',
  'kel',
  'kelurahan',
  'desa',
  'ds',
  'dusun',
  'kampung',
  'kp',
  'perum',
  'perumahan',
  'komplek',
  'kompleks',
  'komp',
]);
/** Words that may sit between a street word and the street's name ("Jl. Raya Bogor", "Jl. Jend. Sudirman"). */
const STREET_FILLERS = new Set(['raya', 'jend', 'jenderal']);

interface Hit {
  readonly entry: PlaceEntry;
  readonly end: number;
}

/** The longest name starting at word `start` within its segment, joining words ("Bau Bau" = "baubau"). */
function longestAt(tokens: Tokens, start: number, index: PlaceIndex): Hit | undefined {
  const { words, segments } = tokens;
  let key = words[start] ?? '';
  let hit: Hit | undefined;
  for (let end = start + 1; ; end++) {
    const entry = index.entries.get(key);
    if (entry) hit = { entry, end };
    if (end >= words.length || segments[end] !== segments[start] || !index.prefixes.has(key)) return hit;
    key += words[end];
  }
}

/** The mentions of a text in order, or null as soon as a foreign place shows up. */
function findMentions(tokens: Tokens, index: PlaceIndex): Mention[] | null {
  const { words, segments } = tokens;
  const mentions: Mention[] = [];
  let qualifier: Qualifier | null = null;
  let afterSubRegency = false;
  for (let i = 0; i < words.length;) {
    if (i > 0 && segments[i] !== segments[i - 1]) {
      qualifier = null;
      afterSubRegency = false;
    }
    const hit = longestAt(tokens, i, index);
    if (hit) {
      const next = hit.end < words.length && segments[hit.end] === segments[i] ? words[hit.end] : undefined;
      const trailing = next === undefined ? undefined : TRAILING_QUALIFIERS.get(next);
      if (!afterSubRegency) {
        if (hit.entry.foreign) return null;
        mentions.push(mentionOf(hit.entry, trailing ?? qualifier));
      }
      qualifier = null;
      afterSubRegency = false;
      i = hit.end + (trailing ? 1 : 0);
      continue;
    }
    const word = words[i] ?? '';
    const q = QUALIFIERS.get(word);
    if (q) qualifier = q;
    else if (SUB_REGENCY.has(word)) {
      afterSubRegency = true;
      qualifier = null;
    } else if (!FILLERS.has(word) && !(afterSubRegency && STREET_FILLERS.has(word))) {
      qualifier = null;
      afterSubRegency = false;
    }
    i++;
  }
  return mentions;
}

/** A free-text location → one city, one province, or null (see resolveMentions for the rules). */
export function matchLocation(text: string, index: PlaceIndex): LocationMatch | null {
  const mentions = findMentions(tokenize(text), index);
  return mentions ? resolveMentions(mentions) : null;
}

const HASHTAG_PREFIXES: readonly (readonly [string, Qualifier])[] = [
  ['kabupaten', 'kabupaten'],
  ['kab', 'kabupaten'],
  ['kota', 'kota'],
];

/** A hashtag tail is one word, so "Kab"/"Kota" arrive glued to the name ("kabkupang"). */
function hashtagMention(key: string, index: PlaceIndex): Mention | undefined {
  // An exact name wins over a prefix reading: "kotabaru" is Kabupaten Kotabaru, not Kota "Baru".
  const exact = index.entries.get(key);
  if (exact) return exact.foreign ? undefined : mentionOf(exact, null);
  for (const [prefix, qualifier] of HASHTAG_PREFIXES) {
    const entry = key.length > prefix.length && key.startsWith(prefix) ? index.entries.get(key.slice(prefix.length)) : undefined;
    if (entry && !entry.foreign) return mentionOf(entry, qualifier);
  }
  return undefined;
}

/**
 * The code of the city a hashtag's tail names ("kupang", "kabkupang", "pangkalpinang"), else undefined.
 * The whole tail must be one name: a province ("sulsel") or anything else gives undefined.
 */
export function matchHashtagSuffix(suffix: string, index: PlaceIndex): string | undefined {
  const mention = hashtagMention(compactKey(suffix), index);
  return (mention && resolveMentions([mention])?.cityCode) ?? undefined;
}
