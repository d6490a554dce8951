import { attribute, prepareCampaign } from '../enrich/enrich.js';
import type { JobPayloads } from '../queue/jobs.js';
import type { CampaignPostsPage, ReattributeStore } from '../store/store.port.js';
import type { ProcessorDeps } from './deps.js';
import { nextTurn } from '../time/next-turn.js';

/** Posts re-attributed and written per transaction, and days of rollups rebuilt per call. */
export const REATTRIBUTE_BATCH = 500;
const ROLLUP_DAYS_BATCH = 31;

/**
 * Re-attributes a campaign's stored posts to cities and topics after its settings changed, then
 * rebuilds the rollups of every day it holds (days move too when the time zone changed). It works
 * from the pending re-attribution recorded with the change and clears it with the last batch of
 * memberships, so a second job for the same change finds nothing to do, and a change made meanwhile
 * stays pending. The posts are attributed and written REATTRIBUTE_BATCH at a time (one transaction
 * each, Store.updateMemberships), and the rollups a month of days at a time, with the event loop
 * free between batches: on the embedded runtime the API shares this process.
 */
export async function reattributeProcessor(payload: JobPayloads['reattribute'], deps: ProcessorDeps<ReattributeStore>): Promise<void> {
  const pending = (await deps.store.pendingReattributions()).find((p) => p.campaignId === payload.campaignId);
  if (!pending) return;
  const campaign = await deps.store.getCampaign(payload.campaignId);
  if (!campaign) return;
  const prepared = prepareCampaign(campaign);
  const days = new Set<string>();
  // A page at a time (keyset on the campaign's post order), so memory stays bounded by the batch;
  // a page shorter than the batch is the last one, and clears the pending re-attribution. A
  // campaign with no posts still runs one (empty) batch, to clear it.
  let after: CampaignPostsPage['after'];
  for (;;) {
    await nextTurn();
    const rows = await deps.store.campaignPosts(campaign.id, { ...(after === undefined ? {} : { after }), limit: REATTRIBUTE_BATCH });
    const memberships = rows.map(({ post, author }) => attribute(post, author ?? undefined, prepared, deps.gazetteer));
    for (const r of rows) days.add(r.membership.day);
    for (const m of memberships) days.add(m.day);
    const last = rows.length < REATTRIBUTE_BATCH;
    await deps.store.updateMemberships(campaign.id, memberships, last ? pending.version : undefined);
    if (last) break;
    const { createdAt, platform, postId } = (rows[rows.length - 1] as (typeof rows)[number]).membership;
    after = { createdAt, platform, postId };
  }
  const sorted = [...days].sort();
  for (let at = 0; at < sorted.length; at += ROLLUP_DAYS_BATCH) {
    await nextTurn();
    await deps.store.refreshRollups(campaign.id, sorted.slice(at, at + ROLLUP_DAYS_BATCH));
  }
}
