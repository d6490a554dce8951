import { IMPORT_COLUMNS, REQUIRED_COLUMNS, type ImportColumn } from './import.schema.js';

/**
 * What each import column means, with an example cell, in both languages of the dashboard: the
 * import card's column list and the template file are made from this and from IMPORT_COLUMNS,
 * so a column added to the schema without its line here does not compile. Pure.
 */

export type GuideLang = 'en' | 'id';

interface ColumnGuide {
  en: string;
  id: string;
  /** A cell the row schema accepts; together they make a valid row (tests/unit/import.guide.test.ts). */
  example: string;
}

const GUIDE = {
  platform: {
    en: 'the platform the post is on: instagram, facebook, tiktok, whatsapp, youtube, threads, linkedin, telegram, x or other',
    id: 'platform tempat postingan: instagram, facebook, tiktok, whatsapp, youtube, threads, linkedin, telegram, x atau other',
    example: 'instagram',
  },
  post_id: { en: "the post's id on that platform", id: 'id postingan di platform itu', example: 'C1a2B3xYz' },
  url: { en: 'link to the post (http or https)', id: 'tautan ke postingan (http atau https)', example: 'https://www.instagram.com/p/C1a2B3xYz/' },
  created_at: {
    en: 'when it was posted: DD/MM/YYYY HH:mm or YYYY-MM-DD HH:mm in the campaign time zone, or ISO 8601 with an offset',
    id: 'waktu diposting: DD/MM/YYYY HH:mm atau YYYY-MM-DD HH:mm di zona waktu kampanye, atau ISO 8601 dengan zona waktu',
    example: '20/01/2015 10:00',
  },
  text: {
    en: "the post's text; may be empty only when hashtags has some",
    id: 'teks postingan; boleh kosong hanya bila kolom hashtags terisi',
    example: 'Workshop literasi digital di Makassar #SocMed4SocGood',
  },
  hashtags: { en: 'more hashtags, separated by spaces or commas', id: 'tagar tambahan, dipisah spasi atau koma', example: '#LiterasiDigital' },
  author_id: { en: "the author's id or handle on that platform", id: 'id atau nama pengguna penulis di platform itu', example: 'relawan_mks' },
  author_handle: { en: "the author's handle, @ optional", id: 'nama pengguna penulis, @ boleh ditulis', example: '@relawan_mks' },
  author_name: { en: "the author's display name", id: 'nama tampilan penulis', example: 'Relawan Makassar' },
  author_followers: { en: "the author's followers now", id: 'jumlah pengikut penulis saat ini', example: '1.200' },
  author_location: { en: "the author's profile location as written", id: 'lokasi di profil penulis, apa adanya', example: 'Makassar, Sulawesi Selatan' },
  likes: { en: 'likes (reactions); empty when not reported', id: 'suka (reaksi); kosongkan bila tidak dilaporkan', example: '150' },
  reposts: { en: 'shares', id: 'dibagikan', example: '4' },
  replies: { en: 'comments', id: 'komentar', example: '12' },
  quotes: { en: 'quote posts', id: 'kutipan', example: '0' },
  bookmarks: { en: 'saves', id: 'disimpan', example: '30' },
  views: { en: 'views or impressions the platform reports', id: 'tayangan atau impresi menurut platform', example: '5.000' },
  kind: { en: 'original (default), reply or quote', id: 'original (bawaan), reply atau quote', example: 'original' },
  city: { en: 'the city code, when you know where it was posted', id: 'kode kota, bila tempat posting diketahui', example: '73.71' },
} as const satisfies Record<ImportColumn, ColumnGuide>;

export interface ImportColumnGuide {
  name: ImportColumn;
  required: boolean;
  meaning: string;
  example: string;
}

/** Every column, in file order, with whether a CSV header needs it, its meaning in `lang` and an example. */
export function importColumnGuide(lang: GuideLang): ImportColumnGuide[] {
  return IMPORT_COLUMNS.map((name) => ({ name, required: REQUIRED_COLUMNS.includes(name), meaning: GUIDE[name][lang], example: GUIDE[name].example }));
}

/** A cell as CSV writes it: quoted when it holds a separator, a quote or a line break. */
const csvCell = (v: string) => (/[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The template file: the header row and one example row, UTF-8 with a BOM so spreadsheets read it as such. */
export function importTemplateCsv(): string {
  const lines = [IMPORT_COLUMNS.join(','), IMPORT_COLUMNS.map((c) => csvCell(GUIDE[c].example)).join(',')];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
