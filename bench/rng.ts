import { seededRandom, type SeededRandom } from '../src/demo/seeded-random.js';

/**
 * The bench data's generator: the demo's seeded one (runs repeat exactly) plus cumulative
 * weights; `forIndex` gives every post its own stream, so post i can be regenerated without
 * generating posts 0..i-1.
 */
export interface Rng extends SeededRandom {
  /** An index drawn with the given cumulative weights (ascending, last = total). */
  cumulative(cum: readonly number[]): number;
}

export function createRng(seed: number): Rng {
  const base = seededRandom(seed);
  const { next } = base;
  return {
    ...base,
    cumulative: (cum) => {
      const r = next() * (cum[cum.length - 1] ?? 0);
      // Binary search: the city table has 514 entries and is drawn from a million times.
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cum[mid] ?? 0) > r) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  };
}

/** The stream of one item of a data set: independent of every other item's. */
export function forIndex(seed: number, index: number): Rng {
  return createRng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
}

/** Cumulative weights of a Zipf-like law over n items: item k weighs 1 / (k + 1)^s. */
export function zipfCumulative(n: number, s: number): number[] {
  const cum: number[] = [];
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / (k + 1) ** s;
    cum.push(total);
  }
  return cum;
}
