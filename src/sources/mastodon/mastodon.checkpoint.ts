import { z } from 'zod';

const statusId = z.string().min(1).max(64);

/**
 * The pass in progress on one stream: statuses older than `maxId` and newer than the stream's
 * `sinceId` are still to read; `newestId` becomes the stream's `sinceId` once the pass ends.
 */
const pendingSchema = z.object({ newestId: statusId, maxId: statusId });

/** One instance and one hashtag: `sinceId` is the newest status id of the last complete pass. */
const streamSchema = z.object({ sinceId: statusId.optional(), pending: pendingSchema.optional() });

const checkpointSchema = z.object({
  /** Instance host → normalised hashtag (lower-case, no `#`) → stream. */
  instances: z.record(z.string(), z.record(z.string(), streamSchema)),
});

/**
 * What the Mastodon source records after each page, for every instance and hashtag of the
 * campaign at once (the store keeps one checkpoint per campaign and source). A pass reads one
 * stream newest to oldest with `max_id`; a run cut off mid-pass resumes at `pending.maxId`
 * with no gap, and statuses that arrived meanwhile wait for the next pass (they are newer than
 * `pending.newestId`), so none is read twice.
 */
export type MastodonCheckpoint = z.infer<typeof checkpointSchema>;
export type MastodonStreamState = z.infer<typeof streamSchema>;

/**
 * The checkpoint read back from the store; null (first run) gives an empty checkpoint. One this
 * source did not write is reported through `onInvalid` and read as a first run: re-reading from
 * the campaign start only costs requests (posts are upserted), while refusing would stop it.
 */
export function parseMastodonCheckpoint(value: unknown, onInvalid?: (why: string) => void): MastodonCheckpoint {
  if (value === null || value === undefined) return { instances: {} };
  const parsed = checkpointSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  onInvalid?.(z.prettifyError(parsed.error));
  return { instances: {} };
}

/** The recorded state of one stream, or an empty one (a stream never read). */
export function streamState(checkpoint: MastodonCheckpoint, host: string, hashtag: string): MastodonStreamState {
  return checkpoint.instances[host]?.[hashtag] ?? {};
}

/** A copy of the checkpoint with one stream replaced; the others are kept as they are. */
export function withStream(checkpoint: MastodonCheckpoint, host: string, hashtag: string, state: MastodonStreamState): MastodonCheckpoint {
  return { instances: { ...checkpoint.instances, [host]: { ...checkpoint.instances[host], [hashtag]: state } } };
}
