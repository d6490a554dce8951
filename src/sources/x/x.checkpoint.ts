import { z } from 'zod';
import { isTweetId } from './x.ids.js';

const tweetId = z.string().refine(isTweetId, 'not a tweet id');

/** The pass in progress: the part older than `untilId` and newer than `sinceId` is still to read. */
const pendingSchema = z.object({
  sinceId: tweetId.optional(),
  newestId: tweetId,
  untilId: tweetId.optional(),
  /** Index of the query being read, when the hashtags needed several queries. */
  query: z.number().int().min(0).optional(),
  /** The upper bound shared by every query of a pass over several queries. */
  endTime: z.string().optional(),
});

const checkpointSchema = z.object({ sinceId: tweetId.optional(), pending: pendingSchema.optional() });

/**
 * What the X source records after each page. A pass reads newest to oldest; a run cut off
 * mid-pass resumes with `until_id = pending.untilId` (a pagination token can expire).
 */
export type XCheckpoint = z.infer<typeof checkpointSchema>;
export type XPendingPass = z.infer<typeof pendingSchema>;

/**
 * The checkpoint read back from the store; null (first run) gives an empty checkpoint. One this
 * source did not write is reported through `onInvalid` and read as a first run: re-reading the
 * reachable 7 days only costs reads (posts are upserted), while refusing would stop the campaign.
 */
export function parseCheckpoint(value: unknown, onInvalid?: (why: string) => void): XCheckpoint {
  if (value === null || value === undefined) return {};
  const parsed = checkpointSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  onInvalid?.(z.prettifyError(parsed.error));
  return {};
}
