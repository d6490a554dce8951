import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import type { Campaign } from '../../src/domain/campaign.js';
import { OPERATOR } from '../../src/services/auth/principal.js';
import { createAuditService } from '../../src/services/audit.service.js';
import { createChatService } from '../../src/services/chat.service.js';
import { createMongoStore } from '../../src/store/mongo/mongo.store.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { Store } from '../../src/store/store.port.js';
import { FIXTURE_CAMPAIGNS } from '../fixtures/metrics-fixtures.js';
import { createMingoDb } from '../helpers/mingo-db.js';
import { chatStoreContract } from './chat-store.contract.js';

const STORES: Array<[string, () => Promise<Store>]> = [
  ['sqlite :memory:', async () => createSqliteStore({ file: ':memory:' })],
  ['mongo over mingo', async () => createMongoStore(createMingoDb())],
];

for (const [name, make] of STORES) chatStoreContract(name, make);

const fixture = (name: string) => readFileSync(new URL(`../fixtures/chat/${name}`, import.meta.url));
const CAMPAIGN: Campaign = { ...FIXTURE_CAMPAIGNS[0]!, timeZone: 'Asia/Makassar' };
const FACILITATORS = ['Kak Rina', '+62 812 3456 7890'];

/** The fixture conversation per day, worked by hand (METRICS.md, "Support channel"). */
const DAYS = [
  { day: '2024-01-12', messages: 10, activeMembers: 7, questions: 2, answers: 2, answered: 2, unanswered: 0, medianFirstResponseMinutes: 33.5 },
  // Budi's question answered after 80 minutes; Dewi's two on the 15th, after 2695 and 2694.
  { day: '2024-01-13', messages: 8, activeMembers: 5, questions: 3, answers: 1, answered: 3, unanswered: 0, medianFirstResponseMinutes: 2694 },
  { day: '2024-01-15', messages: 8, activeMembers: 5, questions: 2, answers: 1, answered: 0, unanswered: 2, medianFirstResponseMinutes: null },
];
const TOTALS = { messages: 26, members: 7, activeMembers: 7, days: 3, questions: 7, answers: 4, answered: 5, unanswered: 2, medianFirstResponseMinutes: 80 };

async function service(make: () => Promise<Store>) {
  const store = await make();
  await store.createCampaign(CAMPAIGN);
  const now = () => new Date('2024-02-01T00:00:00Z');
  return { store, chat: createChatService({ chat: store.chat, audit: createAuditService({ accounts: store.accounts, now }), now }) };
}

describe.each(STORES)('chat import and activity on %s', (_name, make) => {
  it('counts the fixture conversation per day as worked by hand, in the campaign’s zone', async () => {
    const { store, chat } = await service(make);
    const result = await chat.importExport(OPERATOR, CAMPAIGN, fixture('android-id.txt'), FACILITATORS);
    expect(result).toMatchObject({ messages: 26, members: 7, days: 3, rejectedLines: 1, rejectedSample: [35], added: 26, duplicates: 0, facilitators: 2 });
    expect(result).toMatchObject({ from: '2024-01-12', to: '2024-01-15', systemLines: 12, dateOrder: 'dmy', dateOrderAssumed: false, textKept: false });
    const activity = await chat.activity(CAMPAIGN.id, { from: null, to: null });
    expect(activity.days).toEqual(DAYS);
    expect(activity.totals).toEqual(TOTALS);
    // 08:05 in Makassar (UTC+8) is 00:05 UTC.
    const stored = await store.chat.listChatMessages(CAMPAIGN.id);
    expect(stored[0]).toMatchObject({ at: '2024-01-12T00:05:00Z', day: '2024-01-12', text: null });
    // A day's row does not depend on the range; the totals are the range's.
    const one = await chat.activity(CAMPAIGN.id, { from: '2024-01-13', to: '2024-01-13' });
    expect(one.days).toEqual([DAYS[1]]);
    expect(one.totals).toMatchObject({ messages: 8, members: 5, days: 1, questions: 3, answered: 3, medianFirstResponseMinutes: 2694 });
    await store.close();
  });

  it('adds nothing twice: an overlapping part, the same chat exported from an iPhone in English, or zipped', async () => {
    const { store, chat } = await service(make);
    const whole = fixture('android-id.txt').toString('utf8');
    const part = whole.split('\n').slice(0, 29).join('\n');
    const first = await chat.importExport(OPERATOR, CAMPAIGN, Buffer.from(part), []);
    expect(first).toMatchObject({ added: first.messages, duplicates: 0 });
    expect(await chat.importExport(OPERATOR, CAMPAIGN, Buffer.from(whole), FACILITATORS)).toMatchObject({
      messages: 26,
      added: 26 - first.messages,
      duplicates: first.messages,
    });
    for (const file of ['ios-en.txt', 'android-en.txt', 'ios-id.txt']) {
      expect(await chat.importExport(OPERATOR, CAMPAIGN, fixture(file), []), file).toMatchObject({ messages: 26, added: 0, duplicates: 26 });
    }
    const zip = zipSync({ '_chat.txt': strToU8(whole) });
    expect(await chat.importExport(OPERATOR, CAMPAIGN, zip, [])).toMatchObject({ messages: 26, added: 0, duplicates: 26 });
    expect((await chat.activity(CAMPAIGN.id, { from: null, to: null })).totals).toEqual(TOTALS);
    await store.close();
  });

  it('keeps the text only when the campaign opts in, and facilitators given once are reused', async () => {
    const { store, chat } = await service(make);
    const keeping = { ...CAMPAIGN, chatKeepText: true };
    await chat.importExport(OPERATOR, keeping, fixture('ios-id.txt'), FACILITATORS);
    const stored = await store.chat.listChatMessages(CAMPAIGN.id);
    expect(stored[0]!.text).toBe('Selamat pagi semua! Grup ini untuk tanya jawab setelah pelatihan.\nSilakan bertanya kapan saja.');
    expect(stored.filter((m) => m.media).every((m) => m.text === null)).toBe(true);
    // A later import names no facilitator: the stored ones still count.
    expect(await chat.importExport(OPERATOR, CAMPAIGN, fixture('android-en.txt'), [])).toMatchObject({ facilitators: 2, added: 0 });
    expect((await chat.activity(CAMPAIGN.id, { from: null, to: null })).totals).toEqual(TOTALS);
    expect(await chat.setFacilitators(OPERATOR, CAMPAIGN.id, [])).toEqual({ facilitators: 0 });
    expect((await chat.activity(CAMPAIGN.id, { from: null, to: null })).totals).toMatchObject({ answers: 0, answered: 0, unanswered: 8 });
    await store.close();
  });

  it('deletes the channel’s data, audited with the counts, and rotates the secret: the same names hash differently after', async () => {
    const { store, chat } = await service(make);
    await chat.importExport(OPERATOR, CAMPAIGN, fixture('android-id.txt'), FACILITATORS);
    const before = await store.chat.listChatMessages(CAMPAIGN.id);
    expect(await chat.deleteData(OPERATOR, CAMPAIGN.id)).toEqual({ messages: 26, facilitators: 2 });
    expect((await chat.activity(CAMPAIGN.id, { from: null, to: null })).totals).toMatchObject({ messages: 0, members: 0, questions: 0 });
    expect(await chat.facilitators(CAMPAIGN.id)).toEqual({ facilitators: 0 });
    const audit = (await store.accounts.listAudit({ limit: 10 })).find((e) => e.action === 'chat.delete');
    expect(audit).toMatchObject({ target: { type: 'campaign', id: CAMPAIGN.id }, details: { messages: 26, facilitators: 2 } });
    // The same export again: every message is new, and no sender's hash matches one made before.
    expect(await chat.importExport(OPERATOR, CAMPAIGN, fixture('android-id.txt'), FACILITATORS)).toMatchObject({ added: 26, duplicates: 0 });
    const after = await store.chat.listChatMessages(CAMPAIGN.id);
    const old = new Set(before.flatMap((m) => [m.author, m.key]));
    expect(after.filter((m) => old.has(m.author) || old.has(m.key))).toEqual([]);
    expect((await chat.activity(CAMPAIGN.id, { from: null, to: null })).totals).toEqual(TOTALS);
    await store.close();
  });
});
