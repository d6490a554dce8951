import { DateTime } from 'luxon';
import type { Campaign } from '../domain/campaign.js';
import { httpUrl } from '../domain/post.js';
import { zoneOf } from '../time/zone.js';
import type { ListedPost } from '../domain/post-query.js';
import type { Gazetteer } from '../geo/gazetteer.js';

/** How one listed post reads in the API (GET /posts) and in the export (export.csv). */

export interface AreaRef {
  code: string;
  label: string;
}

/** The instant in the campaign's zone, with its offset (METRICS.md, Time). */
export function localInstant(instant: string, campaign: Campaign): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(zoneOf(campaign.timeZone)).toISO() ?? instant;
}

export function createPostViews(gazetteer: Gazetteer) {
  const city = (code: string | null): AreaRef | null => (code === null ? null : { code, label: gazetteer.city(code)?.displayName ?? code });
  const province = (code: string | null): AreaRef | null => (code === null ? null : { code, label: gazetteer.province(code)?.displayName ?? code });

  return {
    city,
    province,
    /**
     * A post with its figures, place and topics. Counts the platform does not report are absent,
     * not 0 (METRICS.md); impressions are null when neither a view count nor followers are known.
     */
    postView(item: ListedPost, campaign: Campaign) {
      const { post, author, membership: m } = item;
      return {
        // API.md 1.1: where it was published, and how it came in; (source, postId) is its key.
        platform: m.publishedOn,
        source: post.platform,
        language: m.language,
        sentiment: m.sentiment,
        sentimentSource: m.sentimentSource,
        postId: post.postId,
        // A link stored before non-http(s) links were refused is shown as none.
        url: httpUrl(post.url),
        text: post.text,
        createdAt: localInstant(post.createdAt, campaign),
        kind: post.kind,
        author: { id: post.authorId, handle: author?.handle ?? null, name: author?.name ?? null, followers: author?.followers ?? null },
        city: city(m.cityCode),
        province: province(m.provinceCode),
        locationMethod: m.locationMethod,
        topics: m.topics,
        hashtags: post.hashtags,
        ...post.counts,
        engagement: post.engagement,
        impressions: post.impressions ?? null,
        impressionsSource: post.impressionsSource ?? null,
      };
    },
  };
}

export type PostViews = ReturnType<typeof createPostViews>;
