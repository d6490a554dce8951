import { randomUUID } from 'node:crypto';
import type { Campaign, CollectionRun, RunKind } from '../domain/campaign.js';
import type { SourceType } from '../domain/post.js';
import { runInJob } from '../observability/job-context.js';
import { telemetry } from '../observability/telemetry.js';
import { collectJobId, slotOf, type JobContext } from '../queue/jobs.js';
import { RateLimitWaitError } from '../sources/platform-request.js';
import { endNotRecorded, endRecorded } from './run-owner.js';
import { isBilled, SOURCE_LABELS } from '../sources/registry.js';
import { ReadBudgetError, SourceAuthError, SourceRefusedError, type ReadBudget, type Source } from '../sources/source.port.js';
import type { SaveResult, SourceRunStore } from '../store/store.port.js';
import type { ProcessorDeps } from './deps.js';

function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** What is left of the month's budget: the cap less what this month's runs of the source read. */
async function readBudget(campaign: Campaign, source: SourceType, deps: ProcessorDeps<SourceRunStore>): Promise<ReadBudget | undefined> {
  // Only platforms that bill reads per post count against the budget.
  if (campaign.monthlyReadBudget === null || !isBilled(source)) return undefined;
  const used = await deps.store.postsReadSince(campaign.id, source, monthStart(deps.now()).toISOString());
  return { remaining: Math.max(0, campaign.monthlyReadBudget - used) };
}

function budgetMessage(campaign: Campaign, source: SourceType, now: Date): string {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
  return `The campaign's monthly ${SOURCE_LABELS[source] ?? source} read budget (${campaign.monthlyReadBudget} posts) is spent: collection resumes on ${next}, or raise monthlyReadBudget.`;
}

/** What the body of a source job reports, page by page. */
export interface RunTally {
  readonly run: CollectionRun;
  /** Keeps a message for the person running the campaign on the run. */
  note(message: string): void;
  /**
   * The run's record with one more page counted, from what the store saved: what saveBatch stores
   * in the page's own write, so the reads of a run killed later still count against its budget.
   */
  withPage(read: PageRead): (saved: SaveResult) => CollectionRun;
  /** Counts one stored page into the run and remembers the days whose figures it changed. */
  page(read: PageRead, saved: SaveResult): void;
}

type PageRead = { posts: number; users: number };

function countPage(run: CollectionRun, read: PageRead, saved: SaveResult): CollectionRun {
  run.pages += 1;
  run.postsRead += read.posts;
  run.usersRead += read.users;
  run.newPosts += saved.inserted;
  run.updatedPosts += saved.updated;
  return run;
}

/**
 * The frame every job that reads a platform shares: load the campaign, record the run, report
 * failures a person can act on, and ask for the rollups of the days the stored pages changed —
 * also when the run failed half-way, since those pages are stored.
 */
export function runSourceJob(
  kind: RunKind,
  payload: { campaignId: string; source: SourceType },
  ctx: JobContext,
  deps: ProcessorDeps<SourceRunStore>,
  body: (campaign: Campaign, source: Source, tally: RunTally, budget: ReadBudget | undefined) => Promise<void>,
): Promise<void> {
  // Also when called outside a runner (the demo loader): every line of the run names it.
  const context = {
    job: kind === 'refresh' ? ('refresh' as const) : ('collect' as const),
    jobId: ctx.jobId,
    campaignId: payload.campaignId,
    source: payload.source,
  };
  return runInJob(context, () => sourceRun(kind, payload, ctx, deps, body));
}

async function sourceRun(
  kind: RunKind,
  payload: { campaignId: string; source: SourceType },
  ctx: JobContext,
  deps: ProcessorDeps<SourceRunStore>,
  body: (campaign: Campaign, source: Source, tally: RunTally, budget: ReadBudget | undefined) => Promise<void>,
): Promise<void> {
  // Campaign, source and job id come from the job's log context (observability/job-context.ts).
  const log = deps.log.child({ kind });
  const campaign = await deps.store.getCampaign(payload.campaignId);
  if (!campaign || campaign.status !== 'active') {
    log.info('campaign missing or archived; nothing to do');
    return;
  }
  const run: CollectionRun = {
    id: randomUUID(),
    campaignId: campaign.id,
    source: payload.source,
    kind,
    jobId: ctx.jobId,
    status: 'running',
    startedAt: deps.now().toISOString(),
    finishedAt: null,
    pages: 0,
    postsRead: 0,
    usersRead: 0,
    newPosts: 0,
    updatedPosts: 0,
    error: null,
    notes: [],
    ...(deps.owner ? { owner: deps.owner } : {}),
    heartbeatAt: deps.now().toISOString(),
  };
  const finish = async (status: 'succeeded' | 'failed', error: string | null, outcome: Parameters<typeof telemetry.run>[2] = status) => {
    Object.assign(run, { status, error, finishedAt: deps.now().toISOString() });
    telemetry.run(payload.source, kind, outcome);
    telemetry.postsStored(payload.source, run.newPosts, run.updatedPosts);
    try {
      await deps.store.saveRun(run);
      endRecorded(run.id);
    } catch (err) {
      // The record still says running: the sweep closes it once the store writes again.
      endNotRecorded(run.id, err);
      throw err;
    }
    // Source failures, the read budget and silence are judged on the run just recorded (issue 17).
    await deps.alerts?.afterRun({ ...run }).catch((err: unknown) => log.warn({ err }, 'alert rules not judged after the run'));
  };

  const source = deps.sources.get(payload.source);
  if (!source) {
    // The hint shown on the campaign: what a person must set on this server.
    await finish('failed', deps.missingCredentials?.get(payload.source) ?? `The ${payload.source} source is not configured on this server.`);
    return;
  }
  await deps.store.saveRun(run);

  // Per campaign: a page that changed posts other campaigns hold changed their days too.
  const changedDays = new Map<string, Set<string>>();
  const tally: RunTally = {
    run,
    note: (message) => run.notes.push(message),
    withPage: (read) => (saved) => countPage({ ...run, notes: [...run.notes], heartbeatAt: deps.now().toISOString() }, read, saved),
    page(read, saved) {
      countPage(run, read, saved);
      for (const [campaignId, days] of Object.entries(saved.changedDays)) {
        const set = changedDays.get(campaignId) ?? new Set<string>();
        for (const day of days) set.add(day);
        changedDays.set(campaignId, set);
      }
    },
  };
  try {
    await body(campaign, source, tally, await readBudget(campaign, payload.source, deps));
    await finish('succeeded', null);
    log.info({ pages: run.pages, newPosts: run.newPosts, updatedPosts: run.updatedPosts }, `${kind} run succeeded`);
  } catch (err) {
    if (err instanceof ReadBudgetError) {
      await finish('failed', budgetMessage(campaign, payload.source, deps.now()), 'budget-spent');
      log.warn(`${kind} stopped: monthly read budget spent`);
      return;
    }
    await finish('failed', err instanceof Error ? err.message : String(err), err instanceof SourceAuthError ? 'credentials-refused' : 'failed');
    if (err instanceof RateLimitWaitError && kind === 'collect') {
      // Rather than sleep in the runner (holding every other job of the in-process runner), collect again at the reset.
      const delayMs = Math.max(0, err.until.getTime() - deps.now().getTime());
      const jobId = collectJobId(campaign.id, payload.source, `wait${slotOf(err.until)}`);
      await deps.queue.add('collect', { campaignId: campaign.id, source: payload.source }, { jobId, delayMs });
      return void log.info({ until: err.until.toISOString() }, `${kind} rate-limited; rescheduled for the reset`);
    }
    // Credentials or an address a person must fix: retrying would only hammer the platform, or be refused again.
    if (err instanceof SourceRefusedError) return void log.warn({ err }, `${kind} stopped: the address is refused`);
    if (!(err instanceof SourceAuthError)) throw err;
    log.warn({ err }, `${kind} stopped: credentials refused`);
  } finally {
    // Days left pending by an earlier run that was cut off are folded in by the metrics job too;
    // a run that changed nothing still asks for it when some are waiting.
    const pending = changedDays.has(campaign.id) ? [] : await deps.store.pendingRollupDays(campaign.id).catch(() => []);
    if (pending.length > 0) changedDays.set(campaign.id, new Set());
    for (const [campaignId, days] of changedDays) await deps.queue.add('metrics', { campaignId, days: [...days].sort() });
  }
}
