import { DuplicateKeyError, type AccountStore } from '../account-store.port.js';
import {
  AUDIT_SORT,
  auditDoc,
  auditFilter,
  memberDoc,
  readAudit,
  readMember,
  readSession,
  readShareLink,
  readToken,
  readUser,
  sessionDoc,
  shareLinkDoc,
  tokenDoc,
  userDoc,
} from './account.docs.js';
import { COLLECTIONS as C, type BulkOp, type CollectionName, type Doc, type MongoDb } from './mongo-db.port.js';

/**
 * A server's E11000 on the unique index of users.email (models.ts). A bulk write's error carries
 * the index only in its message (`index: email_1 dup key: …`); a single write's also in keyPattern.
 */
function isDuplicateEmail(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err) || err.code !== 11000) return false;
  const keyPattern = 'keyPattern' in err && typeof err.keyPattern === 'object' && err.keyPattern !== null ? err.keyPattern : {};
  return 'email' in keyPattern || (err instanceof Error && /\bindex: email_1\b/.test(err.message));
}

/** An update pipeline that sets one field to a value taken literally (never read as `$path`). */
const setField = (field: string, value: string): Doc[] => [{ $set: { [field]: { $literal: value } } }];

/** Accounts and access on MongoDB (or mingo in tests), through the MongoDb port only. */
export function createMongoAccounts(db: MongoDb): AccountStore {
  const write = (collection: CollectionName, op: BulkOp) => db.bulkWrite(collection, [op]);
  const updateOne = (collection: CollectionName, filter: Doc, update: Doc[]) => write(collection, { updateOne: { filter, update } });

  /**
   * The unique index on users.email (models.ts) alone keeps two users from sharing an address: the
   * write fails atomically when it is taken, with no read before it that a concurrent write could
   * overtake. tests/helpers/mingo-db.ts enforces the same index.
   */
  async function writeUser(op: BulkOp) {
    try {
      return await write(C.users, op);
    } catch (err) {
      throw isDuplicateEmail(err) ? new DuplicateKeyError('email') : err;
    }
  }

  return {
    async createUser(u) {
      await writeUser({ insertOne: { document: userDoc(u) } });
    },
    async updateUser(u) {
      // As SQLite's UPDATE: no such user is `false`, even when the address is another's (a
      // replacement that matches nothing writes nothing, so the index has nothing to refuse).
      const r = await writeUser({ replaceOne: { filter: { _id: u.id }, replacement: userDoc(u) } });
      return r.matchedCount > 0;
    },
    async getUser(id) {
      const d = await db.findOne(C.users, { _id: id });
      return d === null ? null : readUser(d);
    },
    async getUserByEmail(email) {
      const d = await db.findOne(C.users, { email });
      return d === null ? null : readUser(d);
    },
    listUsers: async () => (await db.find(C.users, {}, { sort: { createdAtTime: 1, _id: 1 } })).map(readUser),
    countUsers: () => db.countDocuments(C.users, {}),

    async createSession(s) {
      await write(C.sessions, { insertOne: { document: sessionDoc(s) } });
    },
    async getSession(tokenHash) {
      const d = await db.findOne(C.sessions, { _id: tokenHash });
      return d === null ? null : readSession(d);
    },
    async touchSession(tokenHash, lastSeenAt) {
      await updateOne(C.sessions, { _id: tokenHash }, setField('lastSeenAt', lastSeenAt));
    },
    async deleteSession(tokenHash) {
      await db.deleteMany(C.sessions, { _id: tokenHash });
    },
    async deleteUserSessions(userId) {
      await db.deleteMany(C.sessions, { userId });
    },
    deleteExpiredSessions: (now) => db.deleteMany(C.sessions, { expiresAtTime: { $lt: new Date(now) } }),

    async createToken(t) {
      await write(C.apiTokens, { insertOne: { document: tokenDoc(t) } });
    },
    async getTokenByHash(tokenHash) {
      const d = await db.findOne(C.apiTokens, { tokenHash });
      return d === null ? null : readToken(d);
    },
    async getToken(id) {
      const d = await db.findOne(C.apiTokens, { _id: id });
      return d === null ? null : readToken(d);
    },
    async listTokens(userId) {
      const docs = await db.find(C.apiTokens, userId === undefined ? {} : { userId }, { sort: { createdAtTime: -1, _id: -1 } });
      return docs.map(readToken);
    },
    async revokeToken(id, at) {
      // `revokedAt: null` in the filter: a second revocation matches nothing and keeps the first instant.
      const r = await updateOne(C.apiTokens, { _id: id, revokedAt: null }, setField('revokedAt', at));
      return r.matchedCount > 0;
    },
    async touchToken(id, at) {
      await updateOne(C.apiTokens, { _id: id }, setField('lastUsedAt', at));
    },

    async putMembership(m) {
      const key = { campaignId: m.campaignId, userId: m.userId };
      await write(C.memberships, { replaceOne: { filter: key, replacement: memberDoc(m), upsert: true } });
    },
    async getMembership(campaignId, userId) {
      const d = await db.findOne(C.memberships, { campaignId, userId });
      return d === null ? null : readMember(d);
    },
    removeMembership: async (campaignId, userId) => (await db.deleteMany(C.memberships, { campaignId, userId })) > 0,
    listMembers: async (campaignId) => (await db.find(C.memberships, { campaignId }, { sort: { addedAtTime: 1, userId: 1 } })).map(readMember),
    membershipsOf: async (userId) => (await db.find(C.memberships, { userId }, { sort: { addedAtTime: 1, campaignId: 1 } })).map(readMember),

    async createShareLink(l) {
      await write(C.shareLinks, { insertOne: { document: shareLinkDoc(l) } });
    },
    async getShareLink(id) {
      const d = await db.findOne(C.shareLinks, { _id: id });
      return d === null ? null : readShareLink(d);
    },
    async getShareLinkByHash(tokenHash) {
      const d = await db.findOne(C.shareLinks, { tokenHash });
      return d === null ? null : readShareLink(d);
    },
    listShareLinks: async (campaignId) => (await db.find(C.shareLinks, { campaignId }, { sort: { createdAtTime: -1, _id: -1 } })).map(readShareLink),
    async revokeShareLink(id, at) {
      const r = await updateOne(C.shareLinks, { _id: id, revokedAt: null }, setField('revokedAt', at));
      return r.matchedCount > 0;
    },
    async touchShareLink(id, at) {
      await updateOne(C.shareLinks, { _id: id }, setField('lastUsedAt', at));
    },

    async appendAudit(e) {
      await write(C.auditLog, { insertOne: { document: auditDoc(e) } });
    },
    async listAudit(q) {
      // MongoDB reads a limit of 0 as "no limit".
      if (q.limit < 1) return [];
      return (await db.find(C.auditLog, auditFilter(q), { sort: { ...AUDIT_SORT }, limit: Math.floor(q.limit) })).map(readAudit);
    },
  };
}
