import { PARTICIPANT_GROUPS, type Participant, type ParticipantAccount, type Workshop } from '../../domain/workshops.js';
import { PLATFORMS } from '../../domain/post.js';
import type { WorkshopStore } from '../workshop-store.port.js';
import { asDoc, docArray, numOrNull, oneOf, str, strOrNull } from './doc-read.js';
import { COLLECTIONS as C, type Doc, type MongoDb } from './mongo-db.port.js';

/**
 * Workshops and participants as documents: the domain fields as given, `_id` the campaign and id
 * together (ids are unique per campaign), and a Date copy of the instant queries sort on (`…Time`).
 * Optional values are stored as null, never left out.
 */

const key = (campaignId: string, id: string) => `${campaignId}/${id}`;

export function workshopDoc(w: Workshop): Doc {
  return { _id: key(w.campaignId, w.id), ...w, startsAtTime: new Date(w.startsAt) };
}

export function readWorkshop(raw: unknown): Workshop {
  const d = asDoc(raw, 'workshop');
  return {
    id: str(d, 'id'),
    campaignId: str(d, 'campaignId'),
    name: str(d, 'name'),
    city: str(d, 'city'),
    startsAt: str(d, 'startsAt'),
    endsAt: str(d, 'endsAt'),
    venue: strOrNull(d, 'venue'),
    capacity: numOrNull(d, 'capacity'),
    createdAt: str(d, 'createdAt'),
    updatedAt: str(d, 'updatedAt'),
  };
}

export function participantDoc(p: Participant): Doc {
  return { _id: key(p.campaignId, p.id), ...p, addedAtTime: new Date(p.addedAt) };
}

function readAccount(raw: Doc): ParticipantAccount {
  return { platform: oneOf(raw, 'platform', PLATFORMS), handle: str(raw, 'handle') };
}

export function readParticipant(raw: unknown): Participant {
  const d = asDoc(raw, 'participant');
  return {
    id: str(d, 'id'),
    campaignId: str(d, 'campaignId'),
    workshopId: str(d, 'workshopId'),
    name: str(d, 'name'),
    group: oneOf(d, 'group', PARTICIPANT_GROUPS),
    accounts: docArray(d, 'accounts').map(readAccount),
    // Participants stored before the link to a user existed, or without one, have none.
    ...(typeof d.email === 'string' ? { email: d.email } : {}),
    consent: true,
    addedAt: str(d, 'addedAt'),
  };
}

/** Workshops and participants on MongoDB (or mingo in tests), through the MongoDb port only. */
export function createMongoWorkshops(db: MongoDb): WorkshopStore {
  return {
    async createWorkshop(w) {
      await db.bulkWrite(C.workshops, [{ insertOne: { document: workshopDoc(w) } }]);
    },
    async updateWorkshop(w) {
      const r = await db.bulkWrite(C.workshops, [{ replaceOne: { filter: { _id: key(w.campaignId, w.id) }, replacement: workshopDoc(w) } }]);
      return r.matchedCount > 0;
    },
    async getWorkshop(campaignId, workshopId) {
      const d = await db.findOne(C.workshops, { _id: key(campaignId, workshopId) });
      return d === null ? null : readWorkshop(d);
    },
    async listWorkshops(campaignId) {
      return (await db.find(C.workshops, { campaignId }, { sort: { startsAtTime: 1, id: 1 } })).map(readWorkshop);
    },
    async deleteWorkshop(campaignId, workshopId) {
      // Without a transaction: the participants first, so a crash between leaves a workshop without
      // participants (visible, deletable again), never participants of no workshop.
      await db.deleteMany(C.workshopParticipants, { campaignId, workshopId });
      return (await db.deleteMany(C.workshops, { _id: key(campaignId, workshopId) })) > 0;
    },
    async addParticipants(participants) {
      if (participants.length === 0) return;
      await db.bulkWrite(
        C.workshopParticipants,
        participants.map((p) => ({ insertOne: { document: participantDoc(p) } })),
      );
    },
    async listParticipants(campaignId, workshopId) {
      const filter: Doc = workshopId === undefined ? { campaignId } : { campaignId, workshopId };
      return (await db.find(C.workshopParticipants, filter, { sort: { addedAtTime: 1, id: 1 } })).map(readParticipant);
    },
    async participantsByEmail(campaignId, email) {
      return (await db.find(C.workshopParticipants, { campaignId, email }, { sort: { addedAtTime: 1, id: 1 } })).map(readParticipant);
    },
    async deleteParticipant(campaignId, workshopId, participantId) {
      return (await db.deleteMany(C.workshopParticipants, { _id: key(campaignId, participantId), workshopId })) > 0;
    },
  };
}
