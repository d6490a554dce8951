const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;

/**
 * The wait before retry `attempt` (1-based) of a failed platform request: exponential from 1 s
 * to at most 60 s, with "equal jitter" (half fixed, half random) so that workers retrying the
 * same outage spread out instead of hammering the platform together.
 */
export function backoff(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
