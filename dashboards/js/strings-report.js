// The report's words, and its method: a plain-language version of METRICS.md in both languages.

export const REPORT_STRINGS = Object.freeze({
  id: {
    'report.title': 'Laporan kampanye',
    'report.tools': 'Periode laporan',
    'report.apply': 'Terapkan',
    'report.print': 'Cetak atau simpan PDF',
    'report.figures': 'Angka utama',
    'report.charts': 'Grafik',
    'report.topPosts': 'Postingan teratas',
    'report.method': 'Metode',
    'report.freshness': 'Kesegaran data',
    'report.lastSuccess': 'Terakhir berhasil dikumpulkan',
    'report.lastOutcome': 'Hasil terakhir',
    'report.computed': 'Angka dihitung {time}.',
    'report.altHint': 'Angkanya ada di tabel di bawah gambar.',
    'report.seriesSummary': '{days} hari; hari tersibuk {day} dengan {peak} postingan.',
    'method.posts':
      'Sebuah postingan dihitung bila memuat setidaknya satu tagar kampanye (huruf besar atau kecil tidak berpengaruh) dan diunggah dalam rentang tanggal kampanye. Repost tidak dihitung sebagai postingan; ia menambah angka bagikan ulang dari postingan yang dibagikannya. Postingan yang terkumpul dua kali tetap dihitung sekali.',
    'method.figures':
      'Interaksi adalah jumlah suka, bagikan ulang, balasan, kutipan dan simpanan seperti yang dilaporkan platform. Angka yang tidak dilaporkan platform dibiarkan kosong, tidak pernah dianggap nol. Tingkat interaksi adalah interaksi dibagi tayangan.',
    'method.reach':
      'Jangkauan adalah jangkauan potensial: jumlah pengikut setiap penulis yang berbeda, dan setiap penulis dihitung sekali berapa pun postingannya. Jangkauan satu periode dihitung atas seluruh periode, bukan dijumlahkan per hari.',
    'method.impressions':
      'Tayangan adalah jumlah dilihat yang dilaporkan platform (X). Bila platform tidak melaporkannya, jumlah pengikut penulis dipakai sebagai perkiraan; laporan menampilkan bagian yang dilaporkan dan yang diperkirakan secara terpisah.',
    'method.cities':
      'Setiap postingan mendapat paling banyak satu kota, dengan urutan: lokasi yang dilampirkan pada postingan, tagar kota (misalnya #SocMed4SocGoodKupang), lalu kota di profil penulis. Postingan tanpa kota Indonesia yang jelas masuk “Tidak diketahui”; profil yang hanya menyebut provinsi dihitung untuk provinsi itu.',
    'method.topics':
      'Sebuah postingan masuk ke setiap topik yang kata kunci atau tagarnya ia muat, jadi jumlah per topik bisa melebihi total. Postingan tanpa topik masuk “Lainnya”.',
    'method.time':
      'Hari dihitung dalam zona waktu kampanye. Semua angka dihitung ulang dari hitungan terbaru, jadi data yang sama selalu menghasilkan laporan yang sama.',
  },
  en: {
    'report.title': 'Campaign report',
    'report.tools': 'Report period',
    'report.apply': 'Apply',
    'report.print': 'Print or save as PDF',
    'report.figures': 'Headline figures',
    'report.charts': 'Charts',
    'report.topPosts': 'Top posts',
    'report.method': 'Method',
    'report.freshness': 'Data freshness',
    'report.lastSuccess': 'Last successful collection',
    'report.lastOutcome': 'Last outcome',
    'report.computed': 'Figures computed {time}.',
    'report.altHint': 'Its figures are in the table under the image.',
    'report.seriesSummary': '{days} days; the busiest was {day} with {peak} posts.',
    'method.posts':
      'A post counts when it carries at least one campaign hashtag (upper or lower case alike) and was posted within the campaign’s dates. A repost is not a post: it adds to the reposts of the post it shares. A post collected twice is counted once.',
    'method.figures':
      'Engagement is likes, reposts, replies, quotes and bookmarks as the platform reports them. A count a platform does not report is left empty, never taken as zero. Engagement rate is engagement divided by impressions.',
    'method.reach':
      'Reach is potential reach: the followers of every distinct author, each author counted once however many posts they wrote. Reach over a period is computed over the whole period, not added up day by day.',
    'method.impressions':
      'Impressions are the views a platform reports (X). Where it reports none, the author’s follower count stands in as an estimate; the report shows the reported and the estimated parts separately.',
    'method.cities':
      'Each post gets at most one city, in this order: the place attached to the post, a city hashtag (such as #SocMed4SocGoodKupang), then the city in the author’s profile. Posts without a clear Indonesian city are “Unknown”; a profile that names only a province counts for that province.',
    'method.topics':
      'A post belongs to every topic whose keywords or hashtags it contains, so topics can add up to more than the total. Posts in no topic are “Other”.',
    'method.time':
      'Days are counted in the campaign’s time zone. Every figure is recomputed from the latest counts, so the same data always gives the same report.',
  },
});
