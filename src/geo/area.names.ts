import type { City, Province } from './area.types.js';

/**
 * Builds cities and provinces, with the names reports show, from idn-area-data's rows
 * (upper-case official names such as "KOTA ADMINISTRASI JAKARTA SELATAN").
 */

/** A regency row as idn-area-data gives it. */
export interface RegencyRow {
  code: string;
  province_code: string;
  name: string;
}

/** A province row as idn-area-data gives it. */
export interface ProvinceRow {
  code: string;
  name: string;
}

/** Initialisms that stay upper-case in title case ("DKI Jakarta"). */
const UPPER_WORDS = new Set(['DKI', 'DI']);
/** Conjunctions that stay lower-case ("Pangkajene dan Kepulauan"). */
const LOWER_WORDS = new Set(['DAN']);

/** "KABUPATEN TOLI TOLI" → "Kabupaten Toli Toli", keeping initialisms and conjunctions right. */
function titleCase(upper: string): string {
  return upper
    .trim()
    .split(/\s+/)
    .map((word, i) => {
      if (UPPER_WORDS.has(word)) return word;
      if (i > 0 && LOWER_WORDS.has(word)) return word.toLowerCase();
      return word
        .split('-')
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
        .join('-');
    })
    .join(' ');
}

const PREFIX = /^(KOTA|KABUPATEN)\s+(ADMINISTRASI\s+)?/i;

/** The official name without "Kota"/"Kabupaten" and Jakarta's "Administrasi": the name people write. */
export function baseName(officialName: string): string {
  return officialName.trim().replace(PREFIX, '');
}

function kindOf(officialName: string): City['kind'] {
  return /^KOTA\s/i.test(officialName.trim()) ? 'kota' : 'kabupaten';
}

/**
 * Cities sorted by code. A kabupaten whose name a kota also bears (Kupang, Banjar) keeps its
 * prefix in the display name, so that a by-city breakdown never shows two rows with one label.
 */
export function buildCities(rows: readonly RegencyRow[]): City[] {
  const kotaNames = new Set(rows.filter((r) => kindOf(r.name) === 'kota').map((r) => baseName(r.name).toUpperCase()));
  return rows
    .map((r): City => {
      const kind = kindOf(r.name);
      const base = titleCase(baseName(r.name));
      const shared = kind === 'kabupaten' && kotaNames.has(baseName(r.name).toUpperCase());
      return {
        code: r.code,
        officialName: titleCase(r.name),
        displayName: shared ? `Kabupaten ${base}` : base,
        provinceCode: r.province_code,
        kind,
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** Provinces sorted by code; "Daerah Istimewa Yogyakarta" is shown as "DI Yogyakarta", as BPS does. */
export function buildProvinces(rows: readonly ProvinceRow[]): Province[] {
  return rows
    .map((r): Province => {
      const officialName = titleCase(r.name);
      const displayName = officialName.replace(/^Daerah Istimewa /, 'DI ');
      return { code: r.code, officialName, displayName };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}
