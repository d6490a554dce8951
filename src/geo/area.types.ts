/**
 * The areas of the gazetteer. Kept apart from gazetteer.ts so the matching modules can share
 * them without importing the gazetteer that composes them.
 */

/** A second-level area of Indonesia (kota or kabupaten), identified by its idn-area-data code. */
export interface City {
  /** Official code, e.g. "73.71". */
  code: string;
  /** Title-cased official name, e.g. "Kota Makassar", "Kota Administrasi Jakarta Selatan". */
  officialName: string;
  /** Name without the prefix ("Makassar"); "Kabupaten Kupang" when a kota of the same name exists. */
  displayName: string;
  provinceCode: string;
  kind: 'kota' | 'kabupaten';
}

/** A first-level area of Indonesia. */
export interface Province {
  /** Official code, e.g. "73". */
  code: string;
  /** Title-cased official name, e.g. "Sulawesi Selatan", "DKI Jakarta", "Daerah Istimewa Yogyakarta". */
  officialName: string;
  /** Name for reports: "Sulawesi Selatan", "DKI Jakarta", "DI Yogyakarta". */
  displayName: string;
}

/** Where a text places its author: a city (and so its province), or a province alone. */
export interface LocationMatch {
  cityCode: string | null;
  provinceCode: string | null;
}
