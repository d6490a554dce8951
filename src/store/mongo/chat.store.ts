import type { ChatMessage } from '../../domain/chat.js';
import type { ChatStore } from '../chat-store.port.js';
import { asDoc, bool, optStr, str, strArray } from './doc-read.js';
import { COLLECTIONS as C, type BulkOp, type Doc, type MongoDb } from './mongo-db.port.js';

/**
 * The support channel as documents: a campaign's secret and facilitators under `_id` = the
 * campaign, each message under `<campaignId>/<key>` with a Date copy of its instant to sort on.
 */

const messageId = (campaignId: string, key: string) => `${campaignId}/${key}`;

export function chatMessageDoc(m: ChatMessage): Doc {
  return { _id: messageId(m.campaignId, m.key), ...m, atTime: new Date(m.at) };
}

export function readChatMessage(raw: unknown): ChatMessage {
  const d = asDoc(raw, 'chat message');
  return {
    campaignId: str(d, 'campaignId'),
    key: str(d, 'key'),
    author: str(d, 'author'),
    at: str(d, 'at'),
    day: str(d, 'day'),
    question: bool(d, 'question'),
    media: bool(d, 'media'),
    text: optStr(d, 'text') ?? null,
    importedAt: str(d, 'importedAt'),
  };
}

/** Inserts the document unless one with its `_id` is stored: the stored one is kept as it is. */
const insertUnlessStored = (doc: Doc): BulkOp => ({
  updateOne: {
    filter: { _id: doc._id },
    // $literal: a message's text is data even when it starts with `$`.
    update: [{ $replaceWith: { $cond: [{ $eq: [{ $ifNull: ['$key', null] }, null] }, { $literal: doc }, '$$ROOT'] } }],
    upsert: true,
  },
});

/** Writes at most this many operations per command (a command stays far below 16 MB). */
const BATCH = 1000;

/** The support channel on MongoDB (or mingo in tests), through the MongoDb port only. */
export function createMongoChat(db: MongoDb): ChatStore {
  return {
    async chatSecret(campaignId, fresh) {
      await db.bulkWrite(C.chatSecrets, [
        {
          updateOne: {
            filter: { _id: campaignId },
            update: [
              {
                $set: {
                  secret: { $ifNull: ['$secret', { $literal: fresh }] },
                  createdAt: { $ifNull: ['$createdAt', { $literal: new Date().toISOString() }] },
                },
              },
            ],
            upsert: true,
          },
        },
      ]);
      const d = await db.findOne(C.chatSecrets, { _id: campaignId });
      if (d === null) throw new Error(`chat secret of ${campaignId}: not stored`);
      return str(d, 'secret');
    },
    async addChatMessages(campaignId, messages) {
      let added = 0;
      for (let i = 0; i < messages.length; i += BATCH) {
        const ops = messages.slice(i, i + BATCH).map((m) => insertUnlessStored(chatMessageDoc({ ...m, campaignId })));
        added += (await db.bulkWrite(C.chatMessages, ops)).upsertedCount;
      }
      return added;
    },
    async listChatMessages(campaignId, toDay) {
      const filter: Doc = toDay === undefined ? { campaignId } : { campaignId, day: { $lte: toDay } };
      return (await db.find(C.chatMessages, filter, { sort: { atTime: 1, key: 1 } })).map(readChatMessage);
    },
    async chatFacilitators(campaignId) {
      const d = await db.findOne(C.chatFacilitators, { _id: campaignId });
      return d === null ? [] : [...strArray(d, 'authors')].sort();
    },
    async setChatFacilitators(campaignId, authors) {
      await db.bulkWrite(C.chatFacilitators, [
        { replaceOne: { filter: { _id: campaignId }, replacement: { _id: campaignId, authors: [...new Set(authors)].sort() }, upsert: true } },
      ]);
    },
    async deleteChat(campaignId, fresh) {
      // On a standalone server (no transaction) the secret goes first: stopped half-way, no old hash
      // can be matched any more, and calling again removes what is left.
      return db.withTransaction(async (tx) => {
        await tx.bulkWrite(C.chatSecrets, [
          { replaceOne: { filter: { _id: campaignId }, replacement: { _id: campaignId, secret: fresh, createdAt: new Date().toISOString() }, upsert: true } },
        ]);
        const stored = await tx.findOne(C.chatFacilitators, { _id: campaignId });
        const facilitators = stored === null ? 0 : new Set(strArray(stored, 'authors')).size;
        await tx.deleteMany(C.chatFacilitators, { _id: campaignId });
        const messages = await tx.deleteMany(C.chatMessages, { campaignId });
        return { messages, facilitators };
      });
    },
  };
}
