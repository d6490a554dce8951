import { beforeAll, describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { importColumnGuide, importTemplateCsv } from '../../src/import/import.guide.js';
import { parseCsvImport } from '../../src/import/import.parse.js';
import { IMPORT_COLUMNS, REQUIRED_COLUMNS, type RowContext } from '../../src/import/import.schema.js';

let ctx: RowContext;
beforeAll(async () => {
  const gazetteer = await loadGazetteer();
  ctx = { timeZone: 'Asia/Jakarta', city: (code) => gazetteer.city(code) };
});

describe('the import template and the column list', () => {
  it('lists every column of the schema, in file order, with the required ones marked, in both languages', () => {
    for (const lang of ['en', 'id'] as const) {
      const guide = importColumnGuide(lang);
      expect(guide.map((c) => c.name)).toEqual([...IMPORT_COLUMNS]);
      expect(guide.filter((c) => c.required).map((c) => c.name)).toEqual([...REQUIRED_COLUMNS]);
      for (const c of guide) {
        expect(c.meaning.length, c.name).toBeGreaterThan(3);
        expect(c.example.length, c.name).toBeGreaterThan(0);
      }
    }
    const en = importColumnGuide('en');
    const id = importColumnGuide('id');
    // The words differ by language, the examples do not.
    expect(id.find((c) => c.name === 'likes')!.meaning).toMatch(/suka/);
    expect(en.find((c) => c.name === 'likes')!.meaning).toMatch(/likes/);
    expect(id.map((c) => c.example)).toEqual(en.map((c) => c.example));
  });

  it('is a file the import reads without a problem: its header and its example row, every column filled', () => {
    const text = importTemplateCsv();
    expect(text.startsWith('\uFEFF')).toBe(true);
    const parsed = parseCsvImport(text, ctx);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows).toHaveLength(1);
    const { post, author } = parsed.rows[0]!;
    expect(post).toMatchObject({
      postId: 'instagram:C1a2B3xYz',
      publishedOn: 'instagram',
      createdAt: '2015-01-20T03:00:00.000Z',
      counts: { likes: 150, reposts: 4, replies: 12, quotes: 0, bookmarks: 30 },
      // Written the Indonesian way in the example: 5.000.
      reportedImpressions: 5000,
      place: { name: 'Makassar' },
    });
    expect(post.hashtags).toEqual(expect.arrayContaining(['socmed4socgood', 'literasidigital']));
    expect(author).toMatchObject({ handle: 'relawan_mks', name: 'Relawan Makassar', followers: 1200, location: 'Makassar, Sulawesi Selatan' });
  });
});
