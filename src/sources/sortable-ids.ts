/**
 * Platform ids that are 64-bit integers written as decimal strings (X snowflakes, Mastodon
 * status ids) exceed 2^53, so they are never turned into JS numbers: they order by length, then
 * lexicographically (which also orders the fixed-length sortable strings some Mastodon-API
 * servers use).
 */

/** Negative, zero or positive as `a` is older than, the same as or newer than `b`. */
export function compareIds(a: string, b: string): number {
  const byLength = a.length - b.length;
  if (byLength !== 0) return byLength;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The newest of the ids given, ignoring `undefined`. */
export function maxId(...ids: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const id of ids) if (id !== undefined && (best === undefined || compareIds(id, best) > 0)) best = id;
  return best;
}

/** The oldest of the ids given, ignoring `undefined`. */
export function minId(...ids: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const id of ids) if (id !== undefined && (best === undefined || compareIds(id, best) < 0)) best = id;
  return best;
}
