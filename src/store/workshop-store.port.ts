import type { Participant, Workshop } from '../domain/workshops.js';

/**
 * A campaign's workshops and their participants, kept beside the campaigns in the same database.
 * Both adapters (sqlite, mongo) pass tests/integration/workshop-store.contract.ts. Every read and
 * write names the campaign, so one campaign's ids never reach another's records.
 */
export interface WorkshopStore {
  createWorkshop(workshop: Workshop): Promise<void>;
  /** Replaces the workshop with the same campaign and id; false when there is none. */
  updateWorkshop(workshop: Workshop): Promise<boolean>;
  getWorkshop(campaignId: string, workshopId: string): Promise<Workshop | null>;
  /** By start, then id. */
  listWorkshops(campaignId: string): Promise<Workshop[]>;
  /** Deletes the workshop and its participants, all or nothing; false when there was none. */
  deleteWorkshop(campaignId: string, workshopId: string): Promise<boolean>;

  /** Adds participants (a registration sheet at once: all or nothing). */
  addParticipants(participants: Participant[]): Promise<void>;
  /** One workshop's participants, or the whole campaign's when workshopId is absent; by addedAt, then id. */
  listParticipants(campaignId: string, workshopId?: string): Promise<Participant[]>;
  /** The campaign's participants linked to a user by their e-mail address (normalised); by addedAt, then id. */
  participantsByEmail(campaignId: string, email: string): Promise<Participant[]>;
  deleteParticipant(campaignId: string, workshopId: string, participantId: string): Promise<boolean>;
}
