import { iso6393To1, iso6393To2B } from 'iso-639-3';

/** The language of a post: an ISO 639-1 code (`id`, `en`, `jv`, …) or `und` when unknown. */
export type LanguageCode = string;
export const UNKNOWN_LANGUAGE = 'und';

/**
 * Codes that name no language. X tags a post `und` when it cannot tell, `zxx` when it has no
 * linguistic content, and private-use codes (`qme` media only, `qht` hashtags only, `qam`
 * mentions only, `qct` cashtags only, `qst` very short text), `art` for emoji only; `mis` and
 * `mul` are ISO's "uncoded" and "multiple".
 */
const NOT_A_LANGUAGE = new Set(['und', 'zxx', 'mis', 'mul', 'art']);
const PRIVATE_USE = /^q[a-t][a-z]$/;

/** Retired two-letter codes some platforms still send (X sends `in` for Indonesian). */
const RETIRED: Readonly<Record<string, string>> = { in: 'id', iw: 'he', ji: 'yi', jw: 'jv', mo: 'ro', sh: 'sr' };

/** Individual languages of a macrolanguage that has a two-letter code (Standard Malay is `ms`). */
const INDIVIDUAL_TO_MACRO: Readonly<Record<string, string>> = { zsm: 'ms', zlm: 'ms', cmn: 'zh', yue: 'zh', arb: 'ar', pes: 'fa', nob: 'no' };

const BIBLIOGRAPHIC_TO_1: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [three, bibliographic] of Object.entries(iso6393To2B)) {
    const two = iso6393To1[three];
    if (two !== undefined && bibliographic !== three) map.set(bibliographic, two);
  }
  return map;
})();

/**
 * A platform's language tag as an ISO 639-1 code: BCP 47 subtags dropped (`en-US` → `en`,
 * `pt_BR` → `pt`), retired and three-letter codes mapped (`in` → `id`, `ind` → `id`, `may` →
 * `ms`), and codes that name no language (`und`, `qme`, `zxx`, …) or that are not codes at all
 * → `und`. A three-letter code with no two-letter one (`bjn` Banjar, `min` Minangkabau) is kept.
 */
export function normalizeLanguageTag(tag: string | null | undefined): LanguageCode {
  if (tag === null || tag === undefined) return UNKNOWN_LANGUAGE;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (!/^[a-z]{2,3}$/.test(primary) || NOT_A_LANGUAGE.has(primary) || PRIVATE_USE.test(primary)) return UNKNOWN_LANGUAGE;
  if (primary.length === 2) return RETIRED[primary] ?? primary;
  return INDIVIDUAL_TO_MACRO[primary] ?? iso6393To1[primary] ?? BIBLIOGRAPHIC_TO_1.get(primary) ?? primary;
}
