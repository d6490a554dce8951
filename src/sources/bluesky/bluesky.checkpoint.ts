import { z } from 'zod';

/**
 * What the Bluesky source records after each page, per campaign hashtag (lower-case, no `#`).
 *
 * Instants are the search service's sort time (`createdAt`, capped at `indexedAt`), as ISO
 * strings with milliseconds. `since` is inclusive on the server, so the posts already stored at
 * the newest instant are listed and dropped when the next pass reads that instant again.
 *
 * A pass reads newest to oldest. A run cut off mid-pass records a cursor-free resume point
 * (search cursors are offsets that go stale as posts arrive): the next request asks for
 * `until` = that instant + 1 ms (until is exclusive) and drops the posts already handed over
 * at that instant, so a post sharing the cut's millisecond is neither lost nor repeated.
 */

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO instant');
const uris = z.array(z.string().startsWith('at://'));

const pendingSchema = z.object({
  /** The newest instant read so far in this pass, and the posts at it. */
  newest: instant,
  newestUris: uris,
  /** Exclusive upper bound of what is left to read. */
  until: instant,
  /** Posts already handed over at the millisecond just before `until`. */
  skip: uris,
});

const tagSchema = z.object({
  /** The newest instant of the last complete pass; the next pass starts there. */
  newest: instant.optional(),
  newestUris: uris.optional(),
  pending: pendingSchema.optional(),
});

const checkpointSchema = z.object({ v: z.literal(1), tags: z.record(z.string(), tagSchema) });

export type BlueskyCheckpoint = z.infer<typeof checkpointSchema>;
export type BlueskyTagState = z.infer<typeof tagSchema>;

/** A first run's checkpoint: no hashtag read yet. */
function emptyCheckpoint(): BlueskyCheckpoint {
  return { v: 1, tags: {} };
}

/**
 * The checkpoint read back from the store; null (first run) gives an empty one. One this source
 * did not write is reported through `onInvalid` and read as a first run: re-reading the campaign
 * only costs requests (posts are upserted), while refusing would stop the campaign for good.
 */
export function parseCheckpoint(value: unknown, onInvalid?: (why: string) => void): BlueskyCheckpoint {
  if (value === null || value === undefined) return emptyCheckpoint();
  const parsed = checkpointSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  onInvalid?.(z.prettifyError(parsed.error));
  return emptyCheckpoint();
}

/** The ISO form used in checkpoints and requests (always UTC with milliseconds). */
export function isoMs(ms: number): string {
  return new Date(ms).toISOString();
}
