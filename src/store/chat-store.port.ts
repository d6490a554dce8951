import type { ChatMessage } from '../domain/chat.js';

/**
 * A campaign's WhatsApp support channel (API.md 1.1, chat-import): the secret its keyed hashes
 * are made with, the messages (keyed hashes of their authors, never a name) and the facilitators
 * (keyed hashes too). Both adapters (sqlite, mongo) pass tests/integration/chat-store.contract.ts.
 * Every read and write names the campaign.
 */
export interface ChatStore {
  /**
   * The campaign's secret for its keyed hashes: the stored one, or `fresh` stored now when it has
   * none. Two callers at once get the same secret (the first one stored wins).
   */
  chatSecret(campaignId: string, fresh: string): Promise<string>;
  /**
   * Adds the messages whose key the campaign does not hold yet (a message read again from an
   * overlapping export is kept once, as first stored); resolves to how many were added.
   */
  addChatMessages(campaignId: string, messages: readonly ChatMessage[]): Promise<number>;
  /** The campaign's messages by time, then key; with `toDay`, only those of days up to it (included). */
  listChatMessages(campaignId: string, toDay?: string): Promise<ChatMessage[]>;
  /** The keyed hashes of the campaign's facilitators, sorted. */
  chatFacilitators(campaignId: string): Promise<string[]>;
  /** Replaces the campaign's facilitators. */
  setChatFacilitators(campaignId: string, authors: readonly string[]): Promise<void>;
  /**
   * Removes the campaign's messages and facilitators and replaces its secret by `fresh` (so no
   * hash made before can be matched again), all or nothing; resolves to how many were removed.
   */
  deleteChat(campaignId: string, fresh: string): Promise<{ messages: number; facilitators: number }>;
}
