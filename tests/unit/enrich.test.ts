import { beforeAll, describe, expect, it } from 'vitest';
import { attribute, belongsTo, enrichBatch, prepareCampaign, withFigures } from '../../src/enrich/enrich.js';
import type { Author, Post } from '../../src/domain/post.js';
import { loadGazetteer, type Gazetteer } from '../../src/geo/gazetteer.js';
import { makeCampaign } from '../helpers/campaigns.js';

let g: Gazetteer;
beforeAll(async () => {
  g = await loadGazetteer();
});

const NOW = new Date('2015-03-01T00:00:00Z');

function post(over: Partial<Post> = {}): Post {
  return {
    platform: 'x',
    postId: '1',
    url: 'https://x.com/a/status/1',
    text: 'Belajar bersama #SocMed4SocGood',
    createdAt: '2015-01-20T05:00:00.000Z',
    kind: 'original',
    authorId: 'a1',
    hashtags: ['socmed4socgood'],
    counts: { likes: 3, reposts: 2 },
    observedAt: '2015-02-01T00:00:00.000Z',
    ...over,
  };
}

function author(over: Partial<Author> = {}): Author {
  return { platform: 'x', authorId: 'a1', handle: 'a', name: 'A', followers: 120, observedAt: '2015-02-01T00:00:00.000Z', ...over };
}

describe('campaign membership (METRICS.md, What is a campaign post)', () => {
  const pc = prepareCampaign(makeCampaign({ startsAt: '2015-01-13T00:00:00+07:00', endsAt: '2015-02-10T00:00:00+07:00' }));
  it.each([
    ['a campaign hashtag in another case', post({ hashtags: ['SOCMED4SOCGOOD'.toLowerCase()] }), true],
    ['no campaign hashtag', post({ hashtags: ['other'] }), false],
    ['a longer hashtag that starts with it', post({ hashtags: ['socmed4socgoodkupang'] }), false],
    ['exactly at the start (inclusive)', post({ createdAt: '2015-01-12T17:00:00.000Z' }), true],
    ['a millisecond before the start', post({ createdAt: '2015-01-12T16:59:59.999Z' }), false],
    ['exactly at the end (exclusive)', post({ createdAt: '2015-02-09T17:00:00.000Z' }), false],
  ])('%s → %s', (_, p, expected) => {
    expect(belongsTo(p, pc, NOW)).toBe(expected);
  });

  it('an open end means until now', () => {
    const open = prepareCampaign(makeCampaign({ endsAt: null }));
    expect(belongsTo(post({ createdAt: '2015-02-28T23:59:59.000Z' }), open, NOW)).toBe(true);
    expect(belongsTo(post({ createdAt: '2015-03-01T00:00:01.000Z' }), open, NOW)).toBe(false);
  });
});

describe('per-post figures', () => {
  it('engagement adds the counts the platform reported; absent ones are 0 in the sum and stay absent', () => {
    const s = withFigures(post({ counts: { likes: 3, replies: 1 } }), author());
    expect(s.engagement).toBe(4);
    expect(s.counts).toEqual({ likes: 3, replies: 1 });
  });

  it('impressions are the reported view count when there is one', () => {
    expect(withFigures(post({ reportedImpressions: 900 }), author())).toMatchObject({ impressions: 900, impressionsSource: 'reported' });
  });

  it('otherwise the follower count at observation, marked estimated', () => {
    expect(withFigures(post(), author({ followers: 120 }))).toMatchObject({ impressions: 120, impressionsSource: 'estimated' });
  });

  it('and absent, not 0, when neither is known', () => {
    const s = withFigures(post(), author({ followers: undefined }));
    expect(s.impressions).toBeUndefined();
    expect(s.impressionsSource).toBeUndefined();
  });
});

describe('city attribution order (METRICS.md, Attribution to cities)', () => {
  const pc = prepareCampaign(makeCampaign({ cityHashtags: { '82.71': ['#TernateBisa'] } }));
  const where = (p: Post, a: Author | undefined) => {
    const m = attribute(p, a, pc, g);
    return [m.locationMethod, m.cityCode, m.provinceCode];
  };

  it('1. the platform place wins', () => {
    const p = post({ place: { fullName: 'Makassar, Indonesia', name: 'Makassar', countryCode: 'ID' }, hashtags: ['socmed4socgood', 'socmed4socgoodkupang'] });
    expect(where(p, author({ location: 'Jambi' }))).toEqual(['geo', '73.71', '73']);
  });

  it('a foreign place is no place: the next rule decides', () => {
    const p = post({ place: { fullName: 'Kuala Lumpur, Malaysia', name: 'Kuala Lumpur', countryCode: 'MY' } });
    expect(where(p, author({ location: 'Kota Kupang - NTT' }))).toEqual(['profile', '53.71', '53']);
  });

  it('2. the campaign hashtag followed by a city name', () => {
    expect(where(post({ hashtags: ['socmed4socgood', 'socmed4socgoodkupang'] }), author({ location: 'Jambi' }))).toEqual(['hashtag', '53.71', '53']);
    expect(where(post({ hashtags: ['socmed4socgood', 'socmed4socgoodpangkalpinang'] }), undefined)).toEqual(['hashtag', '19.71', '19']);
  });

  it('2. or a hashtag configured on the campaign for a city', () => {
    expect(where(post({ hashtags: ['socmed4socgood', 'ternatebisa'] }), undefined)).toEqual(['hashtag', '82.71', '82']);
  });

  it('3. the profile location', () => {
    expect(where(post(), author({ location: 'Samarinda, Kaltim' }))).toEqual(['profile', '64.72', '64']);
  });

  it('a province-only profile gives the province and no city', () => {
    expect(where(post(), author({ location: 'NTT' }))).toEqual(['profile', null, '53']);
  });

  it('4. otherwise no location', () => {
    expect(where(post(), author({ location: 'di hatimu' }))).toEqual(['none', null, null]);
    expect(where(post(), undefined)).toEqual(['none', null, null]);
  });
});

describe('days in the campaign time zone', () => {
  it('the same instant falls on different days in Jakarta and Jayapura', () => {
    const p = post({ createdAt: '2015-01-20T15:30:00.000Z' });
    expect(attribute(p, undefined, prepareCampaign(makeCampaign({ timeZone: 'Asia/Jakarta' })), g)).toMatchObject({ day: '2015-01-20', hour: '2015-01-20T22' });
    expect(attribute(p, undefined, prepareCampaign(makeCampaign({ timeZone: 'Asia/Jayapura' })), g)).toMatchObject({
      day: '2015-01-21',
      hour: '2015-01-21T00',
    });
  });
});

describe('enrichBatch', () => {
  it('keeps only campaign posts and their authors, with one attribution per campaign', () => {
    const a = prepareCampaign(makeCampaign({ id: 'a' }));
    const b = prepareCampaign(makeCampaign({ id: 'b', hashtags: ['#LiterasiDigital'] }));
    const batch = enrichBatch(
      {
        posts: [
          post(),
          post({ postId: '2', authorId: 'a2', hashtags: ['literasidigital', 'socmed4socgood'] }),
          post({ postId: '3', authorId: 'a3', hashtags: ['lain'] }),
        ],
        authors: [author(), author({ authorId: 'a2' }), author({ authorId: 'a3' })],
      },
      [a, b],
      g,
      NOW,
    );
    expect(batch.posts.map((p) => p.postId)).toEqual(['1', '2']);
    expect(batch.authors.map((x) => x.authorId)).toEqual(['a1', 'a2']);
    expect(batch.memberships.map((m) => `${m.campaignId}:${m.postId}`)).toEqual(['a:1', 'a:2', 'b:2']);
    expect(batch.memberships.find((m) => m.campaignId === 'b')!.hashtags).toEqual(['literasidigital']);
  });

  it('topics come from the campaign, other when none matches', () => {
    const pc = prepareCampaign(makeCampaign());
    expect(attribute(post({ text: 'Workshop #KeamananDigital di Jambi #SocMed4SocGood' }), undefined, pc, g).topics).toEqual(['digital safety']);
    expect(attribute(post({ text: 'Halo #SocMed4SocGood' }), undefined, pc, g).topics).toEqual(['other']);
  });
});

describe('language of a post (METRICS.md, Platform, language and sentiment)', () => {
  const jakarta = prepareCampaign(makeCampaign({ startsAt: '2015-01-13T00:00:00+07:00', timeZone: 'Asia/Jakarta' }));
  const english = 'Thank you everyone who joined the digital literacy workshop in Makassar today #SocMed4SocGood';
  const language = (p: Post, pc = jakarta) => attribute(p, author(), pc, g).language;

  it.each([
    ['X tags Indonesian `in`', post({ lang: 'in', text: english }), 'id'],
    ['Mastodon tags `en`', post({ platform: 'mastodon', lang: 'en' }), 'en'],
    ['Bluesky tags `jv` (its first langs entry)', post({ platform: 'bluesky', lang: 'jv' }), 'jv'],
  ])('takes the platform tag first: %s', (_, p, expected) => {
    expect(language(p)).toBe(expected);
  });

  it('detects the text when the platform gives no tag, or one that names no language', () => {
    expect(language(post({ text: english }))).toBe('en');
    expect(language(post({ lang: 'und', text: english }))).toBe('en');
    expect(language(post({ text: 'Sampun rawuh wonten ing pelatihan, matur nuwun sanget kangge panjenengan sedaya #SocMed4SocGood' }))).toBe('jv');
  });

  it('says und when the text is too short to tell', () => {
    expect(language(post({ text: '#SocMed4SocGood @relawan https://t.co/x' }))).toBe('und');
  });

  it('keeps the attribution of every owning campaign, recomputed by enrichBatch', () => {
    const { memberships } = enrichBatch({ posts: [post({ lang: 'in' })], authors: [author()] }, [jakarta], g, NOW);
    expect(memberships.map((m) => [m.language, m.publishedOn])).toEqual([['id', 'x']]);
  });
});

describe('sentiment of a post (METRICS.md, Platform, language and sentiment)', () => {
  const pc = prepareCampaign(makeCampaign({ startsAt: '2015-01-13T00:00:00+07:00', timeZone: 'Asia/Jakarta' }));
  const reading = (text: string, lang?: string) => {
    const m = attribute(post({ text, ...(lang ? { lang } : {}) }), author(), pc, g);
    return [m.sentiment, m.sentimentSource];
  };

  it('reads the text in its language, automatically', () => {
    expect(reading('Pelatihannya keren banget dan bermanfaat! Terima kasih #SocMed4SocGood', 'in')).toEqual(['positive', 'auto']);
    expect(reading('Kecewa banget pelatihannya dibatalkan lagi tanpa kabar #SocMed4SocGood', 'in')).toEqual(['negative', 'auto']);
    expect(reading('The workshop was not bad at all #SocMed4SocGood', 'en')).toEqual(['positive', 'auto']);
    expect(reading('Pelatihan literasi digital dimulai pukul sembilan di balai kota #SocMed4SocGood')).toEqual(['neutral', 'auto']);
  });
});
