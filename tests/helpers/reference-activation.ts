import { isCampaignScoped } from '../../src/domain/post.js';
import type { Participant, Workshop } from '../../src/domain/workshops.js';
import type { ReferenceData } from './reference-metrics.js';

/**
 * A plain reference for the activation figures, written straight from METRICS.md "Workshop
 * activation" over the stored state (reference-metrics.ts latestState), independently of the
 * service's code: loops and sets.
 */

export interface ReferenceActivation {
  participants: number;
  active: number;
  activationRate: number | null;
  posts: number;
  engagement: number;
  reach: number;
}

const DAY = 86_400_000;

function figures(data: ReferenceData, campaignId: string, participants: Participant[], from: number, to: number): ReferenceActivation {
  // The campaign's posts created in [from, to), each with its author's latest handle and followers.
  const inWindow = data.memberships
    .filter((m) => m.campaignId === campaignId)
    .filter((m) => {
      const t = new Date(m.createdAt).getTime();
      return t >= from && t < to;
    })
    .map((m) => {
      const scope = isCampaignScoped(m.platform) ? campaignId : '';
      const post = data.postCopies.get(`${scope}|${m.platform}:${m.postId}`)!;
      const author = data.authorCopies.get(`${scope}|${m.platform}:${m.authorId}`);
      return { m, post, author };
    });
  const isTheirs = (p: Participant, e: (typeof inWindow)[number]) =>
    e.author !== undefined &&
    p.accounts.some((a) => a.platform === e.m.publishedOn && a.handle.replace(/^@/, '').toLowerCase() === e.author!.handle.toLowerCase());
  let active = 0;
  const matchedPosts = new Set<(typeof inWindow)[number]>();
  for (const p of participants) {
    const theirs = inWindow.filter((e) => isTheirs(p, e));
    if (theirs.length > 0) active++;
    for (const e of theirs) matchedPosts.add(e);
  }
  const authors = new Map<string, number>();
  let posts = 0;
  let engagement = 0;
  for (const e of matchedPosts) {
    posts++;
    engagement += e.post.engagement;
    authors.set(`${e.m.platform}:${e.m.authorId}`, e.author?.followers ?? 0);
  }
  const reach = [...authors.values()].reduce((a, b) => a + b, 0);
  return {
    participants: participants.length,
    active,
    activationRate: participants.length === 0 ? null : active / participants.length,
    posts,
    engagement,
    reach,
  };
}

export function referenceActivation(data: ReferenceData, w: Workshop, participants: Participant[], days: 7 | 30) {
  const start = new Date(w.startsAt).getTime();
  const end = new Date(w.endsAt).getTime();
  const own = participants.filter((p) => p.campaignId === w.campaignId && p.workshopId === w.id);
  return {
    after: figures(data, w.campaignId, own, end, end + days * DAY),
    before: figures(data, w.campaignId, own, start - days * DAY, start),
  };
}
