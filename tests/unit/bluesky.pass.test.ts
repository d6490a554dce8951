import { describe, expect, it } from 'vitest';
import { parseCheckpoint } from '../../src/sources/bluesky/bluesky.checkpoint.js';
import { completedState, continueBelowOldest, isEmpty, notePage, openPass, pendingState } from '../../src/sources/bluesky/bluesky.pass.js';
import { basic, postView, profile } from '../helpers/bluesky.fixtures.js';

const T = Date.parse('2025-03-01T00:00:00.000Z');
const author = basic(profile(1));
const post = (ms: number, clock = 0): ReturnType<typeof postView> => postView({ author, createdAt: ms, text: '#SocMed4SocGood', clock });
const iso = (ms: number): string => new Date(ms).toISOString();

describe('Bluesky pass bookkeeping', () => {
  it('starts at the campaign start, or at the last newest instant skipping what was stored there', () => {
    expect(openPass({}, T, T + 100)).toMatchObject({ sinceMs: T, untilMs: T + 100, skip: new Set() });
    const after = openPass({ newest: iso(T + 50), newestUris: ['at://a'] }, T, T + 100);
    expect(after).toMatchObject({ sinceMs: T + 50, skip: new Set(['at://a']) });
    // The campaign start moved past the last newest: those posts are outside the window anyway.
    expect(openPass({ newest: iso(T + 50), newestUris: ['at://a'] }, T + 60, T + 100).skip).toEqual(new Set());
    expect(isEmpty(openPass({}, T + 100, T + 100))).toBe(true);
  });

  it('records the resume point just below the oldest instant read, and the posts read at it', () => {
    const pass = openPass({}, T, T + 10_000);
    const [a, b, c] = [post(T + 9000), post(T + 5000, 1), post(T + 5000, 2)];
    notePage(pass, [a, b, c]);
    expect(pendingState({}, pass)).toEqual({
      pending: { newest: iso(T + 9000), newestUris: [a.uri], until: iso(T + 5001), skip: [b.uri, c.uri] },
    });
  });

  it('resumes from a pending pass and completes it with the newest instant of the whole pass', () => {
    const prev = {
      newest: iso(T + 1000),
      newestUris: ['at://old'],
      pending: { newest: iso(T + 9000), newestUris: ['at://n'], until: iso(T + 5001), skip: ['at://s'] },
    };
    const pass = openPass(prev, T, T + 99_999);
    expect(pass).toMatchObject({ sinceMs: T + 1000, untilMs: T + 5001, skip: new Set(['at://old', 'at://s']), oldestMs: T + 5000 });
    notePage(pass, [post(T + 3000)]);
    expect(completedState(prev, pass)).toEqual({ newest: iso(T + 9000), newestUris: ['at://n'] });
  });

  it('keeps the last newest when a pass finds nothing, and merges the posts when it ends at the same instant', () => {
    const prev = { newest: iso(T), newestUris: ['at://a'] };
    expect(completedState(prev, openPass(prev, T, T + 10))).toEqual(prev);
    const pass = openPass(prev, T, T + 10);
    const late = post(T, 5);
    notePage(pass, [late]);
    expect(completedState(prev, pass)).toEqual({ newest: iso(T), newestUris: ['at://a', late.uri] });
  });

  it('moves below the oldest instant without a cursor, and refuses to ask the same page again', () => {
    const pass = openPass({}, T, T + 10_000);
    const same = [post(T + 7000, 1), post(T + 7000, 2)];
    notePage(pass, same);
    expect(continueBelowOldest(pass)).toBe(true);
    expect(pass.untilMs).toBe(T + 7001);
    expect(pass.skip).toEqual(new Set(same.map((p) => p.uri)));
    notePage(pass, same);
    expect(continueBelowOldest(pass)).toBe(false);
  });
});

describe('parseCheckpoint', () => {
  it('reads null as a first run and reports a checkpoint it did not write', () => {
    expect(parseCheckpoint(null)).toEqual({ v: 1, tags: {} });
    const why: string[] = [];
    expect(parseCheckpoint({ sinceId: '123' }, (w) => why.push(w))).toEqual({ v: 1, tags: {} });
    expect(parseCheckpoint({ v: 1, tags: { a: { newest: 'yesterday' } } }, (w) => why.push(w))).toEqual({ v: 1, tags: {} });
    expect(why).toHaveLength(2);
    const good = { v: 1, tags: { socmed4socgood: { newest: iso(T), newestUris: ['at://x'] } } };
    expect(parseCheckpoint(good)).toEqual(good);
  });
});
