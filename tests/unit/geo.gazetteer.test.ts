import { beforeAll, describe, expect, it } from 'vitest';
import { AREA_ALIASES, type AreaAlias } from '../../src/geo/aliases.data.js';
import { FOREIGN_PLACES } from '../../src/geo/foreign-places.data.js';
import { createGazetteer, loadGazetteer, type Gazetteer } from '../../src/geo/gazetteer.js';

let g: Gazetteer;
beforeAll(async () => {
  g = await loadGazetteer();
});

describe('loadGazetteer', () => {
  it('loads every city and province of idn-area-data, sorted by code', () => {
    expect(g.cities()).toHaveLength(514);
    expect(g.provinces()).toHaveLength(38);
    const codes = g.cities().map((c) => c.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(514);
  });

  it('loads once: every caller shares the same gazetteer', async () => {
    expect(loadGazetteer()).toBe(loadGazetteer());
    expect(await loadGazetteer()).toBe(g);
  });

  it('gives every city a province it knows', () => {
    for (const city of g.cities()) expect(g.province(city.provinceCode), city.code).toBeDefined();
  });

  it('gives every city a distinct display name, so no breakdown shows two rows with one label', () => {
    const names = g.cities().map((c) => c.displayName);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('cities and provinces', () => {
  it.each([
    ['73.71', 'Kota Makassar', 'Makassar', '73', 'kota'],
    ['53.71', 'Kota Kupang', 'Kupang', '53', 'kota'],
    ['53.01', 'Kabupaten Kupang', 'Kabupaten Kupang', '53', 'kabupaten'],
    ['63.03', 'Kabupaten Banjar', 'Kabupaten Banjar', '63', 'kabupaten'],
    ['31.74', 'Kota Administrasi Jakarta Selatan', 'Jakarta Selatan', '31', 'kota'],
    ['31.01', 'Kabupaten Administrasi Kepulauan Seribu', 'Kepulauan Seribu', '31', 'kabupaten'],
    ['73.10', 'Kabupaten Pangkajene dan Kepulauan', 'Pangkajene dan Kepulauan', '73', 'kabupaten'],
    ['13.07', 'Kabupaten Lima Puluh Kota', 'Lima Puluh Kota', '13', 'kabupaten'],
    ['19.71', 'Kota Pangkal Pinang', 'Pangkal Pinang', '19', 'kota'],
    ['92.02', 'Kabupaten Manokwari', 'Manokwari', '92', 'kabupaten'],
  ])('%s is %s, shown as "%s"', (code, officialName, displayName, provinceCode, kind) => {
    expect(g.city(code)).toEqual({ code, officialName, displayName, provinceCode, kind });
  });

  it.each([
    ['73', 'Sulawesi Selatan', 'Sulawesi Selatan'],
    ['31', 'DKI Jakarta', 'DKI Jakarta'],
    ['34', 'Daerah Istimewa Yogyakarta', 'DI Yogyakarta'],
    ['19', 'Kepulauan Bangka Belitung', 'Kepulauan Bangka Belitung'],
    ['96', 'Papua Barat Daya', 'Papua Barat Daya'],
  ])('province %s is %s, shown as "%s"', (code, officialName, displayName) => {
    expect(g.province(code)).toEqual({ code, officialName, displayName });
  });

  it('answers undefined for unknown codes', () => {
    expect(g.city('99.99')).toBeUndefined();
    expect(g.province('99')).toBeUndefined();
  });

  it('finds every city by its official name, its display name, and its name with its province', () => {
    for (const city of g.cities()) {
      const expected = { cityCode: city.code, provinceCode: city.provinceCode };
      const province = g.province(city.provinceCode)?.displayName ?? '';
      expect(g.matchText(city.officialName), city.officialName).toEqual(expected);
      expect(g.matchText(city.displayName), city.displayName).toEqual(expected);
      expect(g.matchText(`${city.displayName}, ${province}`), city.displayName).toEqual(expected);
      expect(g.matchText(city.officialName.toUpperCase()), city.officialName).toEqual(expected);
    }
  });

  it('finds every province by its official and display name, without a city', () => {
    // A bare name that is also a city's ("Jambi") means the city; "Provinsi" says otherwise.
    const cityNames = new Set(g.cities().map((c) => c.displayName));
    for (const p of g.provinces()) {
      expect(g.matchText(`Provinsi ${p.officialName}`), p.officialName).toEqual({ cityCode: null, provinceCode: p.code });
      if (!cityNames.has(p.displayName)) expect(g.matchText(p.displayName), p.displayName).toEqual({ cityCode: null, provinceCode: p.code });
    }
  });
});

/** What an alias alone must give: its city (and the city's province), else its province. */
function expectedFor(gz: Gazetteer, alias: AreaAlias): { cityCode: string | null; provinceCode: string | null } {
  if (alias.cityCode === undefined) return { cityCode: null, provinceCode: alias.provinceCode ?? null };
  return { cityCode: alias.cityCode, provinceCode: gz.city(alias.cityCode)?.provinceCode ?? 'unknown city code' };
}

describe('aliases', () => {
  it.each(AREA_ALIASES.map((a) => [a.alias, a] as const))('"%s" resolves to its entry', (_name, alias) => {
    expect(g.matchText(alias.alias)).toEqual(expectedFor(g, alias));
  });

  it.each(AREA_ALIASES.filter((a) => a.cityCode && a.provinceCode).map((a) => [a.alias, a] as const))(
    '"%s", naming a city and its province, names a province that is the city\'s own',
    (_name, alias) => {
      expect(g.city(alias.cityCode ?? '')?.provinceCode).toBe(alias.provinceCode);
    },
  );

  it('every alias points at a code idn-area-data has', () => {
    for (const a of AREA_ALIASES) {
      if (a.cityCode !== undefined) expect(g.city(a.cityCode), a.alias).toBeDefined();
      if (a.provinceCode !== undefined) expect(g.province(a.provinceCode), a.alias).toBeDefined();
      expect(a.cityCode ?? a.provinceCode, a.alias).toBeDefined();
    }
  });
});

describe('foreign places', () => {
  it.each(FOREIGN_PLACES.map((f) => [f]))('"%s" gives no location', (name) => {
    expect(g.matchText(name)).toBeNull();
  });

  it('veto an Indonesian place named with them', () => {
    expect(g.matchText('Makassar | Singapore')).toBeNull();
    expect(g.matchText('Kupang - Darwin')).toBeNull();
  });
});

describe('cityFromHashtagSuffix', () => {
  it.each([
    ['kupang', '53.71'],
    ['Kupang', '53.71'],
    ['kotakupang', '53.71'],
    ['kabkupang', '53.01'],
    ['kabupatenkupang', '53.01'],
    ['pangkalpinang', '19.71'],
    ['makassar', '73.71'],
    ['ujungpandang', '73.71'],
    ['baubau', '74.72'],
    ['jaksel', '31.74'],
    ['jakartaselatan', '31.74'],
    ['jambi', '15.71'],
    ['gorontalo', '75.71'],
    ['kabgorontalo', '75.01'],
    ['jogja', '34.71'],
    ['kotabaru', '63.02'],
    ['kotamobagu', '71.74'],
    ['tanjungpinang', '21.72'],
    ['halmaherautara', '82.03'],
    ['banjar', '32.79'],
    ['kabbanjar', '63.03'],
    ['samarinda', '64.72'],
    ['ternate', '82.71'],
    ['manokwari', '92.02'],
  ])('"%s" → %s', (suffix, code) => {
    expect(g.cityFromHashtagSuffix(suffix)?.code).toBe(code);
  });

  it.each([['sulsel'], ['jakarta'], ['ntt'], ['indonesia'], ['kualalumpur'], [''], ['2024'], ['kota'], ['kab']])('"%s" names no city', (suffix) => {
    expect(g.cityFromHashtagSuffix(suffix)).toBeUndefined();
  });
});

describe('createGazetteer', () => {
  const small = createGazetteer(
    [
      { code: '53.71', province_code: '53', name: 'KOTA KUPANG' },
      { code: '53.01', province_code: '53', name: 'KABUPATEN KUPANG' },
      { code: '73.71', province_code: '73', name: 'KOTA MAKASSAR' },
    ],
    [
      { code: '53', name: 'NUSA TENGGARA TIMUR' },
      { code: '73', name: 'SULAWESI SELATAN' },
    ],
  );

  it('builds from the rows it is given, without loading anything', () => {
    expect(small.cities().map((c) => c.displayName)).toEqual(['Kabupaten Kupang', 'Kupang', 'Makassar']);
    expect(small.matchText('Kab. Kupang, NTT')).toEqual({ cityCode: '53.01', provinceCode: '53' });
    expect(small.matchText('Ujung Pandang')).toEqual({ cityCode: '73.71', provinceCode: '73' });
  });

  it('skips aliases whose area is not in the rows', () => {
    expect(small.matchText('Jaksel')).toBeNull();
    expect(small.matchText('Jakarta')).toBeNull();
    expect(small.cityFromHashtagSuffix('jaksel')).toBeUndefined();
  });

  it('returns frozen areas, so no caller can rename a city for everyone', () => {
    expect(Object.isFrozen(small.city('53.71'))).toBe(true);
    expect(Object.isFrozen(small.cities())).toBe(true);
  });
});
