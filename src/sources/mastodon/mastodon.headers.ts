/**
 * The two response headers Mastodon paginates and throttles with, read as a real server sends
 * them: `Link` (RFC 8288, as Rails' LinkHeader writes it) and `X-RateLimit-*` (rack-attack).
 */

/** The paging parameters of a `Link` target; Mastodon puts its cursors in the query string. */
interface MastodonCursor {
  maxId?: string;
  minId?: string;
  sinceId?: string;
  url: string;
}

/** The `rel="next"` (older) and `rel="prev"` (newer) targets of a `Link` header. */
export interface MastodonLinks {
  next?: MastodonCursor;
  prev?: MastodonCursor;
}

/**
 * Parses `<https://host/api/v1/timelines/tag/x?max_id=1>; rel="next", <…?min_id=2>; rel="prev"`.
 * Tolerates unquoted and multi-valued `rel`, extra parameters, and absent or garbled headers
 * (Mastodon sends no `Link` at all with an empty page).
 */
export function parseLinkHeader(header: string | null | undefined): MastodonLinks {
  const links: MastodonLinks = {};
  if (!header) return links;
  // A URL is between <>, so commas and semicolons inside it do not split anything.
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,<]*)*)/g)) {
    const target = match[1] ?? '';
    const rels = relValues(match[2] ?? '');
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      continue;
    }
    const cursor: MastodonCursor = { url: url.toString() };
    const maxId = url.searchParams.get('max_id');
    const minId = url.searchParams.get('min_id');
    const sinceId = url.searchParams.get('since_id');
    if (maxId) cursor.maxId = maxId;
    if (minId) cursor.minId = minId;
    if (sinceId) cursor.sinceId = sinceId;
    if (rels.includes('next') && !links.next) links.next = cursor;
    if (rels.includes('prev') && !links.prev) links.prev = cursor;
  }
  return links;
}

function relValues(params: string): string[] {
  for (const param of params.split(';')) {
    const m = /^\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))\s*$/i.exec(param);
    if (m) return (m[1] ?? m[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  }
  return [];
}

/** A response's rate-limit window; a field stays absent when the header is missing or garbled. */
export interface MastodonRateLimit {
  limit?: number;
  remaining?: number;
  /** When the window resets, ms since the epoch. */
  resetMs?: number;
}

/**
 * Reads `X-RateLimit-Limit`, `-Remaining` and `-Reset`. Mastodon writes Reset as an ISO 8601
 * instant with microseconds (`2025-01-13T02:05:00.000000Z`); a number is accepted too, as Unix
 * seconds, because some servers speaking the Mastodon API send that instead.
 */
export function parseRateLimit(headers: Headers): MastodonRateLimit {
  const out: MastodonRateLimit = {};
  const limit = integer(headers.get('x-ratelimit-limit'));
  const remaining = integer(headers.get('x-ratelimit-remaining'));
  const resetMs = instantMs(headers.get('x-ratelimit-reset'));
  if (limit !== undefined) out.limit = limit;
  if (remaining !== undefined) out.remaining = remaining;
  if (resetMs !== undefined) out.resetMs = resetMs;
  return out;
}

function integer(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

function instantMs(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
