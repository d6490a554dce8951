import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../src/geo/gazetteer.js';
import { IMPORT_SLICE_ROWS, parseCsvImport, parseCsvImportInSlices, parseJsonImport, parseJsonImportInSlices } from '../../src/import/import.parse.js';
import type { RowContext } from '../../src/import/import.schema.js';

/** The sliced parsers (used over HTTP) answer exactly as the one-block ones, pausing between slices. */

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8');
let ctx: RowContext;
beforeAll(async () => {
  const gazetteer = await loadGazetteer();
  ctx = { timeZone: 'Asia/Jakarta', city: (code) => gazetteer.city(code) };
});

const counting = () => {
  const pauses = { n: 0 };
  return { pauses, pause: async () => void pauses.n++ };
};

/** A CSV of `n` rows whose text has multi-byte characters and surrogate pairs everywhere, some rows bad. */
function bigCsv(n: number): string {
  const rows = Array.from({ length: n }, (_, i) =>
    i % 97 === 0
      ? `instagram,p-${i},not a date,teks 😀 ${i},a-${i % 50}`
      : `instagram,p-${i},2015-01-${String(14 + (i % 10)).padStart(2, '0')}T10:00:00+07:00,"#SocMed4SocGood 😀 ""kutip"" é ${i}",a-${i % 50}`,
  );
  return `platform,post_id,created_at,text,author_id\n${rows.join('\n')}\n`;
}

describe('sliced import parsing', () => {
  it.each(['posts.csv', 'insights-semicolon.csv'])('reads %s as the one-block parser does', async (name) => {
    expect(await parseCsvImportInSlices(fixture(name), ctx, counting().pause)).toEqual(parseCsvImport(fixture(name), ctx));
  });

  it('reads a large CSV as the one-block parser does, pausing between slices of text and of rows', async () => {
    const text = bigCsv(3_000);
    const { pauses, pause } = counting();
    const sliced = await parseCsvImportInSlices(text, ctx, pause);
    expect(sliced).toEqual(parseCsvImport(text, ctx));
    expect(sliced.rows.length).toBeGreaterThan(2_900);
    expect(sliced.rows.some((r) => r.post.text.includes('😀 "kutip" é'))).toBe(true);
    // 3,000 rows: at least one pause per IMPORT_SLICE_ROWS rows checked, and more while the text is parsed.
    expect(pauses.n).toBeGreaterThanOrEqual(Math.floor(3_000 / IMPORT_SLICE_ROWS) + Math.floor(text.length / (64 * 1024)));
  });

  it('reads JSON as the one-block parser does, pausing between slices of rows', async () => {
    const { posts } = JSON.parse(fixture('posts.json')) as { posts: object[] };
    const many = Array.from({ length: 1_000 }, (_, i) => ({ ...posts[0], post_id: `j-${i}` }));
    const { pauses, pause } = counting();
    const sliced = await parseJsonImportInSlices(many, ctx, pause);
    expect(sliced).toEqual(parseJsonImport(many, ctx));
    expect(sliced.rows).toHaveLength(1_000);
    expect(pauses.n).toBe(Math.ceil(1_000 / IMPORT_SLICE_ROWS) - 1);
  });

  it('refuses a file the one-block parser refuses, with the same error', async () => {
    const broken = 'platform,post_id,created_at,text,author_id\ninstagram,p,2015-01-14T10:00:00+07:00,"never closed,a\n';
    const expected = (() => {
      try {
        parseCsvImport(broken, ctx);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(expected).not.toBeNull();
    await expect(parseCsvImportInSlices(broken, ctx, counting().pause)).rejects.toEqual(expected);
    await expect(parseCsvImportInSlices('platform,post_id,nope\n', ctx, counting().pause)).rejects.toMatchObject({ code: 'unknown_columns' });
  });
});
