import type { Gazetteer, LocationMatch } from '../geo/gazetteer.js';
import { createTopicMatcher, type TopicMatcher } from '../topics/topic.match.js';
import type { Campaign, CampaignPost, LocationMethod } from '../domain/campaign.js';
import { authorKey, platformOf, type Author, type MappedBatch, type Post, type StoredPost } from '../domain/post.js';
import { normalizeHashtag } from '../domain/hashtags.js';
import { localHour } from '../time/zone.js';
import { languageOf } from '../language/language-of.js';
import { sentimentOf, type CampaignWords } from '../sentiment/sentiment-of.js';

/**
 * Enrichment (pure): per-post figures and each campaign's attribution of a post to a city and
 * topics, exactly as ../shared/METRICS.md defines them.
 */

/** What enrichment makes of one page: everything the store writes for it, in one transaction where it can. */
export interface EnrichedBatch {
  posts: StoredPost[];
  authors: Author[];
  /** The campaign's attribution of each post of `posts` that belongs to it. */
  memberships: CampaignPost[];
}

/** A campaign with its matching tables built once, for many posts. */
export interface PreparedCampaign {
  campaign: Campaign;
  hashtags: Set<string>;
  /** Lower-case hashtag (no `#`) → city code, from the campaign's configured city hashtags. */
  cityHashtags: Map<string, string>;
  topics: TopicMatcher;
  /** The window in ms, parsed once: every post is checked against it. */
  startMs: number;
  /** Infinity for an open end ("until now"). */
  endMs: number;
}

export function prepareCampaign(campaign: Campaign): PreparedCampaign {
  const cityHashtags = new Map<string, string>();
  for (const [code, tags] of Object.entries(campaign.cityHashtags)) for (const t of tags) cityHashtags.set(normalizeHashtag(t), code);
  return {
    campaign,
    hashtags: new Set(campaign.hashtags.map(normalizeHashtag)),
    cityHashtags,
    topics: createTopicMatcher(campaign.topics),
    startMs: Date.parse(campaign.startsAt),
    endMs: campaign.endsAt ? Date.parse(campaign.endsAt) : Infinity,
  };
}

/** engagement = likes + reposts + replies + quotes + bookmarks, absent counts taken as 0. */
function engagementOf(post: Post): number {
  const c = post.counts;
  return (c.likes ?? 0) + (c.reposts ?? 0) + (c.replies ?? 0) + (c.quotes ?? 0) + (c.bookmarks ?? 0);
}

/** Per-post figures at observation time: engagement, and impressions reported or estimated from followers. */
export function withFigures(post: Post, author: Author | undefined): StoredPost {
  // Object.assign rather than a spread: posts come in several shapes (optional fields), and V8
  // copies them this way several times faster on the ingest path.
  const stored: StoredPost = Object.assign({}, post, { engagement: engagementOf(post) });
  if (post.reportedImpressions !== undefined) {
    stored.impressions = post.reportedImpressions;
    stored.impressionsSource = 'reported';
  } else if (author?.followers !== undefined) {
    stored.impressions = author.followers;
    stored.impressionsSource = 'estimated';
  }
  return stored;
}

/** Why a post is not a campaign post (METRICS.md, "What is a campaign post"). */
export type NotMemberReason = 'before-start' | 'after-end' | 'in-future' | 'no-campaign-hashtag';

/**
 * A post belongs to a campaign by window and hashtag; pure reposts never reach here (mappers
 * drop them). Undefined when it belongs.
 */
export function whyNotMember(post: Pick<Post, 'createdAt' | 'hashtags'>, pc: PreparedCampaign, now: Date): NotMemberReason | undefined {
  const created = Date.parse(post.createdAt);
  if (created < pc.startMs) return 'before-start';
  if (created >= pc.endMs) return 'after-end';
  // An open end means "until now".
  if (pc.endMs === Infinity && created >= now.getTime()) return 'in-future';
  if (!post.hashtags.some((h) => pc.hashtags.has(h))) return 'no-campaign-hashtag';
  return undefined;
}

export function belongsTo(post: Post, pc: PreparedCampaign, now: Date): boolean {
  return whyNotMember(post, pc, now) === undefined;
}

function locate(post: Post, author: Author | undefined, pc: PreparedCampaign, gazetteer: Gazetteer): { match: LocationMatch | null; method: LocationMethod } {
  // 1. geo: the platform's place, when it names an Indonesian city.
  for (const text of [post.place?.fullName, post.place?.name]) {
    const m = text ? gazetteer.matchText(text) : null;
    if (m?.cityCode) return { match: m, method: 'geo' };
  }
  // 2. hashtag: a configured city hashtag, or a campaign hashtag followed by a city name.
  for (const tag of post.hashtags) {
    const configured = pc.cityHashtags.get(tag);
    const city = configured ? gazetteer.city(configured) : cityFromSuffix(tag, pc, gazetteer);
    if (city) return { match: { cityCode: city.code, provinceCode: city.provinceCode }, method: 'hashtag' };
  }
  // 3. profile: the author's free-text location; a province-only match still counts by province.
  const profile = author?.location ? gazetteer.matchText(author.location) : null;
  if (profile) return { match: profile, method: 'profile' };
  return { match: null, method: 'none' };
}

function cityFromSuffix(tag: string, pc: PreparedCampaign, gazetteer: Gazetteer) {
  for (const campaignTag of pc.hashtags) {
    if (tag.length > campaignTag.length && tag.startsWith(campaignTag)) {
      const city = gazetteer.cityFromHashtagSuffix(tag.slice(campaignTag.length));
      if (city) return city;
    }
  }
  return undefined;
}

/**
 * What a post's text says in one campaign: its language (the platform's tag, else detected; Malay
 * is Indonesian in an Indonesian time zone) and its automatic sentiment in that language, with the
 * campaign's own words of feeling (Campaign.sentimentWords) over the lexicon. Enrichment, the
 * stores' backfill of old rows and a manual sentiment's return to automatic all read posts
 * through this. The stores keep a manual sentiment over what this says.
 */
export function readingsOf(
  post: Pick<Post, 'text' | 'lang'>,
  timeZone: string | undefined,
  campaignWords?: CampaignWords,
): Pick<CampaignPost, 'language' | 'sentiment' | 'sentimentSource'> {
  const language = languageOf(post, { timeZone });
  // No words: the plain lexicon, without an empty one to consult on every word.
  const words = campaignWords && ((campaignWords.positive?.length ?? 0) > 0 || (campaignWords.negative?.length ?? 0) > 0) ? campaignWords : undefined;
  return { language, sentiment: sentimentOf(post.text, language, words), sentimentSource: 'auto' };
}

/** The campaign's attribution of one post. */
export function attribute(post: Post, author: Author | undefined, pc: PreparedCampaign, gazetteer: Gazetteer): CampaignPost {
  const { match, method } = locate(post, author, pc, gazetteer);
  const hour = localHour(post.createdAt, pc.campaign.timeZone);
  return {
    campaignId: pc.campaign.id,
    platform: post.platform,
    postId: post.postId,
    publishedOn: platformOf(post),
    ...readingsOf(post, pc.campaign.timeZone, pc.campaign.sentimentWords),
    authorId: post.authorId,
    createdAt: post.createdAt,
    day: hour.slice(0, 10),
    hour,
    cityCode: match?.cityCode ?? null,
    provinceCode: match?.provinceCode ?? null,
    locationMethod: method,
    topics: pc.topics.match(post.text, post.hashtags),
    hashtags: post.hashtags.filter((h) => pc.hashtags.has(h)),
  };
}

/**
 * Enriches one mapped page for the given campaigns. Posts that belong to none of them are
 * dropped: the service stores campaign posts only.
 */
export function enrichBatch(batch: MappedBatch, campaigns: PreparedCampaign[], gazetteer: Gazetteer, now: Date): EnrichedBatch {
  const authors = new Map(batch.authors.map((a) => [authorKey(a), a]));
  const posts: StoredPost[] = [];
  const memberships: CampaignPost[] = [];
  const usedAuthors = new Map<string, Author>();
  for (const post of batch.posts) {
    const key = authorKey({ platform: post.platform, authorId: post.authorId });
    const author = authors.get(key);
    const owners = campaigns.filter((pc) => belongsTo(post, pc, now));
    if (owners.length === 0) continue;
    posts.push(withFigures(post, author));
    if (author) usedAuthors.set(key, author);
    for (const pc of owners) memberships.push(attribute(post, author, pc, gazetteer));
  }
  return { posts, authors: [...usedAuthors.values()], memberships };
}
