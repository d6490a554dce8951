import { attribute, prepareCampaign } from '../enrich/enrich.js';
import type { JobPayloads } from '../queue/jobs.js';
import type { ReattributeStore } from '../store/store.port.js';
import type { ProcessorDeps } from './deps.js';

/**
 * Re-attributes a campaign's stored posts to cities and topics after its settings changed, then
 * rebuilds the rollups of every day it holds (days move too when the time zone changed).
 */
export async function reattributeProcessor(payload: JobPayloads['reattribute'], deps: ProcessorDeps<ReattributeStore>): Promise<void> {
  const campaign = await deps.store.getCampaign(payload.campaignId);
  if (!campaign) return;
  const prepared = prepareCampaign(campaign);
  const rows = await deps.store.campaignPosts(campaign.id);
  const memberships = rows.map(({ post, author }) => attribute(post, author ?? undefined, prepared, deps.gazetteer));
  const days = new Set([...rows.map((r) => r.membership.day), ...memberships.map((m) => m.day)]);
  await deps.store.replaceMemberships(campaign.id, memberships);
  await deps.store.refreshRollups(campaign.id, [...days].sort());
}
