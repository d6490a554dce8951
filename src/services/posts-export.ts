import type { Campaign } from '../domain/campaign.js';
import type { MetricsFilter } from '../domain/metrics-query.js';
import { positionAfter, type ListedPost, type PostPosition } from '../domain/post-query.js';
import { httpUrl } from '../domain/post.js';
import type { PostsStore } from '../store/store.port.js';
import { localInstant, type PostViews } from './post-view.js';

/** The rows of GET /export.csv: every post of a filtered set, one row each (API.md). */

export const EXPORT_COLUMNS = [
  'platform',
  'source',
  'post_id',
  'url',
  'created_at',
  'day',
  'kind',
  'language',
  'sentiment',
  'sentiment_source',
  'author_id',
  'author_handle',
  'author_name',
  'author_followers',
  'text',
  'hashtags',
  'city_code',
  'city',
  'province_code',
  'province',
  'location_method',
  'topics',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'bookmarks',
  'engagement',
  'impressions',
  'impressions_source',
] as const;
type ExportColumn = (typeof EXPORT_COLUMNS)[number];
/** null is written as an empty cell: a figure the platform does not report, an unknown place. */
export type ExportRecord = Record<ExportColumn, string | number | null>;

/** Posts read per store query: enough to amortise a query, small enough to keep memory flat. */
const EXPORT_PAGE_SIZE = 500;

/**
 * CSV injection (OWASP): a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and,
 * in some, tab or carriage return) as a formula. Post texts, names and handles are written by
 * strangers, so such a cell is prefixed with `'`, which spreadsheets show as text.
 */
export function guardCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function exportRecord(item: ListedPost, campaign: Campaign, views: PostViews): ExportRecord {
  const { post, author, membership: m } = item;
  const city = views.city(m.cityCode);
  const province = views.province(m.provinceCode);
  const text = (v: string | null | undefined) => (v === null || v === undefined ? null : guardCell(v));
  return {
    platform: m.publishedOn,
    source: post.platform,
    post_id: text(post.postId),
    url: text(httpUrl(post.url)),
    created_at: localInstant(post.createdAt, campaign),
    day: m.day,
    kind: post.kind,
    language: m.language,
    sentiment: m.sentiment,
    sentiment_source: m.sentimentSource,
    author_id: text(post.authorId),
    author_handle: text(author?.handle),
    author_name: text(author?.name),
    author_followers: author?.followers ?? null,
    text: text(post.text),
    hashtags: text(post.hashtags.map((h) => `#${h}`).join(' ')),
    city_code: city?.code ?? null,
    city: text(city?.label),
    province_code: province?.code ?? null,
    province: text(province?.label),
    location_method: m.locationMethod,
    topics: text(m.topics.join('; ')),
    likes: post.counts.likes ?? null,
    reposts: post.counts.reposts ?? null,
    replies: post.counts.replies ?? null,
    quotes: post.counts.quotes ?? null,
    bookmarks: post.counts.bookmarks ?? null,
    engagement: post.engagement,
    impressions: post.impressions ?? null,
    impressions_source: post.impressionsSource ?? null,
  };
}

/**
 * Every post of the set, newest first, read page by page through the store's keyset pagination:
 * memory holds one page whatever the size of the campaign, and a post collected during the export
 * (newer than the position reached) neither appears twice nor shifts the pages still to come.
 */
export async function* exportRecords(
  store: PostsStore,
  campaign: Campaign,
  filter: MetricsFilter,
  views: PostViews,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<ExportRecord> {
  let after: PostPosition | undefined;
  for (;;) {
    const page = await store.listPosts({ campaignId: campaign.id, filter, sort: 'recent', limit: pageSize, ...(after ? { after } : {}) });
    for (const item of page) yield exportRecord(item, campaign, views);
    const last = page[page.length - 1];
    if (!last || page.length < pageSize) return;
    after = positionAfter(last, 'recent');
  }
}
