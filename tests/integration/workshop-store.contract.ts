import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Participant, Workshop } from '../../src/domain/workshops.js';
import type { Store } from '../../src/store/store.port.js';
import { FIXTURE_PARTICIPANTS, FIXTURE_WORKSHOPS, KPG_WORKSHOP, MKS_WORKSHOP, PAPUA_WORKSHOP } from '../fixtures/workshop-fixtures.js';
import { JKT, PAPUA } from '../fixtures/metrics-fixtures.js';

/** The contract every Store adapter's `workshops` passes (src/store/workshop-store.port.ts). */
export function workshopStoreContract(name: string, makeStore: () => Promise<Store>) {
  describe(`workshop store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const seed = async () => {
      // Stored in another order than they list in.
      for (const w of [KPG_WORKSHOP, PAPUA_WORKSHOP, MKS_WORKSHOP]) await store.workshops.createWorkshop(w);
      await store.workshops.addParticipants([...FIXTURE_PARTICIPANTS].reverse());
    };

    it('keeps a workshop as given and lists a campaign’s by start, then id', async () => {
      await seed();
      expect(await store.workshops.getWorkshop(JKT, MKS_WORKSHOP.id)).toEqual(MKS_WORKSHOP);
      expect(await store.workshops.listWorkshops(JKT)).toEqual([MKS_WORKSHOP, KPG_WORKSHOP]);
      expect(await store.workshops.listWorkshops(PAPUA)).toEqual([PAPUA_WORKSHOP]);
      expect(await store.workshops.listWorkshops('nobody')).toEqual([]);
      // Same start: by id.
      const twin: Workshop = { ...MKS_WORKSHOP, id: 'a-first', startsAt: '2015-01-12T09:00:00+08:00' };
      await store.workshops.createWorkshop(twin);
      expect((await store.workshops.listWorkshops(JKT)).map((w) => w.id)).toEqual(['a-first', MKS_WORKSHOP.id, KPG_WORKSHOP.id]);
    });

    it('never finds one campaign’s workshop through another campaign', async () => {
      await seed();
      expect(await store.workshops.getWorkshop(PAPUA, MKS_WORKSHOP.id)).toBeNull();
      expect(await store.workshops.updateWorkshop({ ...MKS_WORKSHOP, campaignId: PAPUA, name: 'stolen' })).toBe(false);
      expect(await store.workshops.deleteWorkshop(PAPUA, MKS_WORKSHOP.id)).toBe(false);
      expect(await store.workshops.deleteParticipant(PAPUA, MKS_WORKSHOP.id, FIXTURE_PARTICIPANTS[0]!.id)).toBe(false);
      expect(await store.workshops.getWorkshop(JKT, MKS_WORKSHOP.id)).toEqual(MKS_WORKSHOP);
      expect(await store.workshops.listParticipants(JKT, MKS_WORKSHOP.id)).toHaveLength(5);
    });

    it('replaces a workshop on update, and answers false for none', async () => {
      await seed();
      const changed: Workshop = { ...KPG_WORKSHOP, name: 'Kupang II', startsAt: '2015-01-11T00:00:00.000Z', venue: 'Undana', capacity: 60 };
      expect(await store.workshops.updateWorkshop(changed)).toBe(true);
      expect(await store.workshops.getWorkshop(JKT, KPG_WORKSHOP.id)).toEqual(changed);
      // The new start moves it in the list.
      expect((await store.workshops.listWorkshops(JKT)).map((w) => w.id)).toEqual([KPG_WORKSHOP.id, MKS_WORKSHOP.id]);
      expect(await store.workshops.updateWorkshop({ ...KPG_WORKSHOP, id: 'missing' })).toBe(false);
      expect(await store.workshops.getWorkshop(JKT, 'missing')).toBeNull();
    });

    it('lists participants by addedAt, per workshop or the whole campaign', async () => {
      await seed();
      const of = (w: Workshop) => FIXTURE_PARTICIPANTS.filter((p) => p.workshopId === w.id);
      expect(await store.workshops.listParticipants(JKT, MKS_WORKSHOP.id)).toEqual(of(MKS_WORKSHOP));
      expect(await store.workshops.listParticipants(JKT, KPG_WORKSHOP.id)).toEqual(of(KPG_WORKSHOP));
      expect(await store.workshops.listParticipants(JKT)).toEqual([...of(MKS_WORKSHOP), ...of(KPG_WORKSHOP)]);
      expect(await store.workshops.listParticipants(PAPUA)).toEqual(of(PAPUA_WORKSHOP));
    });

    it('removes one participant, and a workshop with all of its participants', async () => {
      await seed();
      const budi = FIXTURE_PARTICIPANTS[1]!;
      expect(await store.workshops.deleteParticipant(JKT, KPG_WORKSHOP.id, budi.id)).toBe(false);
      expect(await store.workshops.deleteParticipant(JKT, MKS_WORKSHOP.id, budi.id)).toBe(true);
      expect(await store.workshops.deleteParticipant(JKT, MKS_WORKSHOP.id, budi.id)).toBe(false);
      expect((await store.workshops.listParticipants(JKT, MKS_WORKSHOP.id)).map((p) => p.name)).toEqual(['Ani', 'Citra', 'Dedi', 'Eko']);

      expect(await store.workshops.deleteWorkshop(JKT, MKS_WORKSHOP.id)).toBe(true);
      expect(await store.workshops.deleteWorkshop(JKT, MKS_WORKSHOP.id)).toBe(false);
      expect(await store.workshops.getWorkshop(JKT, MKS_WORKSHOP.id)).toBeNull();
      expect(await store.workshops.listParticipants(JKT, MKS_WORKSHOP.id)).toEqual([]);
      // The other workshops keep theirs.
      expect(await store.workshops.listParticipants(JKT, KPG_WORKSHOP.id)).toHaveLength(4);
      expect(await store.workshops.listParticipants(PAPUA)).toHaveLength(1);
    });

    it('adds nothing for an empty sheet, and keeps accounts and groups as given', async () => {
      await store.workshops.createWorkshop(MKS_WORKSHOP);
      await store.workshops.addParticipants([]);
      expect(await store.workshops.listParticipants(JKT)).toEqual([]);
      const p: Participant = { ...FIXTURE_PARTICIPANTS[0]!, accounts: [{ platform: 'tiktok', handle: 'ani.kupang' }], group: 'government' };
      await store.workshops.addParticipants([p]);
      expect(await store.workshops.listParticipants(JKT, MKS_WORKSHOP.id)).toEqual([p]);
    });

    it('finds a campaign’s participants by the e-mail address of their user, and keeps the address as given', async () => {
      await seed();
      const [ani, budi] = FIXTURE_PARTICIPANTS.filter((p) => p.campaignId === JKT);
      const linked: Participant[] = [
        { ...ani!, id: 'p-linked-1', email: 'ani@example.org' },
        { ...budi!, id: 'p-linked-2', workshopId: KPG_WORKSHOP.id, email: 'ani@example.org' },
        { ...budi!, id: 'p-linked-3', email: 'budi@example.org' },
      ];
      const papua: Participant = { ...FIXTURE_PARTICIPANTS.find((p) => p.campaignId === PAPUA)!, id: 'p-linked-4', email: 'ani@example.org' };
      await store.workshops.addParticipants([...linked, papua]);
      expect(await store.workshops.participantsByEmail(JKT, 'ani@example.org')).toEqual([linked[0], linked[1]]);
      expect(await store.workshops.participantsByEmail(JKT, 'budi@example.org')).toEqual([linked[2]]);
      expect(await store.workshops.participantsByEmail(PAPUA, 'ani@example.org')).toEqual([papua]);
      expect(await store.workshops.participantsByEmail(JKT, 'nobody@example.org')).toEqual([]);
      // Participants without an address are found by none.
      expect(await store.workshops.participantsByEmail(JKT, '')).toEqual([]);
      expect((await store.workshops.listParticipants(JKT, MKS_WORKSHOP.id)).find((p) => p.id === 'p-linked-1')).toEqual(linked[0]);
    });

    it('holds every fixture workshop', async () => {
      await seed();
      const all = [...(await store.workshops.listWorkshops(JKT)), ...(await store.workshops.listWorkshops(PAPUA))];
      expect(all.map((w) => w.id).sort()).toEqual(FIXTURE_WORKSHOPS.map((w) => w.id).sort());
    });
  });
}
