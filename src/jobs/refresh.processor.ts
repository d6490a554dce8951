import { withFigures } from '../enrich/enrich.js';
import { authorKey } from '../domain/post.js';
import type { JobContext, JobPayloads } from '../queue/jobs.js';
import type { RefreshStore } from '../store/store.port.js';
import type { ProcessorDeps } from './deps.js';
import { runSourceJob } from './source-run.js';

/** METRICS.md: collectors re-read the counts of every post younger than 7 days, at least daily. */
const REFRESH_WINDOW_MS = 7 * 86_400_000;

/**
 * Re-reads the counts of the campaign's recent posts on one platform and stores them as a newer
 * observation (the latest wins); the authors' follower counts come along.
 */
export async function refreshProcessor(payload: JobPayloads['refresh'], ctx: JobContext, deps: ProcessorDeps<RefreshStore>): Promise<void> {
  await runSourceJob('refresh', payload, ctx, deps, async (campaign, source, tally, budget) => {
    if (!source.refresh) return;
    const since = new Date(deps.now().getTime() - REFRESH_WINDOW_MS).toISOString();
    const ids = await deps.store.recentPostIds(campaign.id, payload.source, since);
    if (ids.length === 0) return;
    await source.refresh(
      ids,
      async (page) => {
        const authors = new Map(page.authors.map((a) => [authorKey(a), a]));
        const posts = page.posts.map((p) => withFigures(p, authors.get(authorKey({ platform: p.platform, authorId: p.authorId }))));
        tally.page(page.read, await deps.store.saveBatch({ posts, authors: page.authors, memberships: [] }, undefined, tally.withPage(page.read)));
      },
      budget,
      ctx.signal,
    );
  });
}
