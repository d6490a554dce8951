import { describe, expect, it } from 'vitest';
import { activationWindows, ACTIVATION_WINDOWS } from '../../src/domain/workshops.js';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { Store } from '../../src/store/store.port.js';
import { createAuditService } from '../../src/services/audit.service.js';
import { createWorkshopsService } from '../../src/services/workshops.service.js';
import { FIXTURE_BATCHES, FIXTURE_CAMPAIGNS, JKT, PAPUA } from '../fixtures/metrics-fixtures.js';
import { FIXTURE_PARTICIPANTS, FIXTURE_WORKSHOPS, KPG_WORKSHOP, MKS_WORKSHOP, PAPUA_WORKSHOP } from '../fixtures/workshop-fixtures.js';
import { createMingoDb } from '../helpers/mingo-db.js';
import { referenceActivation } from '../helpers/reference-activation.js';
import { latestState } from '../helpers/reference-metrics.js';
import { workshopStoreContract } from './workshop-store.contract.js';

const STORES: Array<[string, () => Promise<Store>]> = [
  ['sqlite :memory:', async () => createSqliteStore({ file: ':memory:' })],
  ['mongo over mingo', async () => createMongoStore(createMingoDb())],
];

for (const [name, make] of STORES) workshopStoreContract(name, make);

async function seeded(make: () => Promise<Store>) {
  const store = await make();
  for (const c of FIXTURE_CAMPAIGNS) await store.createCampaign(c);
  for (const b of FIXTURE_BATCHES) await store.saveBatch(b);
  for (const w of FIXTURE_WORKSHOPS) await store.workshops.createWorkshop(w);
  await store.workshops.addParticipants(FIXTURE_PARTICIPANTS);
  const audit = createAuditService({ accounts: store.accounts, now: () => new Date('2015-02-01T00:00:00Z') });
  const service = createWorkshopsService({ workshops: store.workshops, posts: store, audit, now: () => new Date('2015-02-01T00:00:00Z') });
  return { store, service };
}

const zero = (participants: number) => ({ participants, active: 0, activationRate: 0, posts: 0, engagement: 0, reach: 0 });

describe.each(STORES)('workshop activation on %s (METRICS.md, Workshop activation)', (_name, make) => {
  it('counts the participants who posted in the window after, their posts, engagement and reach (worked by hand)', async () => {
    const { store, service } = await seeded(make);
    const mks = await service.metrics(JKT, MKS_WORKSHOP.id, 7);
    // Ani (ayu_baru on X, a3 on Mastodon), Budi (a2 on X, a5 on Instagram) and Dedi (AYU_BARU) posted; Citra and Eko (a3 on X) did not.
    expect(mks).toMatchObject({ window: 7, from: '2015-01-13T00:00:00.000Z', to: '2015-01-20T00:00:00.000Z' });
    expect(mks).toMatchObject({ participants: 5, active: 3, activationRate: 0.6, posts: 6, engagement: 40, reach: 1750 });
    expect(mks.before).toMatchObject({ from: '2015-01-05T01:00:00.000Z', to: '2015-01-12T01:00:00.000Z', ...zero(5) });

    const kpg = await service.metrics(JKT, KPG_WORKSHOP.id, 7);
    // After: Eka (a4 on Bluesky), Fajar (A5 on Instagram), Hana (a2 on X); p5 fell during the workshop itself.
    expect(kpg).toMatchObject({ participants: 4, active: 3, activationRate: 0.75, posts: 3, engagement: 8, reach: 80 });
    // Before: only Hana (p3); Eka's `a1` is no longer a1's handle.
    expect(kpg.before).toMatchObject({ participants: 4, active: 1, activationRate: 0.25, posts: 1, engagement: 8, reach: 0 });

    // The other campaign holds p3 too, under its own workshop.
    expect(await service.metrics(PAPUA, PAPUA_WORKSHOP.id, 7)).toMatchObject({ participants: 1, active: 0, before: { active: 1, posts: 1 } });
    await store.close();
  });

  it('equals the plain reference for every workshop and window', async () => {
    const { store, service } = await seeded(make);
    const data = latestState(FIXTURE_BATCHES);
    for (const days of ACTIVATION_WINDOWS) {
      for (const campaignId of [JKT, PAPUA]) {
        const rows = await service.activationByWorkshop(campaignId, days);
        const own = FIXTURE_WORKSHOPS.filter((w) => w.campaignId === campaignId);
        expect(rows.map((r) => r.workshopId)).toEqual(own.map((w) => w.id));
        for (const [i, w] of own.entries()) {
          const ref = referenceActivation(data, w, FIXTURE_PARTICIPANTS, days);
          const { after, before } = activationWindows(w, days);
          expect(rows[i]).toMatchObject({ ...ref.after, ...after, window: days, name: w.name, city: w.city });
          expect(rows[i]!.before).toMatchObject({ ...ref.before, ...before });
        }
      }
    }
    await store.close();
  });

  it('answers null for the rate of a workshop without participants', async () => {
    const { store, service } = await seeded(make);
    await store.workshops.createWorkshop({ ...KPG_WORKSHOP, id: 'w-empty' });
    expect(await service.metrics(JKT, 'w-empty', 30)).toMatchObject({
      participants: 0,
      active: 0,
      activationRate: null,
      posts: 0,
      before: { activationRate: null },
    });
    await store.close();
  });
});
