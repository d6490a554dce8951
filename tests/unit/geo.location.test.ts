import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGazetteer, type Gazetteer, type LocationMatch } from '../../src/geo/gazetteer.js';

let g: Gazetteer;
beforeAll(async () => {
  g = await loadGazetteer();
});

const city = (code: string): LocationMatch => ({ cityCode: code, provinceCode: code.slice(0, 2) });
const province = (code: string): LocationMatch => ({ cityCode: null, provinceCode: code });
const NONE = null;

/** Profile locations as authors write them, with the answer METRICS.md gives (codes checked against idn-area-data). */
const PROFILES: readonly (readonly [string, LocationMatch | null])[] = [
  // The examples of the specification.
  ['Makassar, Sulawesi Selatan', city('73.71')],
  ['Kota Kupang - NTT', city('53.71')],
  ['Kab. Kupang', city('53.01')],
  ['Kabupaten Kupang, NTT', city('53.01')],
  ['kupang', city('53.71')],
  ['Gorontalo', city('75.71')],
  ['Jambi', city('15.71')],
  ['Bengkulu', city('17.71')],
  ['Pangkalpinang, Babel', city('19.71')],
  ['Bangka', city('19.01')],
  ['Samarinda, Kaltim', city('64.72')],
  ['Ternate - Maluku Utara', city('82.71')],
  ['Manokwari', city('92.02')],
  ['Ambon', city('81.71')],
  ['Jaksel', city('31.74')],
  ['Ujung Pandang', city('73.71')],
  ['Bau-Bau', city('74.72')],
  ['kota kupang NTT 🇮🇩', city('53.71')],
  ['Jl. Sudirman No 5, Samarinda', city('64.72')],
  ['Bandung, Jawa Barat', city('32.73')],
  ['Madiun', city('35.77')],
  ['Kab. Madiun', city('35.19')],
  ['Surabaya 🇮🇩', city('35.78')],
  ['Bekasi', city('32.75')],
  ['Medan, Sumut', city('12.71')],
  ['Jogja', city('34.71')],
  ['Sleman, DIY', city('34.04')],
  ['Makassar, Sulsel', city('73.71')],
  // Case, punctuation, emoji and filler words.
  ['MAKASSAR', city('73.71')],
  ['makassar.', city('73.71')],
  ['~ Makassar ~', city('73.71')],
  ['📍Makassar', city('73.71')],
  ['Makassar 🌊☕', city('73.71')],
  ['Makassar, Indonesia', city('73.71')],
  ['Kota Makassar', city('73.71')],
  ['Makassar City', city('73.71')],
  ['Makasar', city('73.71')],
  ['Universitas Hasanuddin, Makassar', city('73.71')],
  ['KOTA AMBON', city('81.71')],
  ['ambon', city('81.71')],
  ['Ambon Manise', city('81.71')],
  ['Ambon, Maluku', city('81.71')],
  ['BaNdUnG', city('32.73')],
  ['Tinggal di Samarinda', city('64.72')],
  ['Politeknik Negeri Kupang', city('53.71')],
  ['UGM Jogja', city('34.71')],
  // Kupang and its kabupaten.
  ['Kupang, Nusa Tenggara Timur', city('53.71')],
  ['KUPANG - NTT', city('53.71')],
  ['Oelamasi, Kab. Kupang', city('53.01')],
  ['Kupang City', city('53.71')],
  ['Kupang Regency', city('53.01')],
  ['Kupang — NTT', city('53.71')],
  ['Kupang (NTT)', city('53.71')],
  ['Kupang;NTT', city('53.71')],
  ['Kupang | NTT | Indonesia', city('53.71')],
  ['Kota Kupang, Nusa Tenggara Timur, Indonesia', city('53.71')],
  ['Kupang, East Nusa Tenggara', city('53.71')],
  // Spaces, hyphens, joined words and abbreviations inside names.
  ['Pangkal Pinang', city('19.71')],
  ['Pangkal-Pinang, Bangka Belitung', city('19.71')],
  ['Kota Pangkalpinang, Kep. Bangka Belitung', city('19.71')],
  ['Belitung Timur, Babel', city('19.06')],
  ['Ujungpandang', city('73.71')],
  ['Baubau', city('74.72')],
  ['Bau Bau, Sultra', city('74.72')],
  ['Toli-Toli', city('72.04')],
  ['Tolitoli', city('72.04')],
  ['Tanjungpinang', city('21.72')],
  ['Tanjung Pinang, Kepri', city('21.72')],
  ['Tg. Pinang', city('21.72')],
  ['Bukittinggi', city('13.75')],
  ['Bukit Tinggi, Sumatera Barat', city('13.75')],
  ['Pematang Siantar', city('12.72')],
  ['Siantar', city('12.72')],
  ['Padangsidimpuan', city('12.77')],
  ['Padang Sidempuan', city('12.77')],
  ['Palangka Raya', city('62.71')],
  ['Parepare', city('73.72')],
  ['Pare-Pare, Sulsel', city('73.72')],
  ['Lima Puluh Kota', city('13.07')],
  ['Kotabaru, Kalimantan Selatan', city('63.02')],
  ['Kotamobagu', city('71.74')],
  ['Kep. Seribu', city('31.01')],
  // Gorontalo, Jambi, Bengkulu: a kota, often a kabupaten, and a province of one name.
  ['Gorontalo, Indonesia', city('75.71')],
  ['Kab. Gorontalo', city('75.01')],
  ['Kabupaten Gorontalo Utara', city('75.05')],
  ['Gorontalo Utara, Gorontalo', city('75.05')],
  ['Kota Jambi', city('15.71')],
  ['Muaro Jambi, Jambi', city('15.05')],
  ['Bengkulu Selatan', city('17.01')],
  ['Bone Bolango', city('75.03')],
  ['Bone, Sulawesi Selatan', city('73.08')],
  // Eastern Indonesia.
  ['Balikpapan, Kalimantan Timur', city('64.71')],
  ['Kutai Kartanegara', city('64.02')],
  ['Tenggarong, Kukar', city('64.02')],
  ['Tidore', city('82.72')],
  ['Halmahera Utara', city('82.03')],
  ['Tobelo, Halut', city('82.03')],
  ['Sofifi, Maluku Utara', city('82.72')],
  ['Manokwari, Papua Barat', city('92.02')],
  ['Manokwari Selatan', city('92.11')],
  ['Sorong', city('96.71')],
  ['Kab. Sorong, Papua Barat Daya', city('96.01')],
  ['Raja Ampat', city('96.03')],
  ['Maluku Tengah', city('81.01')],
  ['Kendari, Sulawesi Tenggara', city('74.71')],
  ['Palu, Sulteng', city('72.71')],
  ['Manado', city('71.71')],
  ['Manado, Sulut 🇮🇩', city('71.71')],
  ['Gowa', city('73.06')],
  ['Tana Toraja', city('73.18')],
  ['Toraja Utara', city('73.26')],
  ['Labuan Bajo', city('53.15')],
  ['Maumere, Flores', city('53.07')],
  ['Ende, Flores, NTT', city('53.08')],
  ['Atambua', city('53.04')],
  ['Malaka, NTT', city('53.21')],
  ['Kota Bima', city('52.72')],
  ['Kab. Bima, NTB', city('52.06')],
  ['Mataram, NTB', city('52.71')],
  ['Lotim, NTB', city('52.03')],
  ['Denpasar, Bali', city('51.71')],
  ['Jayapura', city('91.71')],
  ['Kab. Jayapura', city('91.03')],
  ['Merauke', city('93.01')],
  ['Timika, Papua Tengah', city('94.04')],
  ['Wamena', city('95.01')],
  // Sumatra, Kalimantan, Riau islands.
  ['Batam, Kepulauan Riau', city('21.71')],
  ['Pekanbaru, Riau', city('14.71')],
  ['Padang, Sumbar', city('13.71')],
  ['Palembang', city('16.71')],
  ['Bandar Lampung', city('18.71')],
  ['Metro, Lampung', city('18.72')],
  ['Banda Aceh', city('11.71')],
  ['Pontianak, Kalbar', city('61.71')],
  ['Banjarmasin, Kalsel', city('63.71')],
  ['Banjarbaru', city('63.72')],
  ['Tarakan, Kaltara', city('65.71')],
  // Java.
  ['Jakarta Selatan', city('31.74')],
  ['Jakarta Selatan, DKI Jakarta', city('31.74')],
  ['jakarta barat', city('31.73')],
  ['Jakbar', city('31.73')],
  ['Jakarta Timur, Indonesia', city('31.75')],
  ['South Jakarta', city('31.74')],
  ['Kepulauan Seribu', city('31.01')],
  ['Jogjakarta', city('34.71')],
  ['Yogyakarta', city('34.71')],
  ['Sleman, Yogyakarta', city('34.04')],
  ['Bantul, DI Yogyakarta', city('34.02')],
  ['Solo', city('33.72')],
  ['Surakarta', city('33.72')],
  ['Semarang, Jawa Tengah', city('33.74')],
  ['Kab. Semarang', city('33.22')],
  ['Malang', city('35.73')],
  ['Kabupaten Malang, Jatim', city('35.07')],
  ['Batu, Jawa Timur', city('35.79')],
  ['Depok', city('32.76')],
  ['Bogor', city('32.71')],
  ['Cibinong, Bogor', city('32.01')],
  ['Bandung Barat', city('32.17')],
  ['West Bandung', city('32.17')],
  ['Kab. Bandung', city('32.04')],
  ['Bandung Regency', city('32.04')],
  ['Tangerang Selatan', city('36.74')],
  ['Tangsel', city('36.74')],
  ['Serpong, Tangerang Selatan', city('36.74')],
  ['Cikarang, Bekasi', city('32.16')],
  ['Tasikmalaya', city('32.78')],
  ['Cirebon', city('32.74')],
  ['Purwokerto', city('33.02')],
  // A province and no city.
  ['Jakarta', province('31')],
  ['Jakarta, Indonesia', province('31')],
  ['DKI Jakarta', province('31')],
  ['NTT', province('53')],
  ['Nusa Tenggara Timur', province('53')],
  ['Sulawesi Selatan', province('73')],
  ['Sulsel', province('73')],
  ['South Sulawesi', province('73')],
  ['Bangka Belitung', province('19')],
  ['Babel', province('19')],
  ['Provinsi Gorontalo', province('75')],
  ['Prov. Jambi', province('15')],
  ['Papua', province('91')],
  ['Papua Barat', province('92')],
  ['Maluku', province('81')],
  ['Maluku Utara', province('82')],
  ['Bali', province('51')],
  ['Bali, Indonesia', province('51')],
  ['Jawa Barat', province('32')],
  ['Jabar', province('32')],
  ['Jawa Timur', province('35')],
  ['Kalimantan Timur', province('64')],
  ['Kaltim', province('64')],
  ['NTB', province('52')],
  ['Lombok', province('52')],
  ['DIY', province('34')],
  ['Daerah Istimewa Yogyakarta', province('34')],
  ['Aceh', province('11')],
  ['Riau', province('14')],
  ['Kepri', province('21')],
  // Places in more than one province: no rule decides.
  ['Jakarta | Bandung', NONE],
  ['Makassar | Kupang', NONE],
  ['Makassar, NTT', NONE],
  ['Kupang, Sulawesi Selatan', NONE],
  ['Jakarta - Bali', NONE],
  ['Jakarta ✈️ Makassar', NONE],
  ['Bandung, Jakarta', NONE],
  ['Kupang / Jakarta', NONE],
  // Islands that span provinces, foreign places, and no place at all.
  ['Sulawesi', NONE],
  ['Kalimantan', NONE],
  ['Sumatera', NONE],
  ['Jawa', NONE],
  ['Indonesia', NONE],
  ['Nusantara', NONE],
  ['NKRI', NONE],
  ['di hatimu', NONE],
  ['Di sini', NONE],
  ['Rumah', NONE],
  ['Kuala Lumpur', NONE],
  ['Kuala Lumpur, Malaysia', NONE],
  ['Singapore', NONE],
  ['Jakarta - Singapore', NONE],
  ['Dili, Timor Leste', NONE],
  ['Tokyo, Japan', NONE],
  ['Metro Manila, Philippines', NONE],
  ['Port Moresby, Papua New Guinea', NONE],
  ['Melaka, Malaysia', NONE],
  ['Earth', NONE],
  ['Somewhere', NONE],
  ['Everywhere', NONE],
  ['Worldwide', NONE],
  ['Planet Bumi', NONE],
  ['🌏', NONE],
  ['   ', NONE],
  ['', NONE],
];

describe('matchText on profile locations', () => {
  it('covers a realistic table', () => {
    expect(PROFILES.length).toBeGreaterThanOrEqual(200);
  });

  it.each(PROFILES)('"%s"', (text, expected) => {
    expect(g.matchText(text)).toEqual(expected);
  });
});

describe('rule decisions METRICS.md leaves open', () => {
  it('two cities of one province: the first named wins', () => {
    expect(g.matchText('Bantul, Sleman')).toEqual(city('34.02'));
    expect(g.matchText('Makassar, Gowa')).toEqual(city('73.71'));
    expect(g.matchText('Gowa, Makassar')).toEqual(city('73.06'));
  });

  it("a name that is also its province's name qualifies another city rather than competing with it", () => {
    expect(g.matchText('Yogyakarta, Sleman')).toEqual(city('34.04'));
    expect(g.matchText('Sleman, Jogja')).toEqual(city('34.04'));
    expect(g.matchText('Jambi, Muaro Jambi')).toEqual(city('15.05'));
    expect(g.matchText('Gorontalo, Boalemo')).toEqual(city('75.02'));
    // ...unless the writer said "Kota".
    expect(g.matchText('Kota Jambi, Muaro Jambi')).toEqual(city('15.71'));
  });

  it('the same city named twice is one city', () => {
    expect(g.matchText('Kupang, Kota Kupang')).toEqual(city('53.71'));
    expect(g.matchText('Jambi, Jambi')).toEqual(city('15.71'));
  });

  it('a name shared across provinces is settled by the province named with it', () => {
    expect(g.matchText('Banjar')).toEqual(city('32.79'));
    expect(g.matchText('Banjar, Jawa Barat')).toEqual(city('32.79'));
    expect(g.matchText('Banjar, Kalsel')).toEqual(city('63.03'));
  });

  it('a qualifier that fits no reading of the name is ignored', () => {
    expect(g.matchText('Kab. Makassar')).toEqual(city('73.71'));
    expect(g.matchText('Kota Sleman')).toEqual(city('34.04'));
    expect(g.matchText('Provinsi Makassar')).toEqual(city('73.71'));
  });

  it('a street, district or village named like a city is not where the author lives', () => {
    expect(g.matchText('Jl. Gowa Raya, Makassar')).toEqual(city('73.71'));
    expect(g.matchText('Jalan Raya Bogor, Depok')).toEqual(city('32.76'));
    expect(g.matchText('Kec. Depok, Sleman')).toEqual(city('34.04'));
    expect(g.matchText('Jl. Kupang 5, Surabaya')).toEqual(city('35.78'));
    expect(g.matchText('Kampung Makassar, Jakarta Timur')).toEqual(city('31.75'));
  });

  it('names never run across a comma', () => {
    expect(g.matchText('Batu Bara')).toEqual(city('12.19'));
    expect(g.matchText('Batu, Bara')).toEqual(city('35.79'));
  });

  it('English names put the direction first', () => {
    expect(g.matchText('Central Jakarta')).toEqual(city('31.71'));
    expect(g.matchText('North Halmahera')).toEqual(city('82.03'));
    expect(g.matchText('Southwest Papua')).toEqual(province('96'));
    expect(g.matchText('Southeast Sulawesi')).toEqual(province('74'));
    expect(g.matchText('Special Region of Yogyakarta')).toEqual(province('34'));
  });

  it('prefers the longest name: a province is never read as the city inside it', () => {
    expect(g.matchText('Sulawesi Selatan')).toEqual(province('73'));
    expect(g.matchText('Lampung Selatan')).toEqual(city('18.01'));
    expect(g.matchText('Lampung')).toEqual(province('18'));
    expect(g.matchText('Papua New Guinea')).toBeNull();
  });

  it('removes diacritics', () => {
    expect(g.matchText('Makássar')).toEqual(city('73.71'));
    expect(g.matchText('Kota Kupàng')).toEqual(city('53.71'));
  });
});

describe('matchText properties', () => {
  const cities = () => g.cities();

  it('finds every city whatever the case and the separators between the words of its name', () => {
    const separators = fc.constantFrom(' ', '  ', '-', '_', '.', '');
    fc.assert(
      fc.property(
        fc.nat(),
        fc.infiniteStream(separators),
        fc.infiniteStream(fc.boolean()),
        fc.constantFrom('', ', Indonesia', ' 🇮🇩', '!!'),
        (n, seps, upper, tail) => {
          const c = cities()[n % cities().length];
          if (!c) return;
          const words = c.officialName.split(' ');
          const prefix = words[0] === 'Kota' ? 'kota ' : 'Kab. ';
          const base = (c.displayName.startsWith('Kabupaten ') ? c.displayName.slice(10) : c.displayName).split(' ');
          const name = base.map((w, i) => (i === 0 ? w : seps.next().value + w)).join('');
          const text = [...(prefix + name + tail)].map((ch) => (upper.next().value ? ch.toUpperCase() : ch.toLowerCase())).join('');
          expect(g.matchText(text), text).toEqual({ cityCode: c.code, provinceCode: c.provinceCode });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws, and every answer is a known city in its own province or a known province', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const m = g.matchText(text);
        if (m === null) return;
        expect(m.provinceCode && g.province(m.provinceCode)).toBeTruthy();
        if (m.cityCode !== null) expect(g.city(m.cityCode)?.provinceCode).toBe(m.provinceCode);
      }),
      { numRuns: 2000 },
    );
  });

  it('words that name no place change nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROFILES), fc.constantFrom('🇮🇩', '❤️', 'Indonesia', 'ID', '#1'), ([text, expected], noise) => {
        expect(g.matchText(`${text} ${noise}`)).toEqual(expected);
      }),
    );
  });
});
