import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { localizeRowProblems } from '../../src/contracts/localize.js';
import { loadGazetteer, type Gazetteer } from '../../src/geo/gazetteer.js';
import { ImportFileError, parseCsvImport, parseImportFile, parseJsonImport, type ParsedImport } from '../../src/import/import.parse.js';
import { MAX_IMPORT_ROWS, parseCount, parseCreatedAt, type RowContext } from '../../src/import/import.schema.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8');
const HEADER = 'platform,post_id,created_at,text,author_id';

let gazetteer: Gazetteer;
let ctx: RowContext;
beforeAll(async () => {
  gazetteer = await loadGazetteer();
  ctx = { timeZone: 'Asia/Jakarta', city: (code) => gazetteer.city(code) };
});

/** Parses a CSV of the header plus extra columns and these rows. */
function csv(rows: string[], extraColumns = '', c: RowContext = ctx): ParsedImport {
  return parseCsvImport([HEADER + extraColumns, ...rows].join('\n'), c);
}

function fileError(parse: () => unknown): ImportFileError {
  try {
    parse();
  } catch (err) {
    if (err instanceof ImportFileError) return err;
    throw err;
  }
  throw new Error('expected an ImportFileError');
}

describe('CSV files', () => {
  it('reads a comma-separated file with a quoted multi-line cell; rows are numbered as the person sees them', () => {
    const parsed = parseImportFile(fixture('posts.csv'), 'csv', ctx);
    expect(parsed.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 8, 9]);
    expect(parsed.rows[0]!.post).toMatchObject({
      platform: 'import',
      postId: 'instagram:C1a2B3',
      text: 'Workshop literasi digital di Makassar,\nhari ini!',
      createdAt: '2015-01-20T03:00:00.000Z',
      authorId: 'instagram:ig-101',
      hashtags: ['socmed4socgood'],
      reportedImpressions: 5000,
    });
    expect(parsed.rows[0]!.author).toEqual({
      platform: 'import',
      authorId: 'instagram:ig-101',
      handle: 'relawan_mks',
      name: 'Relawan Makassar',
      followers: 1200,
      location: 'Makassar, Sulawesi Selatan',
    });
    expect(parsed.rejected).toEqual([
      { row: 6, error: expect.stringMatching(/^kind: a pure repost or share is not a post/) },
      { row: 7, error: expect.stringMatching(/^likes: must be a whole number/) },
    ]);
  });

  it('reads a semicolon-separated export with a BOM, CRLF line ends and a blank line, counting the blank line as a row', () => {
    const parsed = parseImportFile(fixture('insights-semicolon.csv'), 'csv', ctx);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows.map((r) => [r.row, r.post.postId])).toEqual([
      [2, 'instagram:DxY1'],
      [4, 'facebook:2222'],
    ]);
    // The `;` inside the quoted cell is text, and the line end inside it is kept as one \n.
    expect(parsed.rows[0]!.post.text).toBe('Pelatihan UMKM; jualan online\n#SocMed4SocGood');
    expect(parsed.rows[0]!.post.place).toEqual({ fullName: 'Kota Makassar', name: 'Makassar', countryCode: 'ID' });
  });

  it('takes an empty count cell as "not reported" (absent), and 0 as zero', () => {
    const [row] = csv(['x,1,2015-01-20 10:00,#A,u,,0,7'], ',likes,reposts,views').rows;
    expect(row!.post.counts).toEqual({ reposts: 0 });
    expect('likes' in row!.post.counts).toBe(false);
    expect(row!.post.reportedImpressions).toBe(7);
    const [bare] = csv(['x,2,2015-01-20 10:00,#A,u,,,'], ',likes,reposts,views').rows;
    expect(bare!.post.counts).toEqual({});
    expect(bare!.post.reportedImpressions).toBeUndefined();
    expect(bare!.author.followers).toBeUndefined();
  });

  it('accepts headers in another case or with spaces (Post ID), and trims cells', () => {
    const parsed = parseCsvImport('Platform, Post ID ,Created At,Text,Author-ID\n Instagram , P1 , 2015-01-20 10:00 , #A , u1 ', ctx);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows[0]!.post).toMatchObject({ postId: 'instagram:P1', authorId: 'instagram:u1', text: '#A' });
  });

  it('merges the hashtags column with the hashtags in the text, lower-case, once each', () => {
    const [row] = csv(['instagram,1,2015-01-20 10:00,Halo #SocMed4SocGood #Kupang,u,"#socmed4socgood, LiterasiDigital ＃UMKM"'], ',hashtags').rows;
    expect(row!.post.hashtags).toEqual(['socmed4socgood', 'kupang', 'literasidigital', 'umkm']);
  });

  it('stores a city code as the post place, so rule 1 (geo) places it', () => {
    const [row] = csv(['facebook,1,2015-01-20 10:00,#A,u,53.71'], ',city').rows;
    expect(row!.post.place).toEqual({ fullName: 'Kota Kupang', name: 'Kupang', countryCode: 'ID' });
  });

  it('every city official name leads back to its own code, so the stored place is never misread', () => {
    const wrong = gazetteer.cities().filter((c) => gazetteer.matchText(c.officialName)?.cityCode !== c.code);
    expect(wrong).toEqual([]);
  });
});

describe('created_at', () => {
  it.each([
    ['2015-01-20T10:00:00+07:00', 'Asia/Makassar', '2015-01-20T03:00:00.000Z'],
    ['2015-01-20T03:00:00Z', 'Asia/Makassar', '2015-01-20T03:00:00.000Z'],
    ['2015-01-20T10:00+0800', 'Asia/Jakarta', '2015-01-20T02:00:00.000Z'],
    ['2015-01-20 10:00', 'Asia/Jakarta', '2015-01-20T03:00:00.000Z'],
    ['2015-01-20 10:00', 'Asia/Makassar', '2015-01-20T02:00:00.000Z'],
    ['2015-01-20 10:00:30', 'Asia/Jayapura', '2015-01-20T01:00:30.000Z'],
    ['20/01/2015 10:00', 'Asia/Jayapura', '2015-01-20T01:00:00.000Z'],
    ['5/1/2015 9:05', 'Asia/Jakarta', '2015-01-05T02:05:00.000Z'],
  ])('%s in %s is %s', (value, zone, expected) => {
    expect(parseCreatedAt(value, zone)).toBe(expected);
  });

  it.each(['2015-01-20', '2015-01-20T10:00:00', '01/20/2015 10:00', '32/01/2015 10:00', '2015-02-30 10:00', 'kemarin'])('rejects %s', (value) => {
    expect(parseCreatedAt(value, 'Asia/Jakarta')).toBeUndefined();
  });

  it('reads local date-times in the campaign time zone', () => {
    const makassar = { ...ctx, timeZone: 'Asia/Makassar' };
    expect(csv(['x,1,20/01/2015 10:00,#A,u'], '', makassar).rows[0]!.post.createdAt).toBe('2015-01-20T02:00:00.000Z');
  });
});

describe('bad rows', () => {
  it.each([
    ['myspace,1,2015-01-20 10:00,#A,u', '', 'platform: must be one of instagram'],
    ['instagram,,2015-01-20 10:00,#A,u', '', 'post_id: is required'],
    ['instagram,1,,#A,u', '', 'created_at: is required'],
    ['instagram,1,2015-01-20,#A,u', '', 'created_at: must be an ISO 8601 instant'],
    ['instagram,1,2015-01-20 10:00,,u', '', 'text: is empty: give the post text or its hashtags'],
    ['instagram,1,2015-01-20 10:00,#A,', '', 'author_id: is required'],
    ['instagram,1,2015-01-20 10:00,#A,u,ftp://x.org/1', ',url', 'url: must be an http(s) URL'],
    ['instagram,1,2015-01-20 10:00,#A,u,javascript:alert(1)', ',url', 'url: must be an http(s) URL'],
    ['instagram,1,2015-01-20 10:00,#A,u,JavaScript://%0aalert(1)', ',url', 'url: must be an http(s) URL'],
    ['instagram,1,2015-01-20 10:00,#A,u,"data:text/html,<script>alert(1)</script>"', ',url', 'url: must be an http(s) URL'],
    ['instagram,1,2015-01-20 10:00,#A,u,-5', ',author_followers', 'author_followers: must be a whole number'],
    ['instagram,1,2015-01-20 10:00,#A,u,"1.2345"', ',likes', 'likes: must be a whole number'],
    ['instagram,1,2015-01-20 10:00,#A,u,2.5', ',views', 'views: must be a whole number'],
    ['instagram,1,2015-01-20 10:00,#A,u,share', ',kind', 'kind: a pure repost or share is not a post'],
    ['instagram,1,2015-01-20 10:00,#A,u,story', ',kind', 'kind: must be original, reply or quote'],
    ['instagram,1,2015-01-20 10:00,#A,u,99.99', ',city', 'city: 99.99 is not a known city code'],
    ['instagram,1,2015-01-20 10:00,#A,u,Kupang', ',city', 'city: must be a city code like 73.71'],
    ['instagram,1,2015-01-20 10:00,,u,foo-bar', ',hashtags', 'hashtags: is not a hashtag (letters, digits and _ only): "foo-bar"'],
    ['instagram,1,2015-01-20 10:00,#A,u,extra', '', 'row: has 6 cells but the header has 5 columns'],
  ])('%s (extra columns %s) → %s', (line, extra, error) => {
    const parsed = csv([line], extra);
    expect(parsed.rows).toEqual([]);
    expect(parsed.rejected).toEqual([{ row: 2, error: expect.stringContaining(error) }]);
  });

  it('reads counts written the Indonesian way (1.234) or the English way (1,234) as whole numbers', () => {
    const parsed = csv(
      ['instagram,1,2015-01-20 10:00,#A,u,1.234,"12.345.678","1,234",0', 'instagram,2,2015-01-20 10:00,#A,u,999,"1.000","2,500,000",'],
      ',likes,views,reposts,replies',
    );
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows[0]!.post.counts).toEqual({ likes: 1234, reposts: 1234, replies: 0 });
    expect(parsed.rows[0]!.post.reportedImpressions).toBe(12_345_678);
    expect(parsed.rows[1]!.post.counts).toEqual({ likes: 999, reposts: 2_500_000 });
    expect(parsed.rows[1]!.post.reportedImpressions).toBe(1000);
    // The same in a semicolon file, where a comma needs no quoting.
    const semi = parseCsvImport('platform;post_id;created_at;text;author_id;likes\ninstagram;1;2015-01-20 10:00;#A;u;1,234\n', ctx);
    expect(semi.rows[0]!.post.counts).toEqual({ likes: 1234 });
  });

  it.each(['1.2345', '1,23', '1.5', '12.34.567', '1.234,5', '1,234.5', '.234', '1.234.', '1 234', '-1.234'])('is not a count: %s', (cell) => {
    expect(parseCount(cell)).toBeUndefined();
    const parsed = csv([`instagram,1,2015-01-20 10:00,#A,u,"${cell}"`], ',likes');
    expect(parsed.rejected).toEqual([
      { row: 2, error: 'likes: must be a whole number of 0 or more, like 1234 or 1.234 (leave it empty when the platform did not report it)' },
    ]);
  });

  it.each(['1,2 rb', '1,2rb', '1.2k', '1,2K', '2jt', '2 jt', '3 juta', '1.5M', '10 ribu', '4K'])(
    'refuses the shortened count %s, saying how to write it',
    (cell) => {
      const parsed = csv([`instagram,1,2015-01-20 10:00,#A,u,"${cell}"`], ',views');
      expect(parsed.rejected).toEqual([
        { row: 2, error: `views: is shortened: write the whole number, like 1200 or 1.200 for 1,2 rb or 1.2K, and 2000000 or 2.000.000 for 2 jt: "${cell}"` },
      ]);
    },
  );

  it('words a shortened count in Indonesian for an Indonesian reader, the value kept as written', () => {
    const parsed = csv(['instagram,1,2015-01-20 10:00,#A,u,"1,2 rb"'], ',likes');
    expect(localizeRowProblems(parsed.rejected[0]!.error, 'id')).toBe(
      'likes: disingkat: tulis angka lengkapnya, seperti 1200 atau 1.200 untuk 1,2 rb atau 1.2K, dan 2000000 atau 2.000.000 untuk 2 jt: "1,2 rb"',
    );
    const plain = csv(['instagram,1,2015-01-20 10:00,#A,u,1.5'], ',likes');
    expect(localizeRowProblems(plain.rejected[0]!.error, 'id')).toBe(
      'likes: harus bilangan bulat 0 atau lebih, seperti 1234 atau 1.234 (kosongkan bila platform tidak melaporkannya)',
    );
  });

  it('names every bad field of a row, and keeps the good rows around it', () => {
    const parsed = csv(['instagram,1,2015-01-20 10:00,#A,u,1', 'instagram,2,never,#A,u,x', 'instagram,3,2015-01-20 10:00,#A,u,3'], ',likes');
    expect(parsed.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(parsed.rejected).toHaveLength(1);
    expect(parsed.rejected[0]!.row).toBe(3);
    expect(parsed.rejected[0]!.error).toMatch(/^created_at: .*; likes: /);
  });

  it('rejects the same post twice in one file, naming the first row; the same id on two platforms is two posts', () => {
    const parsed = csv(['instagram,1,2015-01-20 10:00,#A,u', 'facebook,1,2015-01-20 10:00,#A,u', 'Instagram,1,2015-01-21 10:00,#A,u']);
    expect(parsed.rows.map((r) => r.post.postId)).toEqual(['instagram:1', 'facebook:1']);
    expect(parsed.rejected).toEqual([{ row: 4, error: 'post_id: the same post (instagram 1) is already in row 2' }]);
  });
});

describe('problems with the whole file', () => {
  it('names unknown columns, with the column meant when it is a common synonym', () => {
    const e = fileError(() => parseImportFile(fixture('unknown-columns.csv'), 'csv', ctx));
    expect(e).toMatchObject({ status: 400, code: 'unknown_columns' });
    expect(e.message).toContain('shares (did you mean reposts?)');
    expect(e.details.map((d) => d.field)).toEqual(['shares', 'reach']);
  });

  it.each([
    ['', 'missing_header'],
    ['\uFEFF  \n', 'missing_header'],
    ['platform,post_id,text\ninstagram,1,#A', 'missing_columns'],
    ['platform,post_id,created_at,text,author_id,likes,Likes\n', 'duplicate_columns'],
    ['platform,post_id,created_at,text,author_id\ninstagram,"1,2015', 'invalid_csv'],
    ['platform,post_id,created_at,text,author_id,\ninstagram,1,2015-01-20 10:00,#A,u,oops', 'unknown_columns'],
  ])('%j → %s', (text, code) => {
    expect(fileError(() => parseCsvImport(text, ctx))).toMatchObject({ status: 400, code });
  });

  it('ignores a trailing delimiter while its column stays empty', () => {
    expect(parseCsvImport(`${HEADER};\ninstagram;1;2015-01-20 10:00;#A;u;`.replaceAll(',', ';'), ctx).rows).toHaveLength(1);
  });

  it('refuses more than 10,000 rows and more than 5 MB with a 413', () => {
    const line = 'instagram,1,2015-01-20 10:00,#A,u';
    expect(fileError(() => csv(Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => line)))).toMatchObject({ status: 413, code: 'too_many_rows' });
    expect(csv(Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => line.replace(',1,', `,${i},`))).rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(fileError(() => parseCsvImport(`${HEADER}\n${'x'.repeat(5 * 1024 * 1024)}`, ctx))).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('names JSON that is not JSON, or not rows', () => {
    expect(fileError(() => parseImportFile('{"posts": [', 'json', ctx))).toMatchObject({ status: 400, code: 'invalid_json' });
    expect(fileError(() => parseJsonImport({ rows: [] }, ctx))).toMatchObject({ status: 400, code: 'invalid_file' });
    expect(fileError(() => parseJsonImport('text', ctx))).toMatchObject({ status: 400, code: 'invalid_file' });
    expect(fileError(() => parseJsonImport({ posts: [], campaign: 'x' }, ctx))).toMatchObject({ status: 400, code: 'unknown_fields' });
    const e = fileError(() => parseJsonImport([{ platform: 'instagram', shares: 1 }], ctx));
    expect(e).toMatchObject({ status: 400, code: 'unknown_columns', details: [{ field: 'shares' }] });
  });
});

describe('JSON files', () => {
  it('reads {"posts": [...]} with JSON numbers, nulls as absent, a hashtag array, and numbers rows from 1', () => {
    const parsed = parseImportFile(fixture('posts.json'), 'json', ctx);
    expect(parsed.rows.map((r) => r.row)).toEqual([1, 2]);
    expect(parsed.rows[0]!.post).toMatchObject({
      postId: 'instagram:J1',
      counts: { likes: 20 },
      reportedImpressions: 1500,
      place: { fullName: 'Kota Ternate' },
    });
    expect('replies' in parsed.rows[0]!.post.counts).toBe(false);
    expect(parsed.rows[1]!.post).toMatchObject({
      postId: 'youtube:yt-9',
      text: '',
      hashtags: ['socmed4socgood', 'internetsehat'],
      counts: { likes: 8 },
      createdAt: '2015-01-26T09:00:00.000Z',
    });
    expect(parsed.rows[1]!.author).toMatchObject({ handle: 'UC123', name: 'Kanal Ternate' });
    expect(parsed.rejected).toEqual([{ row: 3, error: expect.stringMatching(/^created_at: .*; likes: must be a whole number/) }]);
  });

  it('reads a bare array of rows the same way', () => {
    const rows = JSON.parse(fixture('posts.json')) as { posts: unknown[] };
    const parsed = parseJsonImport(rows.posts, ctx);
    expect(parsed.rows.map((r) => r.post.postId)).toEqual(['instagram:J1', 'youtube:yt-9']);
  });

  it('rejects a row that is not an object, or has a value of the wrong type', () => {
    const parsed = parseJsonImport(
      [42, { platform: 'instagram', post_id: 7, created_at: '2015-01-20 10:00', text: '#A', author_id: 'u', city: 73.71, likes: 1.5 }],
      ctx,
    );
    expect(parsed.rejected).toEqual([
      { row: 1, error: 'row: must be an object of column names to values' },
      { row: 2, error: expect.stringMatching(/^post_id: must be text; likes: must be a whole number.*; city: must be a city code like 73.71, as text$/) },
    ]);
  });
});
