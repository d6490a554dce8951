/**
 * The parts of the Bluesky (AT Protocol) lexicons this service relies on, as the AppView returns
 * them over XRPC. Optional fields are left out by the server when empty or unknown; a count the
 * view omits is unknown, never 0. Unions are open: a `$type` this file does not name may appear.
 */

/** `com.atproto.repo.strongRef`: a pointer to one version of a record. */
export interface StrongRef {
  uri: string;
  cid: string;
}

/** `app.bsky.richtext.facet#byteSlice`: UTF-8 byte offsets into the post text, end exclusive. */
interface ByteSlice {
  byteStart: number;
  byteEnd: number;
}

/** The facet feature this service reads: a hashtag, `tag` without `#`. */
interface TagFeature {
  $type: 'app.bsky.richtext.facet#tag';
  tag: string;
}

/** A mention, a link, or a feature type added after this file was written. */
interface OtherFeature {
  $type: string;
  tag?: string;
  did?: string;
  uri?: string;
}

/** `app.bsky.richtext.facet`: an annotation of a range of the text. */
interface Facet {
  index: ByteSlice;
  features: (TagFeature | OtherFeature)[];
}

/** `app.bsky.feed.post#replyRef`. */
interface ReplyRef {
  root: StrongRef;
  parent: StrongRef;
}

/** `app.bsky.embed.record`: a quote when the record is a post (it may also be a feed, a list…). */
interface RecordEmbed {
  $type: 'app.bsky.embed.record';
  record: StrongRef;
}

/** `app.bsky.embed.recordWithMedia`: a quote with images, a video or a link card. */
export interface RecordWithMediaEmbed {
  $type: 'app.bsky.embed.recordWithMedia';
  record: { $type?: string; record: StrongRef };
  media?: { $type: string };
}

/** Images, video, an external link card, or a type added later. */
interface OtherEmbed {
  $type: string;
}

type PostEmbed = RecordEmbed | RecordWithMediaEmbed | OtherEmbed;

export const POST_RECORD_TYPE = 'app.bsky.feed.post';
export const TAG_FEATURE_TYPE = 'app.bsky.richtext.facet#tag';
/** `app.bsky.richtext.facet#mention`: `did` of the account the covered `@handle` names. */
export const MENTION_FEATURE_TYPE = 'app.bsky.richtext.facet#mention';
export const RECORD_EMBED_TYPE = 'app.bsky.embed.record';
export const RECORD_WITH_MEDIA_EMBED_TYPE = 'app.bsky.embed.recordWithMedia';

/** `app.bsky.feed.post`: the record as the author wrote it. `createdAt` is declared by the client. */
export interface PostRecord {
  $type?: string;
  text: string;
  createdAt: string;
  langs?: string[];
  facets?: Facet[];
  /** Extra hashtags (without `#`) beyond those in the text and facets; at most 8. */
  tags?: string[];
  reply?: ReplyRef;
  embed?: PostEmbed;
}

/** `app.bsky.actor.defs#profileViewBasic`: what a post view says about its author (no counts). */
export interface ProfileViewBasic {
  did: string;
  /** `handle.invalid` when the handle no longer resolves to the did. */
  handle: string;
  displayName?: string;
  avatar?: string;
  createdAt?: string;
}

/** `app.bsky.actor.defs#profileViewDetailed`, as `app.bsky.actor.getProfiles` returns it. */
export interface ProfileViewDetailed extends ProfileViewBasic {
  description?: string;
  followersCount?: number;
  followsCount?: number;
  postsCount?: number;
  indexedAt?: string;
}

/** `app.bsky.feed.defs#postView`. `indexedAt` is when the AppView first saw the post. */
export interface PostView {
  uri: string;
  cid: string;
  author: ProfileViewBasic;
  record: PostRecord;
  /** The hydrated embed (`app.bsky.embed.record#view`…); the mapper reads `record.embed`. */
  embed?: { $type: string };
  replyCount?: number;
  repostCount?: number;
  likeCount?: number;
  quoteCount?: number;
  bookmarkCount?: number;
  indexedAt: string;
}

/** Parameters of `app.bsky.feed.searchPosts`. `since` is inclusive, `until` exclusive. */
export interface SearchPostsParams {
  q: string;
  /** Hashtags without `#`, AND-matched against facet tags and the record's `tags`. */
  tag?: string[];
  sort?: 'latest' | 'top';
  since?: string;
  until?: string;
  /** 1 to 100; 25 when absent. */
  limit?: number;
  cursor?: string;
}

/** The output of `app.bsky.feed.searchPosts`. Pure reposts are never in it. */
export interface SearchPostsOutput {
  posts: PostView[];
  cursor?: string;
  hitsTotal?: number;
}

/** The output of `app.bsky.actor.getProfiles` (at most 25 actors per call). */
export interface GetProfilesOutput {
  profiles: ProfileViewDetailed[];
}

/** The output of `com.atproto.server.createSession` and `com.atproto.server.refreshSession`. */
export interface SessionOutput {
  accessJwt: string;
  refreshJwt: string;
  handle: string;
  did: string;
  active?: boolean;
  status?: string;
}

/** The body of an XRPC error response. */
export interface XrpcErrorBody {
  error?: string;
  message?: string;
}
