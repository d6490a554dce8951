import type { Logger } from 'pino';
import { createOutboundFetch, refusalOf, type OutboundOptions } from '../../net/outbound-fetch.js';
import type { Campaign } from '../../domain/campaign.js';
import { normalizedHashtags } from '../../domain/hashtags.js';
import { ResponseTooLargeError } from '../platform-fetch.js';
import { RateLimitWaitError } from '../platform-request.js';
import { SourceAuthError, SourceRefusedError, type CollectContext, type CollectedPage, type Source } from '../source.port.js';
import { parseMastodonCheckpoint, streamState, withStream, type MastodonCheckpoint, type MastodonStreamState } from './mastodon.checkpoint.js';
import { createMastodonClient, instanceBaseUrl, instanceKey, mayCarryToken, type MastodonClient, type MastodonTimelinePage } from './mastodon.client.js';
import { compareStatusIds, newestStatusId, oldestStatusId } from './mastodon.ids.js';
import { instanceHost, mapStatuses, mastodonAuthorId } from './mastodon.map.js';
import type { MastodonStatus } from './mastodon.types.js';

export interface MastodonSourceOptions {
  /** Access token by instance host (lower-case, with the port if the instance entry has one). */
  accessTokens: Readonly<Record<string, string>>;
  /** Which addresses an instance may have (ALLOW_PRIVATE_TARGETS): instances are chosen by users. */
  outbound: OutboundOptions;
  logger?: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Per-request time limit (30 s by default). */
  timeoutMs?: number;
}

/** Mastodon's largest page. */
const PAGE_LIMIT = 40;

/** What one run shares across its streams. */
interface Run {
  ctx: CollectContext;
  onPage: (page: CollectedPage) => Promise<void>;
  /** The checkpoint as last handed to `onPage` (what the store holds). */
  checkpoint: MastodonCheckpoint;
  /** Status URIs already handed over in this run: a status federated to two instances, or carrying two campaign hashtags, is stored once. */
  seen: Set<string>;
  startMs: number;
  endMs: number;
  now: () => Date;
  log: Logger | undefined;
}

/** A client failure, told apart from a failure of `onPage` (the store), which must stop the run. */
class InstanceFailure extends Error {
  constructor(readonly error: unknown) {
    super(error instanceof Error ? error.message : String(error));
  }
}

/**
 * The Mastodon source: the hashtag timeline of each configured instance, for each campaign
 * hashtag, newest to oldest, recording after every page a checkpoint (see MastodonCheckpoint)
 * from which the next run continues with no gap and no duplicate. An instance that fails does
 * not stop the others: its error is thrown once they are all collected.
 */
export function createMastodonSource(opts: MastodonSourceOptions): Source {
  const now = opts.now ?? (() => new Date());
  const baseLog = opts.logger?.child({ module: 'mastodon.source' });
  const tokens = new Map(Object.entries(opts.accessTokens).map(([host, token]) => [host.trim().toLowerCase(), token]));
  // One client per instance (its full base URL: two paths of one host are two instances) for the
  // life of the process, so a rate-limit window learned in one run is honoured by the next.
  const clients = new Map<string, MastodonClient>();
  const fetch = createOutboundFetch(opts.outbound);
  const clientFor = (instance: string): MastodonClient => {
    const baseUrl = instanceBaseUrl(instance);
    let client = clients.get(baseUrl);
    if (!client) {
      // Exact host only (a token must never reach another server, not even on another port), over
      // https only, and never to a base path a campaign chose.
      const accessToken = mayCarryToken(baseUrl) ? tokens.get(instanceHost(instance)) : undefined;
      if (accessToken === undefined && tokens.has(instanceHost(instance))) {
        baseLog?.warn({ instance: baseUrl }, 'not sending the configured Mastodon access token: only https instances given by host name receive it');
      }
      client = createMastodonClient({ instance, accessToken, fetch, logger: opts.logger, now, sleep: opts.sleep, timeoutMs: opts.timeoutMs });
      clients.set(baseUrl, client);
    }
    return client;
  };
  return {
    type: 'mastodon',
    collect: (ctx, onPage) => collectCampaign(ctx, onPage, clientFor, now, baseLog),
  };
}

async function collectCampaign(
  ctx: CollectContext,
  onPage: (page: CollectedPage) => Promise<void>,
  clientFor: (instance: string) => MastodonClient,
  now: () => Date,
  log: Logger | undefined,
): Promise<void> {
  const checkpoint = parseMastodonCheckpoint(ctx.checkpoint, (why) =>
    log?.warn({ why }, 'unreadable Mastodon checkpoint; starting over from the campaign start'),
  );
  const instances = campaignInstances(ctx.campaign);
  const hashtags = normalizedHashtags(ctx.campaign.hashtags);
  if (instances.length === 0 || hashtags.length === 0) {
    log?.info({ instances: instances.length, hashtags: hashtags.length }, 'no Mastodon instance or hashtag to collect for this campaign');
    return;
  }
  const run: Run = {
    ctx,
    onPage,
    checkpoint,
    seen: new Set(),
    now,
    log,
    startMs: Date.parse(ctx.campaign.startsAt),
    endMs: ctx.campaign.endsAt === null ? Number.POSITIVE_INFINITY : Date.parse(ctx.campaign.endsAt),
  };
  const failures: unknown[] = [];
  for (const instance of instances) {
    const client = clientFor(instance);
    try {
      for (const hashtag of hashtags) await collectStream(run, client, hashtag);
    } catch (err) {
      if (!(err instanceof InstanceFailure)) throw err;
      if (ctx.signal?.aborted) throw err.error;
      // The other instances are still worth reading; this one's error is thrown at the end.
      log?.warn({ instance: client.host, err: err.error }, 'Mastodon instance failed; going on with the others');
      failures.push(err.error);
    }
  }
  if (failures.length === 0) return;
  const message = failures.map((e) => (e instanceof Error ? e.message : String(e))).join('; ');
  if (failures.every((e) => e instanceof SourceAuthError)) throw failures.length === 1 ? failures[0] : new SourceAuthError('mastodon', message);
  // An instance whose window resets later than a run waits: the job is rescheduled for the latest reset.
  const waits = failures.filter((e) => e instanceof RateLimitWaitError);
  const latest = waits.reduce<RateLimitWaitError | undefined>((a, e) => (a === undefined || e.until > a.until ? e : a), undefined);
  if (latest) throw failures.length === 1 ? latest : Object.assign(new RateLimitWaitError('Mastodon', latest.until), { message });
  // A refused address is refused on every try, a too large answer comes again: the run fails without retries, as for credentials.
  if (failures.every((e) => e instanceof SourceAuthError || e instanceof ResponseTooLargeError || refusalOf(e)))
    throw new SourceRefusedError('mastodon', message);
  throw failures.length === 1 ? failures[0] : new Error(message, { cause: failures });
}

/** The campaign's instances, one entry per instance key (host and base path). */
function campaignInstances(campaign: Campaign): string[] {
  const entries = campaign.sources.find((s) => s.type === 'mastodon')?.instances ?? [];
  const byKey = new Map<string, string>();
  for (const entry of entries) {
    if (entry.trim() === '') continue;
    const key = instanceKey(instanceBaseUrl(entry));
    if (!byKey.has(key)) byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/**
 * One pass over one stream (instance + hashtag), resumed from its pending pass if the last run
 * was cut off: `max_id` walks back, `since_id` bounds the pass at the last complete one.
 */
async function collectStream(run: Run, client: MastodonClient, hashtag: string): Promise<void> {
  const start = streamState(run.checkpoint, client.key, hashtag);
  const sinceId = start.sinceId;
  let newestId = start.pending?.newestId;
  let maxId = start.pending?.maxId;
  let recorded = start;
  if (start.pending) run.log?.info({ instance: client.host, hashtag, pending: start.pending }, 'resuming an interrupted Mastodon pass');

  for (let pageNo = 1; ; pageNo += 1) {
    let page: MastodonTimelinePage;
    try {
      page = await client.tagTimeline(hashtag, { limit: PAGE_LIMIT, maxId, sinceId }, run.ctx.signal);
    } catch (err) {
      throw new InstanceFailure(err);
    }
    const observedAt = run.now();
    // A server that ignored since_id or max_id would hand back statuses outside the pass.
    const statuses = page.statuses.filter(
      (s) => (sinceId === undefined || compareStatusIds(s.id, sinceId) > 0) && (maxId === undefined || compareStatusIds(s.id, maxId) < 0),
    );
    const ids = statuses.map((s) => s.id);
    newestId = newestStatusId(newestId, ...ids);
    const cursor = nextMaxId(page, ids, maxId);
    const reachedStart = statuses.some((s) => Date.parse(s.created_at) < run.startMs);
    const more = statuses.length > 0 && cursor !== undefined && !reachedStart;
    const state: MastodonStreamState =
      more && newestId !== undefined && cursor !== undefined
        ? { ...sinceField(sinceId), pending: { newestId, maxId: cursor } }
        : sinceField(newestId ?? sinceId);

    if (pageNo === 1 && page.statuses.length === 0 && sinceId === undefined && start.pending === undefined) {
      run.log?.info({ instance: client.host, hashtag }, 'empty Mastodon hashtag timeline; an instance that restricts its feeds may need an access token');
    }
    if (statuses.length > 0 || !sameStream(state, recorded)) {
      const checkpoint = withStream(run.checkpoint, client.key, hashtag, state);
      await run.onPage(toPage(run, client, page.statuses, statuses, observedAt, checkpoint));
      run.checkpoint = checkpoint;
      recorded = state;
    }
    if (!more) return;
    maxId = cursor;
  }
}

/**
 * Where the next (older) page starts: the `Link` header's `rel="next"` cursor, as the API asks
 * clients to follow, unless it would not move back; then the oldest id on the page.
 */
function nextMaxId(page: MastodonTimelinePage, ids: string[], current: string | undefined): string | undefined {
  const linked = page.next?.maxId;
  const movesBack = (id: string | undefined): id is string => id !== undefined && (current === undefined || compareStatusIds(id, current) < 0);
  if (movesBack(linked)) return linked;
  const oldest = oldestStatusId(...ids);
  return movesBack(oldest) ? oldest : undefined;
}

function toPage(
  run: Run,
  client: MastodonClient,
  read: MastodonStatus[],
  statuses: MastodonStatus[],
  observedAt: Date,
  checkpoint: MastodonCheckpoint,
): CollectedPage {
  const inWindow = statuses.filter((s) => {
    const created = Date.parse(s.created_at);
    return created >= run.startMs && created < run.endMs;
  });
  const batch = mapStatuses(inWindow, client.baseUrl, observedAt);
  const posts = batch.posts.filter((p) => !run.seen.has(p.postId));
  for (const p of posts) run.seen.add(p.postId);
  const authorIds = new Set(posts.map((p) => p.authorId));
  return {
    posts,
    authors: batch.authors.filter((a) => authorIds.has(a.authorId)),
    checkpoint,
    read: { posts: read.length, users: new Set(read.map((s) => mastodonAuthorId(s.account, client.host))).size },
  };
}

/** `{ sinceId }`, or nothing when there is no id yet (the key stays absent rather than undefined). */
function sinceField(id: string | undefined): MastodonStreamState {
  return id === undefined ? {} : { sinceId: id };
}

function sameStream(a: MastodonStreamState, b: MastodonStreamState): boolean {
  return a.sinceId === b.sinceId && a.pending?.newestId === b.pending?.newestId && a.pending?.maxId === b.pending?.maxId;
}
