import { randomUUID } from 'node:crypto';
import type { CollectionRun } from '../../src/domain/campaign.js';
import { enrichBatch, prepareCampaign } from '../../src/domain/enrich.js';
import type { JobContext, JobPayloads } from '../../src/queue/jobs.js';
import { SourceAuthError } from '../../src/sources/source.port.js';
import type { ProcessorDeps } from './deps.js';

/** Hint shown on a campaign when a source has no credentials on this server. */
const MISSING_CREDENTIALS: Record<string, string> = {
  x: 'No X credentials on this server: set X_BEARER_TOKEN.',
};

/**
 * Collects one source of one campaign: page by page, map → enrich → store with the checkpoint,
 * so a run cut off anywhere resumes from the last stored page. Records the run's outcome, and
 * asks for the rollups of the changed days.
 */
export async function collectProcessor(payload: JobPayloads['collect'], ctx: JobContext, deps: ProcessorDeps): Promise<void> {
  const log = deps.log.child({ campaignId: payload.campaignId, source: payload.source, jobId: ctx.jobId });
  const campaign = await deps.store.getCampaign(payload.campaignId);
  if (!campaign || campaign.status !== 'active') {
    log.info('campaign missing or archived; nothing to collect');
    return;
  }
  const run: CollectionRun = {
    id: randomUUID(),
    campaignId: campaign.id,
    source: payload.source,
    jobId: ctx.jobId,
    status: 'running',
    startedAt: deps.now().toISOString(),
    finishedAt: null,
    pages: 0,
    postsRead: 0,
    newPosts: 0,
    updatedPosts: 0,
    error: null,
  };
  const finish = async (status: 'succeeded' | 'failed', error: string | null) => {
    Object.assign(run, { status, error, finishedAt: deps.now().toISOString() });
    await deps.store.saveRun(run);
  };

  const source = deps.sources.get(payload.source);
  if (!source) {
    await finish('failed', MISSING_CREDENTIALS[payload.source] ?? `The ${payload.source} source is not configured on this server.`);
    return;
  }
  await deps.store.saveRun(run);

  const prepared = prepareCampaign(campaign);
  const changedDays = new Set<string>();
  try {
    const checkpoint = await deps.store.getCheckpoint(campaign.id, payload.source);
    await source.collect({ campaign, checkpoint }, async (page) => {
      const batch = enrichBatch(page, [prepared], deps.gazetteer, deps.now());
      const saved = await deps.store.saveBatch(batch, { campaignId: campaign.id, source: payload.source, value: page.checkpoint });
      run.pages += 1;
      run.postsRead += page.read.posts;
      run.newPosts += saved.inserted;
      run.updatedPosts += saved.updated;
      for (const day of saved.changedDays[campaign.id] ?? []) changedDays.add(day);
    });
    await finish('succeeded', null);
    log.info({ pages: run.pages, newPosts: run.newPosts, updatedPosts: run.updatedPosts }, 'collection run succeeded');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await finish('failed', message);
    // Credentials a person must fix: retrying would only hammer the platform.
    if (!(err instanceof SourceAuthError)) throw err;
    log.warn({ err }, 'collection stopped: credentials refused');
  } finally {
    // Pages stored before a failure still changed the figures.
    if (changedDays.size > 0) await deps.queue.add('metrics', { campaignId: campaign.id, days: [...changedDays].sort() });
  }
}
