import { describe, expect, it } from 'vitest';
import { chartStrings } from '../../src/charts/shared-modules.js';

/**
 * The dashboard's words, one file per language (dashboards/js/strings/id.js and en.js), loaded as
 * the server loads them: a key missing in one language would show as the key itself, and a
 * placeholder missing in one would show a hole or a raw `{name}`.
 */

const { id, en } = chartStrings.STRINGS;
const placeholders = (text: string) => [...new Set(Array.from(text.matchAll(/\{(\w+)\}/g), (m) => m[1]))].sort();

describe('the strings of each language', () => {
  it('have exactly the same keys', () => {
    const idKeys = Object.keys(id);
    const enKeys = Object.keys(en);
    expect(idKeys.length).toBeGreaterThan(300);
    expect(
      enKeys.filter((k) => !(k in id)),
      'in en.js only',
    ).toEqual([]);
    expect(
      idKeys.filter((k) => !(k in en)),
      'in id.js only',
    ).toEqual([]);
  });

  it('have the same placeholders for each key', () => {
    const differing = Object.keys(id)
      .filter((key) => JSON.stringify(placeholders(id[key]!)) !== JSON.stringify(placeholders(en[key] ?? '')))
      .map((key) => ({ key, id: placeholders(id[key]!), en: placeholders(en[key] ?? '') }));
    expect(differing).toEqual([]);
    // The check sees placeholders at all: these keys have some.
    expect(placeholders(id['kpi.impressions.sub']!)).toEqual(['estimated', 'reported']);
  });

  it('are frozen maps of key to a text', () => {
    for (const words of [id, en]) {
      expect(Object.isFrozen(words)).toBe(true);
      expect(Object.values(words).filter((text) => typeof text !== 'string' || text.trim() === '')).toEqual([]);
    }
  });

  it('fill placeholders, keep unknown ones, and fall back to the key', () => {
    const t = chartStrings.translator(en);
    expect(t('kpi.impressions.sub', { reported: '1,200', estimated: 30 })).toBe('1,200 reported · 30 estimated');
    expect(t('kpi.impressions.sub', { reported: '1' })).toBe('1 reported · {estimated} estimated');
    expect(t('no.such.key')).toBe('no.such.key');
  });
});
