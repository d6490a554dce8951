import { isoMs, type BlueskyTagState } from './bluesky.checkpoint.js';
import { sortTimeMs } from './bluesky.map.js';
import type { PostView } from './bluesky.types.js';

/**
 * The bookkeeping of one pass over one hashtag, newest to oldest (pure). It knows which instants
 * the pass has covered and turns that into the tag's checkpoint; see bluesky.checkpoint.ts.
 */
export interface Pass {
  /** Inclusive lower bound, ms: the campaign start or the last complete pass's newest instant. */
  sinceMs: number;
  /** Exclusive upper bound of the next request when it is not following a cursor, ms. */
  untilMs: number;
  /** Posts not to hand over again: those at `sinceMs` stored by the last pass, at the resume instant by this one. */
  skip: Set<string>;
  newestMs?: number;
  newestUris: Set<string>;
  oldestMs?: number;
  oldestUris: Set<string>;
}

/**
 * The pass to run for a tag: the interrupted one, or a new one from the last newest instant (or
 * the campaign start) up to `boundMs`. It may be empty (see `isEmpty`), when the window is.
 */
export function openPass(prev: BlueskyTagState, startsAtMs: number, boundMs: number): Pass {
  const prevNewestMs = prev.newest === undefined ? undefined : Date.parse(prev.newest);
  const sinceMs = Math.max(startsAtMs, prevNewestMs ?? startsAtMs);
  const pending = prev.pending;
  const untilMs = pending ? Date.parse(pending.until) : boundMs;
  const skip = new Set<string>(prevNewestMs === sinceMs ? (prev.newestUris ?? []) : []);
  const pass: Pass = { sinceMs, untilMs, skip, newestUris: new Set(), oldestUris: new Set() };
  if (pending) {
    for (const uri of pending.skip) skip.add(uri);
    pass.newestMs = Date.parse(pending.newest);
    pass.newestUris = new Set(pending.newestUris);
    pass.oldestMs = untilMs - 1;
    pass.oldestUris = new Set(pending.skip);
  }
  return pass;
}

/** True when nothing is left to read: the pass can be closed without a request. */
export function isEmpty(pass: Pass): boolean {
  return !(pass.sinceMs < pass.untilMs);
}

/** Notes the instants of a page's posts (all of them, handed over or not). */
export function notePage(pass: Pass, posts: readonly PostView[]): void {
  for (const post of posts) {
    const t = sortTimeMs(post);
    if (Number.isNaN(t)) continue;
    if (pass.newestMs === undefined || t > pass.newestMs) {
      pass.newestMs = t;
      pass.newestUris = new Set([post.uri]);
    } else if (t === pass.newestMs) pass.newestUris.add(post.uri);
    if (pass.oldestMs === undefined || t < pass.oldestMs) {
      pass.oldestMs = t;
      pass.oldestUris = new Set([post.uri]);
    } else if (t === pass.oldestMs) pass.oldestUris.add(post.uri);
  }
}

/**
 * Moves the pass below the oldest instant read, without a cursor: `until` = that instant + 1 ms,
 * skipping what was read at it. False when that would not move (more posts share one
 * millisecond than a page holds), so the caller stops instead of asking the same page forever.
 */
export function continueBelowOldest(pass: Pass): boolean {
  if (pass.oldestMs === undefined) return false;
  const untilMs = pass.oldestMs + 1;
  const grew = [...pass.oldestUris].some((uri) => !pass.skip.has(uri));
  if (untilMs >= pass.untilMs && !grew) return false;
  pass.untilMs = untilMs;
  for (const uri of pass.oldestUris) pass.skip.add(uri);
  return true;
}

/** The tag's checkpoint while the pass is unfinished: the resume point is below the oldest instant read. */
export function pendingState(prev: BlueskyTagState, pass: Pass): BlueskyTagState {
  if (pass.newestMs === undefined || pass.oldestMs === undefined) return completedState(prev, pass);
  return {
    ...completedFields(prev),
    pending: {
      newest: isoMs(pass.newestMs),
      newestUris: sorted(pass.newestUris),
      until: isoMs(pass.oldestMs + 1),
      skip: sorted(pass.oldestUris),
    },
  };
}

/** The tag's checkpoint once the pass has read down to `sinceMs`: the next pass starts at its newest instant. */
export function completedState(prev: BlueskyTagState, pass: Pass): BlueskyTagState {
  const prevMs = prev.newest === undefined ? undefined : Date.parse(prev.newest);
  if (pass.newestMs === undefined || (prevMs !== undefined && prevMs > pass.newestMs)) return completedFields(prev);
  // Posts at the same instant as last time's newest were stored by either pass.
  const uris = prevMs === pass.newestMs ? new Set([...(prev.newestUris ?? []), ...pass.newestUris]) : pass.newestUris;
  return { newest: isoMs(pass.newestMs), newestUris: sorted(uris) };
}

function completedFields(prev: BlueskyTagState): BlueskyTagState {
  const state: BlueskyTagState = {};
  if (prev.newest !== undefined) state.newest = prev.newest;
  if (prev.newestUris !== undefined) state.newestUris = prev.newestUris;
  return state;
}

/** In a stable order, so that an unchanged checkpoint compares equal. */
function sorted(uris: Iterable<string>): string[] {
  return [...uris].sort();
}
