import { describe, expect, it } from 'vitest';
import { backoff } from '../../src/sources/backoff.js';
import { compareIds, maxId, minId } from '../../src/sources/sortable-ids.js';

describe('retry backoff', () => {
  it('doubles from 1 s with half of each wait random', () => {
    expect([1, 2, 3].map((a) => backoff(a, () => 0))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map((a) => backoff(a, () => 1))).toEqual([1000, 2000, 4000]);
  });

  it('never waits more than a minute', () => {
    expect(backoff(30, () => 1)).toBe(60_000);
    expect(backoff(30, () => 0)).toBe(30_000);
  });
});

describe('ids beyond 2^53', () => {
  it('order by length, then digits, without turning into numbers', () => {
    const a = '1613246290000000001';
    const b = '1613246290000000002';
    expect(compareIds(a, b)).toBeLessThan(0);
    expect(compareIds('999', a)).toBeLessThan(0);
    expect(maxId(undefined, a, b, '5')).toBe(b);
    expect(minId(a, undefined, b)).toBe(a);
  });
});
