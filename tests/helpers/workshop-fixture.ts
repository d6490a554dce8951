import { expect } from 'vitest';
import type { RunningService } from './service.js';

/**
 * A campaign with workshops and participants, built through the API as a manager would: the
 * campaign, its members (users who sign in), the posts (a CSV import, counted before it returns),
 * a workshop and its participants (a list or the registration sheet). Each step checks its answer,
 * so a set-up that went wrong fails where it went wrong, not in the test that uses it.
 */

/** A workshop participant as the API takes it (docs/workshops.md). */
export interface ParticipantInput {
  name: string;
  group: string;
  consent: boolean;
  email?: string;
  accounts: Array<{ platform: string; handle: string }>;
}

async function answer<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

/** A campaign on #SocMed4SocGood from 1 January 2015 in Asia/Makassar unless told otherwise; its id. */
export async function createCampaign(svc: RunningService, over: Record<string, unknown> = {}): Promise<string> {
  const { campaign } = await answer<{ campaign: { id: string } }>(
    await svc.api('/api/v1/campaigns', {
      method: 'POST',
      json: { name: 'Lokakarya', hashtags: ['#SocMed4SocGood'], startsAt: '2015-01-01T00:00:00+08:00', timeZone: 'Asia/Makassar', ...over },
    }),
    201,
  );
  return campaign.id;
}

/** A share link to the campaign, "Sponsor" for a week unless told otherwise; the link as the API answers it. */
export async function createShareLink(svc: RunningService, campaignId: string, over: Record<string, unknown> = {}): Promise<{ url: string; token: string }> {
  const { link } = await answer<{ link: { url: string; token: string } }>(
    await svc.api(`/api/v1/campaigns/${campaignId}/share-links`, {
      method: 'POST',
      json: { label: 'Sponsor', expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), ...over },
    }),
    201,
  );
  return link;
}

/** A user with a password, added to the campaign as a member (not "own"). */
export async function addMemberUser(
  svc: RunningService,
  campaignId: string,
  user: { email: string; name?: string; role: 'admin' | 'manager' | 'participant' | 'viewer'; password: string },
): Promise<void> {
  const { email, role, password } = user;
  await answer(await svc.api('/api/v1/users', { method: 'POST', json: { email, name: user.name ?? email.split('@')[0], role, password } }), 201);
  await answer(await svc.api(`/api/v1/campaigns/${campaignId}/members`, { method: 'POST', json: { email, own: false } }), 202);
}

/** Signs a user in through the API: the session cookie (`name=value`) to send as a `cookie` header. */
export async function sessionCookie(svc: RunningService, email: string, password: string): Promise<string> {
  const res = await svc.api('/api/v1/session', { method: 'POST', token: null, json: { email, password } });
  await answer(res, 200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Imports posts from CSV lines (the first is the header), none refused, and waits until they are counted. */
export async function importPosts(svc: RunningService, campaignId: string, lines: string[]): Promise<void> {
  const result = await answer<{ rejected: unknown[] }>(
    await svc.api(`/api/v1/campaigns/${campaignId}/import`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: lines.join('\n') }),
    200,
  );
  expect(result.rejected).toEqual([]);
  await svc.idle();
}

/** A workshop of the campaign; its id and the address of its participants. */
export async function createWorkshop(
  svc: RunningService,
  campaignId: string,
  workshop: Record<string, unknown>,
): Promise<{ workshopId: string; participantsPath: string }> {
  const answered = await answer<{ workshop: { id: string } }>(
    await svc.api(`/api/v1/campaigns/${campaignId}/workshops`, { method: 'POST', json: workshop }),
    201,
  );
  return { workshopId: answered.workshop.id, participantsPath: `/api/v1/campaigns/${campaignId}/workshops/${answered.workshop.id}/participants` };
}

/** Adds participants, as a list or as the registration sheet's CSV text; none refused. */
export async function addParticipants(svc: RunningService, participantsPath: string, participants: ParticipantInput[] | { csv: string[] }): Promise<void> {
  const res = Array.isArray(participants)
    ? await svc.api(participantsPath, { method: 'POST', json: participants })
    : await svc.api(participantsPath, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: participants.csv.join('\n') });
  expect((await answer<{ rejected: unknown[] }>(res, 201)).rejected).toEqual([]);
}

/**
 * The whole set-up in one call: the campaign, its member users, the posts, one workshop and its
 * participants. What each test is about stays in the test: the posts, the workshop's dates, who
 * takes part.
 */
export async function workshopCampaign(
  svc: RunningService,
  spec: {
    campaign?: Record<string, unknown>;
    users?: Array<{ email: string; name?: string; role: 'admin' | 'manager' | 'participant' | 'viewer'; password: string }>;
    posts: string[];
    workshop: Record<string, unknown>;
    participants: ParticipantInput[] | { csv: string[] };
  },
): Promise<{ campaignId: string; workshopId: string; participantsPath: string }> {
  const campaignId = await createCampaign(svc, spec.campaign);
  for (const user of spec.users ?? []) await addMemberUser(svc, campaignId, user);
  await importPosts(svc, campaignId, spec.posts);
  const { workshopId, participantsPath } = await createWorkshop(svc, campaignId, spec.workshop);
  await addParticipants(svc, participantsPath, spec.participants);
  await svc.idle();
  return { campaignId, workshopId, participantsPath };
}
