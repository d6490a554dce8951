import type { Database } from 'better-sqlite3';
import type { ChatMessage } from '../../domain/chat.js';
import type { ChatStore } from '../chat-store.port.js';
import type { WriteGuard } from './accounts.sql.js';
import { asRow, str } from './row-read.js';

function readMessage(raw: unknown): ChatMessage {
  const r = asRow(raw);
  return {
    campaignId: str(r, 'campaign_id'),
    key: str(r, 'key'),
    author: str(r, 'author'),
    at: str(r, 'at'),
    day: str(r, 'day'),
    question: r.question === 1,
    media: r.media === 1,
    text: typeof r.text === 'string' ? r.text : null,
    importedAt: str(r, 'imported_at'),
  };
}

/** The support channel's messages, secret and facilitators (ChatStore; migration 14). */
export function createChatStore(db: Database, guard: WriteGuard): ChatStore {
  const stmt = {
    insertSecret: db.prepare('INSERT INTO chat_secrets (campaign_id, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (campaign_id) DO NOTHING'),
    getSecret: db.prepare('SELECT secret FROM chat_secrets WHERE campaign_id = ?'),
    insertMessage: db.prepare(
      `INSERT INTO chat_messages (campaign_id, key, author, at, day, question, media, text, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (campaign_id, key) DO NOTHING`,
    ),
    listMessages: db.prepare('SELECT * FROM chat_messages WHERE campaign_id = ? ORDER BY at, key'),
    listMessagesTo: db.prepare('SELECT * FROM chat_messages WHERE campaign_id = ? AND day <= ? ORDER BY at, key'),
    facilitators: db.prepare('SELECT author FROM chat_facilitators WHERE campaign_id = ? ORDER BY author'),
    clearFacilitators: db.prepare('DELETE FROM chat_facilitators WHERE campaign_id = ?'),
    addFacilitator: db.prepare('INSERT INTO chat_facilitators (campaign_id, author) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    deleteMessages: db.prepare('DELETE FROM chat_messages WHERE campaign_id = ?'),
    replaceSecret: db.prepare(
      'INSERT INTO chat_secrets (campaign_id, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (campaign_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at',
    ),
  };
  const secret = db.transaction((campaignId: string, fresh: string): string => {
    stmt.insertSecret.run(campaignId, fresh, new Date().toISOString());
    return str(asRow(stmt.getSecret.get(campaignId)), 'secret');
  });
  const add = db.transaction((campaignId: string, messages: readonly ChatMessage[]): number => {
    let added = 0;
    for (const m of messages) {
      added += stmt.insertMessage.run(campaignId, m.key, m.author, m.at, m.day, m.question ? 1 : 0, m.media ? 1 : 0, m.text, m.importedAt).changes;
    }
    return added;
  });
  const setFacilitators = db.transaction((campaignId: string, authors: readonly string[]) => {
    stmt.clearFacilitators.run(campaignId);
    for (const a of authors) stmt.addFacilitator.run(campaignId, a);
  });
  const remove = db.transaction((campaignId: string, fresh: string) => {
    const messages = stmt.deleteMessages.run(campaignId).changes;
    const facilitators = stmt.clearFacilitators.run(campaignId).changes;
    stmt.replaceSecret.run(campaignId, fresh, new Date().toISOString());
    return { messages, facilitators };
  });
  return {
    async chatSecret(campaignId, fresh) {
      return guard(secret)(campaignId, fresh);
    },
    async addChatMessages(campaignId, messages) {
      return guard(add)(campaignId, messages);
    },
    async listChatMessages(campaignId, toDay) {
      const rows = toDay === undefined ? stmt.listMessages.all(campaignId) : stmt.listMessagesTo.all(campaignId, toDay);
      return rows.map(readMessage);
    },
    async chatFacilitators(campaignId) {
      return stmt.facilitators.all(campaignId).map((r) => str(asRow(r), 'author'));
    },
    async setChatFacilitators(campaignId, authors) {
      guard(setFacilitators)(campaignId, authors);
    },
    async deleteChat(campaignId, fresh) {
      return guard(remove)(campaignId, fresh);
    },
  };
}
