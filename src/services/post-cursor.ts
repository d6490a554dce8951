import { POST_SORTS, type PostPosition, type PostSort } from '../domain/post-query.js';
import { SOURCE_TYPES } from '../sources/registry.js';
import { badRequest } from '../errors.js';

/**
 * The opaque `cursor` of GET /posts: base64url of `[sort, key, platform, postId]`, the position
 * of the last post of a page. It names its sort, so a cursor of one order is refused by another
 * instead of silently starting somewhere meaningless.
 */

export function encodeCursor(sort: PostSort, position: PostPosition): string {
  return Buffer.from(JSON.stringify([sort, position.key, position.platform, position.postId]), 'utf8').toString('base64url');
}

const invalid = (why: string) => badRequest('Invalid query parameter: cursor', [{ field: 'cursor', message: why }]);

/** The position a cursor names; a 400 naming `cursor` when it is not one this API gave for this sort. */
export function decodeCursor(sort: PostSort, cursor: string): PostPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('is not a cursor this API gave');
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalid('is not a cursor this API gave');
  const [s, key, platform, postId] = parsed as unknown[];
  if (!POST_SORTS.some((x) => x === s)) throw invalid('is not a cursor this API gave');
  if (s !== sort) throw invalid(`was given for sort=${String(s)}, not sort=${sort}`);
  const keyOk = sort === 'engagement' ? typeof key === 'number' && Number.isFinite(key) : typeof key === 'string' && !Number.isNaN(Date.parse(key));
  const source = SOURCE_TYPES.find((t) => t === platform);
  if (!keyOk || !source || typeof postId !== 'string' || postId.length === 0 || postId.length > 200) throw invalid('is not a cursor this API gave');
  return { key: key as number | string, platform: source, postId };
}
