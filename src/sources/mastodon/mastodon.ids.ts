/**
 * Mastodon status ids are decimal strings of 64-bit integers (a millisecond timestamp shifted
 * left 16 bits), too large for JS numbers; other servers speaking the Mastodon API use
 * fixed-length sortable strings. Both order correctly by length, then lexicographically.
 */

/** Negative, zero or positive as `a` is older than, the same as or newer than `b`. */
export function compareStatusIds(a: string, b: string): number {
  const byLength = a.length - b.length;
  if (byLength !== 0) return byLength;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The newest of the ids given, ignoring `undefined`. */
export function newestStatusId(...ids: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const id of ids) if (id !== undefined && (best === undefined || compareStatusIds(id, best) > 0)) best = id;
  return best;
}

/** The oldest of the ids given, ignoring `undefined`. */
export function oldestStatusId(...ids: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const id of ids) if (id !== undefined && (best === undefined || compareStatusIds(id, best) < 0)) best = id;
  return best;
}
