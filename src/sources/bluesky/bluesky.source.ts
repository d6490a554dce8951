import type { Logger } from 'pino';
import { normalizeHashtag } from '../../domain/hashtags.js';
import type { CollectContext, CollectedPage, Source } from '../source.port.js';
import { isoMs, parseCheckpoint, type BlueskyCheckpoint } from './bluesky.checkpoint.js';
import { BLUESKY_PROFILES_PER_REQUEST, createBlueskyClient, type BlueskyClient } from './bluesky.client.js';
import { mapPosts } from './bluesky.map.js';
import { completedState, continueBelowOldest, isEmpty, notePage, openPass, pendingState, type Pass } from './bluesky.pass.js';
import type { PostView } from './bluesky.types.js';

export interface BlueskySourceOptions {
  handle: string;
  appPassword: string;
  /** The XRPC root, such as `https://bsky.social/xrpc/`; every request goes there. */
  baseUrl: string;
  logger?: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Per request; 30 s by default. */
  timeoutMs?: number;
}

/** The most posts searchPosts returns per page. */
const BLUESKY_PAGE_SIZE = 100;
/**
 * Posts reach the search index some seconds after they are written, yet sort by when they were
 * written. A pass stops this far short of now, so that the next pass, which starts at this one's
 * newest post, does not leave behind a post that was still on its way.
 */
export const BLUESKY_SETTLE_MS = 60_000;

/** What one run shares across the campaign's hashtags. */
interface Run {
  ctx: CollectContext;
  onPage: (page: CollectedPage) => Promise<void>;
  state: BlueskyCheckpoint;
  /** Posts handed over in this run: a post with two campaign hashtags is found by two passes. */
  seen: Set<string>;
  /** Follower counts read in this run, by did; null when the profile gave none. */
  followers: Map<string, number | null>;
  recorded: string;
  now: () => Date;
  log: Logger | undefined;
}

/**
 * The Bluesky source: `app.bsky.feed.searchPosts` for each campaign hashtag, newest to oldest,
 * with follower counts from `app.bsky.actor.getProfiles`, recording after every page a
 * checkpoint from which the next run continues with no gap and no duplicate (BlueskyCheckpoint).
 */
export function createBlueskySource(opts: BlueskySourceOptions): Source {
  const now = opts.now ?? (() => new Date());
  const client = createBlueskyClient({ ...opts, now });
  const baseLog = opts.logger?.child({ module: 'bluesky.source' });
  return {
    type: 'bluesky',
    collect: (ctx, onPage) => collectCampaign(client, ctx, onPage, now, baseLog),
  };
}

async function collectCampaign(
  client: BlueskyClient,
  ctx: CollectContext,
  onPage: (page: CollectedPage) => Promise<void>,
  now: () => Date,
  log: Logger | undefined,
): Promise<void> {
  const start = parseCheckpoint(ctx.checkpoint, (why) => log?.warn({ why }, 'unreadable Bluesky checkpoint; starting from the campaign start'));
  const tags = campaignTags(ctx.campaign.hashtags);
  const endMs = ctx.campaign.endsAt === null ? Infinity : Date.parse(ctx.campaign.endsAt);
  const boundMs = Math.min(endMs, now().getTime() - BLUESKY_SETTLE_MS);
  const startsAtMs = Date.parse(ctx.campaign.startsAt);
  // Hashtags the campaign no longer has are dropped from the checkpoint.
  const state: BlueskyCheckpoint = { v: 1, tags: Object.fromEntries(tags.map(({ key }) => [key, start.tags[key] ?? {}])) };
  const run: Run = { ctx, onPage, state, seen: new Set(), followers: new Map(), recorded: JSON.stringify(start), now, log };

  for (const { key, tag } of tags) {
    const prev = state.tags[key] ?? {};
    const pass = openPass(prev, startsAtMs, boundMs);
    if (isEmpty(pass)) {
      // Nothing to read (the campaign has not started, or its start moved past an interrupted pass).
      state.tags[key] = completedState(prev, pass);
      continue;
    }
    if (prev.pending) log?.info({ tag: key, until: prev.pending.until }, 'resuming an interrupted Bluesky pass');
    await collectTag(client, run, key, tag, pass);
  }
  // Every pass ended on a page that recorded its state, unless none had anything to read: record
  // the closed or dropped tags then (emit skips an unchanged checkpoint).
  await emit(run, [], 0, 0);
}

async function collectTag(client: BlueskyClient, run: Run, key: string, tag: string, pass: Pass): Promise<void> {
  const prev = run.state.tags[key] ?? {};
  let cursor: string | undefined;
  for (;;) {
    const res = await client.searchPosts(
      // The parameters stay the same while a cursor is followed: the cursor is an offset into them.
      // `q` repeats the tag because searchPosts requires a query; the `tag` filter is the exact one.
      { q: `#${tag}`, tag: [tag], sort: 'latest', since: isoMs(pass.sinceMs), until: isoMs(pass.untilMs), limit: BLUESKY_PAGE_SIZE, cursor },
      run.ctx.signal,
    );
    notePage(pass, res.posts);
    const fresh = res.posts.filter((p) => !pass.skip.has(p.uri) && !run.seen.has(p.uri));
    for (const p of fresh) run.seen.add(p.uri);

    let more = false;
    if (res.cursor !== undefined && res.posts.length > 0) {
      cursor = res.cursor;
      more = true;
    } else if (res.posts.length >= BLUESKY_PAGE_SIZE) {
      // A full page without a cursor: search hands out cursors only so deep (10,000 results).
      cursor = undefined;
      more = continueBelowOldest(pass);
      if (!more) run.log?.warn({ tag: key, at: pass.oldestMs }, 'more Bluesky posts share one millisecond than a page holds; the rest are skipped');
    }
    run.state.tags[key] = more ? pendingState(prev, pass) : completedState(prev, pass);
    const users = await readFollowers(client, run, fresh);
    await emit(run, fresh, res.posts.length, users);
    run.log?.debug({ tag: key, posts: res.posts.length, new: fresh.length, more }, 'Bluesky page stored');
    if (!more) return;
  }
}

/** Reads the follower counts of the page's authors not read yet in this run; returns the profiles read. */
async function readFollowers(client: BlueskyClient, run: Run, posts: readonly PostView[]): Promise<number> {
  const dids = [...new Set(posts.map((p) => p.author.did))].filter((did) => !run.followers.has(did));
  let read = 0;
  for (let i = 0; i < dids.length; i += BLUESKY_PROFILES_PER_REQUEST) {
    const chunk = dids.slice(i, i + BLUESKY_PROFILES_PER_REQUEST);
    const profiles = await client.getProfiles(chunk, run.ctx.signal);
    read += profiles.length;
    // A deleted or taken-down account has no profile: its followers stay unknown.
    for (const did of chunk) run.followers.set(did, null);
    for (const p of profiles) run.followers.set(p.did, typeof p.followersCount === 'number' ? p.followersCount : null);
  }
  return read;
}

async function emit(run: Run, posts: readonly PostView[], read: number, users: number): Promise<void> {
  const checkpoint = structuredClone(run.state);
  const serialized = JSON.stringify(checkpoint);
  if (posts.length === 0 && serialized === run.recorded) return;
  const followers = new Map<string, number>();
  for (const [did, n] of run.followers) if (n !== null) followers.set(did, n);
  const batch = mapPosts(posts, run.now(), followers);
  await run.onPage({ ...batch, checkpoint, read: { posts: read, users } });
  run.recorded = serialized;
}

/** The campaign's hashtags without `#`, as written (sent to search) and normalised (checkpoint key), once each. */
function campaignTags(hashtags: readonly string[]): { key: string; tag: string }[] {
  const tags = new Map<string, string>();
  for (const written of hashtags) {
    const tag = written.trim().replace(/^[#＃]/, '');
    const key = normalizeHashtag(tag);
    if (key !== '' && !tags.has(key)) tags.set(key, tag);
  }
  return [...tags].map(([key, tag]) => ({ key, tag }));
}
