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

/**
 * METRICS.md "Per city", written plainly: a person is the set of a city's participant records
 * joined through a shared account (platform and handle, any case, with or without `@`); a person
 * is active with a post of theirs in the window of one of their own workshops; posts are the set
 * of such posts (whoever of the participants they belong to), engagement their sum, reach the
 * followers of their distinct authors.
 */
export function referenceCityActivation(
  data: ReferenceData,
  campaignId: string,
  workshops: Workshop[],
  participants: Participant[],
  city: string,
  days: 7 | 30,
  side: 'after' | 'before',
): ReferenceActivation {
  const own = workshops.filter((w) => w.campaignId === campaignId && w.city === city);
  const windowOf = (w: Workshop): [number, number] => {
    const start = new Date(w.startsAt).getTime();
    const end = new Date(w.endsAt).getTime();
    return side === 'after' ? [end, end + days * DAY] : [start - days * DAY, start];
  };
  const records = participants.filter((p) => p.campaignId === campaignId && own.some((w) => w.id === p.workshopId));
  const norm = (h: string) => h.replace(/^@/, '').toLowerCase();
  // People: grow each group until no record outside it shares an account with it.
  const people: Participant[][] = [];
  const placed = new Set<Participant>();
  for (const r of records) {
    if (placed.has(r)) continue;
    const group = [r];
    placed.add(r);
    let grew = true;
    while (grew) {
      grew = false;
      for (const other of records) {
        if (placed.has(other)) continue;
        const shares = group.some((g) => g.accounts.some((a) => other.accounts.some((b) => a.platform === b.platform && norm(a.handle) === norm(b.handle))));
        if (shares) {
          group.push(other);
          placed.add(other);
          grew = true;
        }
      }
    }
    people.push(group);
  }
  const entries = data.memberships
    .filter((m) => m.campaignId === campaignId)
    .map((m) => {
      const scope = isCampaignScoped(m.platform) ? campaignId : '';
      return {
        m,
        post: data.postCopies.get(`${scope}|${m.platform}:${m.postId}`)!,
        author: data.authorCopies.get(`${scope}|${m.platform}:${m.authorId}`),
        t: new Date(m.createdAt).getTime(),
      };
    });
  const posted = (p: Participant, e: (typeof entries)[number]) => {
    const w = own.find((x) => x.id === p.workshopId)!;
    const [from, to] = windowOf(w);
    return (
      e.t >= from &&
      e.t < to &&
      e.author !== undefined &&
      p.accounts.some((a) => a.platform === e.m.publishedOn && norm(a.handle) === e.author!.handle.toLowerCase())
    );
  };
  let active = 0;
  const theirPosts = new Set<(typeof entries)[number]>();
  for (const person of people) {
    let any = false;
    for (const p of person) {
      for (const e of entries) {
        if (posted(p, e)) {
          any = true;
          theirPosts.add(e);
        }
      }
    }
    if (any) active++;
  }
  const authors = new Map<string, number>();
  let engagement = 0;
  for (const e of theirPosts) {
    engagement += e.post.engagement;
    authors.set(`${e.m.platform}:${e.m.authorId}`, e.author?.followers ?? 0);
  }
  return {
    participants: people.length,
    active,
    activationRate: people.length === 0 ? null : active / people.length,
    posts: theirPosts.size,
    engagement,
    reach: [...authors.values()].reduce((a, b) => a + b, 0),
  };
}
