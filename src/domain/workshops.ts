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

/**
 * The activation figures of a set of participants over one window (METRICS.md): an author is a
 * participant's when their (platform, handle) matches one of the participant's accounts
 * case-insensitively; a participant is active with at least one post of a matched author; posts,
 * engagement and reach are over the distinct matched authors (an author two participants name
 * counts once).
 */
export function activationFigures(participants: readonly Pick<Participant, 'accounts'>[], authors: readonly AuthorFigures[]): ActivationFigures {
  const byAccount = new Map<string, AuthorFigures[]>();
  for (const a of authors) {
    if (a.handle === null || a.posts === 0) continue;
    const key = accountKey(a.publishedOn, a.handle);
    byAccount.set(key, [...(byAccount.get(key) ?? []), a]);
  }
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
