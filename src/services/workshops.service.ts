import { randomBytes } from 'node:crypto';
import { normalizeEmail } from '../domain/account.js';
import type { Campaign } from '../domain/campaign.js';
import type { Platform } from '../domain/post.js';
import {
  activationFigures,
  activationWindows,
  cityActivationFigures,
  windowPieces,
  normalizeHandle,
  type ActivationFigures,
  type ActivationWindow,
  type AuthorFigures,
  type Participant,
  type PieceAuthors,
  type Window,
  type WindowSide,
  type Workshop,
} from '../domain/workshops.js';
import { AppError, badRequest, notFound } from '../errors.js';
import type { WorkshopInput, WorkshopPatch } from '../contracts/workshop.schema.js';
import { MAX_PARTICIPANTS } from '../contracts/workshop.schema.js';
import type { Store } from '../store/store.port.js';
import type { WorkshopStore } from '../store/workshop-store.port.js';
import type { AuditService } from './audit.service.js';
import { isAdmin, type Principal } from './auth/principal.js';
import type { ParsedSheet } from './participant-sheet.js';

/** What the workshops service reads of the posts: each author's figures over a window. */
export type ActivationStore = Pick<Store, 'topContributors'>;

/** The most authors one window's figures read (every campaign author that posted in it, far above any real campaign). */
export const MAX_WINDOW_AUTHORS = 1_000_000;

/** A workshop as the API shows it: the record and how many registered (a count everyone may see). */
export type WorkshopView = Workshop & { participants: number };

/** Participants as one reader may see them: names and handles for managers and admins, counts for the rest. */
export type ParticipantsView =
  | { visibility: 'full'; count: number; byGroup: Record<string, number>; participants: Participant[] }
  | { visibility: 'counts'; count: number; byGroup: Record<string, number> };

export interface ActivationView extends ActivationFigures {
  window: ActivationWindow;
  from: string;
  to: string;
  before: ActivationFigures & { from: string; to: string };
}

export type WorkshopActivationRow = ActivationView & { workshopId: string; name: string; city: string; startsAt: string; endsAt: string };

/** One city's activation figures (METRICS.md, "Per city"): its workshops' participants, each person once. */
export type CityActivationRow = ActivationFigures & { city: string; workshops: number; window: ActivationWindow; before: ActivationFigures };

/** Whether the principal sees participants' names and handles (API.md 1.1: managers and admins only). */
export const seesParticipants = (p: Principal): boolean => isAdmin(p) || (p.kind === 'user' && p.user.role === 'manager');

const newId = () => randomBytes(9).toString('base64url');

function byGroup(participants: readonly Participant[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of participants) out[p.group] = (out[p.group] ?? 0) + 1;
  return out;
}

/** Workshops, participants and the activation figures (API.md 1.1; METRICS.md, "Workshop activation"). */
export function createWorkshopsService(deps: { workshops: WorkshopStore; posts: ActivationStore; audit: AuditService; now: () => Date }) {
  const { workshops, audit } = deps;

  async function load(campaignId: string, workshopId: string): Promise<Workshop> {
    const w = await workshops.getWorkshop(campaignId, workshopId);
    if (w === null) throw notFound('Workshop');
    return w;
  }

  /** Every author's figures over a window of the campaign's posts, for the platforms the participants name. */
  async function authorsIn(campaignId: string, window: Window, platforms: Platform[]): Promise<AuthorFigures[]> {
    if (platforms.length === 0) return [];
    const rows = await deps.posts.topContributors({
      campaignId,
      filter: { from: window.from, to: window.to, platforms: [...new Set(platforms)] },
      sort: 'posts',
      limit: MAX_WINDOW_AUTHORS,
    });
    return rows.map((r) => ({
      publishedOn: r.publishedOn,
      platform: r.platform,
      authorId: r.authorId,
      handle: r.handle,
      posts: r.posts,
      engagement: r.engagement,
      reach: r.reach,
    }));
  }

  async function activation(campaignId: string, w: Workshop, participants: Participant[], days: ActivationWindow): Promise<ActivationView> {
    const { after, before } = activationWindows(w, days);
    const platforms = participants.flatMap((p) => p.accounts.map((a) => a.platform));
    const [a, b] = await Promise.all([authorsIn(campaignId, after, platforms), authorsIn(campaignId, before, platforms)]);
    return { window: days, ...after, ...activationFigures(participants, a), before: { ...before, ...activationFigures(participants, b) } };
  }

  /** The figures of every city with workshops, on one side of their windows: the posts read once per piece of time. */
  async function citySide(campaignId: string, list: Workshop[], participants: Participant[], days: ActivationWindow, side: WindowSide) {
    const windows = list.map((w) => ({ id: w.id, city: w.city, window: activationWindows(w, days)[side] }));
    const platforms = participants.flatMap((p) => p.accounts.map((a) => a.platform));
    const pieces: PieceAuthors[] = [];
    for (const piece of windowPieces(windows.map((w) => w.window))) pieces.push({ piece, authors: await authorsIn(campaignId, piece, platforms) });
    const out = new Map<string, ActivationFigures>();
    for (const city of new Set(list.map((w) => w.city))) {
      const own = windows.filter((w) => w.city === city);
      const ids = new Set(own.map((w) => w.id));
      out.set(
        city,
        cityActivationFigures(
          own,
          participants.filter((p) => ids.has(p.workshopId)),
          pieces,
        ),
      );
    }
    return out;
  }

  return {
    load,

    async list(campaignId: string): Promise<WorkshopView[]> {
      const [list, participants] = await Promise.all([workshops.listWorkshops(campaignId), workshops.listParticipants(campaignId)]);
      const counts = new Map<string, number>();
      for (const p of participants) counts.set(p.workshopId, (counts.get(p.workshopId) ?? 0) + 1);
      return list.map((w) => ({ ...w, participants: counts.get(w.id) ?? 0 }));
    },

    async view(campaignId: string, workshopId: string): Promise<WorkshopView> {
      const w = await load(campaignId, workshopId);
      return { ...w, participants: (await workshops.listParticipants(campaignId, workshopId)).length };
    },

    async create(by: Principal, campaign: Campaign, input: WorkshopInput): Promise<Workshop> {
      const at = deps.now().toISOString();
      const w: Workshop = {
        id: newId(),
        campaignId: campaign.id,
        name: input.name,
        city: input.city,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        venue: input.venue ?? null,
        capacity: input.capacity ?? null,
        createdAt: at,
        updatedAt: at,
      };
      await workshops.createWorkshop(w);
      await audit.record(by, 'workshop.create', { type: 'campaign', id: campaign.id }, { workshopId: w.id, name: w.name, city: w.city });
      return w;
    },

    async update(by: Principal, campaignId: string, workshopId: string, patch: WorkshopPatch): Promise<Workshop> {
      const old = await load(campaignId, workshopId);
      const next: Workshop = { ...old, ...patch, updatedAt: deps.now().toISOString() };
      if (Date.parse(next.endsAt) < Date.parse(next.startsAt))
        throw badRequest('Invalid request body: endsAt', [{ field: 'endsAt', message: 'must not be before startsAt' }]);
      if (!(await workshops.updateWorkshop(next))) throw notFound('Workshop');
      await audit.record(by, 'workshop.update', { type: 'campaign', id: campaignId }, { workshopId, fields: Object.keys(patch) });
      return next;
    },

    async remove(by: Principal, campaignId: string, workshopId: string): Promise<void> {
      if (!(await workshops.deleteWorkshop(campaignId, workshopId))) throw notFound('Workshop');
      await audit.record(by, 'workshop.delete', { type: 'campaign', id: campaignId }, { workshopId });
    },

    async participants(by: Principal, campaignId: string, workshopId: string): Promise<ParticipantsView> {
      await load(campaignId, workshopId);
      const list = await workshops.listParticipants(campaignId, workshopId);
      const counts = { count: list.length, byGroup: byGroup(list) };
      return seesParticipants(by) ? { visibility: 'full', ...counts, participants: list } : { visibility: 'counts', ...counts };
    },

    /** Adds the good rows of a sheet (or one participant), handles normalised; the rejected rows are reported, not stored. */
    async addParticipants(by: Principal, campaignId: string, workshopId: string, sheet: ParsedSheet) {
      await load(campaignId, workshopId);
      const already = (await workshops.listParticipants(campaignId, workshopId)).length;
      if (already + sheet.rows.length > MAX_PARTICIPANTS)
        throw new AppError(409, 'too_many_participants', `A workshop takes at most ${MAX_PARTICIPANTS} participants; it has ${already}.`, [
          { field: 'participants', message: `at most ${MAX_PARTICIPANTS} per workshop` },
        ]);
      const at = deps.now().toISOString();
      // Ids that sort in the sheet's order: participants added together share their addedAt.
      const batch = newId().slice(0, 8);
      const added: Participant[] = sheet.rows.map(({ participant: p }, i) => ({
        id: `${batch}${i.toString(36).padStart(4, '0')}`,
        campaignId,
        workshopId,
        name: p.name,
        group: p.group,
        // One account per platform and handle, however it was written.
        accounts: [
          ...new Map(
            p.accounts.map((a) => [`${a.platform} ${normalizeHandle(a.handle)}`, { platform: a.platform, handle: normalizeHandle(a.handle) }]),
          ).values(),
        ],
        ...(p.email ? { email: normalizeEmail(p.email) } : {}),
        consent: true,
        addedAt: at,
      }));
      await workshops.addParticipants(added);
      if (added.length > 0) await audit.record(by, 'workshop.participants.add', { type: 'campaign', id: campaignId }, { workshopId, added: added.length });
      return { added: added.length, participants: added, rejected: sheet.rejected };
    },

    async removeParticipant(by: Principal, campaignId: string, workshopId: string, participantId: string): Promise<void> {
      if (!(await workshops.deleteParticipant(campaignId, workshopId, participantId))) throw notFound('Participant');
      await audit.record(by, 'workshop.participants.remove', { type: 'campaign', id: campaignId }, { workshopId, participantId });
    },

    /** One workshop's activation figures over the window after it ended and the window before it started. */
    async metrics(campaignId: string, workshopId: string, days: ActivationWindow): Promise<ActivationView> {
      const w = await load(campaignId, workshopId);
      return activation(campaignId, w, await workshops.listParticipants(campaignId, workshopId), days);
    },

    /**
     * One row per workshop (by start): what `GET …/metrics/workshops` answers, and what the sponsor
     * report can call ("Of 84 participants in Kupang, 51 posted within 30 days: 61 %").
     */
    async activationByWorkshop(campaignId: string, days: ActivationWindow): Promise<WorkshopActivationRow[]> {
      const [list, participants] = await Promise.all([workshops.listWorkshops(campaignId), workshops.listParticipants(campaignId)]);
      const rows: WorkshopActivationRow[] = [];
      for (const w of list) {
        const own = participants.filter((p) => p.workshopId === w.id);
        rows.push({ workshopId: w.id, name: w.name, city: w.city, startsAt: w.startsAt, endsAt: w.endsAt, ...(await activation(campaignId, w, own, days)) });
      }
      return rows;
    },

    /**
     * One row per city with workshops (by its first workshop's start): `GET …/metrics/workshops?by=city`.
     * A person registered in two workshops of the city counts once (METRICS.md, "Per city").
     */
    async activationByCity(campaignId: string, days: ActivationWindow): Promise<CityActivationRow[]> {
      const [list, participants] = await Promise.all([workshops.listWorkshops(campaignId), workshops.listParticipants(campaignId)]);
      const [after, before] = [await citySide(campaignId, list, participants, days, 'after'), await citySide(campaignId, list, participants, days, 'before')];
      return [...after].map(([city, figures]) => ({
        city,
        workshops: list.filter((w) => w.city === city).length,
        window: days,
        ...figures,
        before: before.get(city)!,
      }));
    },
  };
}

export type WorkshopsService = ReturnType<typeof createWorkshopsService>;
