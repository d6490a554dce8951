import type { XSearchResponse } from './x.types.js';

/**
 * Checks that a 2xx body has the shape the mapper relies on, so that a proxy's HTML page or a
 * truncated payload fails the run with a clear message instead of storing half a page.
 */
export function parseXResponse(body: unknown, what: string): XSearchResponse {
  const fail = (why: string): never => {
    throw new Error(`X returned a malformed response to ${what}: ${why}`);
  };
  if (typeof body === 'string') fail(`expected a JSON object, got text ${JSON.stringify(body.slice(0, 80))}`);
  if (!isObject(body)) fail(`expected a JSON object, got ${body === undefined ? 'an empty body' : JSON.stringify(body)}`);
  const record = body as Record<string, unknown>;

  const data = record.data;
  if (data !== undefined) {
    if (!Array.isArray(data)) fail('"data" is not an array');
    (data as unknown[]).forEach((tweet, i) => {
      if (!isObject(tweet) || typeof tweet.id !== 'string' || typeof tweet.text !== 'string') fail(`data[${i}] has no string "id" and "text"`);
    });
  }
  const includes = record.includes;
  if (includes !== undefined) {
    if (!isObject(includes)) fail('"includes" is not an object');
    for (const key of ['users', 'places', 'tweets'] as const) {
      const list = (includes as Record<string, unknown>)[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) fail(`"includes.${key}" is not an array`);
      (list as unknown[]).forEach((item, i) => {
        if (!isObject(item) || typeof item.id !== 'string') fail(`includes.${key}[${i}] has no string "id"`);
      });
    }
  }
  const meta = record.meta;
  if (meta !== undefined && !isObject(meta)) fail('"meta" is not an object');
  if (isObject(meta) && meta.next_token !== undefined && typeof meta.next_token !== 'string') fail('"meta.next_token" is not a string');
  return body as XSearchResponse;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
