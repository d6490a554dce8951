import { z } from 'zod';
import { compactKey } from '../../geo/text.normalize.js';
import type { HttpDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { filterParams } from '../../contracts/metrics.schema.js';

const citiesQuery = z.strictObject({
  q: z.string().trim().max(100).optional().meta({ description: 'part of the city or province name, case and accents ignored' }),
  code: filterParams.city,
});

/** The gazetteer's cities, for the campaign form's city picker and the dashboard's filter labels. */
export function cityRoutes(deps: HttpDeps) {
  const { gazetteer } = deps;
  const all = gazetteer
    .cities()
    .map((c) => {
      const province = gazetteer.province(c.provinceCode);
      return {
        code: c.code,
        name: c.displayName,
        officialName: c.officialName,
        kind: c.kind,
        province: { code: c.provinceCode, name: province?.displayName ?? c.provinceCode },
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'id'));
  const haystack = new Map(all.map((c) => [c.code, [c.name, c.officialName, c.province.name].map(compactKey).join('|')]));

  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/cities',
      summary: 'Indonesian cities (kota and kabupaten) with their province, by name; filtered by name or by code',
      access: { kind: 'any' },
      query: citiesQuery,
      handle: async ({ query, res }) => {
        const codes = query.code ? new Set(query.code) : undefined;
        // Spaces and hyphens ignored on both sides, so "Pangkalpinang" finds Pangkal Pinang.
        const q = query.q ? compactKey(query.q) : '';
        const cities = all.filter((c) => (!codes || codes.has(c.code)) && (!q || haystack.get(c.code)!.includes(q)));
        // The gazetteer changes only with the idn-area-data package: a browser may keep it a day.
        res.set('Cache-Control', 'private, max-age=86400');
        return { body: { cities } };
      },
    }),
  ];
}
