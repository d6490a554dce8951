import { LOCATION_METHODS, type CampaignPost } from '../../domain/campaign.js';
import { OTHER_TOPIC } from '../../domain/dimensions.js';
import { ADDITIVE_FIGURES, addedBy } from '../../domain/figures.js';
import {
  authorKey,
  IMPRESSIONS_SOURCES,
  SENTIMENT_SOURCES,
  SENTIMENTS,
  PLATFORMS,
  platformOfKey,
  POST_KINDS,
  postKey,
  postScope,
  scopedKey,
  type Author,
  type PostCounts,
  type PostPlace,
  type StoredPost,
} from '../../domain/post.js';
import { SOURCE_TYPES } from '../../sources/registry.js';
import { readReferences, referencesDoc } from '../post-references.read.js';
import { asDoc, compact, date, num, oneOf, optNum, optStr, str, strArray } from './doc-read.js';
import type { Doc } from './mongo-db.port.js';

/**
 * Documents of posts, authors and campaign_posts, and their way back to the domain types.
 * Posts and authors use their natural key as `_id` (`x:123`), so an upsert needs no extra unique
 * lookup and a membership can `$lookup` its post and author by `_id`. A campaign's own copy of
 * an imported post or author (domain/post.ts postScope) has its scope in the key (`c1/import:…`).
 */

export function postDoc(p: StoredPost, scope: string): Doc {
  const place = p.place ? compact({ ...p.place }) : undefined;
  return compact({
    _id: scopedKey(scope, postKey(p)),
    scope,
    platform: p.platform,
    publishedOn: p.publishedOn,
    postId: p.postId,
    url: p.url,
    text: p.text,
    createdAt: new Date(p.createdAt),
    lang: p.lang,
    kind: p.kind,
    authorId: p.authorId,
    hashtags: p.hashtags,
    counts: compact({ ...p.counts }),
    reportedImpressions: p.reportedImpressions,
    place: place && Object.keys(place).length > 0 ? place : undefined,
    references: referencesDoc(p.references),
    observedAt: new Date(p.observedAt),
    engagement: p.engagement,
    impressions: p.impressions,
    impressionsSource: p.impressionsSource,
  });
}

export function readPost(raw: unknown): StoredPost {
  const d = asDoc(raw, 'post');
  const c = asDoc(d.counts ?? {}, 'counts');
  const counts: PostCounts = compact({
    likes: optNum(c, 'likes'),
    reposts: optNum(c, 'reposts'),
    replies: optNum(c, 'replies'),
    quotes: optNum(c, 'quotes'),
    bookmarks: optNum(c, 'bookmarks'),
  });
  let place: PostPlace | undefined;
  if (d.place !== undefined && d.place !== null) {
    const p = asDoc(d.place, 'place');
    place = compact({ name: optStr(p, 'name'), fullName: optStr(p, 'fullName'), countryCode: optStr(p, 'countryCode') });
  }
  const source = optStr(d, 'impressionsSource');
  return compact<StoredPost>({
    platform: oneOf(d, 'platform', SOURCE_TYPES),
    publishedOn: d.publishedOn === undefined || d.publishedOn === null ? undefined : oneOf(d, 'publishedOn', PLATFORMS),
    postId: str(d, 'postId'),
    url: str(d, 'url'),
    text: str(d, 'text'),
    createdAt: date(d, 'createdAt').toISOString(),
    lang: optStr(d, 'lang'),
    kind: oneOf(d, 'kind', POST_KINDS),
    authorId: str(d, 'authorId'),
    hashtags: strArray(d, 'hashtags'),
    counts,
    reportedImpressions: optNum(d, 'reportedImpressions'),
    place,
    references: readReferences(d.references),
    observedAt: date(d, 'observedAt').toISOString(),
    engagement: num(d, 'engagement'),
    impressions: optNum(d, 'impressions'),
    impressionsSource: source === undefined ? undefined : oneOf(d, 'impressionsSource', IMPRESSIONS_SOURCES),
  });
}

/** Every author field but the follower count, which has its own "latest known" rule. */
export function authorBaseDoc(a: Author, scope: string): Doc {
  return compact({
    _id: scopedKey(scope, authorKey(a)),
    scope,
    platform: a.platform,
    authorId: a.authorId,
    handle: a.handle,
    name: a.name,
    location: a.location,
    observedAt: new Date(a.observedAt),
  });
}

export function readAuthor(raw: unknown): Author {
  const d = asDoc(raw, 'author');
  return compact<Author>({
    platform: oneOf(d, 'platform', SOURCE_TYPES),
    authorId: str(d, 'authorId'),
    handle: str(d, 'handle'),
    name: str(d, 'name'),
    followers: optNum(d, 'followers'),
    location: optStr(d, 'location'),
    observedAt: date(d, 'observedAt').toISOString(),
  });
}

/**
 * Topics and hashtags are sets: a duplicate would count a post twice in a breakdown, and a post
 * without a topic is in `other` (METRICS.md, "Attribution to topics").
 */
export function membershipDoc(m: CampaignPost): Doc {
  const topics = [...new Set(m.topics)];
  // The copy of the post and author this campaign reads.
  const scope = postScope(m.platform, m.campaignId);
  return {
    campaignId: m.campaignId,
    platform: m.platform,
    postId: m.postId,
    postRef: scopedKey(scope, postKey(m)),
    publishedOn: m.publishedOn,
    language: m.language,
    sentiment: m.sentiment,
    sentimentSource: m.sentimentSource,
    authorId: m.authorId,
    authorRef: scopedKey(scope, authorKey(m)),
    createdAt: new Date(m.createdAt),
    day: m.day,
    hour: m.hour,
    cityCode: m.cityCode,
    provinceCode: m.provinceCode,
    locationMethod: m.locationMethod,
    topics: topics.length > 0 ? topics : [OTHER_TOPIC],
    hashtags: [...new Set(m.hashtags)],
  };
}

export function readMembership(raw: unknown): CampaignPost {
  const d = asDoc(raw, 'membership');
  return {
    campaignId: str(d, 'campaignId'),
    platform: oneOf(d, 'platform', SOURCE_TYPES),
    postId: str(d, 'postId'),
    // Documents written before the field existed: what their key says (backfilled at start-up).
    publishedOn: d.publishedOn === undefined ? platformOfKey(str(d, 'platform'), str(d, 'postId')) : oneOf(d, 'publishedOn', PLATFORMS),
    language: optStr(d, 'language') ?? 'und',
    sentiment: d.sentiment === undefined ? 'neutral' : oneOf(d, 'sentiment', SENTIMENTS),
    sentimentSource: d.sentimentSource === undefined ? 'auto' : oneOf(d, 'sentimentSource', SENTIMENT_SOURCES),
    authorId: str(d, 'authorId'),
    createdAt: date(d, 'createdAt').toISOString(),
    day: str(d, 'day'),
    hour: str(d, 'hour'),
    cityCode: optStr(d, 'cityCode') ?? null,
    provinceCode: optStr(d, 'provinceCode') ?? null,
    locationMethod: oneOf(d, 'locationMethod', LOCATION_METHODS),
    topics: strArray(d, 'topics'),
    hashtags: strArray(d, 'hashtags'),
  };
}

/**
 * What a membership keeps of its post, so that metrics read campaign_posts alone (as SQLite's
 * campaign_posts does since its migration 4): the post's additive figures under their `mongo`
 * names (domain/figures.ts; `posts` is a count and needs none) and its kind (`original` in the
 * top contributors). Written with every membership and kept equal to the post's by saveBatch, in
 * the transaction that changes the post, for every campaign holding it.
 */
export const POST_COPY_FIELDS = ['kind', ...ADDITIVE_FIGURES.filter((f) => f.perPost.kind !== 'count').map((f) => f.mongo)] as const;

/** A stored post's fields the copy is made from (a find projection). */
export const POST_COPY_SOURCE: Readonly<Record<string, 1>> = { kind: 1, engagement: 1, impressions: 1, impressionsSource: 1 };

/**
 * The copy of a stored post (a posts document, or at least POST_COPY_SOURCE of it). A membership
 * whose post is not stored counts zeros, as SQLite's copy does.
 */
export function postCopy(post: Doc | undefined): Doc {
  const figures = {
    engagement: post ? (optNum(post, 'engagement') ?? 0) : 0,
    impressions: post ? optNum(post, 'impressions') : undefined,
    impressionsSource: post ? (optStr(post, 'impressionsSource') as StoredPost['impressionsSource']) : undefined,
  };
  const copy: Doc = { kind: post && typeof post.kind === 'string' ? post.kind : null };
  for (const f of ADDITIVE_FIGURES) if (f.perPost.kind !== 'count') copy[f.mongo] = addedBy(f.perPost, figures);
  return copy;
}

/** True when a membership document holds exactly this copy of its post. */
export function holdsCopy(membership: Doc, copy: Doc): boolean {
  return POST_COPY_FIELDS.every((f) => Object.hasOwn(membership, f) && membership[f] === copy[f]);
}

/** Identity of a membership: campaign + post. */
export function membershipKey(m: { campaignId: string; platform: string; postId: string }): string {
  return JSON.stringify([m.campaignId, m.platform, m.postId]);
}
