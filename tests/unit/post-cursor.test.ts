import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { decodeCursor, encodeCursor } from '../../src/services/post-cursor.js';

const cursorError = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err instanceof AppError ? { status: err.status, details: err.details } : err;
  }
  throw new Error('no error');
};

describe('post cursor', () => {
  it('round-trips a position as opaque base64url', () => {
    const position = { key: 1234, platform: 'bluesky' as const, postId: '3k2a"/é' };
    const c = encodeCursor('engagement', position);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('engagement', c)).toEqual(position);
    const recent = { key: '2015-01-13T02:00:00.000Z', platform: 'x' as const, postId: '1' };
    expect(decodeCursor('recent', encodeCursor('recent', recent))).toEqual(recent);
  });

  it.each([
    ['not base64 JSON', 'bm90LWpzb24'],
    ['another sort', encodeCursor('recent', { key: '2015-01-13T02:00:00.000Z', platform: 'x', postId: '1' })],
    ['a wrong key type', Buffer.from(JSON.stringify(['engagement', '12', 'x', '1'])).toString('base64url')],
    ['an unknown platform', Buffer.from(JSON.stringify(['engagement', 12, 'myspace', '1'])).toString('base64url')],
    ['an empty post id', Buffer.from(JSON.stringify(['engagement', 12, 'x', ''])).toString('base64url')],
    ['an object', Buffer.from(JSON.stringify({ sort: 'engagement' })).toString('base64url')],
  ])('refuses %s with a 400 naming cursor', (_, cursor) => {
    expect(cursorError(() => decodeCursor('engagement', cursor))).toMatchObject({ status: 400, details: [{ field: 'cursor' }] });
  });
});
