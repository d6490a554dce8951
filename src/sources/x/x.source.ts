import type { Logger } from 'pino';
import type { RequestLimiter } from '../request-limiter.js';
import { ReadBudgetError, type CollectContext, type CollectedPage, type Source } from '../source.port.js';
import { parseCheckpoint, type XCheckpoint, type XPendingPass } from './x.checkpoint.js';
import { createXClient, type XClient } from './x.client.js';
import { compareIds, maxId, minId, snowflakeFromTime, snowflakeTime } from './x.ids.js';
import { mapXResponse } from './x.map.js';
import { buildSearchQueries, passEndTime, searchHorizon, searchWindow, type SearchWindow } from './x.query.js';
import type { XSearchResponse } from './x.types.js';

export interface XSourceOptions {
  bearerToken: string;
  /** The v2 root, such as `https://api.x.com/2/`; every request goes there. */
  baseUrl: string;
  logger?: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  limiter?: RequestLimiter;
  /** Per request; see XClientOptions. */
  requestTimeoutMs?: number;
  /**
   * How far behind the checkpoint each new pass re-reads (default 0): X's search index lags, so a
   * post can become searchable after newer ones were read; the overlap reads it on the next pass.
   * Posts read again are stored once (keyed by post id) and count against the read budget.
   */
  overlapMs?: number;
}

const X_LOOKUP_BATCH = 100;

/** Where one run starts: the pass to continue, or a new pass from the last recorded `sinceId`. */
interface Pass {
  sinceId?: string;
  newestId?: string;
  untilId?: string;
  query: number;
  endTime?: string;
}

/**
 * The X source: recent search for the campaign hashtags through twitter-api-v2, newest to
 * oldest, recording after every page a checkpoint from which the next run continues with no
 * gap and no duplicate (see XCheckpoint).
 */
export function createXSource(opts: XSourceOptions): Source {
  const now = opts.now ?? (() => new Date());
  const client = createXClient({
    bearerToken: opts.bearerToken,
    baseUrl: opts.baseUrl,
    logger: opts.logger,
    now,
    sleep: opts.sleep,
    limiter: opts.limiter,
    requestTimeoutMs: opts.requestTimeoutMs,
  });
  const baseLog = opts.logger?.child({ module: 'x.source' });
  return {
    type: 'x',
    collect: (ctx, onPage) => collectCampaign(client, ctx, onPage, now, baseLog, opts.overlapMs ?? 0),
    async refresh(postIds, onPage, budget, signal) {
      // GET /2/tweets takes 100 ids a request; its users expansion refreshes the followers too.
      for (let i = 0; i < postIds.length;) {
        const take = Math.min(X_LOOKUP_BATCH, budget?.remaining ?? Infinity);
        if (take < 1) throw new ReadBudgetError('x', 'the monthly X read budget is spent');
        const response = await client.lookupTweets(postIds.slice(i, i + take), signal);
        i += take;
        if (budget) budget.remaining -= response.data?.length ?? 0;
        const batch = mapXResponse(response, now());
        await onPage({ ...batch, read: { posts: response.data?.length ?? 0, users: response.includes?.users?.length ?? 0 } });
      }
    },
  };
}

async function collectCampaign(
  client: XClient,
  ctx: CollectContext,
  onPage: (page: CollectedPage) => Promise<void>,
  now: () => Date,
  log: Logger | undefined,
  overlapMs: number,
): Promise<void> {
  const start = parseCheckpoint(ctx.checkpoint, (why) => log?.warn({ why }, 'unreadable X checkpoint; starting a new pass'));
  const queries = buildSearchQueries(ctx.campaign.hashtags);
  const runAt = now();
  const window = searchWindow(ctx.campaign, runAt);
  if (queries.length === 0 || window === null) {
    log?.info({ queries: queries.length }, 'nothing X recent search can reach for this campaign now');
    return;
  }
  const multi = queries.length > 1;
  // A first pass cannot reach posts older than recent search's 7 days: say so once.
  if (start.sinceId === undefined && start.pending === undefined && Date.parse(ctx.campaign.startsAt) < Date.parse(window.startTime)) {
    ctx.note?.(`X recent search reaches back 7 days: posts from ${ctx.campaign.startsAt} to ${window.startTime} could not be collected.`);
  }
  const pass = openPass(start, multi, window, runAt, log, overlapMs);
  const horizon = searchHorizon(runAt);
  const seen = new Set<string>();
  let recorded: XCheckpoint = start;

  const checkpointAfter = (query: number, more: boolean): XCheckpoint => {
    if (!more && query === queries.length - 1) return sinceField(pass.newestId ?? pass.sinceId);
    if (pass.newestId === undefined) return recorded;
    const pending: XPendingPass = { ...sinceField(pass.sinceId), newestId: pass.newestId };
    if (more) pending.untilId = pass.untilId;
    if (multi) Object.assign(pending, { query: more ? query : query + 1, endTime: pass.endTime });
    return { ...sinceField(pass.sinceId), pending };
  };

  for (let query = pass.query; query < queries.length; query += 1) {
    if (query !== pass.query) pass.untilId = undefined;
    // An id older than the 7 days is refused by X, and nothing older than it is reachable anyway.
    if (pass.untilId !== undefined && snowflakeTime(pass.untilId) < horizon) {
      log?.warn({ untilId: pass.untilId }, 'the rest of the interrupted X pass is older than 7 days; skipping it');
      continue;
    }
    // The query's parameters stay the same on every page: X ties a next_token to them. A page
    // can read max_results posts, so a budget smaller than a full page asks for smaller pages.
    const pageSize = Math.min(100, ctx.budget?.remaining ?? 100);
    if (pageSize < 10) throw new ReadBudgetError('x', 'the monthly X read budget is spent');
    const params: Record<string, string> = { query: queries[query] ?? '', max_results: String(pageSize), start_time: window.startTime };
    const endTime = pass.endTime ?? window.endTime;
    // A pass pinned to an end that has since left the 7 days has nothing more to read.
    if (endTime !== undefined && Date.parse(endTime) <= Date.parse(window.startTime)) continue;
    if (endTime !== undefined) params.end_time = endTime;
    if (pass.sinceId !== undefined && snowflakeTime(pass.sinceId) >= horizon) params.since_id = pass.sinceId;
    if (pass.untilId !== undefined) params.until_id = pass.untilId;
    let nextToken: string | undefined;
    do {
      // Stop before a page that could pass the budget; the checkpoint resumes here next time.
      if (ctx.budget && ctx.budget.remaining < pageSize) throw new ReadBudgetError('x', 'the monthly X read budget is spent');
      const pageParams = nextToken === undefined ? params : { ...params, next_token: nextToken };
      const response = await client.searchRecent(pageParams, ctx.signal);
      const observedAt = now();
      const ids = (response.data ?? []).map((t) => t.id);
      if (ctx.budget) ctx.budget.remaining -= ids.length;
      pass.newestId = maxId(pass.newestId, ...ids);
      pass.untilId = minId(pass.untilId, ...ids);
      nextToken = response.meta?.next_token;
      const checkpoint = checkpointAfter(query, nextToken !== undefined);
      if (ids.length === 0 && sameCheckpoint(checkpoint, recorded)) continue;

      await onPage(toPage(response, observedAt, checkpoint, seen));
      recorded = checkpoint;
      log?.debug({ query, posts: ids.length, more: nextToken !== undefined }, 'X page stored');
    } while (nextToken !== undefined);
  }
  // Every query already ended on a page that recorded the final checkpoint, unless the last
  // query was skipped; make sure the pass is closed either way.
  const final = checkpointAfter(queries.length - 1, false);
  if (!sameCheckpoint(final, recorded)) {
    await onPage({ posts: [], authors: [], checkpoint: final, read: { posts: 0, users: 0 } });
  }
}

function openPass(start: XCheckpoint, multi: boolean, window: SearchWindow, runAt: Date, log: Logger | undefined, overlapMs: number): Pass {
  const pending = start.pending;
  if (pending) {
    log?.info({ pending }, 'resuming an interrupted X pass');
    return { ...pending, query: pending.query ?? 0 };
  }
  const pass: Pass = { query: 0 };
  if (start.sinceId !== undefined) {
    // The overlap: read from a snowflake `overlapMs` older than the checkpoint. The newest id
    // already read stays the pass's newest, so the next checkpoint never moves back.
    pass.sinceId = overlapMs > 0 ? minId(start.sinceId, snowflakeFromTime(snowflakeTime(start.sinceId).getTime() - overlapMs)) : start.sinceId;
    if (pass.sinceId !== start.sinceId) pass.newestId = start.sinceId;
  }
  if (multi) pass.endTime = passEndTime(window, runAt);
  return pass;
}

function toPage(response: XSearchResponse, observedAt: Date, checkpoint: XCheckpoint, seen: Set<string>): CollectedPage {
  const batch = mapXResponse(response, observedAt);
  // Several queries may match the same tweet; hand it over once per run.
  const posts = batch.posts.filter((p) => !seen.has(p.postId));
  for (const p of posts) seen.add(p.postId);
  const authorIds = new Set(posts.map((p) => p.authorId));
  return {
    posts,
    authors: batch.authors.filter((a) => authorIds.has(a.authorId)),
    checkpoint,
    read: { posts: response.data?.length ?? 0, users: response.includes?.users?.length ?? 0 },
  };
}

/** `{ sinceId }`, or nothing when there is no id yet (the key stays absent rather than undefined). */
function sinceField(id: string | undefined): { sinceId?: string } {
  return id === undefined ? {} : { sinceId: id };
}

function sameCheckpoint(a: XCheckpoint, b: XCheckpoint): boolean {
  const same = (x: string | undefined, y: string | undefined): boolean => x === y || (x !== undefined && y !== undefined && compareIds(x, y) === 0);
  if (!same(a.sinceId, b.sinceId)) return false;
  if (!a.pending || !b.pending) return a.pending === b.pending;
  return (
    same(a.pending.sinceId, b.pending.sinceId) &&
    same(a.pending.newestId, b.pending.newestId) &&
    same(a.pending.untilId, b.pending.untilId) &&
    a.pending.query === b.pending.query &&
    a.pending.endTime === b.pending.endTime
  );
}
