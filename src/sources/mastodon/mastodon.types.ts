/**
 * The parts of the Mastodon REST API entities this service reads, as docs.joinmastodon.org
 * documents them (entities/Status, Account, Status::Tag, Quote, ShallowQuote). Ids are strings
 * "cast from an integer but not guaranteed to be a number"; fields added in later Mastodon
 * versions are optional, because an older server (or another fediverse server speaking the
 * Mastodon API) leaves them out.
 */

/** A hashtag used in a status (`Status::Tag`): `name` is the value after `#`. */
interface MastodonTag {
  name: string;
  url: string;
}

/** An account (`Account`), as embedded in a status. */
export interface MastodonAccount {
  id: string;
  /** The username, without the domain. */
  username: string;
  /** WebFinger account: `username` for a local account, `username@domain` for a remote one. */
  acct: string;
  display_name: string;
  /** The profile page; nullable since Mastodon 4.x. */
  url?: string | null;
  /** The ActivityPub actor id (Mastodon 4.2+). */
  uri?: string;
  followers_count?: number;
  following_count?: number;
  statuses_count?: number;
  bot?: boolean;
  group?: boolean;
  locked?: boolean;
  /** Profile bio, HTML. */
  note?: string;
  created_at?: string;
}

/** A user mentioned in a status (`Status::Mention`). */
interface MastodonMention {
  id: string;
  username: string;
  url: string;
  acct: string;
}

/** `Quote`: the quoted status in full (null unless the quote is displayable). */
interface MastodonQuote {
  /**
   * pending, accepted, rejected, revoked, deleted, unauthorized, blocked_account, blocked_domain or
   * muted_account (Mastodon 4.4+); kept open because newer servers add states, and an unknown one
   * means `unauthorized`.
   */
  state: string;
  quoted_status: MastodonStatus | null;
}

/** `ShallowQuote`: only the quoted status's id, sent for a quote nested inside a quote. */
interface MastodonShallowQuote {
  /** As MastodonQuote's. */
  state: string;
  quoted_status_id: string | null;
}

type MastodonVisibility = 'public' | 'unlisted' | 'private' | 'direct';

/** A status (`Status`) as `GET /api/v1/timelines/tag/:hashtag` returns it. */
export interface MastodonStatus {
  /** The id in this instance's database: a different id for the same status on every instance. */
  id: string;
  /** The ActivityPub id: the same on every instance the status federates to. */
  uri: string;
  /** The HTML page of the status; null for some remote statuses. */
  url?: string | null;
  /** ISO 8601 instant (`2019-12-08T03:48:33.901Z`). */
  created_at: string;
  edited_at?: string | null;
  account: MastodonAccount;
  /** HTML. */
  content: string;
  visibility?: MastodonVisibility;
  sensitive?: boolean;
  spoiler_text?: string;
  /** ISO 639-1 code, or null when unknown. */
  language?: string | null;
  in_reply_to_id?: string | null;
  in_reply_to_account_id?: string | null;
  /** The boosted status when this status is a boost (a reblog), else null. */
  reblog?: MastodonStatus | null;
  /** The quoted post (Mastodon 4.4+), null or absent when the status quotes nothing. */
  quote?: MastodonQuote | MastodonShallowQuote | null;
  tags?: MastodonTag[];
  mentions?: MastodonMention[];
  replies_count?: number;
  reblogs_count?: number;
  favourites_count?: number;
  /** Mastodon 4.5+: accepted quotes. Not a figure of METRICS.md for Mastodon (see mastodon.map.ts). */
  quotes_count?: number;
}
