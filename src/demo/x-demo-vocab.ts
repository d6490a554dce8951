import type { XPlace } from '../sources/x/x.types.js';

/**
 * The words the demo data set is made of: the six cities of the 2015 Social Media for Social
 * Good programme, the shapes people really type in an X profile's location, and short posts in
 * Bahasa Indonesia on the programme's topics.
 */

export interface DemoCity {
  /** Appended to the campaign hashtag for a city hashtag (`#SocMed4SocGoodKupang`). */
  tag: string;
  /** Share of the city in the programme's activity. */
  weight: number;
  place: XPlace;
  /** Profile locations as people write them. */
  profiles: string[];
}

function place(id: string, name: string): XPlace {
  return { id, full_name: `${name}, Indonesia`, name, country: 'Indonesia', country_code: 'ID', place_type: 'city' };
}

export const DEMO_CITIES: readonly DemoCity[] = [
  { tag: 'Jambi', weight: 14, place: place('2d1c4e5f6a7b8c90', 'Jambi'), profiles: ['Jambi', 'Kota Jambi', 'Jambi, Indonesia', 'jambi'] },
  {
    tag: 'Makassar',
    weight: 26,
    place: place('4f0b6a1c2d3e5f71', 'Makassar'),
    profiles: ['Makassar, Sulawesi Selatan', 'Makassar', 'Makassar, Indonesia', 'Kota Makassar', 'Ujung Pandang'],
  },
  { tag: 'Bangka', weight: 12, place: place('6a2c8e0f1b3d5a92', 'Bangka'), profiles: ['Bangka', 'Kab. Bangka', 'Kabupaten Bangka', 'Pangkalpinang, Babel'] },
  { tag: 'Samarinda', weight: 18, place: place('8c4e0a2b3d5f7c13', 'Samarinda'), profiles: ['Samarinda, Kaltim', 'Samarinda', 'Samarinda, Kalimantan Timur'] },
  {
    tag: 'Kupang',
    weight: 16,
    place: place('0e6a2c4d5f7b9e34', 'Kupang'),
    profiles: ['Kota Kupang - NTT', 'Kupang, NTT', 'Kupang', 'Kupang, Nusa Tenggara Timur'],
  },
  { tag: 'Ternate', weight: 14, place: place('1f7b3d5e6a8c0f55', 'Ternate'), profiles: ['Ternate - Maluku Utara', 'Ternate', 'Kota Ternate'] },
];

/** Profile locations that name no city; an empty one is left out of the user, as X does. */
export const UNUSABLE_LOCATIONS: readonly string[] = ['di hatimu', 'Indonesia', '', '', 'Bumi Pertiwi', 'planet bumi', 'NKRI harga mati'];

/** Common Indonesian given names, for the demo authors. */
export const FIRST_NAMES: readonly string[] = [
  'Rina',
  'Budi',
  'Siti',
  'Agus',
  'Dewi',
  'Andi',
  'Nur',
  'Yohanes',
  'Maria',
  'Fadli',
  'Ayu',
  'Rahmat',
  'Putri',
  'Hendra',
  'Wulan',
  'Irfan',
  'Lestari',
  'Daeng',
  'Fransiska',
  'Yusuf',
  'Intan',
  'Rizky',
  'Mega',
  'Arif',
  'Nadia',
  'Taufik',
  'Sari',
  'Ikhsan',
];

/** Family names from across the archipelago (Javanese, Bugis, Batak, Timorese, Moluccan). */
export const LAST_NAMES: readonly string[] = [
  'Wulandari',
  'Santoso',
  'Rahayu',
  'Saputra',
  'Pratiwi',
  'Hidayat',
  'Lestari',
  'Nugroho',
  'Amalia',
  'Pattiasina',
  'Ndun',
  'Manggala',
  'Siregar',
  'Tamrin',
  'Lumban',
  'Kurniawan',
  'Syamsuddin',
  'Fanggidae',
  'Marasabessy',
  'Ramadhan',
];

/** Each topic: sentences that name it, and CamelCase hashtags that a post sometimes adds. */
export const TOPIC_TEXTS: Readonly<Record<string, { sentences: string[]; hashtags: string[] }>> = {
  environment: {
    sentences: [
      'Ayo jaga lingkungan kita mulai dari hal kecil',
      'Hutan kita paru-paru dunia, jangan biarkan dibakar',
      'Kurangi sampah plastik, bawa tas belanja sendiri',
      'Belajar bikin kampanye konservasi hutan lewat media sosial',
    ],
    hashtags: ['#SaveForest', '#Lingkungan', '#KurangiSampah'],
  },
  education: {
    sentences: [
      'Pendidikan adalah hak semua anak Indonesia',
      'Terima kasih para guru yang terus belajar teknologi',
      'Budayakan literasi sejak dini di rumah',
      'Guru-guru antusias belajar membuat konten kelas',
    ],
    hashtags: ['#Pendidikan', '#GuruHebat'],
  },
  entrepreneurship: {
    sentences: [
      'UMKM lokal bisa go digital dan menjangkau pembeli baru',
      'Usaha kecil naik kelas dengan foto produk yang menarik',
      'Jualan online makin mudah kalau tahu caranya',
    ],
    hashtags: ['#UMKM', '#UMKMNaikKelas'],
  },
  digitalSafety: {
    sentences: [
      'Hati-hati hoaks, cek dulu sebelum berbagi',
      'Waspada penipuan berkedok hadiah di media sosial',
      'Jaga privasi, jangan sebar data pribadi sembarangan',
      'Keamanan digital dimulai dari kata sandi yang kuat',
    ],
    hashtags: ['#KeamananDigital', '#StopHoaks', '#LawanHoaks'],
  },
  digitalLiteracy: {
    sentences: [
      'Literasi digital untuk semua, dari kota sampai desa',
      'Internet sehat itu pilihan kita sendiri',
      'Belajar literasi digital bareng komunitas hari ini',
    ],
    hashtags: ['#LiterasiDigital', '#InternetSehat'],
  },
  expression: {
    sentences: ['Kebebasan berekspresi tetap butuh tanggung jawab', 'Diskusi seru soal kebebasan berekspresi di ruang digital'],
    hashtags: ['#KebebasanBerekspresi'],
  },
};

/** Posts on no topic at all: the `other` row of a topic breakdown. */
export const NEUTRAL_TEXTS: readonly string[] = [
  'Seru banget acara hari ini, terima kasih panitia',
  'Terima kasih narasumber, ilmunya bermanfaat',
  'Sampai jumpa di sesi berikutnya ya teman-teman',
  'Foto kegiatan menyusul, stay tuned',
  'Senang bisa ketemu teman-teman baru',
];

/** How a reply starts, after the @mention. */
export const REPLY_OPENERS: readonly string[] = ['Setuju!', 'Betul sekali.', 'Mantap, lanjutkan!', 'Terima kasih infonya.', 'Keren!'];
/** How a quote starts. */
export const QUOTE_OPENERS: readonly string[] = ['Ini penting 👇', 'Wajib baca:', 'Sepakat dengan ini.', 'Bagikan ke teman-teman:'];
