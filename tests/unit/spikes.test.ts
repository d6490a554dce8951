import { describe, expect, it } from 'vitest';
import { detectSpikes, judgeBucket, median, medianAbsoluteDeviation } from '../../src/domain/spikes.js';

const days = (counts: number[]) => counts.map((posts, i) => ({ bucket: `2026-01-${String(i + 1).padStart(2, '0')}`, posts }));

describe('spikes (METRICS.md)', () => {
  it('median and MAD', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
    expect(medianAbsoluteDeviation([1, 2, 3, 4, 100], 3)).toBe(1);
  });

  it('flags a day above factor × median and median + 3 MAD, with the median as expected', () => {
    const spikes = detectSpikes(days([10, 12, 9, 11, 10, 13, 10, 40, 11]), 'day', 2);
    expect(spikes).toEqual([{ bucket: '2026-01-08', posts: 40, expected: 10, score: 30 }]);
  });

  it('needs both conditions: above factor × median but within 3 MAD is not a spike', () => {
    // Preceding: median 10, MAD 5 → threshold 25 by MAD, 20 by factor 2.
    expect(judgeBucket({ bucket: 'b', posts: 24 }, [5, 15, 5, 15, 10, 20, 0], 'day', 2)).toBeUndefined();
    expect(judgeBucket({ bucket: 'b', posts: 26 }, [5, 15, 5, 15, 10, 20, 0], 'day', 2)?.expected).toBe(10);
  });

  it('only the 7 days before count, and the first days of a series are never judged', () => {
    expect(detectSpikes(days([0, 0, 50]), 'day', 2)).toEqual([]);
    // 100s long ago fall out of the window: day 11 is judged against days 4–10 (all 1).
    const spikes = detectSpikes(days([100, 100, 100, 1, 1, 1, 1, 1, 1, 1, 5]), 'day', 2);
    expect(spikes.map((s) => s.bucket)).toEqual(['2026-01-11']);
  });

  it('hours look back 168 buckets and need a day of history', () => {
    const hours = Array.from({ length: 30 }, (_, i) => ({ bucket: `h${i}`, posts: i === 29 ? 9 : 2 }));
    expect(detectSpikes(hours, 'hour', 3).map((s) => s.bucket)).toEqual(['h29']);
    expect(detectSpikes(hours.slice(0, 20).concat([{ bucket: 'early', posts: 50 }]), 'hour', 3)).toEqual([]);
  });
});
