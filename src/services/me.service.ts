import type { Campaign } from '../domain/campaign.js';
import { engagementRate, type AuthorKey, type MetricsFilter } from '../domain/metrics-query.js';
import { positionAfter } from '../domain/post-query.js';
import type { Platform, SourceType } from '../domain/post.js';
import { accountKey, activationWindows, type ActivationWindow, type Participant, type Workshop } from '../domain/workshops.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import type { Store } from '../store/store.port.js';
import type { WorkshopStore } from '../store/workshop-store.port.js';
import type { Principal } from './auth/principal.js';
import { resolveFilter } from './metrics-range.js';
import { decodeCursor, encodeCursor } from './post-cursor.js';
import { createPostViews } from './post-view.js';
import { MAX_WINDOW_AUTHORS } from './workshops.service.js';

/**
 * A participant's own page (docs/API.md, "A participant's own page"): the signed-in user is the
 * workshop participant whose record names their e-mail address; their accounts are matched to
 * the campaign's authors as the activation figures match them (case-insensitively, per platform,
 * on the author's latest handle). Every figure and post is read with the matched authors as the
 * filter, so nothing of another author ever enters the answer; a user matched to no author reads
 * no post at all.
 */

export type MeStore = Pick<Store, 'topContributors' | 'listPosts' | 'queryMetrics'>;

export interface MeQuery {
  limit: number;
  cursor?: string;
  window: ActivationWindow;
}

/** Figures of the user's own posts over a period. */
interface OwnFigures {
  posts: number;
  engagement: number;
  reach: number;
  impressions: number;
}

const figuresOf = (row: { posts: number; engagement: number; reach: number; impressions: number } | undefined): OwnFigures => ({
  posts: row?.posts ?? 0,
  engagement: row?.engagement ?? 0,
  reach: row?.reach ?? 0,
  impressions: row?.impressions ?? 0,
});

export function createMeService(deps: { workshops: WorkshopStore; posts: MeStore; gazetteer: Gazetteer; now: () => Date }) {
  const views = createPostViews(deps.gazetteer);

  /** The campaign's authors that one of the accounts names (the same rule as the activation figures). */
  async function matchAuthors(campaign: Campaign, participants: Participant[]) {
    const accounts = participants.flatMap((p) => p.accounts);
    if (accounts.length === 0) return [];
    const { filter } = resolveFilter(campaign, {}, deps.now());
    const rows = await deps.posts.topContributors({
      campaignId: campaign.id,
      filter: { ...filter, platforms: [...new Set(accounts.map((a) => a.platform))] },
      sort: 'posts',
      limit: MAX_WINDOW_AUTHORS,
    });
    const wanted = new Set(accounts.map((a) => accountKey(a.platform, a.handle)));
    return rows.filter((r) => r.handle !== null && r.posts > 0 && wanted.has(accountKey(r.publishedOn, r.handle)));
  }

  async function totals(campaignId: string, filter: MetricsFilter): Promise<OwnFigures> {
    const [row] = await deps.posts.queryMetrics({ campaignId, filter, groupBy: [] });
    return figuresOf(row);
  }

  return {
    async me(principal: Principal, campaign: Campaign, query: MeQuery) {
      const email = principal.kind === 'user' ? principal.user.email : null;
      const participants = email === null ? [] : await deps.workshops.participantsByEmail(campaign.id, email);
      const workshopList = participants.length === 0 ? [] : await deps.workshops.listWorkshops(campaign.id);
      const workshopsById = new Map<string, Workshop>(workshopList.map((w) => [w.id, w]));
      const matched = await matchAuthors(campaign, participants);
      const authors: AuthorKey[] = matched.map((r) => ({ platform: r.platform, authorId: r.authorId }));

      // Each account as the participant wrote it, with the campaign's authors it matched.
      const seen = new Set<string>();
      const accounts: Array<{
        platform: Platform;
        handle: string;
        authors: Array<{ source: SourceType; authorId: string; handle: string | null; name: string | null; followers: number | null; posts: number }>;
      }> = [];
      for (const a of participants.flatMap((p) => p.accounts)) {
        const key = accountKey(a.platform, a.handle);
        if (seen.has(key)) continue;
        seen.add(key);
        accounts.push({
          platform: a.platform,
          handle: a.handle,
          authors: matched
            .filter((r) => r.handle !== null && accountKey(r.publishedOn, r.handle) === key)
            .map((r) => ({ source: r.platform, authorId: r.authorId, handle: r.handle, name: r.name, followers: r.followers, posts: r.posts })),
        });
      }

      const { filter } = resolveFilter(campaign, {}, deps.now());
      const own: MetricsFilter = { ...filter, authors };
      const after = query.cursor === undefined ? undefined : decodeCursor('recent', query.cursor);
      const none = authors.length === 0;
      const [figures, daily, page] = await Promise.all([
        totals(campaign.id, own),
        none ? [] : deps.posts.queryMetrics({ campaignId: campaign.id, filter: own, groupBy: ['day'] }),
        none ? [] : deps.posts.listPosts({ campaignId: campaign.id, filter: own, sort: 'recent', limit: query.limit + 1, ...(after ? { after } : {}) }),
      ]);
      const shown = page.slice(0, query.limit);
      const last = shown[shown.length - 1];

      // Per workshop: the window after it ended and the window before it started (METRICS.md, "Workshop activation").
      const workshops = [];
      for (const p of participants) {
        const w = workshopsById.get(p.workshopId);
        if (!w) continue;
        const keys = new Set(p.accounts.map((a) => accountKey(a.platform, a.handle)));
        const mine = matched
          .filter((r) => r.handle !== null && keys.has(accountKey(r.publishedOn, r.handle)))
          .map((r) => ({ platform: r.platform, authorId: r.authorId }));
        const windows = activationWindows(w, query.window);
        const [a, b] = await Promise.all([
          mine.length === 0 ? figuresOf(undefined) : totals(campaign.id, { ...windows.after, authors: mine }),
          mine.length === 0 ? figuresOf(undefined) : totals(campaign.id, { ...windows.before, authors: mine }),
        ]);
        workshops.push({
          participantId: p.id,
          workshopId: w.id,
          name: w.name,
          city: views.city(w.city),
          startsAt: w.startsAt,
          endsAt: w.endsAt,
          window: query.window,
          after: { ...windows.after, active: a.posts > 0, ...a },
          before: { ...windows.before, active: b.posts > 0, ...b },
        });
      }

      return {
        email,
        participants: participants.map(({ id, workshopId, name, group, accounts: acc }) => ({ id, workshopId, name, group, accounts: acc })),
        accounts,
        figures: { ...figures, engagementRate: engagementRate(figures) },
        daily: daily.map((r) => ({ day: r.keys[0]!, posts: r.posts, engagement: r.engagement })).sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0)),
        workshops,
        posts: shown.map((item) => views.postView(item, campaign)),
        nextCursor: page.length > query.limit && last ? encodeCursor('recent', positionAfter(last, 'recent')) : null,
      };
    },
  };
}

export type MeService = ReturnType<typeof createMeService>;
