import { attribute, prepareCampaign } from '../enrich/enrich.js';
import type { JobPayloads } from '../queue/jobs.js';
import type { ReattributeStore } from '../store/store.port.js';
import type { ProcessorDeps } from './deps.js';

/**
 * Re-attributes a campaign's stored posts to cities and topics after its settings changed, then
 * rebuilds the rollups of every day it holds (days move too when the time zone changed). It works
 * from the pending re-attribution recorded with the change and clears it with the new memberships,
 * so a second job for the same change finds nothing to do, and a change made meanwhile stays pending.
 */
export async function reattributeProcessor(payload: JobPayloads['reattribute'], deps: ProcessorDeps<ReattributeStore>): Promise<void> {
  const pending = (await deps.store.pendingReattributions()).find((p) => p.campaignId === payload.campaignId);
  if (!pending) return;
  const campaign = await deps.store.getCampaign(payload.campaignId);
  if (!campaign) return;
  const prepared = prepareCampaign(campaign);
  const rows = await deps.store.campaignPosts(campaign.id);
  const memberships = rows.map(({ post, author }) => attribute(post, author ?? undefined, prepared, deps.gazetteer));
  const days = new Set([...rows.map((r) => r.membership.day), ...memberships.map((m) => m.day)]);
  await deps.store.replaceMemberships(campaign.id, memberships, pending.version);
  await deps.store.refreshRollups(campaign.id, [...days].sort());
}
