// The words of the charts, in Bahasa Indonesia and English. Shared by the dashboard and the
// server's share images, so a chart says the same thing on a page and in a PNG.

export const CHART_STRINGS = Object.freeze({
  id: {
    'chart.posts-over-time.title': 'Postingan per hari',
    'chart.posts-over-time.desc': 'Jumlah postingan kampanye setiap hari, dalam zona waktu kampanye.',
    'chart.engagement-over-time.title': 'Interaksi per hari',
    'chart.engagement-over-time.desc': 'Suka, bagikan ulang, balasan, kutipan dan simpanan dari postingan hari itu.',
    'chart.by-city.title': 'Postingan per kota',
    'chart.by-city.desc': 'Kota dari lokasi postingan, tagar kota, atau lokasi di profil penulis; sisanya “Tidak diketahui”.',
    'chart.by-province.title': 'Postingan per provinsi',
    'chart.by-province.desc': 'Provinsi dari kota postingan, atau dari profil yang hanya menyebut provinsi.',
    'chart.by-topic.title': 'Postingan per topik',
    'chart.by-topic.desc': 'Satu postingan bisa masuk beberapa topik, jadi jumlahnya bisa melebihi total.',
    'chart.by-source.title': 'Postingan per sumber',
    'chart.by-source.desc': 'Platform tempat postingan dikumpulkan atau diimpor.',
    'chart.share-of-voice.title': 'Porsi percakapan per tagar',
    'chart.share-of-voice.desc': 'Bagian postingan yang memuat setiap tagar kampanye.',
    'chart.city-topic.title': 'Kota × topik',
    'chart.city-topic.desc': 'Jumlah postingan untuk setiap pasangan kota dan topik; makin gelap makin banyak.',
    'chart.empty': 'Belum ada postingan untuk ditampilkan.',
    'col.day': 'Hari',
    'col.city': 'Kota',
    'col.province': 'Provinsi',
    'col.topic': 'Topik',
    'col.source': 'Sumber',
    'col.hashtag': 'Tagar',
    'col.share': 'Porsi',
    'metric.posts': 'Postingan',
    'metric.contributors': 'Kontributor',
    'metric.reach': 'Jangkauan',
    'metric.impressions': 'Tayangan',
    'metric.engagement': 'Interaksi',
    'metric.engagementRate': 'Tingkat interaksi',
    'label.unknown': 'Tidak diketahui',
    'label.other': 'Lainnya',
    'topic.environment': 'Lingkungan',
    'topic.education': 'Pendidikan',
    'topic.entrepreneurship': 'Kewirausahaan',
    'topic.digital safety': 'Keamanan digital',
    'topic.digital literacy': 'Literasi digital',
    'topic.freedom of expression': 'Kebebasan berekspresi',
    'source.x': 'X',
    'source.mastodon': 'Mastodon',
    'source.bluesky': 'Bluesky',
    'source.import': 'Impor',
    'share.footer': 'Kabar Kampanye · dihitung {time}',
  },
  en: {
    'chart.posts-over-time.title': 'Posts per day',
    'chart.posts-over-time.desc': 'Campaign posts each day, in the campaign’s time zone.',
    'chart.engagement-over-time.title': 'Engagement per day',
    'chart.engagement-over-time.desc': 'Likes, reposts, replies, quotes and bookmarks of that day’s posts.',
    'chart.by-city.title': 'Posts by city',
    'chart.by-city.desc': 'City from the post’s place, a city hashtag, or the author’s profile location; the rest is “Unknown”.',
    'chart.by-province.title': 'Posts by province',
    'chart.by-province.desc': 'Province from the post’s city, or from a profile that names only a province.',
    'chart.by-topic.title': 'Posts by topic',
    'chart.by-topic.desc': 'A post can be in several topics, so the rows can add up to more than the total.',
    'chart.by-source.title': 'Posts by source',
    'chart.by-source.desc': 'The platform a post was collected or imported from.',
    'chart.share-of-voice.title': 'Share of voice by hashtag',
    'chart.share-of-voice.desc': 'The part of the posts that carries each campaign hashtag.',
    'chart.city-topic.title': 'City × topic',
    'chart.city-topic.desc': 'Posts for each pair of city and topic; the darker, the more.',
    'chart.empty': 'No posts to show yet.',
    'col.day': 'Day',
    'col.city': 'City',
    'col.province': 'Province',
    'col.topic': 'Topic',
    'col.source': 'Source',
    'col.hashtag': 'Hashtag',
    'col.share': 'Share',
    'metric.posts': 'Posts',
    'metric.contributors': 'Contributors',
    'metric.reach': 'Reach',
    'metric.impressions': 'Impressions',
    'metric.engagement': 'Engagement',
    'metric.engagementRate': 'Engagement rate',
    'label.unknown': 'Unknown',
    'label.other': 'Other',
    'topic.environment': 'Environment',
    'topic.education': 'Education',
    'topic.entrepreneurship': 'Entrepreneurship',
    'topic.digital safety': 'Digital safety',
    'topic.digital literacy': 'Digital literacy',
    'topic.freedom of expression': 'Freedom of expression',
    'source.x': 'X',
    'source.mastodon': 'Mastodon',
    'source.bluesky': 'Bluesky',
    'source.import': 'Import',
    'share.footer': 'Kabar Kampanye · computed {time}',
  },
});

/** @typedef {(key: string, vars?: Readonly<Record<string, string | number>>) => string} Translate */

/**
 * A lookup for one language: `{name}` placeholders filled from vars, the key itself when a word is missing.
 * @param {Readonly<Record<string, string>>} dictionary
 * @returns {Translate}
 */
export function translator(dictionary) {
  return (key, vars) => {
    const text = dictionary[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m)) : text;
  };
}
