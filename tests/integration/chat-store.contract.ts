import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/domain/chat.js';
import type { Store } from '../../src/store/store.port.js';
import { FIXTURE_CAMPAIGNS } from '../fixtures/metrics-fixtures.js';

/** The contract every Store adapter's `chat` passes (src/store/chat-store.port.ts). */

const A = 'camp-a';
const B = 'camp-b';

const msg = (campaignId: string, key: string, at: string, over: Partial<ChatMessage> = {}): ChatMessage => ({
  campaignId,
  key,
  author: `h-${key.slice(0, 1)}`,
  at,
  day: at.slice(0, 10),
  question: false,
  media: false,
  text: null,
  importedAt: '2024-02-01T00:00:00.000Z',
  ...over,
});

/** A plain reference: every message once by key (the first one stored wins), by time then key. */
function reference(batches: ReadonlyArray<readonly ChatMessage[]>, campaignId: string, toDay?: string): ChatMessage[] {
  const kept = new Map<string, ChatMessage>();
  for (const b of batches) for (const m of b) if (m.campaignId === campaignId && !kept.has(m.key)) kept.set(m.key, m);
  return [...kept.values()]
    .filter((m) => toDay === undefined || m.day <= toDay)
    .sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

export function chatStoreContract(name: string, makeStore: () => Promise<Store>) {
  describe(`chat store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps one secret per campaign: the first stored, whatever later callers propose', async () => {
      expect(await store.chat.chatSecret(A, 'first')).toBe('first');
      expect(await store.chat.chatSecret(A, 'second')).toBe('first');
      const [x, y] = await Promise.all([store.chat.chatSecret(B, 'b1'), store.chat.chatSecret(B, 'b2')]);
      expect(x).toBe(y);
      expect(['b1', 'b2']).toContain(x);
    });

    it('adds each key once, counts what it added, and lists by time then key, per campaign', async () => {
      const first = [
        msg(A, 'b2', '2024-01-12T01:05:00Z', { question: true, text: 'Kapan?' }),
        msg(A, 'a1', '2024-01-12T01:05:00Z', { media: true }),
        msg(A, 'c3', '2024-01-11T23:59:00Z', { text: '$literal starts like an operator' }),
        msg(B, 'a1', '2024-01-12T01:00:00Z'),
      ];
      // Overlapping: two known keys (one with another text: the stored one stays), one new.
      const second = [
        msg(A, 'b2', '2024-01-12T01:05:00Z', { text: 'changed', importedAt: '2024-03-01T00:00:00.000Z' }),
        msg(A, 'c3', '2024-01-11T23:59:00Z'),
        msg(A, 'd4', '2024-01-13T08:00:00Z'),
      ];
      expect(await store.chat.addChatMessages(A, first.slice(0, 3))).toBe(3);
      expect(await store.chat.addChatMessages(B, first.slice(3))).toBe(1);
      expect(await store.chat.addChatMessages(A, second)).toBe(1);
      expect(await store.chat.addChatMessages(A, [])).toBe(0);
      expect(await store.chat.listChatMessages(A)).toEqual(reference([first, second], A));
      expect(await store.chat.listChatMessages(B)).toEqual(reference([first, second], B));
      expect(await store.chat.listChatMessages(A, '2024-01-12')).toEqual(reference([first, second], A, '2024-01-12'));
      expect((await store.chat.listChatMessages(A, '2024-01-12')).map((m) => m.key)).toEqual(['c3', 'a1', 'b2']);
      expect(await store.chat.listChatMessages('nobody')).toEqual([]);
    });

    it('keeps a campaign’s chatKeepText setting, and reads a campaign without it as not keeping text', async () => {
      const keeping = { ...FIXTURE_CAMPAIGNS[0]!, chatKeepText: true };
      await store.createCampaign(keeping);
      expect(await store.getCampaign(keeping.id)).toEqual(keeping);
      await store.updateCampaign({ ...keeping, chatKeepText: false });
      expect((await store.getCampaign(keeping.id))?.chatKeepText).toBe(false);
      await store.createCampaign(FIXTURE_CAMPAIGNS[1]!);
      expect((await store.getCampaign(FIXTURE_CAMPAIGNS[1]!.id))?.chatKeepText).toBeUndefined();
    });

    it('replaces a campaign’s facilitators and lists them sorted, never another campaign’s', async () => {
      expect(await store.chat.chatFacilitators(A)).toEqual([]);
      await store.chat.setChatFacilitators(A, ['zz', 'aa', 'mm']);
      await store.chat.setChatFacilitators(B, ['bb']);
      expect(await store.chat.chatFacilitators(A)).toEqual(['aa', 'mm', 'zz']);
      await store.chat.setChatFacilitators(A, ['mm']);
      expect(await store.chat.chatFacilitators(A)).toEqual(['mm']);
      await store.chat.setChatFacilitators(A, []);
      expect(await store.chat.chatFacilitators(A)).toEqual([]);
      expect(await store.chat.chatFacilitators(B)).toEqual(['bb']);
    });

    it('deletes a campaign’s messages and facilitators and replaces its secret, never another campaign’s', async () => {
      expect(await store.chat.chatSecret(A, 'old-a')).toBe('old-a');
      expect(await store.chat.chatSecret(B, 'old-b')).toBe('old-b');
      const a = [msg(A, 'a1', '2024-01-12T01:00:00Z'), msg(A, 'b2', '2024-01-13T01:00:00Z', { question: true })];
      const b = [msg(B, 'a1', '2024-01-12T01:00:00Z')];
      await store.chat.addChatMessages(A, a);
      await store.chat.addChatMessages(B, b);
      await store.chat.setChatFacilitators(A, ['f1', 'f2', 'f3']);
      await store.chat.setChatFacilitators(B, ['fb']);

      expect(await store.chat.deleteChat(A, 'new-a')).toEqual({ messages: 2, facilitators: 3 });
      expect(await store.chat.listChatMessages(A)).toEqual([]);
      expect(await store.chat.chatFacilitators(A)).toEqual([]);
      // The fresh secret is the one kept: later callers proposing another get it.
      expect(await store.chat.chatSecret(A, 'later')).toBe('new-a');
      // The other campaign keeps everything.
      expect(await store.chat.listChatMessages(B)).toEqual(reference([b], B));
      expect(await store.chat.chatFacilitators(B)).toEqual(['fb']);
      expect(await store.chat.chatSecret(B, 'later')).toBe('old-b');

      // Nothing left: nothing removed, and still a new secret; a campaign that never had one gets it.
      expect(await store.chat.deleteChat(A, 'newer-a')).toEqual({ messages: 0, facilitators: 0 });
      expect(await store.chat.chatSecret(A, 'later')).toBe('newer-a');
      expect(await store.chat.deleteChat('camp-c', 'c1')).toEqual({ messages: 0, facilitators: 0 });
      expect(await store.chat.chatSecret('camp-c', 'later')).toBe('c1');
      // A message stored again after the deletion is new.
      expect(await store.chat.addChatMessages(A, a)).toBe(2);
    });
  });
}
