/**
 * The API's messages in Bahasa Indonesia, keyed by the English message the code throws. `{name}`
 * stands for a value the message carries (a field, a number, a platform's own words); the
 * translation keeps every placeholder of its key. A value that is itself a key here is translated
 * too (`{what} not found` with `Campaign`). tests/unit/error-messages.test.ts lists every message
 * thrown in src/ that has no entry: add yours here with it.
 */
export const ID_MESSAGES: Readonly<Record<string, string>> = {
  // Credentials and access
  'A credential is required: sign in on the dashboard, or send Authorization: Bearer <token>.':
    'Perlu kredensial: masuk di dasbor, atau kirim Authorization: Bearer <token>.',
  'A credential is required.': 'Perlu kredensial.',
  'This credential does not allow that.': 'Kredensial ini tidak mengizinkan tindakan itu.',
  'This credential is not valid: send Authorization: Bearer <token> with a token that exists.':
    'Kredensial ini tidak berlaku: kirim Authorization: Bearer <token> dengan token yang ada.',
  'This {what} has expired.': '{what} ini sudah kedaluwarsa.',
  'This {what} has been revoked.': '{what} ini sudah dicabut.',
  token: 'Token',
  link: 'Tautan',
  'This account is disabled.': 'Akun ini dinonaktifkan.',
  'Your session has ended: sign in again.': 'Sesi Anda sudah berakhir: silakan masuk lagi.',
  'The e-mail address or the password is not right.': 'Alamat e-mail atau kata sandinya salah.',
  'A change made with the session cookie needs the {header} header the sign-in gave; reload the page.':
    'Perubahan lewat cookie sesi memerlukan header {header} yang diberikan saat masuk; muat ulang halaman.',
  'Too many attempts; try again in {seconds} seconds.': 'Terlalu banyak percobaan; coba lagi dalam {seconds} detik.',
  'The current password is not right.': 'Kata sandi saat ini salah.',
  'is not right': 'salah',
  'A user with this e-mail address already exists.': 'Pengguna dengan alamat e-mail ini sudah ada.',
  'is taken': 'sudah dipakai',
  'You cannot demote or disable yourself; ask another admin.': 'Anda tidak dapat menurunkan peran atau menonaktifkan diri sendiri; minta admin lain.',
  'cannot be changed on your own account': 'tidak dapat diubah pada akun Anda sendiri',
  'No user has this e-mail address; an admin creates accounts first.': 'Tidak ada pengguna dengan alamat e-mail ini; admin membuat akunnya lebih dulu.',
  'no user has this address': 'tidak ada pengguna dengan alamat ini',

  // Not found
  '{what} not found': '{what} tidak ditemukan.',
  Campaign: 'Kampanye',
  Post: 'Postingan',
  Logo: 'Logo',
  Member: 'Anggota',
  'Share link': 'Tautan berbagi',
  User: 'Pengguna',
  Token: 'Token',
  'No route {method} {path}': 'Tidak ada rute {method} {path}',

  // Requests
  'Invalid request body: {fields}': 'Isi permintaan tidak valid: {fields}',
  'Invalid query parameter: {fields}': 'Parameter kueri tidak valid: {fields}',
  'Invalid path: {fields}': 'Alamat tidak valid: {fields}',
  'Invalid query parameter: cursor': 'Parameter kueri tidak valid: cursor',
  'Invalid query parameter: to': 'Parameter kueri tidak valid: to',
  'Invalid request body: endsAt': 'Isi permintaan tidak valid: endsAt',
  'Invalid request body: to': 'Isi permintaan tidak valid: to',
  'Invalid request body: expiresAt': 'Isi permintaan tidak valid: expiresAt',
  'Invalid request body: nested too deeply': 'Isi permintaan tidak valid: bersarang terlalu dalam',
  'nests deeper than {n} levels': 'bersarang lebih dari {n} tingkat',
  'The request body is larger than {size}.': 'Isi permintaan lebih besar dari {size}.',

  // The organisation's logo (report header)
  'The logo is larger than {kb} KB: save it smaller and send it again.': 'Logo lebih besar dari {kb} KB: simpan dalam ukuran lebih kecil lalu kirim lagi.',
  'must be at most {kb} KB': 'paling besar {kb} KB',
  'Send the logo as the request body.': 'Kirim logo sebagai isi permintaan.',
  'The logo must be a PNG, JPEG or WebP image (SVG is not accepted).': 'Logo harus berupa gambar PNG, JPEG, atau WebP (SVG tidak diterima).',
  'is not a PNG, JPEG or WebP image': 'bukan gambar PNG, JPEG, atau WebP',
  'Unsupported request body encoding.': 'Pengodean isi permintaan tidak didukung.',
  'The request body is not valid JSON.': 'Isi permintaan bukan JSON yang valid.',
  'is not valid JSON': 'bukan JSON yang valid',
  'The address has a malformed %-escape.': 'Alamatnya memuat %-escape yang rusak.',
  'is not valid percent-encoding': 'bukan percent-encoding yang valid',
  'The request body could not be read: check its Content-Encoding.': 'Isi permintaan tidak dapat dibaca: periksa Content-Encoding-nya.',
  'could not be decoded': 'tidak dapat didekode',
  'Something went wrong on our side; it has been logged.': 'Terjadi kesalahan di pihak kami; sudah dicatat.',
  'The server is shutting down; retry in a moment.': 'Server sedang dimatikan; coba lagi sebentar lagi.',
  'unknown parameter': 'parameter tidak dikenal',
  'unknown field': 'kolom tidak dikenal',
  'is required': 'wajib diisi',
  'is a reserved name': 'adalah nama yang dicadangkan',
  'is not a valid id': 'bukan id yang valid',
  'must not contain control characters, direction overrides, invisible spaces or broken characters':
    'tidak boleh memuat karakter kontrol, pembalik arah teks, spasi tak terlihat, atau karakter rusak',
  'is not a cursor from this API': 'bukan kursor dari API ini',
  'must be the nextCursor of a previous page': 'harus berupa nextCursor dari halaman sebelumnya',
  'must be a whole number from 1 to 100': 'harus bilangan bulat dari 1 sampai 100',
  'must be a whole number from 1 to 1000': 'harus bilangan bulat dari 1 sampai 1000',
  'must be a number from 1 to 100': 'harus angka dari 1 sampai 100',
  'must be a different dimension from rows': 'harus dimensi yang berbeda dari rows',
  'must be a city code like 73.71 or unknown': 'harus kode kota seperti 73.71 atau unknown',
  'must be a province code like 73 or unknown': 'harus kode provinsi seperti 73 atau unknown',
  'must be a hashtag': 'harus berupa tagar',

  // Accounts and sharing
  'must be an e-mail address': 'harus berupa alamat e-mail',
  'must be at least {n} characters': 'minimal {n} karakter',
  'must be an ISO 8601 instant with an offset': 'harus waktu ISO 8601 dengan zona waktu (offset)',
  'must be a date (YYYY-MM-DD) or an ISO 8601 instant with an offset': 'harus tanggal (YYYY-MM-DD) atau waktu ISO 8601 dengan zona waktu (offset)',
  'must change at least one of name, role, status, password': 'harus mengubah setidaknya satu dari name, role, status, password',
  'must be after from': 'harus setelah from',
  'must be in the future': 'harus di masa depan',
  'must be within two years': 'harus dalam dua tahun',

  // Campaigns
  'must be # followed by letters, digits or _': 'harus # diikuti huruf, angka, atau _',
  'must be an ISO 8601 instant with an offset, like 2015-01-13T00:00:00+07:00':
    'harus waktu ISO 8601 dengan zona waktu (offset), seperti 2015-01-13T00:00:00+07:00',
  'must be a city code like 73.71': 'harus kode kota seperti 73.71',
  'takes at most 20 hashtags': 'paling banyak 20 tagar',
  'needs at least one hashtag': 'perlu setidaknya satu tagar',
  'must be an IANA time zone like Asia/Jakarta': 'harus zona waktu IANA seperti Asia/Jakarta',
  'is not a known city code': 'bukan kode kota yang dikenal',
  'must be a cron expression like */15 * * * *': 'harus ekspresi cron seperti */15 * * * *',
  'must be at least 100 posts (one X page)': 'minimal 100 postingan (satu halaman X)',
  'must be after startsAt': 'harus setelah startsAt',
  'This campaign is archived: collection has stopped.': 'Kampanye ini sudah diarsipkan: pengumpulan sudah berhenti.',
  'This campaign is archived: it takes no new posts.': 'Kampanye ini sudah diarsipkan: tidak menerima postingan baru.',

  // Import files
  'Send the file as text/csv or application/json (got {type}).': 'Kirim berkasnya sebagai text/csv atau application/json (diterima: {type}).',
  'no content type': 'tanpa jenis konten',
  'must be text/csv or application/json': 'harus text/csv atau application/json',
  'The file is not valid JSON: {why}': 'Berkas ini bukan JSON yang valid: {why}',
  'The file is empty: its first row must name the columns ({columns}, …).': 'Berkasnya kosong: baris pertamanya harus menamai kolom ({columns}, …).',
  'The file is not valid CSV: {why}': 'Berkas ini bukan CSV yang valid: {why}',
  'Missing required columns: {columns}.': 'Kolom wajib tidak ada: {columns}.',
  'required column is missing': 'kolom wajib tidak ada',
  'row: has {cells} cells but the header has {columns} columns': 'row: berisi {cells} sel, padahal baris judul punya {columns} kolom',
  'row: must be an object of column names to values': 'row: harus objek berisi nama kolom dan nilainya',
  'Unknown fields beside "posts": {fields}.': 'Kolom tidak dikenal di samping "posts": {fields}.',
  'The JSON must be an array of rows or an object {"posts": [rows]}.': 'JSON-nya harus larik baris atau objek {"posts": [baris]}.',
  'must be an array of rows or {"posts": [...]}': 'harus larik baris atau {"posts": [...]}',
  'post_id: the same post ({platform} {id}) is already in row {row}': 'post_id: postingan yang sama ({platform} {id}) sudah ada di baris {row}',
  'Unknown columns: {columns}. The columns are: {all}.': 'Kolom tidak dikenal: {columns}. Kolom yang ada: {all}.',
  'unknown column{hint}': 'kolom tidak dikenal{hint}',
  ' (did you mean {column}?)': ' (maksud Anda {column}?)',
  'Columns named twice: {columns}.': 'Kolom dengan nama ganda: {columns}.',
  'column named twice': 'nama kolom ganda',
  'The file is larger than {mb} MB: split it into smaller files.': 'Berkas ini lebih besar dari {mb} MB: pecah menjadi berkas yang lebih kecil.',
  'The file has {n} rows; at most {max} can be imported at once: split it into smaller files.':
    'Berkas ini berisi {n} baris; paling banyak {max} dapat diimpor sekaligus: pecah menjadi berkas yang lebih kecil.',
  'must be at most {n} characters': 'paling banyak {n} karakter',
  'must be at most 2000 characters': 'paling banyak 2000 karakter',
  'must be text': 'harus berupa teks',
  'must be hashtags separated by spaces or commas': 'harus tagar yang dipisah spasi atau koma',
  'is not a hashtag (letters, digits and _ only): "{tag}"': 'bukan tagar (hanya huruf, angka, dan _): "{tag}"',
  'are not hashtags (letters, digits and _ only): {tags}': 'bukan tagar (hanya huruf, angka, dan _): {tags}',
  'must be original, reply or quote': 'harus original, reply, atau quote',
  'a pure repost or share is not a post: add it to the reposts count of the post it shares':
    'repost atau share murni bukan postingan: tambahkan ke jumlah reposts postingan yang dibagikannya',
  'must be one of {values}': 'harus salah satu dari {values}',
  'must be an http(s) URL': 'harus URL http(s)',
  'must be a city code like 73.71, as text': 'harus kode kota seperti 73.71, sebagai teks',
  '{code} is not a known city code': '{code} bukan kode kota yang dikenal',
  'is empty: give the post text or its hashtags': 'kosong: isi teks postingan atau tagarnya',
  'must be an ISO 8601 instant with an offset (2015-01-20T10:00:00+07:00), or YYYY-MM-DD HH:mm or DD/MM/YYYY HH:mm in the campaign time zone':
    'harus waktu ISO 8601 dengan zona waktu (2015-01-20T10:00:00+07:00), atau YYYY-MM-DD HH:mm atau DD/MM/YYYY HH:mm di zona waktu kampanye',
  'must be a whole number of 0 or more, like 1234 or 1.234 (leave it empty when the platform did not report it)':
    'harus bilangan bulat 0 atau lebih, seperti 1234 atau 1.234 (kosongkan bila platform tidak melaporkannya)',
  'is shortened: write the whole number, like 1200 or 1.200 for 1,2 rb or 1.2K, and 2000000 or 2.000.000 for 2 jt':
    'disingkat: tulis angka lengkapnya, seperti 1200 atau 1.200 untuk 1,2 rb atau 1.2K, dan 2000000 atau 2.000.000 untuk 2 jt',
  'is shortened: write the whole number, like 1200 or 1.200 for 1,2 rb or 1.2K, and 2000000 or 2.000.000 for 2 jt: "{value}"':
    'disingkat: tulis angka lengkapnya, seperti 1200 atau 1.200 untuk 1,2 rb atau 1.2K, dan 2000000 atau 2.000.000 untuk 2 jt: "{value}"',

  'created_at: before the campaign starts ({start} {zone})': 'created_at: sebelum kampanye dimulai ({start} {zone})',
  'created_at: at or after the campaign ends ({end} {zone})': 'created_at: saat atau setelah kampanye berakhir ({end} {zone})',
  'created_at: in the future': 'created_at: di masa depan',
  'hashtags: none of the campaign hashtags ({hashtags}) in the text or the hashtags column':
    'hashtags: tidak ada tagar kampanye ({hashtags}) di teks maupun di kolom hashtags',

  // Collection runs
  "The campaign's monthly {source} read budget ({n} posts) is spent: collection resumes on {date}, or raise monthlyReadBudget.":
    'Anggaran baca {source} bulanan kampanye ({n} postingan) sudah habis: pengumpulan berlanjut pada {date}, atau naikkan monthlyReadBudget.',
  'The {source} source is not configured on this server.': 'Sumber {source} belum dikonfigurasi di server ini.',
  '{what} kept answering HTTP 429 after {n} waits': '{what} terus menjawab HTTP 429 setelah {n} kali menunggu',
  '{what} failed after {n} retries: {why}': '{what} gagal setelah {n} kali dicoba ulang: {why}',
  'no request limit declared for {what}': 'tidak ada batas permintaan yang dinyatakan untuk {what}',
  'not an ISO instant': 'bukan waktu ISO',
  'not a date-time': 'bukan tanggal-waktu',
  'not a tweet id': 'bukan id tweet',
  'No X credentials on this server: set X_BEARER_TOKEN.': 'Server ini tidak punya kredensial X: isi X_BEARER_TOKEN.',
  'The X token was refused (HTTP {status}): check X_BEARER_TOKEN': 'Token X ditolak (HTTP {status}): periksa X_BEARER_TOKEN',
  'X rejected GET {path} (HTTP {status}): {why}': 'X menolak GET {path} (HTTP {status}): {why}',
  'X returned a malformed response to GET {path} (HTTP {status}): the body is not valid JSON: {why}':
    'X memberi jawaban rusak untuk GET {path} (HTTP {status}): isinya bukan JSON yang valid: {why}',
  'X returned a malformed response to {what}: {why}': 'X memberi jawaban rusak untuk {what}: {why}',
  'X looks up 1 to 100 tweets at a time, not {n}': 'X mencari 1 sampai 100 tweet sekaligus, bukan {n}',
  'The hashtag {tag} is too long for an X search query': 'Tagar {tag} terlalu panjang untuk kueri pencarian X',
  'the monthly X read budget is spent': 'anggaran baca X bulan ini sudah habis',
  'No Bluesky account on this server: set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD.':
    'Server ini tidak punya akun Bluesky: isi BLUESKY_HANDLE dan BLUESKY_APP_PASSWORD.',
  'Bluesky refused the sign-in for {handle}: {fix}': 'Bluesky menolak masuk untuk {handle}: {fix}',
  'Bluesky refused the sign-in for {handle} ({error}: {detail}): {fix}': 'Bluesky menolak masuk untuk {handle} ({error}: {detail}): {fix}',
  'Bluesky refused GET {path} for {handle} (HTTP {status} {error}: {detail}): {fix}':
    'Bluesky menolak GET {path} untuk {handle} (HTTP {status} {error}: {detail}): {fix}',
  'Bluesky reads 1 to {max} profiles at a time, not {n}': 'Bluesky membaca 1 sampai {max} profil sekaligus, bukan {n}',
  'required with {other} (Bluesky search needs a signed-in account)': 'wajib bersama {other} (pencarian Bluesky memerlukan akun yang masuk)',
  'Bluesky returned a malformed response to {what}: {why}': 'Bluesky memberi jawaban rusak untuk {what}: {why}',
  'Bluesky returned a malformed response to {what} (HTTP {status}): the body is not valid JSON: {why}':
    'Bluesky memberi jawaban rusak untuk {what} (HTTP {status}): isinya bukan JSON yang valid: {why}',
  'A Mastodon hashtag timeline needs a hashtag': 'Linimasa tagar Mastodon memerlukan tagar',
  '{host} returned a malformed response (HTTP {status}): the body is not valid JSON: {why}':
    '{host} memberi jawaban rusak (HTTP {status}): isinya bukan JSON yang valid: {why}',
  'Mastodon instance {host} refused the request (HTTP {status}): {fix}{detail}': 'Instans Mastodon {host} menolak permintaan (HTTP {status}): {fix}{detail}',
  'Mastodon instance {host} rejected GET {path} (HTTP {status}): {why}': 'Instans Mastodon {host} menolak GET {path} (HTTP {status}): {why}',
  'must be host=token pairs separated by commas': 'harus pasangan host=token yang dipisah koma',
  'must be a host name like mastodon.social or an http(s) URL': 'harus nama host seperti mastodon.social atau URL http(s)',
  '{what} returned an unexpected response: {why}': '{what} memberi jawaban yang tidak terduga: {why}',
  '{store} is full: the disk under DATA_DIR has no space left ({detail}). Nothing of this write was stored; free some space and the next run resumes.':
    '{store} penuh: disk DATA_DIR tidak punya ruang lagi ({detail}). Tidak ada yang disimpan dari penulisan ini; kosongkan sebagian ruang dan pengumpulan berikutnya akan melanjutkan.',
  '{store} cannot be written: DATA_DIR or the database file is read-only ({detail}). Nothing of this write was stored.':
    '{store} tidak dapat ditulis: DATA_DIR atau berkas basis datanya hanya-baca ({detail}). Tidak ada yang disimpan dari penulisan ini.',
  "{store} could not be read or written ({detail}): check DATA_DIR's disk and permissions. Nothing of this write was stored.":
    '{store} tidak dapat dibaca atau ditulis ({detail}): periksa disk dan izin DATA_DIR. Tidak ada yang disimpan dari penulisan ini.',

  // Limits (docs/limits.md)
  'A campaign takes at most {n} hashtags.': 'Satu kampanye paling banyak {n} tagar.',
  'A campaign takes at most {n} cities.': 'Satu kampanye paling banyak {n} kota.',
  'At most {n} cities may have hashtags of their own.': 'Paling banyak {n} kota boleh punya tagar sendiri.',
  'A city takes at most {n} hashtags of its own.': 'Satu kota paling banyak punya {n} tagar sendiri.',
  'A campaign takes at most {n} topics.': 'Satu kampanye paling banyak {n} topik.',
  'A campaign takes at most {n} words of each kind.': 'Satu kampanye paling banyak {n} kata untuk tiap jenis.',
  'must contain a letter or a digit': 'harus memuat huruf atau angka',
  'must not list a word twice': 'tidak boleh mencantumkan satu kata dua kali',
  // Posts and terms (API.md 1.1)
  'must be positive, neutral, negative or null': 'harus positive, neutral, negative atau null',
  'must be a platform or source name like x or instagram': 'harus nama platform atau sumber seperti x atau instagram',
  'must be hashtag, word or mention': 'harus hashtag, word atau mention',
  'must be a whole number from 1 to {n}': 'harus bilangan bulat dari 1 sampai {n}',
  'A topic takes at most {n} keywords.': 'Satu topik paling banyak {n} kata kunci.',
  'A filter takes at most {n} values.': 'Satu filter paling banyak {n} nilai.',
  'The range holds {count} {unit}, more than the {max} an answer can take.':
    'Rentang ini berisi {count} {unit}, lebih dari {max} yang dapat dimuat satu jawaban.',
  'An answer takes at most {max} {unit}: ask for a shorter range (from, to){longer}.':
    'Satu jawaban paling banyak {max} {unit}: minta rentang yang lebih pendek (from, to){longer}.',
  hours: 'jam',
  days: 'hari',
  weeks: 'minggu',
  ' or a longer interval': ' atau interval yang lebih panjang',
  ' or interval=week': ' atau interval=week',
  'The matrix would hold {cells} cells ({size}), more than {max}.': 'Matriks ini akan berisi {cells} sel ({size}), lebih dari {max}.',
  'A matrix takes at most {max} cells: filter its dimensions, shorten the range (from, to) or choose other rows and cols.':
    'Satu matriks paling banyak {max} sel: saring dimensinya, perpendek rentangnya (from, to), atau pilih rows dan cols lain.',

  // Security (issue 13)
  'store ({kind}): {reason}': 'penyimpanan ({kind}): {reason}',
  'The job queue (Redis) is unreachable: the work this request asks for could not be queued within {seconds} seconds. Retry once the queue is back; /healthz reports it.':
    'Antrean tugas (Redis) tidak dapat dihubungi: pekerjaan yang diminta permintaan ini tidak dapat dimasukkan ke antrean dalam {seconds} detik. Coba lagi setelah antrean kembali; /healthz melaporkannya.',
  'The change is saved, but the job queue (Redis) is unreachable: the work that follows it is recorded and runs once the queue is back. Do not send this request again.':
    'Perubahan sudah disimpan, tetapi antrean tugas (Redis) tidak dapat dihubungi: pekerjaan lanjutannya sudah dicatat dan berjalan setelah antrean kembali. Jangan kirim permintaan ini lagi.',
  'A change from another site is refused: use the queue board itself.': 'Perubahan dari situs lain ditolak: gunakan papan antrean itu sendiri.',
  'is not this site': 'bukan situs ini',
  'A change is sent as application/json, or without a body.': 'Perubahan dikirim sebagai application/json, atau tanpa isi.',
  'must be application/json': 'harus application/json',
  'An API token cannot do this: sign in with your password on the dashboard and do it there.':
    'Token API tidak dapat melakukan ini: masuk dengan kata sandi Anda di dasbor dan lakukan di sana.',
  "The campaign's owner (who created it) cannot be removed from it or lose the own mark.":
    'Pemilik kampanye (yang membuatnya) tidak dapat dikeluarkan atau kehilangan tanda miliknya.',
  "cannot be taken from the campaign's owner": 'tidak dapat dicabut dari pemilik kampanye',
  "is the campaign's owner": 'adalah pemilik kampanye',
  'If this address has an account, it is a member of this campaign now.': 'Jika alamat ini punya akun, pemiliknya kini anggota kampanye ini.',
  'is too easy to guess': 'terlalu mudah ditebak',
  'Share links need the address people open this service at: set PUBLIC_URL (for example https://kabar.example.org) and restart.':
    'Tautan berbagi memerlukan alamat tempat orang membuka layanan ini: setel PUBLIC_URL (misalnya https://kabar.example.org) lalu mulai ulang.',
  'An access token is sent only to an https instance without a base path, not to {instance}':
    'Token akses hanya dikirim ke instans https tanpa jalur dasar, bukan ke {instance}',
  '{instance} answered HTTP {status} with a page that is not JSON.': '{instance} menjawab HTTP {status} dengan halaman yang bukan JSON.',
  'Mastodon instance {instance} refused the request (HTTP {status}): {what}.': 'Instans Mastodon {instance} menolak permintaan (HTTP {status}): {what}.',
  'Mastodon instance {instance} rejected GET {path} (HTTP {status}).': 'Instans Mastodon {instance} menolak GET {path} (HTTP {status}).',
  Mastodon: 'Mastodon',
  'must be a number of minutes': 'harus berupa jumlah menit',
  'must be a language code like id, en, jv or und': 'harus kode bahasa seperti id, en, jv, atau und',
  // Alerts and digests (issue 17)
  Alert: 'Peringatan',
  'Invalid request body: channels[{i}].type': 'Isi permintaan tidak valid: channels[{i}].type',
  'must be a whole number of runs': 'harus bilangan bulat jumlah proses',
  'must be a whole number of hours': 'harus bilangan bulat jumlah jam',
  'must be a whole number of posts': 'harus bilangan bulat jumlah postingan',
  'must be at least 1': 'minimal 1',
  'must be at least 1.1': 'minimal 1,1',
  'must be at least 16 characters': 'minimal 16 karakter',
  'This process cannot send alert deliveries (no delivery settings); the delivery stays pending.':
    'Proses ini tidak dapat mengirim peringatan (tanpa pengaturan pengiriman); kirimannya tetap menunggu.',
  'must be a percentage between 1 and 100': 'harus persentase antara 1 dan 100',
  'must be a time HH:mm, like 08:00': 'harus jam HH:mm, misalnya 08:00',
  'is not a known source': 'bukan sumber yang dikenal',
  'is required for a weekly digest (1 Monday … 7 Sunday)': 'wajib untuk ringkasan mingguan (1 Senin … 7 Minggu)',
  'is only for a weekly digest': 'hanya untuk ringkasan mingguan',
  'must be a day 1 (Monday) to 7 (Sunday)': 'harus hari 1 (Senin) sampai 7 (Minggu)',
  'needs at least one address': 'perlu minimal satu alamat',
  'needs at least one channel': 'perlu minimal satu saluran',
  'A campaign takes at most {max} alert rules.': 'Satu kampanye paling banyak {max} aturan peringatan.',
  'A campaign takes at most {max} alert rules: delete one first.': 'Satu kampanye paling banyak {max} aturan peringatan: hapus satu dulu.',
  // The address rules of every server a user chooses (net/outbound-address.ts)
  'The address {address} is not an IP address.': 'Alamat {address} bukan alamat IP.',
  'The address {address} is {kind} address, and this service sends no request to loopback, private, link-local or metadata addresses.':
    'Alamat {address} adalah alamat {kind}, dan layanan ini tidak mengirim permintaan ke alamat loopback, privat, link-local, atau metadata.',
  'a loopback': 'loopback',
  'a private': 'privat',
  'a link-local': 'link-local',
  'a unique-local': 'unique-local',
  'an unspecified': 'tak ditentukan',
  'a reserved': 'cadangan',
  'a carrier-grade NAT': 'NAT operator (carrier-grade)',
  'a broadcast': 'siaran (broadcast)',
  'a multicast': 'multicast',
  'The host name {host} names this machine or a cloud metadata service, and this service sends no request there.':
    'Nama host {host} menunjuk mesin ini atau layanan metadata cloud, dan layanan ini tidak mengirim permintaan ke sana.',
  'The address is not a valid URL.': 'Alamat ini bukan URL yang sah.',
  'The address uses {protocol}, but only http and https are allowed.': 'Alamat ini memakai {protocol}, padahal hanya http dan https yang diizinkan.',
  'The address must not carry a user name or password.': 'Alamat tidak boleh memuat nama pengguna atau kata sandi.',
  'E-mail alerts need an SMTP server: the operator sets SMTP_URL and MAIL_FROM.':
    'Peringatan e-mail memerlukan server SMTP: operator menyetel SMTP_URL dan MAIL_FROM.',
  // Workshops and participants
  Workshop: 'Lokakarya',
  Participant: 'Peserta',
  'must not be before startsAt': 'tidak boleh sebelum startsAt',
  'must be a handle like @ani_kupang': 'harus berupa nama akun seperti @ani_kupang',
  'A participant takes at most 20 accounts.': 'Seorang peserta paling banyak memiliki 20 akun.',
  'must be true: a participant is registered only with their consent': 'harus true: peserta hanya didaftarkan dengan persetujuannya',
  'must be 7 or 30 (days)': 'harus 7 atau 30 (hari)',
  'must be workshop or city': 'harus workshop atau city',
  'must be a whole number of people': 'harus berupa jumlah orang (bilangan bulat)',
  'The sheet is empty: its first row must name the columns (name, group, consent, and one column per platform).':
    'Lembar ini kosong: baris pertamanya harus menamai kolom (name, group, consent, dan satu kolom per platform).',
  'The sheet is not valid CSV: {why}': 'Lembar ini bukan CSV yang valid: {why}',
  'Unknown columns: {columns}. A sheet has name, group, consent, optionally email, and one column per platform ({platforms}).':
    'Kolom tidak dikenal: {columns}. Lembar berisi name, group, consent, email bila ada, dan satu kolom per platform ({platforms}).',
  'unknown column': 'kolom tidak dikenal',
  'consent: must be yes or no': 'consent: harus yes/ya atau no/tidak',
  'The sheet has {n} participants; at most {max} can be added at once: split it.':
    'Lembar ini berisi {n} peserta; paling banyak {max} dapat ditambahkan sekaligus: bagi lembarnya.',
  'participants must be a list of participants.': 'participants harus berupa daftar peserta.',
  'A workshop takes at most {max} participants; it has {n}.': 'Satu lokakarya paling banyak menampung {max} peserta; sekarang ada {n}.',
  'at most {max} per workshop': 'paling banyak {max} per lokakarya',
  'Send the participants as application/json or text/csv (got {type}).': 'Kirim peserta sebagai application/json atau text/csv (diterima {type}).',
  'must be application/json or text/csv': 'harus application/json atau text/csv',
  // WhatsApp support channel (chat-import, chat-activity, chat-facilitators)
  'The chat export is not UTF-8 text: send the .txt or .zip WhatsApp made.': 'Ekspor chat ini bukan teks UTF-8: kirim berkas .txt atau .zip buatan WhatsApp.',
  'The zip file is damaged or incomplete.': 'Berkas zip ini rusak atau tidak lengkap.',
  'The zip holds more than {n} files: export the chat "without media".': 'Zip ini berisi lebih dari {n} berkas: ekspor chat "tanpa media".',
  'The chat text in the zip is larger than {mb} MB.': 'Teks chat di dalam zip lebih besar dari {mb} MB.',
  'The zip holds no chat text (_chat.txt or "WhatsApp Chat with ….txt").': 'Zip ini tidak berisi teks chat (_chat.txt atau "WhatsApp Chat with ….txt").',
  'The chat export is empty.': 'Ekspor chat ini kosong.',
  'A chat export may be at most {mb} MB.': 'Ekspor chat paling besar {mb} MB.',
  'Send the chat export as the .txt or .zip WhatsApp made.': 'Kirim ekspor chat sebagai berkas .txt atau .zip buatan WhatsApp.',
  'A campaign marks at most {n} facilitators.': 'Satu kampanye paling banyak menandai {n} fasilitator.',
  'at most {n}': 'paling banyak {n}',
  'No WhatsApp message was found in the file: send the .txt or .zip of "Export chat".':
    'Tidak ada pesan WhatsApp di berkas ini: kirim berkas .txt atau .zip dari "Ekspor chat".',
  'holds no WhatsApp message': 'tidak berisi pesan WhatsApp',
  'at most {mb} MB': 'paling besar {mb} MB',
  'Send the chat export itself as the body (.txt as text/plain, .zip as application/zip), not {type}.':
    'Kirim ekspor chat itu sendiri sebagai isi permintaan (.txt sebagai text/plain, .zip sebagai application/zip), bukan {type}.',
  'must be text/plain or application/zip': 'harus text/plain atau application/zip',
  'must be a date (YYYY-MM-DD)': 'harus berupa tanggal (YYYY-MM-DD)',
  'must not be before from': 'tidak boleh sebelum from',
  'at most {n} facilitators': 'paling banyak {n} fasilitator',
  // Masked handles on share links
  'must be true or false': 'harus true atau false',
};
