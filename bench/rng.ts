/**
 * A small seeded PRNG (mulberry32) for the bench data: runs repeat exactly, and `forIndex` gives
 * every post its own stream, so post i can be regenerated without generating posts 0..i-1.
 */
export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** An index drawn with the given cumulative weights (ascending, last = total). */
  cumulative(cum: readonly number[]): number;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
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
