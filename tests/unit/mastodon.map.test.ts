import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/sources/mastodon/mastodon.html.js';
import { instanceHost, mapStatuses } from '../../src/sources/mastodon/mastodon.map.js';
import type { MastodonAccount, MastodonStatus } from '../../src/sources/mastodon/mastodon.types.js';

// Shaped as GET /api/v1/timelines/tag/socmed4socgood returns them on kupang.social (Mastodon 4.5),
// trimmed of the fields the mapper does not read (emojis, media, card, application…).
const rina: MastodonAccount = {
  id: '109876543210',
  username: 'rinaw',
  acct: 'rinaw',
  display_name: 'Rina W. 🌱',
  url: 'https://kupang.social/@rinaw',
  uri: 'https://kupang.social/users/rinaw',
  followers_count: 412,
  following_count: 120,
  statuses_count: 880,
  bot: false,
  note: '<p>Relawan literasi digital, Kupang</p>',
};
const budi: MastodonAccount = {
  id: '110000000000042',
  username: 'budi',
  acct: 'budi@mastodon.social',
  display_name: '',
  url: 'https://mastodon.social/@budi',
  followers_count: 57,
};

const original: MastodonStatus = {
  id: '113812345678901250',
  created_at: '2025-01-15T03:21:09.000Z',
  in_reply_to_id: null,
  in_reply_to_account_id: null,
  sensitive: false,
  spoiler_text: '',
  visibility: 'public',
  language: 'id',
  uri: 'https://kupang.social/users/rinaw/statuses/113812345678901250',
  url: 'https://kupang.social/@rinaw/113812345678901250',
  replies_count: 2,
  reblogs_count: 4,
  favourites_count: 31,
  quotes_count: 1,
  edited_at: null,
  content:
    '<p>Belajar <a href="https://kupang.social/tags/KeamananDigital" class="mention hashtag" rel="tag">#<span>KeamananDigital</span></a> &amp; &quot;cek fakta&quot; bareng <span class="h-card" translate="no"><a href="https://mastodon.social/@budi" class="u-url mention">@<span>budi</span></a></span>!<br />Materi: <a href="https://literasidigital.id/modul/keamanan-digital-dasar" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://</span><span class="ellipsis">literasidigital.id/modul/keama</span><span class="invisible">nan-digital-dasar</span></a></p><p><a href="https://kupang.social/tags/SocMed4SocGood" class="mention hashtag" rel="tag">#<span>SocMed4SocGood</span></a> <a href="https://kupang.social/tags/socmed4socgood" class="mention hashtag" rel="tag">#<span>socmed4socgood</span></a></p>',
  reblog: null,
  account: rina,
  mentions: [{ id: '110000000000042', username: 'budi', url: 'https://mastodon.social/@budi', acct: 'budi@mastodon.social' }],
  tags: [
    { name: 'KeamananDigital', url: 'https://kupang.social/tags/keamanandigital' },
    { name: 'SocMed4SocGood', url: 'https://kupang.social/tags/socmed4socgood' },
    { name: 'socmed4socgood', url: 'https://kupang.social/tags/socmed4socgood' },
  ],
  quote: null,
};

const boost: MastodonStatus = {
  ...original,
  id: '113812399999999999',
  uri: 'https://mastodon.social/users/budi/statuses/113812399999999999/activity',
  url: null,
  content: '',
  account: budi,
  tags: [],
  reblog: original,
  replies_count: 0,
  reblogs_count: 0,
  favourites_count: 0,
};

const reply: MastodonStatus = {
  ...original,
  id: '113812400000000001',
  created_at: '2025-01-15T03:30:00.000Z',
  in_reply_to_id: '113812345678901250',
  in_reply_to_account_id: '109876543210',
  uri: 'https://mastodon.social/users/budi/statuses/113812400000000001',
  url: 'https://mastodon.social/@budi/113812400000000001',
  content:
    '<p>Setuju, cek dulu sebelum berbagi <a href="https://kupang.social/tags/SocMed4SocGood" class="mention hashtag" rel="tag">#<span>SocMed4SocGood</span></a></p>',
  account: budi,
  tags: [{ name: 'SocMed4SocGood', url: 'https://kupang.social/tags/socmed4socgood' }],
  language: null,
};

const quote: MastodonStatus = {
  ...original,
  id: '113812500000000002',
  uri: 'https://kupang.social/users/rinaw/statuses/113812500000000002',
  url: 'https://kupang.social/@rinaw/113812500000000002',
  content: '<p>Wajib baca <a href="https://kupang.social/tags/SocMed4SocGood" class="mention hashtag" rel="tag">#<span>SocMed4SocGood</span></a></p>',
  tags: [{ name: 'SocMed4SocGood', url: 'https://kupang.social/tags/socmed4socgood' }],
  quote: { state: 'accepted', quoted_status: reply },
};

// An older server (or another fediverse server) that sent no tags and no replies_count.
const untagged: MastodonStatus = {
  id: '113812600000000003',
  created_at: '2025-01-15T10:00:00+07:00',
  uri: 'https://gts.example/users/ani/statuses/01JHF0',
  url: null,
  content: '<p>Workshop hari ini di Makassar <a href="https://gts.example/tags/SocMed4SocGood">#SocMed4SocGood</a> #LiterasiDigital</p>',
  account: { id: '7', username: 'ani', acct: 'ani@gts.example', display_name: 'Ani', url: null },
  reblogs_count: 1,
  favourites_count: 3,
};

const observedAt = '2025-01-16T00:00:00.000Z';

describe('mapStatuses', () => {
  const batch = mapStatuses([original, boost, reply, quote, untagged], 'kupang.social', observedAt);
  const post = (uri: string) => batch.posts.find((p) => p.postId === uri);

  it('drops boosts and keeps originals, replies and quotes', () => {
    expect(batch.posts.map((p) => [p.postId, p.kind])).toEqual([
      [original.uri, 'original'],
      [reply.uri, 'reply'],
      [quote.uri, 'quote'],
      [untagged.uri, 'original'],
    ]);
  });

  it('maps an original status field by field', () => {
    expect(post(original.uri)).toEqual({
      platform: 'mastodon',
      postId: 'https://kupang.social/users/rinaw/statuses/113812345678901250',
      url: 'https://kupang.social/@rinaw/113812345678901250',
      text: 'Belajar #KeamananDigital & "cek fakta" bareng @budi!\nMateri: https://literasidigital.id/modul/keamanan-digital-dasar\n\n#SocMed4SocGood #socmed4socgood',
      createdAt: '2025-01-15T03:21:09.000Z',
      lang: 'id',
      kind: 'original',
      authorId: 'https://kupang.social/@rinaw',
      hashtags: ['keamanandigital', 'socmed4socgood'],
      counts: { likes: 31, reposts: 4, replies: 2 },
      references: { mentions: ['@budi@mastodon.social'] },
      observedAt,
    });
  });

  it('leaves counts Mastodon does not report absent, never 0, and reports no impressions', () => {
    for (const p of batch.posts) {
      expect(p.counts).not.toHaveProperty('quotes');
      expect(p.counts).not.toHaveProperty('bookmarks');
      expect(p).not.toHaveProperty('reportedImpressions');
    }
    expect(post(untagged.uri)?.counts).toEqual({ likes: 3, reposts: 1 });
  });

  it('takes hashtags from tags, and from the text when a server sends none', () => {
    expect(post(reply.uri)?.hashtags).toEqual(['socmed4socgood']);
    expect(post(untagged.uri)?.hashtags).toEqual(['socmed4socgood', 'literasidigital']);
  });

  it('normalises the creation time to UTC, falls back to the uri for the url, and omits an unknown language', () => {
    expect(post(untagged.uri)).toMatchObject({ createdAt: '2025-01-15T03:00:00.000Z', url: untagged.uri });
    expect(post(untagged.uri)).not.toHaveProperty('lang');
    expect(post(reply.uri)).not.toHaveProperty('lang');
  });

  it('maps each author once, with a qualified handle, a name and followers, and no location', () => {
    expect(batch.authors).toEqual([
      { platform: 'mastodon', authorId: 'https://kupang.social/@rinaw', handle: '@rinaw@kupang.social', name: 'Rina W. 🌱', followers: 412, observedAt },
      { platform: 'mastodon', authorId: 'https://mastodon.social/@budi', handle: '@budi@mastodon.social', name: 'budi', followers: 57, observedAt },
      { platform: 'mastodon', authorId: 'ani@gts.example', handle: '@ani@gts.example', name: 'Ani', observedAt },
    ]);
    for (const a of batch.authors) expect(a).not.toHaveProperty('location');
  });

  it('gives a status federated to two instances the same postId and authorId on both', () => {
    // The same status as mastodon.social serves it: another local id, a remote acct.
    const onOther: MastodonStatus = {
      ...original,
      id: '113812345999990000',
      account: { ...rina, id: '112233', acct: 'rinaw@kupang.social' },
      favourites_count: 29,
    };
    const here = mapStatuses([original], 'kupang.social', observedAt);
    const there = mapStatuses([onOther], 'https://mastodon.social', observedAt);
    expect(there.posts[0]?.postId).toBe(here.posts[0]?.postId);
    expect(there.posts[0]?.authorId).toBe(here.posts[0]?.authorId);
    expect(there.authors[0]?.handle).toBe(here.authors[0]?.handle);
  });

  it('maps a status listed twice once, and completes local handles with the host of a base URL', () => {
    const local = mapStatuses([original, original], 'http://127.0.0.1:3000/', observedAt);
    expect(local.posts).toHaveLength(1);
    expect(local.authors[0]?.handle).toBe('@rinaw@127.0.0.1:3000');
  });

  it('keeps only an http(s) link: a javascript: or data: url falls back to the uri, or to no link', () => {
    const hostile = [
      { ...original, id: '1', uri: 'https://kupang.social/users/rinaw/statuses/1', url: 'javascript:alert(document.cookie)' },
      { ...original, id: '2', uri: 'https://kupang.social/users/rinaw/statuses/2', url: ' JaVaScRiPt:alert(1)' },
      { ...original, id: '3', uri: 'data:text/html,<script>alert(1)</script>', url: 'data:text/html;base64,PHNjcmlwdD4=' },
      { ...original, id: '4', uri: 'vbscript:msgbox', url: null },
    ];
    expect(mapStatuses(hostile, 'kupang.social', observedAt).posts.map((p) => p.url)).toEqual([
      'https://kupang.social/users/rinaw/statuses/1',
      'https://kupang.social/users/rinaw/statuses/2',
      '',
      '',
    ]);
  });

  it('accepts the observation time as a Date', () => {
    const at = new Date('2025-01-16T07:00:00+07:00');
    expect(mapStatuses([original], 'kupang.social', at).posts[0]?.observedAt).toBe('2025-01-16T00:00:00.000Z');
  });
});

describe('htmlToText', () => {
  it('turns paragraphs into blank-line-separated blocks and <br> into line breaks', () => {
    expect(htmlToText('<p>Satu<br>dua<br/>tiga</p><p>Empat</p>')).toBe('Satu\ndua\ntiga\n\nEmpat');
    expect(htmlToText('<p>a<br><br>b</p>')).toBe('a\n\nb');
    expect(htmlToText('<p>a<br></p><p>b</p>')).toBe('a\n\nb');
  });

  it('decodes entities, named and numeric', () => {
    expect(htmlToText('<p>Tom &amp; Jerry &lt;3 &quot;hoaks&quot; &#39;ok&#39; &#x1F331; caf&eacute;&nbsp;!</p>')).toBe(
      'Tom & Jerry <3 "hoaks" \'ok\' 🌱 café\u00a0!',
    );
  });

  it('keeps the whole text of links, including the spans Mastodon hides', () => {
    const html =
      '<p><a href="https://example.org/a/very/long/path"><span class="invisible">https://</span><span class="ellipsis">example.org/a/very</span><span class="invisible">/long/path</span></a></p>';
    expect(htmlToText(html)).toBe('https://example.org/a/very/long/path');
  });

  it('puts remote block markup on lines of its own and ignores markup newlines and scripts', () => {
    expect(htmlToText('<p>Daftar:</p>\n<ul><li>satu</li><li>dua</li></ul><blockquote>kutipan</blockquote>')).toBe('Daftar:\n\nsatu\ndua\n\nkutipan');
    expect(htmlToText('<p>a\nb</p><script>alert(1)</script>')).toBe('a b');
    expect(htmlToText('<pre>kode\n  baris</pre>')).toBe('kode\n  baris');
    expect(htmlToText('')).toBe('');
  });
});

describe('instanceHost', () => {
  it('is the lower-case host of a host name or a base URL', () => {
    expect(instanceHost('Mastodon.Social')).toBe('mastodon.social');
    expect(instanceHost('https://mastodon.social/')).toBe('mastodon.social');
    expect(instanceHost('http://127.0.0.1:8080')).toBe('127.0.0.1:8080');
  });
});
