import { randomBytes } from 'node:crypto';
import type { PostView, ProfileViewBasic, ProfileViewDetailed, SearchPostsOutput } from '../../src/sources/bluesky/bluesky.types.js';

/**
 * The query side of the fake Bluesky AppView: `app.bsky.feed.searchPosts` and
 * `app.bsky.actor.getProfiles` over seeded data, with the parameter checks and semantics of the
 * lexicons and of Bluesky's search service (palomar): `#tag` words of `q` and `tag` parameters
 * are AND filters on facet tags and the record's `tags`, case-insensitive; `since` is inclusive
 * and `until` exclusive on the sort time (createdAt, capped at indexedAt); `sort=latest` is
 * newest first; the cursor is an offset into the results, handed out only while a page is full.
 */

/** An XRPC answer: status and JSON body. */
export interface XrpcAnswer {
  status: number;
  body: unknown;
}

export type Params = Record<string, string[]>;

export interface SearchState {
  /** Posts newest first by sort time. */
  posts: readonly PostView[];
  profiles: ReadonlyMap<string, ProfileViewDetailed>;
  /** Opaque cursor → offset. */
  cursors: Map<string, number>;
  /** The search service's paging depth (palomar: 10,000). */
  maxDepth: number;
  nowMs: number;
}

export const invalid = (message: string, error = 'InvalidRequest'): XrpcAnswer => ({ status: 400, body: { error, message } });

/** The instant search sorts and filters by. */
export function sortAtMs(post: PostView): number {
  return Math.min(Date.parse(post.record.createdAt), Date.parse(post.indexedAt));
}

/** Facet tags and the record's `tags`, lower-case. */
function tagsOf(post: PostView): string[] {
  const fromFacets = (post.record.facets ?? []).flatMap((f) => f.features.flatMap((x) => (x.$type === 'app.bsky.richtext.facet#tag' && x.tag ? [x.tag] : [])));
  return [...fromFacets, ...(post.record.tags ?? [])].map((t) => t.toLowerCase());
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function instant(name: string, value: string | undefined): number | XrpcAnswer | undefined {
  if (value === undefined) return undefined;
  const ms = DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00Z`) : DATETIME.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? invalid(`invalid Datetime for '${name}': ${value}`, 'BadQueryString') : ms;
}

function single(params: Params, name: string): string | undefined {
  return params[name]?.[0];
}

/** `app.bsky.feed.searchPosts`. */
export function searchPosts(params: Params, state: SearchState): XrpcAnswer {
  const q = single(params, 'q');
  if (q === undefined) return invalid('Error: Params must have the property "q"');
  const limitRaw = single(params, 'limit');
  const limit = limitRaw === undefined ? 25 : Number(limitRaw);
  if (!Number.isInteger(limit)) return invalid('Error: Params/limit must be an integer');
  if (limit < 1) return invalid('Error: Params/limit can not be less than 1');
  if (limit > 100) return invalid('Error: Params/limit can not be greater than 100');
  const since = instant('since', single(params, 'since'));
  if (typeof since === 'object') return since;
  const until = instant('until', single(params, 'until'));
  if (typeof until === 'object') return until;
  const cursor = single(params, 'cursor');
  const offset = cursor === undefined ? 0 : state.cursors.get(cursor);
  if (offset === undefined) return invalid(`invalid value for 'cursor': ${cursor}`, 'BadQueryString');
  if (offset > state.maxDepth) return invalid("invalid value for 'cursor' (can't paginate so deep)", 'BadQueryString');

  const words = q.split(/\s+/).filter((w) => w !== '');
  const wantTags = [...words.filter((w) => w.startsWith('#') && w.length > 1).map((w) => w.slice(1)), ...(params.tag ?? [])].map((t) => t.toLowerCase());
  const wantText = words.filter((w) => !w.startsWith('#')).map((w) => w.toLowerCase());
  let hits = state.posts.filter((p) => {
    const t = sortAtMs(p);
    // Not yet indexed (the fake's clock is behind its indexedAt): search cannot know it.
    if (Date.parse(p.indexedAt) > state.nowMs) return false;
    if (since !== undefined && t < since) return false;
    if (until !== undefined && t >= until) return false;
    const tags = tagsOf(p);
    if (!wantTags.every((w) => tags.includes(w))) return false;
    const text = p.record.text.toLowerCase();
    return wantText.every((w) => w === '*' || text.includes(w));
  });
  if (single(params, 'sort') === 'top') hits = [...hits].sort((a, b) => (b.likeCount ?? 0) - (a.likeCount ?? 0) || sortAtMs(b) - sortAtMs(a));
  const page = hits.slice(offset, offset + limit).map((p) => withAuthor(p, state.profiles));
  const body: SearchPostsOutput = { posts: page, hitsTotal: hits.length };
  if (page.length === limit && offset + limit < state.maxDepth) {
    const next = Buffer.from(`${randomBytes(6).toString('hex')}:${offset + limit}`).toString('base64url');
    state.cursors.set(next, offset + limit);
    body.cursor = next;
  }
  return { status: 200, body };
}

/** `app.bsky.actor.getProfiles`: by did or handle, unknown actors left out. */
export function getProfiles(params: Params, state: SearchState): XrpcAnswer {
  const actors = params.actors;
  if (actors === undefined || actors.length === 0) return invalid('Error: Params must have the property "actors"');
  if (actors.length > 25) return invalid('Error: Params/actors must not have more than 25 elements');
  const byHandle = new Map([...state.profiles.values()].map((p) => [p.handle.toLowerCase(), p]));
  const profiles = actors.flatMap((a) => state.profiles.get(a) ?? byHandle.get(a.toLowerCase()) ?? []);
  return { status: 200, body: { profiles } };
}

/** The post view's author as the AppView hydrates it now: the profile's basic fields. */
function withAuthor(post: PostView, profiles: ReadonlyMap<string, ProfileViewDetailed>): PostView {
  const profile = profiles.get(post.author.did);
  if (!profile) return post;
  const author: ProfileViewBasic = { did: profile.did, handle: profile.handle };
  if (profile.displayName !== undefined) author.displayName = profile.displayName;
  if (profile.avatar !== undefined) author.avatar = profile.avatar;
  if (profile.createdAt !== undefined) author.createdAt = profile.createdAt;
  return { ...post, author };
}
