import { describe, expect, it } from 'vitest';
import { mentionsInText } from '../../src/domain/post.js';
import { mapImportRow } from '../../src/import/import.map.js';
import type { ImportRow } from '../../src/import/import.schema.js';
import { mapPosts } from '../../src/sources/bluesky/bluesky.map.js';
import { mapStatuses } from '../../src/sources/mastodon/mastodon.map.js';
import { mapXResponse } from '../../src/sources/x/x.map.js';
import type { XSearchResponse } from '../../src/sources/x/x.types.js';
import { basic, postView, profile } from '../helpers/bluesky.fixtures.js';
import { fakeStatus } from '../helpers/mastodon.fixtures.js';

/** Whom each source's posts mention, reply to and quote (Post.references), as the network reads them. */

const observedAt = '2025-01-15T04:00:00.000Z';

describe('mentions in a text', () => {
  it('finds @handles, lower-case and once each, and leaves e-mail addresses alone', () => {
    expect(mentionsInText('Makasih @RinaW dan @budi.s! cc @rinaw, tulis ke info@kabar.id')).toEqual(['rinaw', 'budi.s']);
    expect(mentionsInText('tanpa sebutan')).toEqual([]);
  });
});

describe('X', () => {
  // A recent search with expansions=author_id,in_reply_to_user_id,referenced_tweets.id,referenced_tweets.id.author_id.
  const response: XSearchResponse = {
    data: [
      {
        id: '20',
        text: '@RinaWulan @andi setuju! #SocMed4SocGood',
        author_id: '2',
        created_at: '2025-01-15T03:10:00.000Z',
        in_reply_to_user_id: '1',
        referenced_tweets: [{ type: 'replied_to', id: '10' }],
        entities: {
          hashtags: [{ start: 25, end: 40, tag: 'SocMed4SocGood' }],
          mentions: [
            { start: 0, end: 10, username: 'RinaWulan', id: '1' },
            { start: 11, end: 16, username: 'andi', id: '3' },
          ],
        },
      },
      {
        id: '21',
        text: 'Wajib baca #SocMed4SocGood',
        author_id: '3',
        created_at: '2025-01-15T03:00:00.000Z',
        referenced_tweets: [{ type: 'quoted', id: '10' }],
        entities: { hashtags: [{ start: 11, end: 26, tag: 'SocMed4SocGood' }] },
      },
      {
        id: '22',
        text: 'balasan untuk yang tidak diperluas @siti #SocMed4SocGood',
        author_id: '3',
        created_at: '2025-01-15T02:00:00.000Z',
        in_reply_to_user_id: '9',
        referenced_tweets: [{ type: 'replied_to', id: '99' }],
      },
    ],
    includes: {
      users: [
        { id: '1', name: 'Rina', username: 'RinaWulan' },
        { id: '2', name: 'Budi', username: 'budis' },
        { id: '3', name: 'Andi', username: 'andi' },
      ],
      tweets: [{ id: '10', text: 'Hati-hati hoaks', author_id: '1' }],
    },
  };
  const posts = new Map(mapXResponse(response, observedAt).posts.map((p) => [p.postId, p]));

  it('takes mentions from the entities and the replied-to and quoted authors from the expanded tweets', () => {
    expect(posts.get('20')?.references).toEqual({ mentions: ['rinawulan', 'andi'], replyTo: { authorId: '1', handle: 'RinaWulan' } });
    expect(posts.get('21')?.references).toEqual({ mentions: [], quoteOf: { authorId: '1', handle: 'RinaWulan' } });
  });

  it("falls back to in_reply_to_user_id and the text's @handles when X gave no more", () => {
    expect(posts.get('22')?.references).toEqual({ mentions: ['siti'], replyTo: { authorId: '9' } });
  });
});

describe('Mastodon', () => {
  const server = 'kupang.social';
  const at = new Date('2025-01-15T03:00:00.000Z');
  const quoted = fakeStatus({ server, username: 'rinaw', createdAt: at, seq: 1 });
  const statuses = [
    fakeStatus({
      server,
      username: 'budi',
      createdAt: at,
      seq: 2,
      inReplyToId: quoted.id,
      inReplyToAccount: { username: 'rinaw' },
      mentions: [{ username: 'Siti', origin: 'mastodon.social' }],
    }),
    fakeStatus({ server, username: 'ani', createdAt: at, seq: 3, quote: quoted }),
  ];
  const [reply, quote] = mapStatuses(statuses, server, observedAt).posts;

  it('takes mentions as @user@host and resolves the replied-to account through them', () => {
    expect(reply?.references).toEqual({
      mentions: ['@rinaw@kupang.social', '@siti@mastodon.social'],
      replyTo: { authorId: 'https://kupang.social/@rinaw', handle: '@rinaw@kupang.social' },
    });
  });

  it("takes the quoted status's author", () => {
    expect(quote?.references).toEqual({ mentions: [], quoteOf: { authorId: 'https://kupang.social/@rinaw', handle: '@rinaw@kupang.social' } });
  });
});

describe('Bluesky', () => {
  const author = basic(profile(1));
  const other = basic(profile(2));
  const third = basic(profile(3));
  const at = Date.parse('2025-03-01T02:00:00.000Z');

  it('takes the handles its mention facets cover, the parent post’s author and the quoted author', () => {
    const reply = postView({ author, createdAt: at, text: `Terima kasih @${other.handle} 🎉 #SocMed4SocGood`, mentions: [other], replyTo: third });
    const quote = postView({ author, createdAt: at + 1000, text: 'Baca ini #SocMed4SocGood', embed: 'quote', quoteOf: other });
    const [r, q] = mapPosts([reply, quote], observedAt).posts;
    expect(r?.references).toEqual({ mentions: [other.handle], replyTo: { authorId: third.did } });
    expect(q?.references).toEqual({ mentions: [], quoteOf: { authorId: other.did, handle: other.handle } });
  });

  it('reads no quote from an embedded list, and @handles from the text when there are no facets', () => {
    const list = postView({ author, createdAt: at, text: 'Daftar @Relawan2.bsky.social', embed: 'list', facets: false });
    expect(mapPosts([list], observedAt).posts[0]?.references).toEqual({ mentions: ['relawan2.bsky.social'] });
  });
});

describe('import', () => {
  it('takes the @handles of the text', () => {
    const row = {
      platform: 'instagram',
      post_id: 'C1',
      author_id: 'u1',
      created_at: '2025-01-15T03:00:00.000Z',
      kind: 'original',
      text: 'Seru bareng @Rina_W dan @budi #SocMed4SocGood',
      hashtags: [],
    } as unknown as ImportRow;
    expect(mapImportRow(row).post.references).toEqual({ mentions: ['rina_w', 'budi'] });
  });
});
