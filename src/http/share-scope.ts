import { DateTime } from 'luxon';
import type { ShareLink } from '../domain/account.js';
import { badRequest } from '../errors.js';

/**
 * A share link made for one period shows that period and nothing outside it: a request's `from`
 * and `to` (dates in the campaign's zone, or instants) are narrowed to the link's, and set to them
 * when absent. Queries without a range (a route that takes none) pass through.
 */
export function narrowToLink<Q>(query: Q, link: Pick<ShareLink, 'from' | 'to'>, zone: string): Q {
  if (typeof query !== 'object' || query === null || (link.from === null && link.to === null)) return query;
  const q = query as Record<string, unknown>;
  const instant = (v: unknown, endOfDay: boolean): number | undefined => {
    if (typeof v !== 'string') return undefined;
    const t = v.length === 10 ? DateTime.fromISO(v, { zone }).plus(endOfDay ? { days: 1 } : {}) : DateTime.fromISO(v, { setZone: true });
    return t.isValid && Number.isFinite(t.toMillis()) ? t.toMillis() : undefined;
  };
  // A value that names no instant (`from=garbage`, a repeated `from`) is the caller's mistake: a 400, never a
  // 500 from an invalid date, nor a period widened by a value the narrowing could not read.
  for (const field of ['from', 'to'] as const) {
    if (q[field] !== undefined && instant(q[field], field === 'to') === undefined) {
      throw badRequest(`Invalid query parameter: ${field}`, [{ field, message: 'must be a date (YYYY-MM-DD) or an ISO 8601 instant with an offset' }]);
    }
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  const out: Record<string, unknown> = { ...q };
  if (link.from !== null) {
    const asked = instant(q.from, false);
    out.from = iso(Math.max(asked ?? -Infinity, Date.parse(link.from)));
  }
  if (link.to !== null) {
    const asked = instant(q.to, true);
    out.to = iso(Math.min(asked ?? Infinity, Date.parse(link.to)));
  }
  return out as Q;
}
