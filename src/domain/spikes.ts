/**
 * Spikes (METRICS.md, "spikes"): a bucket is a spike when its posts exceed both `factor` × the
 * median of the buckets of the preceding 7 days (same interval) and that median plus 3 median
 * absolute deviations; `expected` is that median. One rule, used by `metrics/spikes` and by the
 * `volume_spike` alert.
 */

export type SpikeInterval = 'day' | 'hour';

export interface VolumeBucket {
  /** The bucket's start (ISO date for days, ISO hour for hours): opaque here, kept as given. */
  readonly bucket: string;
  readonly posts: number;
}

export interface SpikePoint extends VolumeBucket {
  /** The median of the preceding 7 days' buckets. */
  readonly expected: number;
  /** How far above the usual level: (posts − expected) / max(MAD, 1). */
  readonly score: number;
}

/** Buckets in the 7 days before one bucket. */
export const HISTORY_BUCKETS: Readonly<Record<SpikeInterval, number>> = { day: 7, hour: 7 * 24 };

/**
 * Fewest preceding buckets a judgement needs: with less history there is no usual level to stand
 * above (the first days of a campaign are never spikes).
 */
export const MIN_HISTORY_BUCKETS: Readonly<Record<SpikeInterval, number>> = { day: 3, hour: 24 };

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median absolute deviation around `centre`. */
export function medianAbsoluteDeviation(values: readonly number[], centre: number): number {
  return median(values.map((v) => Math.abs(v - centre)));
}

/** Judges one bucket against the buckets before it (oldest first; only the last 7 days' worth count). */
export function judgeBucket(current: VolumeBucket, preceding: readonly number[], interval: SpikeInterval, factor: number): SpikePoint | undefined {
  const history = preceding.slice(-HISTORY_BUCKETS[interval]);
  if (history.length < MIN_HISTORY_BUCKETS[interval]) return undefined;
  const expected = median(history);
  const mad = medianAbsoluteDeviation(history, expected);
  if (current.posts > factor * expected && current.posts > expected + 3 * mad) {
    return { bucket: current.bucket, posts: current.posts, expected, score: (current.posts - expected) / Math.max(mad, 1) };
  }
  return undefined;
}

/**
 * The spikes of a dense series (one entry per bucket, empty buckets as 0 posts, oldest first):
 * each bucket judged against the 7 days before it within the series.
 */
export function detectSpikes(series: readonly VolumeBucket[], interval: SpikeInterval, factor: number): SpikePoint[] {
  const spikes: SpikePoint[] = [];
  const counts = series.map((b) => b.posts);
  const window = HISTORY_BUCKETS[interval];
  series.forEach((b, i) => {
    const point = judgeBucket(b, counts.slice(Math.max(0, i - window), i), interval, factor);
    if (point) spikes.push(point);
  });
  return spikes;
}
