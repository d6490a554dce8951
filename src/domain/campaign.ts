import type { LogoInfo } from './logo.js';
import type { Platform, PostSentiment, SentimentSource, SourceType } from './post.js';

/** Which rule of METRICS.md ("Attribution to cities") located a post, in the order they are tried. */
export const LOCATION_METHODS = ['geo', 'hashtag', 'profile', 'none'] as const;
export type LocationMethod = (typeof LOCATION_METHODS)[number];

/** Where a campaign collects from. Instances and accounts are per source. */
export interface SourceConfig {
  type: SourceType;
  /** Mastodon instance host names. */
  instances?: string[];
}

type CampaignStatus = 'active' | 'archived';

/** Words or short phrases a campaign reads as positive or negative (docs/sentiment.md). */
export interface SentimentWords {
  positive: string[];
  negative: string[];
}

export interface Campaign {
  id: string;
  name: string;
  /** As the owner wrote them, with `#` (`#SocMed4SocGood`). */
  hashtags: string[];
  /** ISO instant, inclusive. */
  startsAt: string;
  /** ISO instant, exclusive; null means "until now". */
  endsAt: string | null;
  /** IANA zone in which days and weeks are counted. */
  timeZone: string;
  /** City codes (`73.71`) the campaign runs workshops in. */
  cities: string[];
  /** Extra hashtags that place a post in a city, by city code (METRICS.md, attribution rule 2). */
  cityHashtags: Record<string, string[]>;
  /** Topic name → keywords and hashtags. */
  topics: Record<string, string[]>;
  sources: SourceConfig[];
  /** cron expression (node-cron syntax). */
  schedule: string;
  /**
   * Most X posts that collection and refresh may read in one calendar month (UTC), or null for
   * no cap: X bills reads per post.
   */
  monthlyReadBudget: number | null;
  /**
   * The campaign's own words of feeling, read over the sentiment lexicon (a slogan a lexicon would
   * misread). Absent on campaigns stored before it existed: none.
   */
  sentimentWords?: SentimentWords;
  status: CampaignStatus;
  /** True for the generated demo campaign; the dashboard labels its data as demo data. */
  demo: boolean;
  /**
   * Whether imported support-channel chats keep their message text (docs/whatsapp.md); absent or
   * false: only counts and keyed hashes are stored.
   */
  chatKeepText?: boolean;
  /** The organisation behind the campaign, named in the report's header; absent or null: none. */
  organisation?: string | null;
  /** Whom the report is prepared for (a sponsor), named in the report's header. */
  preparedFor?: string | null;
  /**
   * Share links name every author by a pseudonym (services/share-mask.ts), for programmes with
   * vulnerable participants; managers and members signed in still see the handles. Absent: false.
   */
  shareMaskHandles?: boolean;
  /** The organisation's logo, when one was uploaded (its bytes: Store.getLogo). */
  logo?: LogoInfo | null;
  createdAt: string;
  updatedAt: string;
}

/** A campaign's view of one stored post: which city and topics it belongs to (METRICS.md, attribution). */
export interface CampaignPost {
  campaignId: string;
  /** The source the post came in through (with postId, the post's key). */
  platform: SourceType;
  postId: string;
  /** Where the post was published (the `platform` dimension). */
  publishedOn: Platform;
  /**
   * ISO 639-1 code (`id`, `en`, `jv`…), `und` when unknown: the platform's tag, else detected from
   * the text (METRICS.md). Per campaign: detected Malay is Indonesian in an Indonesian time zone.
   */
  language: string;
  /** An estimate read from the text in its language (src/sentiment), unless a person set it. */
  sentiment: PostSentiment;
  sentimentSource: SentimentSource;
  authorId: string;
  /** Copy of the post's creation instant, for range filters without a join. */
  createdAt: string;
  /** `YYYY-MM-DD` of createdAt in the campaign's time zone. */
  day: string;
  /** `YYYY-MM-DDTHH` of createdAt in the campaign's time zone. */
  hour: string;
  cityCode: string | null;
  provinceCode: string | null;
  locationMethod: LocationMethod;
  /** Topic names; `['other']` when the post matches no topic. */
  topics: string[];
  /** The campaign hashtags the post contains, lower-case without `#`. */
  hashtags: string[];
}

/** Outcome of one collection run of one source for one campaign. */
/** `interrupted`: the process running it stopped (killed, crashed) before it ended; its work resumed in a new run. */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'interrupted';

/** `collect` reads new posts, `refresh` re-reads the counts of recent ones, `import` stores a file. */
export const RUN_KINDS = ['collect', 'refresh', 'import'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export interface CollectionRun {
  id: string;
  campaignId: string;
  source: SourceType;
  kind: RunKind;
  jobId: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  pages: number;
  /** Platform posts and users read: X bills reads per post. */
  postsRead: number;
  usersRead: number;
  newPosts: number;
  updatedPosts: number;
  /** What a person can act on when the run failed. */
  error: string | null;
  /** What a person should know about a run that did its work (posts it could not reach…). */
  notes: string[];
  /** The process running it (`host/pid/boot`), while it runs: how a run whose process is gone is told apart. */
  owner?: string;
  /** The last instant its process said it was alive. */
  heartbeatAt?: string;
}
