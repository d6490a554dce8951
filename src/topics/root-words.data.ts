/**
 * The stemmer's dictionary of root words (stem.ts): where affix removal stops. Only ROOTS belong
 * here, never derived forms (with `pendidik` listed, `pendidikan` would stop there instead of
 * reaching `didik`, the root `mendidik` reaches). Two kinds of entries:
 * - the roots of the default topics' keywords (METRICS.md) and of the words posts about these
 *   programmes use, so their affixed forms reduce to them;
 * - roots that look affixed (`sekolah`, `masalah`, `berita`, `pesan`, `kelola`), so they are not
 *   taken apart into something else.
 * A campaign's own keywords are added per campaign (topic.match.ts). Add a root here when a
 * keyword's forms should reach it and do not.
 */
export const ROOT_WORDS: ReadonlySet<string> = new Set(
  `
  lingkung hutan satwa konservasi sampah air didik sekolah guru literasi umkm ukm usaha bisnis jual
  wirausaha aman digital hoaks tipu privasi scam internet sehat bebas ekspresi

  ajar ajak ambil atas atur bagi baca baik bantu bangun bayar beli beri bicara bina buat buang cari
  cek cegah cipta daftar dagang dapat dengar didik dukung guna hapus hasil hidup hubung ikut ingat
  isi jaga jaring jawab kabar kaji kata kelola kembang kenal kerja kirim kumpul laku lapor latih
  layan lihat lindung main makan minta nikah olah pakai pakar pikir pilih pinjam pukul rawat rusak
  sapu sebar sedia serta simpan tanam tanya tari terap tolong tulis ubah ujar ulas unggah unduh
  urus waspada yakin

  berita pesan peduli penting perlu pergi perintah perempuan sekolah sejarah selamat semangat senang
  sering segera sepeda sedia setuju terima teman tempat tentang tengah terus tetap tahu masalah
  adalah salah kalah telah lelah ulah kelola keluarga kecil keras kepala ketua dalam datang dengan
  diri dingin benar besar betul bentuk beda berat bersih menang merah mereka media muda

  alam bumi cemar daur ulang pohon tanah laut sungai banjir iklim energi listrik hijau kotor
  plastik lestari bencana hewan tumbuh

  anak murid siswa kampus kuliah buku ilmu latih pintar cerdas kurikulum beasiswa

  modal untung rugi pasar toko jasa produk harga uang bank kredit utang hutang niaga ekonomi
  promosi iklan merek kreatif inovasi mandiri sejahtera koperasi belanja daring luring

  informasi komunikasi teknologi data akun sandi aplikasi sosial bohong fitnah benci hasut fakta
  periksa kritis curi retas bocor lacak palsu

   budaya seni bahasa suara hak adil demokrasi sensor kritik opini sehati
  `
    .split(/\s+/)
    .filter(Boolean),
);
