import type { Platform } from './post.js';

/**
 * Workshops, their participants and what the participants did afterwards (API.md 1.1, workshops;
 * METRICS.md, "Workshop activation"). Pure types and rules.
 */

/** One workshop of a campaign: an event in one kota/kabupaten. */
export interface Workshop {
  id: string;
  campaignId: string;
  name: string;
  /** A kota/kabupaten code of the gazetteer (`73.71`). */
  city: string;
  /** ISO instants; endsAt ≥ startsAt. */
  startsAt: string;
  endsAt: string;
  venue: string | null;
  capacity: number | null;
  createdAt: string;
  updatedAt: string;
}

export const PARTICIPANT_GROUPS = ['ngo', 'teacher', 'student', 'entrepreneur', 'government', 'other'] as const;
export type ParticipantGroup = (typeof PARTICIPANT_GROUPS)[number];

/** One of a participant's accounts: where, and the handle as normalised (normalizeHandle). */
export interface ParticipantAccount {
  platform: Platform;
  handle: string;
}

export interface Participant {
  id: string;
  campaignId: string;
  workshopId: string;
  name: string;
  group: ParticipantGroup;
  accounts: ParticipantAccount[];
  /**
   * The e-mail address of the participant's user account, normalised (normalizeEmail): the user
   * signed in with it is this participant and sees their own page (GET …/me). Absent: none.
   * Read by managers and admins only, like names and handles.
   */
  email?: string;
  /** Always true: a participant without consent is never stored. */
  consent: true;
  addedAt: string;
}

/** `@Ani_Kupang ` → `ani_kupang`: handles match authors case-insensitively, with or without `@`. */
export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@+/, '').toLowerCase();
}

/** The key an account is matched on: platform and normalised handle. */
export const accountKey = (platform: string, handle: string): string => `${platform}\u0000${normalizeHandle(handle)}`;

/** The windows of the activation figures: 7 or 30 days. */
export const ACTIVATION_WINDOWS = [7, 30] as const;
export type ActivationWindow = (typeof ACTIVATION_WINDOWS)[number];

const DAY_MS = 86_400_000;

/** [from, to) as ISO instants. */
export interface Window {
  from: string;
  to: string;
}

/** After: [endsAt, endsAt + n days); before: [startsAt − n days, startsAt) (METRICS.md). */
export function activationWindows(w: Pick<Workshop, 'startsAt' | 'endsAt'>, days: ActivationWindow): { after: Window; before: Window } {
  const start = Date.parse(w.startsAt);
  const end = Date.parse(w.endsAt);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    after: { from: iso(end), to: iso(end + days * DAY_MS) },
    before: { from: iso(start - days * DAY_MS), to: iso(start) },
  };
}

/** One author's figures over a window's campaign posts (what the store's contributor rows give). */
export interface AuthorFigures {
  publishedOn: string;
  /** The author key (with the source): one author, however many participants name them. */
  platform: string;
  authorId: string;
  handle: string | null;
  posts: number;
  engagement: number;
  /** The author's latest known follower count, 0 when none is known. */
  reach: number;
}

export interface ActivationFigures {
  participants: number;
  active: number;
  /** active / participants; null when there are no participants. */
  activationRate: number | null;
  posts: number;
  engagement: number;
  reach: number;
}

/** The authors who posted, by the account (platform, handle) a participant would name them by. */
function authorsByAccount(authors: readonly AuthorFigures[]): Map<string, AuthorFigures[]> {
  const byAccount = new Map<string, AuthorFigures[]>();
  for (const a of authors) {
    if (a.handle === null || a.posts === 0) continue;
    const key = accountKey(a.publishedOn, a.handle);
    byAccount.set(key, [...(byAccount.get(key) ?? []), a]);
  }
  return byAccount;
}

/**
 * The activation figures of a set of participants over one window (METRICS.md): an author is a
 * participant's when their (platform, handle) matches one of the participant's accounts
 * case-insensitively; a participant is active with at least one post of a matched author; posts,
 * engagement and reach are over the distinct matched authors (an author two participants name
 * counts once).
 */
export function activationFigures(participants: readonly Pick<Participant, 'accounts'>[], authors: readonly AuthorFigures[]): ActivationFigures {
  const byAccount = authorsByAccount(authors);
  const matched = new Map<string, AuthorFigures>();
  let active = 0;
  for (const p of participants) {
    let posted = false;
    for (const acc of p.accounts) {
      for (const a of byAccount.get(accountKey(acc.platform, acc.handle)) ?? []) {
        matched.set(`${a.platform}\u0000${a.authorId}`, a);
        posted = true;
      }
    }
    if (posted) active++;
  }
  let posts = 0;
  let engagement = 0;
  let reach = 0;
  for (const a of matched.values()) {
    posts += a.posts;
    engagement += a.engagement;
    reach += a.reach;
  }
  const n = participants.length;
  return { participants: n, active, activationRate: n === 0 ? null : active / n, posts, engagement, reach };
}

/** Which windows of a workshop a figure is over: the one after it ended, or the one before it started. */
export type WindowSide = 'after' | 'before';

/**
 * The pieces the windows of several workshops cut time into: every instant that lies in at least
 * one window lies in exactly one piece, and each piece lies wholly inside or wholly outside each
 * window. Reading the posts piece by piece counts a post once however many windows overlap on it.
 */
export function windowPieces(windows: readonly Window[]): Window[] {
  const cuts = [...new Set(windows.flatMap((w) => [Date.parse(w.from), Date.parse(w.to)]))].sort((a, b) => a - b);
  const pieces: Window[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    if (windows.some((w) => Date.parse(w.from) <= from && to <= Date.parse(w.to))) {
      pieces.push({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    }
  }
  return pieces;
}

/**
 * The people among participant records: two records (of different workshops, or a record entered
 * twice) are one person when they share an account, a platform and a handle compared as handles
 * match (normalizeHandle); a record without accounts is a person of its own. Each person is the
 * list of indexes of their records.
 */
export function peopleOf(participants: readonly Pick<Participant, 'accounts'>[]): number[][] {
  const parent = participants.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const owner = new Map<string, number>();
  participants.forEach((p, i) => {
    for (const a of p.accounts) {
      const key = accountKey(a.platform, a.handle);
      const seen = owner.get(key);
      if (seen === undefined) owner.set(key, i);
      else parent[root(i)] = root(seen);
    }
  });
  const groups = new Map<number, number[]>();
  participants.forEach((_, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), i]));
  return [...groups.values()];
}

/** The authors of one piece of time (windowPieces): what the store's contributor rows give over it. */
export interface PieceAuthors {
  piece: Window;
  authors: readonly AuthorFigures[];
}

/**
 * The activation figures of one city (METRICS.md, "Per city"): its workshops' participants counted
 * once per person (peopleOf); a person is active with at least one post in the window of any of
 * their workshops there; posts and engagement are those of the matched authors' posts that fall in
 * the window of a workshop whose participant names the author, each post once; reach adds up each
 * matched author's latest follower count once.
 * @param workshops the city's workshops, each with its window on the side asked for
 * @param participants the participants of those workshops
 * @param pieces the authors of every piece of those windows (windowPieces), however many more
 */
export function cityActivationFigures(
  workshops: readonly { id: string; window: Window }[],
  participants: readonly Pick<Participant, 'workshopId' | 'accounts'>[],
  pieces: readonly PieceAuthors[],
): ActivationFigures {
  const people = peopleOf(participants);
  const personOf = new Map<number, number>();
  people.forEach((records, person) => records.forEach((r) => personOf.set(r, person)));
  const activePeople = new Set<number>();
  const reachOf = new Map<string, number>();
  let posts = 0;
  let engagement = 0;
  for (const { piece, authors } of pieces) {
    const from = Date.parse(piece.from);
    const to = Date.parse(piece.to);
    const open = new Set(workshops.filter((w) => Date.parse(w.window.from) <= from && to <= Date.parse(w.window.to)).map((w) => w.id));
    if (open.size === 0) continue;
    const byAccount = authorsByAccount(authors);
    // An author several participants name counts once in a piece.
    const matched = new Map<string, AuthorFigures>();
    participants.forEach((p, i) => {
      if (!open.has(p.workshopId)) return;
      for (const acc of p.accounts) {
        for (const a of byAccount.get(accountKey(acc.platform, acc.handle)) ?? []) {
          matched.set(`${a.platform}\u0000${a.authorId}`, a);
          activePeople.add(personOf.get(i)!);
        }
      }
    });
    for (const [key, a] of matched) {
      posts += a.posts;
      engagement += a.engagement;
      reachOf.set(key, Math.max(reachOf.get(key) ?? 0, a.reach));
    }
  }
  const n = people.length;
  const active = activePeople.size;
  const reach = [...reachOf.values()].reduce((s, r) => s + r, 0);
  return { participants: n, active, activationRate: n === 0 ? null : active / n, posts, engagement, reach };
}
