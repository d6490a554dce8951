import type { Database } from 'better-sqlite3';
import type { Participant, Workshop } from '../../domain/workshops.js';
import type { WorkshopStore } from '../workshop-store.port.js';
import type { WriteGuard } from './accounts.sql.js';
import { asRow, str } from './row-read.js';
import { iso } from './rows.js';

// Every row keeps its document as given (migration 10), written by this module from typed values.
const parse = <T>(row: unknown): T => JSON.parse(str(asRow(row), 'doc')) as T;

/** Workshops and their participants (WorkshopStore). */
export function createWorkshopStore(db: Database, guard: WriteGuard): WorkshopStore {
  const stmt = {
    insertWorkshop: db.prepare('INSERT INTO workshops (campaign_id, id, starts_at, doc) VALUES (?, ?, ?, ?)'),
    updateWorkshop: db.prepare('UPDATE workshops SET starts_at = ?, doc = ? WHERE campaign_id = ? AND id = ?'),
    getWorkshop: db.prepare('SELECT doc FROM workshops WHERE campaign_id = ? AND id = ?'),
    listWorkshops: db.prepare('SELECT doc FROM workshops WHERE campaign_id = ? ORDER BY starts_at, id'),
    deleteWorkshop: db.prepare('DELETE FROM workshops WHERE campaign_id = ? AND id = ?'),
    deleteWorkshopParticipants: db.prepare('DELETE FROM workshop_participants WHERE campaign_id = ? AND workshop_id = ?'),
    insertParticipant: db.prepare('INSERT INTO workshop_participants (campaign_id, workshop_id, id, added_at, doc) VALUES (?, ?, ?, ?, ?)'),
    listParticipants: db.prepare('SELECT doc FROM workshop_participants WHERE campaign_id = ? ORDER BY added_at, id'),
    listWorkshopParticipants: db.prepare('SELECT doc FROM workshop_participants WHERE campaign_id = ? AND workshop_id = ? ORDER BY added_at, id'),
    // The expression of the index of migration 15.
    participantsByEmail: db.prepare("SELECT doc FROM workshop_participants WHERE campaign_id = ? AND json_extract(doc, '$.email') = ? ORDER BY added_at, id"),
    deleteParticipant: db.prepare('DELETE FROM workshop_participants WHERE campaign_id = ? AND workshop_id = ? AND id = ?'),
  };
  const deleteWorkshop = db.transaction((campaignId: string, workshopId: string): boolean => {
    stmt.deleteWorkshopParticipants.run(campaignId, workshopId);
    return stmt.deleteWorkshop.run(campaignId, workshopId).changes > 0;
  });
  const addParticipants = db.transaction((participants: Participant[]) => {
    for (const p of participants) stmt.insertParticipant.run(p.campaignId, p.workshopId, p.id, iso(p.addedAt), JSON.stringify(p));
  });
  return {
    async createWorkshop(w) {
      guard(() => stmt.insertWorkshop.run(w.campaignId, w.id, iso(w.startsAt), JSON.stringify(w)))();
    },
    async updateWorkshop(w) {
      return guard(() => stmt.updateWorkshop.run(iso(w.startsAt), JSON.stringify(w), w.campaignId, w.id).changes > 0)();
    },
    async getWorkshop(campaignId, workshopId) {
      const row = stmt.getWorkshop.get(campaignId, workshopId);
      return row === undefined ? null : parse<Workshop>(row);
    },
    async listWorkshops(campaignId) {
      return stmt.listWorkshops.all(campaignId).map((r) => parse<Workshop>(r));
    },
    async deleteWorkshop(campaignId, workshopId) {
      return guard(deleteWorkshop)(campaignId, workshopId);
    },
    async addParticipants(participants) {
      guard(addParticipants)(participants);
    },
    async listParticipants(campaignId, workshopId) {
      const rows = workshopId === undefined ? stmt.listParticipants.all(campaignId) : stmt.listWorkshopParticipants.all(campaignId, workshopId);
      return rows.map((r) => parse<Participant>(r));
    },
    async participantsByEmail(campaignId, email) {
      return stmt.participantsByEmail.all(campaignId, email).map((r) => parse<Participant>(r));
    },
    async deleteParticipant(campaignId, workshopId, participantId) {
      return guard(() => stmt.deleteParticipant.run(campaignId, workshopId, participantId).changes > 0)();
    },
  };
}
