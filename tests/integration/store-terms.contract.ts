import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignPost } from '../../src/domain/campaign.js';
import type { MetricsFilter } from '../../src/domain/metrics-query.js';
import { TERM_KINDS, type TermKind } from '../../src/domain/terms.js';
import type { StoredPost } from '../../src/domain/post.js';
import type { EnrichedBatch, Store } from '../../src/store/store.port.js';
import { createTermCounter } from '../../src/terms/terms.count.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT, PAPUA } from '../fixtures/metrics-fixtures.js';
import { latestState, referenceTerms } from '../helpers/reference-metrics.js';

/** The shared fixtures' posts with texts of campaign posts: hashtags, mentions, links, numbers, stop words. */
const TEXTS: Record<string, string> = {
  p1: 'Workshop literasi digital di Makassar seru! Terima kasih @KominfoRI dan @siberkreasi #SocMed4SocGood https://t.co/abc123',
  p2: 'Waspada hoaks 2015: cek fakta dulu sebelum berbagi ya @siberkreasi #SocMed4SocGood #InternetSehat',
  p3: 'Literasi digital untuk semua, literasi itu penting #SocMed4SocGood',
  p4: 'Belajar keamanan digital bareng @budi@mastodon.social #SocMed4SocGood',
  p5: 'Workshop keren, hoaks dilawan bersama! #SocMed4SocGood',
  p6: 'Anak-anak belajar literasi digital, 10.000 peserta #SocMed4SocGood',
  p7: 'Never share hoaks, check the facts with @CekFakta.id. #SocMed4SocGood #InternetSehat',
  p8: '#SocMed4SocGood',
};
const tagsOf = (text: string) => [...new Set([...text.matchAll(/#(\w+)/g)].map((m) => (m[1] ?? '').toLowerCase()))];
const withText = (p: StoredPost): StoredPost => ({ ...p, text: TEXTS[p.postId] ?? p.text, hashtags: tagsOf(TEXTS[p.postId] ?? p.text) });
export const TERM_BATCHES: EnrichedBatch[] = FIXTURE_BATCHES.map((b) => ({ ...b, posts: b.posts.map(withText) }));

const TERM_FILTERS: Array<[string, MetricsFilter]> = [
  ['no filter', {}],
  ['from/to', { from: '2015-01-13T15:00:00Z', to: '2015-01-15T00:00:00+07:00' }],
  ['cities: a code and unknown', { cities: ['53.71', 'unknown'] }],
  ['sources', { sources: ['x', 'import'] }],
  ['hashtags', { hashtags: ['internetsehat'] }],
  ['sentiment', { sentiments: ['neutral'] }],
];

async function termsOfStore(store: Store, campaignId: string, filter: MetricsFilter, kind: TermKind, limit: number) {
  const counter = createTermCounter(kind);
  await store.scanTermSources({ campaignId, filter }, (p) => counter.add(p));
  return counter.top(limit);
}

const m = (postId: string) => FIXTURE_BATCHES.flatMap((b) => b.memberships).find((x) => x.campaignId === JKT && x.postId === postId) as CampaignPost;

/**
 * Contract of scanTermSources (metrics/terms) and of a person's sentiment (setSentiment, and every
 * write of an attribution keeping it), on the shared fixtures given real texts.
 */
export function storeTermsContract(name: string, makeStore: () => Promise<Store>, dispose: (store: Store) => Promise<void>): void {
  describe(`${name}: terms and manual sentiment`, () => {
    let store: Store;
    const data = latestState(TERM_BATCHES);
    beforeEach(async () => {
      store = await makeStore();
      for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
      for (const batch of TERM_BATCHES) await store.saveBatch(batch);
    });
    afterEach(async () => dispose(store));

    it('counts hashtags, words and mentions as the reference does, under every filter', async () => {
      for (const kind of TERM_KINDS) {
        for (const [label, filter] of TERM_FILTERS) {
          for (const limit of [200, 3]) {
            expect(await termsOfStore(store, JKT, filter, kind, limit), `${kind} ${label} ${limit}`).toEqual(
              referenceTerms(data, { campaignId: JKT, filter }, kind, limit),
            );
          }
        }
        expect(await termsOfStore(store, PAPUA, {}, kind, 50)).toEqual(referenceTerms(data, { campaignId: PAPUA, filter: {} }, kind, 50));
      }
    });

    it('gives the figures worked out by hand', async () => {
      const hashtags = await termsOfStore(store, JKT, {}, 'hashtag', 50);
      expect(hashtags).toEqual([
        { term: 'socmed4socgood', posts: 8, contributors: 6, engagement: 69 },
        // p2 (a1, 3) and p7 (a4, 4)
        { term: 'internetsehat', posts: 2, contributors: 2, engagement: 7 },
      ]);
      const mentions = await termsOfStore(store, JKT, {}, 'mention', 50);
      expect(mentions).toEqual([
        // p1 and p2, both by a1: 14 + 3
        { term: '@siberkreasi', posts: 2, contributors: 1, engagement: 17 },
        { term: '@budi@mastodon.social', posts: 1, contributors: 1, engagement: 11 },
        { term: '@cekfakta.id', posts: 1, contributors: 1, engagement: 4 },
        { term: '@kominfori', posts: 1, contributors: 1, engagement: 14 },
      ]);
      const words = await termsOfStore(store, JKT, {}, 'word', 200);
      const word = (t: string) => words.find((w) => w.term === t);
      // p1, p3, p4, p6: a1, a2, a3, a5; 14 + 8 + 11 + 4. "literasi" twice in p3 counts once.
      expect(words[0]).toEqual({ term: 'digital', posts: 4, contributors: 4, engagement: 37 });
      expect(word('literasi')).toEqual({ term: 'literasi', posts: 3, contributors: 3, engagement: 26 });
      expect(word('hoaks')).toEqual({ term: 'hoaks', posts: 3, contributors: 3, engagement: 32 });
      expect(word('anak-anak')?.posts).toBe(1);
      // Stop words, numbers, links, mentions and hashtags are no words.
      for (const gone of [
        'di',
        'dan',
        'untuk',
        'itu',
        'ya',
        'the',
        'with',
        '2015',
        '10.000',
        '000',
        't.co',
        'abc123',
        'siberkreasi',
        'socmed4socgood',
        'internetsehat',
      ]) {
        expect(word(gone), gone).toBeUndefined();
      }
    });

    it('keeps a manual sentiment through re-collection, re-attribution and replacement, and moves the figures with it', async () => {
      const p1 = m('p1');
      const before = await store.dataStamp(JKT);
      await store.refreshRollups(JKT, await store.pendingRollupDays(JKT));
      expect(await store.setSentiment(JKT, 'x', 'p1', 'negative', 'manual')).toBe(true);
      expect((await store.campaignPost(JKT, 'x', 'p1'))?.membership).toMatchObject({ sentiment: 'negative', sentimentSource: 'manual' });
      expect((await store.dataStamp(JKT)).version).not.toBe(before.version);
      expect(await store.pendingRollupDays(JKT)).toEqual([p1.day]);
      const bySentiment = async () =>
        Object.fromEntries((await store.queryMetrics({ campaignId: JKT, filter: {}, groupBy: ['sentiment'] })).map((r) => [r.keys[0], r.posts]));
      // p1 positive → negative: p1, p5 positive and p2 negative before.
      expect(await bySentiment()).toEqual({ negative: 2, neutral: 5, positive: 1 });

      // Re-collection of the same page (its automatic reading says positive) keeps the person's.
      await store.saveBatch(TERM_BATCHES[0] as EnrichedBatch);
      expect((await store.campaignPost(JKT, 'x', 'p1'))?.membership).toMatchObject({ sentiment: 'negative', sentimentSource: 'manual' });
      // Re-attribution (another city) changes the city, not the sentiment.
      await store.updateMemberships(JKT, [{ ...p1, cityCode: '53.71', provinceCode: '53', sentiment: 'neutral', sentimentSource: 'auto' }]);
      expect((await store.campaignPost(JKT, 'x', 'p1'))?.membership).toMatchObject({ cityCode: '53.71', sentiment: 'negative', sentimentSource: 'manual' });
      const all = data.memberships.filter((x) => x.campaignId === JKT).map((x) => ({ ...x, sentiment: 'neutral' as const, sentimentSource: 'auto' as const }));
      await store.replaceMemberships(JKT, all);
      expect((await store.campaignPost(JKT, 'x', 'p1'))?.membership).toMatchObject({ sentiment: 'negative', sentimentSource: 'manual' });
      // p5 was manual in the fixtures: it stays positive; every other post took the new automatic reading.
      expect(await bySentiment()).toEqual({ negative: 1, neutral: 6, positive: 1 });

      // Back to automatic: the next attribution's reading replaces it.
      expect(await store.setSentiment(JKT, 'x', 'p1', 'positive', 'auto')).toBe(true);
      await store.updateMemberships(JKT, [{ ...p1, sentiment: 'neutral', sentimentSource: 'auto' }]);
      expect((await store.campaignPost(JKT, 'x', 'p1'))?.membership).toMatchObject({ sentiment: 'neutral', sentimentSource: 'auto' });
    });

    it('finds one post of a campaign by its key, and changes nothing for a post the campaign does not hold', async () => {
      const found = await store.campaignPost(JKT, 'import', 'p6');
      expect(found?.post.text).toBe(TEXTS.p6);
      expect(found?.membership.publishedOn).toBe('instagram');
      expect(await store.campaignPost(PAPUA, 'x', 'p1')).toBeNull();
      const before = await store.dataStamp(PAPUA);
      expect(await store.setSentiment(PAPUA, 'x', 'p1', 'negative', 'manual')).toBe(false);
      expect(await store.setSentiment(JKT, 'x', 'nope', 'negative', 'manual')).toBe(false);
      expect((await store.dataStamp(PAPUA)).version).toBe(before.version);
      expect((await store.campaignPost(JKT, 'x', 'p1'))?.membership.sentimentSource).toBe('auto');
    });
  });
}
