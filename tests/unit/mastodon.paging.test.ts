import { describe, expect, it } from 'vitest';
import { parseMastodonCheckpoint, withStream } from '../../src/sources/mastodon/mastodon.checkpoint.js';
import { instanceBaseUrl } from '../../src/sources/mastodon/mastodon.client.js';
import { parseLinkHeader, parseRateLimit } from '../../src/sources/mastodon/mastodon.headers.js';
import { compareStatusIds, newestStatusId, oldestStatusId } from '../../src/sources/mastodon/mastodon.ids.js';

describe('parseLinkHeader', () => {
  it('reads the next and prev cursors of a header as Mastodon writes it', () => {
    const header =
      '<https://mastodon.social/api/v1/timelines/tag/socmed4socgood?limit=40&max_id=113812345678901250>; rel="next", ' +
      '<https://mastodon.social/api/v1/timelines/tag/socmed4socgood?limit=40&min_id=113812999999999999>; rel="prev"';
    expect(parseLinkHeader(header)).toEqual({
      next: { maxId: '113812345678901250', url: 'https://mastodon.social/api/v1/timelines/tag/socmed4socgood?limit=40&max_id=113812345678901250' },
      prev: { minId: '113812999999999999', url: 'https://mastodon.social/api/v1/timelines/tag/socmed4socgood?limit=40&min_id=113812999999999999' },
    });
  });

  it('accepts unquoted, multi-valued and reordered parameters, and ignores what it cannot read', () => {
    expect(parseLinkHeader('<https://a.example/x?max_id=5>;rel=next;title="older"').next?.maxId).toBe('5');
    expect(parseLinkHeader('<https://a.example/x?since_id=9>; title="x"; rel="prev alternate"').prev?.sinceId).toBe('9');
    expect(parseLinkHeader('<not a url>; rel="next"')).toEqual({});
    expect(parseLinkHeader(null)).toEqual({});
    expect(parseLinkHeader('')).toEqual({});
  });
});

describe('parseRateLimit', () => {
  it('reads rack-attack headers, with Reset as an ISO instant with microseconds', () => {
    const headers = new Headers({ 'X-RateLimit-Limit': '300', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '2025-01-15T03:25:00.123456Z' });
    expect(parseRateLimit(headers)).toEqual({ limit: 300, remaining: 0, resetMs: Date.parse('2025-01-15T03:25:00.123Z') });
  });

  it('accepts a Reset in Unix seconds and leaves garbled or missing values out', () => {
    expect(parseRateLimit(new Headers({ 'x-ratelimit-reset': '1736911500' }))).toEqual({ resetMs: 1736911500000 });
    expect(parseRateLimit(new Headers({ 'x-ratelimit-remaining': 'lots', 'x-ratelimit-reset': 'soon' }))).toEqual({});
  });
});

describe('status ids', () => {
  it('orders ids beyond 2^53 exactly', () => {
    expect(compareStatusIds('113812345678901251', '113812345678901250')).toBeGreaterThan(0);
    expect(compareStatusIds('99', '100')).toBeLessThan(0);
    expect(newestStatusId(undefined, '113812345678901250', '113812345678901251')).toBe('113812345678901251');
    expect(oldestStatusId('113812345678901250', undefined, '9')).toBe('9');
  });
});

describe('instanceBaseUrl', () => {
  it('uses https for a host name and keeps an http(s) URL as given', () => {
    expect(instanceBaseUrl('Mastodon.Social')).toBe('https://mastodon.social');
    expect(instanceBaseUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
    expect(instanceBaseUrl('https://social.example/mastodon/')).toBe('https://social.example/mastodon');
  });
});

describe('parseMastodonCheckpoint', () => {
  it('reads back what the source writes, and a missing checkpoint as a first run', () => {
    const written = withStream({ instances: {} }, 'mastodon.social', 'socmed4socgood', { sinceId: '10', pending: { newestId: '30', maxId: '20' } });
    expect(parseMastodonCheckpoint(JSON.parse(JSON.stringify(written)))).toEqual(written);
    expect(parseMastodonCheckpoint(null)).toEqual({ instances: {} });
  });

  it('reports a checkpoint it cannot read and starts over', () => {
    const reasons: string[] = [];
    expect(parseMastodonCheckpoint({ sinceId: '1879412345678901250' }, (why) => reasons.push(why))).toEqual({ instances: {} });
    expect(parseMastodonCheckpoint({ instances: { a: { b: { pending: { newestId: '1' } } } } }, (why) => reasons.push(why))).toEqual({ instances: {} });
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toContain('instances');
  });

  it('replaces one stream and keeps the others', () => {
    const one = withStream({ instances: {} }, 'a.example', 'x', { sinceId: '1' });
    const two = withStream(one, 'a.example', 'y', { sinceId: '2' });
    expect(withStream(two, 'b.example', 'x', {})).toEqual({ instances: { 'a.example': { x: { sinceId: '1' }, y: { sinceId: '2' } }, 'b.example': { x: {} } } });
    expect(one).toEqual({ instances: { 'a.example': { x: { sinceId: '1' } } } });
  });
});
