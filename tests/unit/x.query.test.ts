import { describe, expect, it } from 'vitest';
import { compareIds, maxId, minId, snowflakeFromTime, snowflakeTime } from '../../src/sources/x/x.ids.js';
import { buildSearchQueries, passEndTime, searchWindow } from '../../src/sources/x/x.query.js';

describe('buildSearchQueries', () => {
  it('ORs the hashtags, excludes retweets and drops case-insensitive duplicates', () => {
    expect(buildSearchQueries(['#SocMed4SocGood'])).toEqual(['#SocMed4SocGood -is:retweet']);
    expect(buildSearchQueries(['#SocMed4SocGood', 'socmed4socgood', '#InternetSehat'])).toEqual(['(#SocMed4SocGood OR #InternetSehat) -is:retweet']);
  });

  it('splits into several queries, none longer than the limit', () => {
    const tags = Array.from({ length: 40 }, (_, i) => `#LiterasiDigitalNusantara${i}`);
    const queries = buildSearchQueries(tags);
    expect(queries.length).toBe(3);
    for (const q of queries) expect(q.length).toBeLessThanOrEqual(512);
    expect(queries.join(' ').match(/#\w+/g)).toEqual(tags);
    expect(buildSearchQueries(['#abc', '#def', '#ghi'], 30)).toEqual(['(#abc OR #def) -is:retweet', '#ghi -is:retweet']);
  });
});

describe('searchWindow', () => {
  const now = new Date('2025-01-20T12:00:00.500Z');

  it('starts at the campaign start, or 7 days minus a minute ago when that is later', () => {
    expect(searchWindow({ startsAt: '2025-01-18T00:00:00+07:00', endsAt: null }, now)).toEqual({ startTime: '2025-01-17T17:00:00Z' });
    expect(searchWindow({ startsAt: '2015-01-13T00:00:00+07:00', endsAt: null }, now)).toEqual({ startTime: '2025-01-13T12:01:01Z' });
  });

  it('ends at the campaign end once it is past, never later than 10 seconds ago', () => {
    expect(searchWindow({ startsAt: '2025-01-18T00:00:00Z', endsAt: '2025-01-19T00:00:00Z' }, now)).toEqual({
      startTime: '2025-01-18T00:00:00Z',
      endTime: '2025-01-19T00:00:00Z',
    });
    expect(searchWindow({ startsAt: '2025-01-18T00:00:00Z', endsAt: '2025-01-20T11:59:55Z' }, now)?.endTime).toBe('2025-01-20T11:59:50Z');
    expect(searchWindow({ startsAt: '2025-01-18T00:00:00Z', endsAt: '2025-02-01T00:00:00Z' }, now)?.endTime).toBeUndefined();
  });

  it('is null when recent search cannot reach the campaign', () => {
    expect(searchWindow({ startsAt: '2025-01-01T00:00:00Z', endsAt: '2025-01-10T00:00:00Z' }, now)).toBeNull();
    expect(searchWindow({ startsAt: '2025-01-21T00:00:00Z', endsAt: null }, now)).toBeNull();
  });

  it('pins one upper bound for a pass over several queries', () => {
    expect(passEndTime({ startTime: '2025-01-18T00:00:00Z' }, now)).toBe('2025-01-20T11:59:30Z');
    expect(passEndTime({ startTime: '2025-01-18T00:00:00Z', endTime: '2025-01-19T00:00:00Z' }, now)).toBe('2025-01-19T00:00:00Z');
  });
});

describe('tweet ids', () => {
  it('compares ids beyond 2^53 exactly', () => {
    expect(compareIds('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
    expect(compareIds('999', '1000')).toBeLessThan(0);
    expect(maxId(undefined, '1879412345678901250', '1879412345678901251')).toBe('1879412345678901251');
    expect(minId('1879412345678901250', undefined, '987')).toBe('987');
  });

  it('reads and writes the time in a snowflake', () => {
    // X's documentation example: tweet 1050118621198921728, created "Wed Oct 10 20:19:24 +0000 2018".
    expect(snowflakeTime('1050118621198921728').toISOString()).toBe('2018-10-10T20:19:24.211Z');
    const id = snowflakeFromTime(Date.parse('2015-01-13T02:00:00.000Z'), 42);
    expect(snowflakeTime(id).toISOString()).toBe('2015-01-13T02:00:00.000Z');
  });
});
