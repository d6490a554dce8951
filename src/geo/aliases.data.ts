/**
 * Names people write for Indonesian areas besides the official ones: abbreviations, old and
 * informal names, English names, and a few well-known towns that are the seat of one regency.
 *
 * Official names need no entry (they come from idn-area-data), nor do spelling variants that
 * differ only in spaces, hyphens or case ("Pangkal Pinang", "Tanjungpinang", "Toli-Toli"), nor
 * English names of the form "South X" for an official "X Selatan". Only unambiguous names belong
 * here: a name that could mean two areas ("Kuta", "Bintaro", "Mks") is left out on purpose.
 */

/**
 * One alias. With only `cityCode` it names a city, with only `provinceCode` a province. With both,
 * it names the city and is also used as the province's name (like "Jambi"): alone it means the
 * city, next to another city of that province it means the province ("Sleman, Jogja" → Sleman).
 */
export interface AreaAlias {
  readonly alias: string;
  readonly cityCode?: string;
  readonly provinceCode?: string;
}

const provinces: readonly AreaAlias[] = [
  { alias: 'NAD', provinceCode: '11' },
  { alias: 'Nanggroe Aceh Darussalam', provinceCode: '11' },
  { alias: 'Sumut', provinceCode: '12' },
  { alias: 'Sumatra Utara', provinceCode: '12' },
  { alias: 'Sumbar', provinceCode: '13' },
  { alias: 'Sumatra Barat', provinceCode: '13' },
  { alias: 'Sumsel', provinceCode: '16' },
  { alias: 'Sumatra Selatan', provinceCode: '16' },
  { alias: 'Babel', provinceCode: '19' },
  { alias: 'Bangka Belitung', provinceCode: '19' },
  { alias: 'Kepri', provinceCode: '21' },
  { alias: 'Riau Islands', provinceCode: '21' },
  { alias: 'Jakarta', provinceCode: '31' },
  { alias: 'DKI', provinceCode: '31' },
  { alias: 'Jkt', provinceCode: '31' },
  { alias: 'Jabar', provinceCode: '32' },
  { alias: 'West Java', provinceCode: '32' },
  { alias: 'Jateng', provinceCode: '33' },
  { alias: 'Central Java', provinceCode: '33' },
  { alias: 'DIY', provinceCode: '34' },
  { alias: 'DI Yogyakarta', provinceCode: '34' },
  { alias: 'Special Region of Yogyakarta', provinceCode: '34' },
  { alias: 'Yogyakarta Special Region', provinceCode: '34' },
  { alias: 'Jatim', provinceCode: '35' },
  { alias: 'East Java', provinceCode: '35' },
  { alias: 'Madura', provinceCode: '35' },
  { alias: 'NTB', provinceCode: '52' },
  { alias: 'Lombok', provinceCode: '52' },
  { alias: 'NTT', provinceCode: '53' },
  { alias: 'Flores', provinceCode: '53' },
  { alias: 'Sumba', provinceCode: '53' },
  { alias: 'Kalbar', provinceCode: '61' },
  { alias: 'Kalteng', provinceCode: '62' },
  { alias: 'Kalsel', provinceCode: '63' },
  { alias: 'Kaltim', provinceCode: '64' },
  { alias: 'Kaltara', provinceCode: '65' },
  { alias: 'Sulut', provinceCode: '71' },
  { alias: 'Sulteng', provinceCode: '72' },
  { alias: 'Sulsel', provinceCode: '73' },
  { alias: 'Sultra', provinceCode: '74' },
  { alias: 'Sulbar', provinceCode: '76' },
  { alias: 'Malut', provinceCode: '82' },
  { alias: 'Halmahera', provinceCode: '82' },
  { alias: 'Papbar', provinceCode: '92' },
  { alias: 'Pabar', provinceCode: '92' },
  { alias: 'Highland Papua', provinceCode: '95' },
];

const jakarta: readonly AreaAlias[] = [
  { alias: 'Jakpus', cityCode: '31.71' },
  { alias: 'Jakut', cityCode: '31.72' },
  { alias: 'Jakbar', cityCode: '31.73' },
  { alias: 'Jaksel', cityCode: '31.74' },
  { alias: 'Jaktim', cityCode: '31.75' },
  { alias: 'Pulau Seribu', cityCode: '31.01' },
  { alias: 'Thousand Islands', cityCode: '31.01' },
];

/** Old, informal and misspelt names of cities. */
const cities: readonly AreaAlias[] = [
  { alias: 'Ujung Pandang', cityCode: '73.71' },
  { alias: 'Makasar', cityCode: '73.71' },
  { alias: 'Pangkalpinang', cityCode: '19.71' },
  { alias: 'Baubau', cityCode: '74.72' },
  { alias: 'Bau-Bau', cityCode: '74.72' },
  { alias: 'Jogja', cityCode: '34.71', provinceCode: '34' },
  { alias: 'Yogya', cityCode: '34.71', provinceCode: '34' },
  { alias: 'Jogjakarta', cityCode: '34.71', provinceCode: '34' },
  { alias: 'Yogyakarta', cityCode: '34.71', provinceCode: '34' },
  { alias: 'Ngayogyakarta', cityCode: '34.71', provinceCode: '34' },
  { alias: 'Solo', cityCode: '33.72' },
  { alias: 'Tangsel', cityCode: '36.74' },
  { alias: 'Siantar', cityCode: '12.72' },
  { alias: 'Padangsidimpuan', cityCode: '12.77' },
  { alias: 'Tidore', cityCode: '82.72' },
];

/** Short names of regencies, as written in their regions. */
const regencies: readonly AreaAlias[] = [
  { alias: 'Mentawai', cityCode: '13.09' },
  { alias: 'Meranti', cityCode: '14.10' },
  { alias: 'Anambas', cityCode: '21.05' },
  { alias: 'Lobar', cityCode: '52.01' },
  { alias: 'Loteng', cityCode: '52.02' },
  { alias: 'Lotim', cityCode: '52.03' },
  { alias: 'TTS', cityCode: '53.02' },
  { alias: 'TTU', cityCode: '53.03' },
  { alias: 'Mabar', cityCode: '53.15' },
  { alias: 'Matim', cityCode: '53.19' },
  { alias: 'Kukar', cityCode: '64.02' },
  { alias: 'Kubar', cityCode: '64.07' },
  { alias: 'Kutim', cityCode: '64.08' },
  { alias: 'Bolmong', cityCode: '71.01' },
  { alias: 'Sangihe', cityCode: '71.03' },
  { alias: 'Talaud', cityCode: '71.04' },
  { alias: 'Sitaro', cityCode: '71.09' },
  { alias: 'Selayar', cityCode: '73.01' },
  { alias: 'Pangkep', cityCode: '73.10' },
  { alias: 'Sidrap', cityCode: '73.14' },
  { alias: 'Tator', cityCode: '73.18' },
  { alias: 'Lutra', cityCode: '73.22' },
  { alias: 'Lutim', cityCode: '73.24' },
  { alias: 'Torut', cityCode: '73.26' },
  { alias: 'Tanimbar', cityCode: '81.03' },
  { alias: 'Aru', cityCode: '81.07' },
  { alias: 'Halbar', cityCode: '82.01' },
  { alias: 'Halteng', cityCode: '82.02' },
  { alias: 'Halut', cityCode: '82.03' },
  { alias: 'Halsel', cityCode: '82.04' },
  { alias: 'Sula', cityCode: '82.05' },
  { alias: 'Haltim', cityCode: '82.06' },
  { alias: 'Yapen', cityCode: '91.05' },
];

/** Towns that are not regencies but that people write as their location; each lies in one regency. */
const towns: readonly AreaAlias[] = [
  { alias: 'Cibinong', cityCode: '32.01' },
  { alias: 'Cikarang', cityCode: '32.16' },
  { alias: 'Purwokerto', cityCode: '33.02' },
  { alias: 'Serpong', cityCode: '36.74' },
  { alias: 'Ubud', cityCode: '51.04' },
  { alias: 'Singaraja', cityCode: '51.08' },
  { alias: 'Atambua', cityCode: '53.04' },
  { alias: 'Kalabahi', cityCode: '53.05' },
  { alias: 'Larantuka', cityCode: '53.06' },
  { alias: 'Maumere', cityCode: '53.07' },
  { alias: 'Bajawa', cityCode: '53.09' },
  { alias: 'Ruteng', cityCode: '53.10' },
  { alias: 'Waingapu', cityCode: '53.11' },
  { alias: 'Labuan Bajo', cityCode: '53.15' },
  { alias: 'Tenggarong', cityCode: '64.02' },
  { alias: 'Sangatta', cityCode: '64.08' },
  { alias: 'Tanjung Selor', cityCode: '65.01' },
  { alias: 'Sungguminasa', cityCode: '73.06' },
  { alias: 'Watampone', cityCode: '73.08' },
  { alias: 'Sengkang', cityCode: '73.13' },
  { alias: 'Makale', cityCode: '73.18' },
  { alias: 'Rantepao', cityCode: '73.26' },
  { alias: 'Tobelo', cityCode: '82.03' },
  { alias: 'Sofifi', cityCode: '82.72' },
  { alias: 'Sentani', cityCode: '91.03' },
  { alias: 'Timika', cityCode: '94.04' },
  { alias: 'Wamena', cityCode: '95.01' },
];

/** Every alias the gazetteer knows, in addition to the official names. */
export const AREA_ALIASES: readonly AreaAlias[] = [...provinces, ...jakarta, ...cities, ...regencies, ...towns];
