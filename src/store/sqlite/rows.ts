import { LOCATION_METHODS, type CampaignPost } from '../../domain/campaign.js';
import { OTHER_TOPIC } from '../../domain/dimensions.js';
import {
  IMPRESSIONS_SOURCES,
  PLATFORMS,
  POST_KINDS,
  postScope,
  SENTIMENT_SOURCES,
  SENTIMENTS,
  type Author,
  type PostCounts,
  type PostPlace,
  type StoredPost,
} from '../../domain/post.js';
import { SOURCE_TYPES } from '../../sources/registry.js';
import { readReferences, referencesDoc } from '../post-references.read.js';
import { compact, num, oneOf, optNum, optStr, str, strArray, type Row } from './row-read.js';

/** Mapping between the domain types and the rows of posts, authors and campaign_posts. */

const CANONICAL = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** True when `toISOString()` would give the text back: a real day of that month, hours below 24. */
function isCanonical(instant: string): boolean {
  const m = CANONICAL.exec(instant);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Instants are stored as `toISOString()` so that text order is time order. Mappers already give
 * that form, and a batch writes four instants per post: those pass through unparsed.
 */
export function iso(instant: string): string {
  return isCanonical(instant) ? instant : new Date(instant).toISOString();
}

/** `scope`: whose copy this is (domain/post.ts postScope). */
export function postParams(p: StoredPost, scope: string): Row {
  return {
    scope,
    platform: p.platform,
    post_id: p.postId,
    url: p.url,
    text: p.text,
    created_at: iso(p.createdAt),
    lang: p.lang ?? null,
    published_on: p.publishedOn ?? null,
    kind: p.kind,
    author_id: p.authorId,
    hashtags: JSON.stringify(p.hashtags),
    likes: p.counts.likes ?? null,
    reposts: p.counts.reposts ?? null,
    replies: p.counts.replies ?? null,
    quotes: p.counts.quotes ?? null,
    bookmarks: p.counts.bookmarks ?? null,
    reported_impressions: p.reportedImpressions ?? null,
    place_name: p.place?.name ?? null,
    place_full_name: p.place?.fullName ?? null,
    place_country_code: p.place?.countryCode ?? null,
    refs: p.references ? JSON.stringify(referencesDoc(p.references)) : null,
    engagement: p.engagement,
    impressions: p.impressions ?? null,
    impressions_source: p.impressionsSource ?? null,
    observed_at: iso(p.observedAt),
  };
}

export function rowToPost(row: Row): StoredPost {
  const counts: PostCounts = compact({
    likes: optNum(row, 'likes'),
    reposts: optNum(row, 'reposts'),
    replies: optNum(row, 'replies'),
    quotes: optNum(row, 'quotes'),
    bookmarks: optNum(row, 'bookmarks'),
  });
  const place: PostPlace = compact({
    name: optStr(row, 'place_name'),
    fullName: optStr(row, 'place_full_name'),
    countryCode: optStr(row, 'place_country_code'),
  });
  const source = optStr(row, 'impressions_source');
  return compact<StoredPost>({
    platform: oneOf(row, 'platform', SOURCE_TYPES),
    publishedOn: row.published_on === null || row.published_on === undefined ? undefined : oneOf(row, 'published_on', PLATFORMS),
    postId: str(row, 'post_id'),
    url: str(row, 'url'),
    text: str(row, 'text'),
    createdAt: str(row, 'created_at'),
    lang: optStr(row, 'lang'),
    kind: oneOf(row, 'kind', POST_KINDS),
    authorId: str(row, 'author_id'),
    hashtags: strArray(row, 'hashtags'),
    counts,
    reportedImpressions: optNum(row, 'reported_impressions'),
    place: Object.keys(place).length > 0 ? place : undefined,
    references: readReferences(row.refs, 'refs'),
    observedAt: str(row, 'observed_at'),
    engagement: num(row, 'engagement'),
    impressions: optNum(row, 'impressions'),
    impressionsSource: source === undefined ? undefined : oneOf(row, 'impressions_source', IMPRESSIONS_SOURCES),
  });
}

export function authorParams(a: Author, scope: string): Row {
  return {
    scope,
    platform: a.platform,
    author_id: a.authorId,
    handle: a.handle,
    name: a.name,
    followers: a.followers ?? null,
    followers_observed_at: a.followers === undefined ? null : iso(a.observedAt),
    location: a.location ?? null,
    observed_at: iso(a.observedAt),
  };
}

/** Reads an author from columns prefixed `prefix` (so a join can carry post and author columns). */
export function rowToAuthor(row: Row, prefix = ''): Author {
  const col = (c: string) => `${prefix}${c}`;
  return compact<Author>({
    platform: oneOf(row, col('platform'), SOURCE_TYPES),
    authorId: str(row, col('author_id')),
    handle: str(row, col('handle')),
    name: str(row, col('name')),
    followers: optNum(row, col('followers')),
    location: optStr(row, col('location')),
    observedAt: str(row, col('observed_at')),
  });
}

/**
 * Topics and hashtags are sets: duplicates would count a post twice in a breakdown, and a post
 * without a topic is in `other` (METRICS.md, "Attribution to topics").
 */
export function membershipParams(m: CampaignPost): Row {
  const topics = [...new Set(m.topics)];
  return {
    campaign_id: m.campaignId,
    // The copy of the post and author this campaign reads.
    scope: postScope(m.platform, m.campaignId),
    platform: m.platform,
    post_id: m.postId,
    published_on: m.publishedOn,
    language: m.language,
    sentiment: m.sentiment,
    sentiment_source: m.sentimentSource,
    author_id: m.authorId,
    created_at: iso(m.createdAt),
    day: m.day,
    hour: m.hour,
    city_code: m.cityCode,
    province_code: m.provinceCode,
    location_method: m.locationMethod,
    topics: JSON.stringify(topics.length > 0 ? topics : [OTHER_TOPIC]),
    hashtags: JSON.stringify([...new Set(m.hashtags)]),
  };
}

export function rowToMembership(row: Row, prefix = ''): CampaignPost {
  const col = (c: string) => `${prefix}${c}`;
  return {
    campaignId: str(row, col('campaign_id')),
    platform: oneOf(row, col('platform'), SOURCE_TYPES),
    postId: str(row, col('post_id')),
    publishedOn: oneOf(row, col('published_on'), PLATFORMS),
    language: str(row, col('language')),
    sentiment: oneOf(row, col('sentiment'), SENTIMENTS),
    sentimentSource: oneOf(row, col('sentiment_source'), SENTIMENT_SOURCES),
    authorId: str(row, col('author_id')),
    createdAt: str(row, col('created_at')),
    day: str(row, col('day')),
    hour: str(row, col('hour')),
    cityCode: optStr(row, col('city_code')) ?? null,
    provinceCode: optStr(row, col('province_code')) ?? null,
    locationMethod: oneOf(row, col('location_method'), LOCATION_METHODS),
    topics: strArray(row, col('topics')),
    hashtags: strArray(row, col('hashtags')),
  };
}

/** Columns that make up a membership's attribution; a change in any of them changes figures. */
export const MEMBERSHIP_COLUMNS = [
  'published_on',
  'language',
  'sentiment',
  'sentiment_source',
  'author_id',
  'created_at',
  'day',
  'hour',
  'city_code',
  'province_code',
  'location_method',
  'topics',
  'hashtags',
] as const;
