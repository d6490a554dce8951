import { enrichBatch, prepareCampaign } from '../enrich/enrich.js';
import type { JobContext, JobPayloads } from '../queue/jobs.js';
import type { CollectStore } from '../store/store.port.js';
import type { ProcessorDeps } from './deps.js';
import { runSourceJob } from './source-run.js';

/**
 * Collects one source of one campaign: page by page, map → enrich → store with the checkpoint,
 * so a run cut off anywhere resumes from the last stored page.
 */
export async function collectProcessor(payload: JobPayloads['collect'], ctx: JobContext, deps: ProcessorDeps<CollectStore>): Promise<void> {
  await runSourceJob('collect', payload, ctx, deps, async (campaign, source, tally, budget) => {
    const prepared = prepareCampaign(campaign);
    const checkpoint = await deps.store.getCheckpoint(campaign.id, payload.source);
    await source.collect({ campaign, checkpoint, budget, note: tally.note, signal: ctx.signal }, async (page) => {
      const batch = enrichBatch(page, [prepared], deps.gazetteer, deps.now());
      const moved = { campaignId: campaign.id, source: payload.source, value: page.checkpoint };
      tally.page(page.read, await deps.store.saveBatch(batch, moved, tally.withPage(page.read)));
    });
  });
}
