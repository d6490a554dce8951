import { describe, expect, it } from 'vitest';
import { mapPosts, postUrl, sortTimeMs } from '../../src/sources/bluesky/bluesky.map.js';
import type { PostView } from '../../src/sources/bluesky/bluesky.types.js';
import { basic, postView, profile, tid } from '../helpers/bluesky.fixtures.js';

const OBSERVED = '2025-03-04T05:06:07.000Z';
const author = basic(profile(7, { displayName: 'Relawan Kupang' }));
const at = Date.parse('2025-03-01T02:00:00.000Z');

function one(view: PostView, followers?: ReadonlyMap<string, number>): ReturnType<typeof mapPosts> {
  return mapPosts([view], OBSERVED, followers);
}

describe('mapPosts', () => {
  it('maps an original post field by field', () => {
    const view = postView({
      author,
      createdAt: at,
      text: 'Kelas #SocMed4SocGood di Kupang 🎉 #LiterasiDigital',
      langs: ['id', 'en'],
      counts: { like: 5, repost: 2, reply: 1, quote: 0 },
    });
    const { posts, authors } = one(view, new Map([[author.did, 321]]));
    expect(posts).toEqual([
      {
        platform: 'bluesky',
        postId: view.uri,
        url: `https://bsky.app/profile/relawan7.bsky.social/post/${tid(at)}`,
        text: 'Kelas #SocMed4SocGood di Kupang 🎉 #LiterasiDigital',
        createdAt: '2025-03-01T02:00:00.000Z',
        lang: 'id',
        kind: 'original',
        authorId: author.did,
        hashtags: ['socmed4socgood', 'literasidigital'],
        counts: { likes: 5, reposts: 2, replies: 1, quotes: 0 },
        references: { mentions: [] },
        observedAt: OBSERVED,
      },
    ]);
    expect(posts[0]).not.toHaveProperty('reportedImpressions');
    expect(authors).toEqual([
      { platform: 'bluesky', authorId: author.did, handle: 'relawan7.bsky.social', name: 'Relawan Kupang', followers: 321, observedAt: OBSERVED },
    ]);
  });

  it('leaves counts the view omits absent, never 0, and never reports bookmarks', () => {
    const view = { ...postView({ author, createdAt: at, text: '#SocMed4SocGood', counts: { like: 3 } }), bookmarkCount: 4 };
    expect(one(view).posts[0]?.counts).toEqual({ likes: 3 });
  });

  it('tells replies, quotes (with or without media) and originals apart', () => {
    const kind = (spec: Partial<Parameters<typeof postView>[0]>): string | undefined =>
      one(postView({ author, createdAt: at, text: '#SocMed4SocGood', ...spec })).posts[0]?.kind;
    expect(kind({ reply: true })).toBe('reply');
    expect(kind({ reply: true, embed: 'quote' })).toBe('reply');
    expect(kind({ embed: 'quote' })).toBe('quote');
    expect(kind({ embed: 'quote+media' })).toBe('quote');
    expect(kind({ embed: 'images' })).toBe('original');
    // Embedding a list is sharing a list, not quoting a post.
    expect(kind({ embed: 'list' })).toBe('original');
  });

  it('takes hashtags from tag facets, adds the record tags, and falls back to the text without facets', () => {
    const withFacets = postView({ author, createdAt: at, text: 'Ayo #SocMed4SocGood', tags: ['KeamananDigital', '#Kupang'] });
    // A facet is what the client marked; "#bukan" written in text only is not a hashtag when facets exist.
    withFacets.record.facets = [
      ...(withFacets.record.facets ?? []),
      { index: { byteStart: 0, byteEnd: 3 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://x.id' }] },
    ];
    withFacets.record.text += ' #bukan';
    expect(one(withFacets).posts[0]?.hashtags).toEqual(['socmed4socgood', 'keamanandigital', 'kupang']);

    const noFacets = postView({ author, createdAt: at, text: 'Ayo #SocMed4SocGood & #socmed4socgood, #Makassar', facets: false, tags: ['Hoaks'] });
    expect(one(noFacets).posts[0]?.hashtags).toEqual(['socmed4socgood', 'makassar', 'hoaks']);
  });

  it('reads createdAt as UTC, falling back to indexedAt when the client wrote something unreadable', () => {
    const offset = postView({ author, createdAt: '2025-03-01T09:00:00.123456+07:00', text: '#SocMed4SocGood' });
    expect(one(offset).posts[0]?.createdAt).toBe('2025-03-01T02:00:00.123Z');
    const broken = { ...offset, record: { ...offset.record, createdAt: 'kemarin' }, indexedAt: '2025-03-01T02:00:05.000Z' };
    expect(one(broken).posts[0]?.createdAt).toBe('2025-03-01T02:00:05.000Z');
  });

  it('sorts by createdAt capped at indexedAt, as search does', () => {
    const view = postView({ author, createdAt: at, text: '#SocMed4SocGood', indexLagSeconds: 3 });
    expect(sortTimeMs(view)).toBe(at);
    const future = { ...view, record: { ...view.record, createdAt: '2030-01-01T00:00:00.000Z' } };
    expect(sortTimeMs(future)).toBe(at + 3000);
  });

  it('names the author by handle when there is no display name, and leaves unknown followers absent', () => {
    const noName = basic(profile(8, { displayName: '  ' }));
    const { authors } = one(postView({ author: noName, createdAt: at, text: '#SocMed4SocGood' }), new Map([[author.did, 5]]));
    expect(authors).toEqual([{ platform: 'bluesky', authorId: noName.did, handle: noName.handle, name: noName.handle, observedAt: OBSERVED }]);
  });

  it('links by did when the handle no longer verifies', () => {
    const view = postView({ author: { ...author, handle: 'handle.invalid' }, createdAt: at, text: 'x' });
    expect(postUrl(view)).toBe(`https://bsky.app/profile/${author.did}/post/${tid(at)}`);
  });

  it('maps each post and each author once, and drops anything that is not a post record', () => {
    const a = postView({ author, createdAt: at, text: '#SocMed4SocGood a' });
    const b = postView({ author, createdAt: at - 1000, text: '#SocMed4SocGood b' });
    const repost = { ...b, uri: b.uri.replace('app.bsky.feed.post', 'app.bsky.feed.repost'), record: { ...b.record, $type: 'app.bsky.feed.repost' } };
    const { posts, authors } = mapPosts([a, b, a, repost], OBSERVED);
    expect(posts.map((p) => p.postId)).toEqual([a.uri, b.uri]);
    expect(authors).toHaveLength(1);
    expect(mapPosts([], OBSERVED)).toEqual({ posts: [], authors: [] });
  });

  it('omits lang when the record gives none', () => {
    const view = postView({ author, createdAt: at, text: '#SocMed4SocGood', langs: [] });
    expect(one(view).posts[0]).not.toHaveProperty('lang');
  });
});
