import { describe, expect, it } from 'vitest';
import { ACTIVATION_WINDOWS } from '../../src/domain/workshops.js';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { Store } from '../../src/store/store.port.js';
import { createAuditService } from '../../src/services/audit.service.js';
import { createWorkshopsService } from '../../src/services/workshops.service.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT, PAPUA } from '../fixtures/metrics-fixtures.js';
import { CITY_PARTICIPANTS, FIXTURE_PARTICIPANTS, FIXTURE_WORKSHOPS, KPG2_WORKSHOP } from '../fixtures/workshop-fixtures.js';
import { createMingoDb } from '../helpers/mingo-db.js';
import { referenceCityActivation } from '../helpers/reference-activation.js';
import { latestState } from '../helpers/reference-metrics.js';

const STORES: Array<[string, () => Promise<Store>]> = [
  ['sqlite :memory:', async () => createSqliteStore({ file: ':memory:' })],
  ['mongo over mingo', async () => createMongoStore(createMingoDb())],
];

const WORKSHOPS = [...FIXTURE_WORKSHOPS, KPG2_WORKSHOP];
const PARTICIPANTS = [...FIXTURE_PARTICIPANTS, ...CITY_PARTICIPANTS];

async function seeded(make: () => Promise<Store>) {
  const store = await make();
  for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
  for (const b of FIXTURE_BATCHES) await store.saveBatch(b);
  for (const w of WORKSHOPS) await store.workshops.createWorkshop(w);
  await store.workshops.addParticipants(PARTICIPANTS);
  const now = () => new Date('2015-02-01T00:00:00Z');
  const audit = createAuditService({ accounts: store.accounts, now });
  return { store, service: createWorkshopsService({ workshops: store.workshops, posts: store, audit, now }) };
}

describe.each(STORES)('activation per city on %s (METRICS.md, Per city)', (_name, make) => {
  it('counts a person of two workshops of one city once, and a post in two overlapping windows once (worked by hand)', async () => {
    const { store, service } = await seeded(make);
    const rows = await service.activationByCity(JKT, 7);
    // By each city's first workshop: Makassar (12 Jan), then Kupang (its second workshop starts on the 13th).
    expect(rows.map((r) => [r.city, r.workshops])).toEqual([
      ['73.71', 1],
      ['53.71', 2],
    ]);
    const [mks, kpg] = rows;
    // Kupang: Eka, Fajar = Kiki (a5 on Instagram), Gita, Hana = Hana (a2 on X), Joko, Lina: 6 people.
    // After: Eka (p7), Fajar/Kiki (p6), Hana (p8, in both windows after, counted once); Joko's p4 is before.
    expect(kpg).toMatchObject({ window: 7, participants: 6, active: 3, activationRate: 0.5, posts: 3 });
    // Before: Hana's p3 in KPG's window before (KPG II was under way then), Joko's p4 in KPG II's.
    expect(kpg!.before).toMatchObject({ participants: 6, active: 2, posts: 2 });
    // Makassar: Ani and Dedi name the same X account (@Ayu_Baru, AYU_BARU): one person of 4, as the workshop's 5 records.
    expect(mks).toMatchObject({ participants: 4, active: 2, activationRate: 0.5, posts: 6 });
    expect(await service.activationByCity(PAPUA, 7)).toMatchObject([{ city: '91.71', workshops: 1, participants: 1, active: 0, before: { active: 1 } }]);
    expect(await service.activationByCity('nobody', 30)).toEqual([]);
    await store.close();
  });

  it('equals the plain reference for every city, window and side', async () => {
    const { store, service } = await seeded(make);
    const data = latestState(FIXTURE_BATCHES);
    for (const days of ACTIVATION_WINDOWS) {
      for (const campaignId of [JKT, PAPUA]) {
        const rows = await service.activationByCity(campaignId, days);
        const cities = [...new Set(WORKSHOPS.filter((w) => w.campaignId === campaignId).map((w) => w.city))];
        expect(rows.map((r) => r.city).sort()).toEqual(cities.sort());
        for (const row of rows) {
          const ref = (side: 'after' | 'before') => referenceCityActivation(data, campaignId, WORKSHOPS, PARTICIPANTS, row.city, days, side);
          const { before, ...after } = row;
          expect(after).toMatchObject(ref('after'));
          expect(before).toEqual(ref('before'));
        }
      }
    }
    await store.close();
  });
});
