import { SqliteError, type Database, type Statement } from 'better-sqlite3';
import type { ApiToken, AuditEntry, Membership, Session, ShareLink, User } from '../../domain/account.js';
import { DuplicateKeyError, type AccountStore, type AuditQuery } from '../account-store.port.js';
import { asRow, num, str } from './row-read.js';
import { iso } from './rows.js';

/** Wraps a write so that a failure for lack of disk or permission says so (sqlite.store.ts `guard`). */
export type WriteGuard = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => R;

// Every row keeps its document as given (migration 3): the JSON below is written by this module
// from typed values, so reading it back as those types is sound. The columns beside it are what
// SQL looks up, filters and sorts on, instants there as toISOString() so text order is time order.
const parse = <T>(row: unknown): T => JSON.parse(str(asRow(row), 'doc')) as T;

/** The UNIQUE index on users.email, in the port's terms; any other failure stays as it is. */
function asDuplicateEmail(err: unknown): unknown {
  return err instanceof SqliteError && err.code === 'SQLITE_CONSTRAINT_UNIQUE' && err.message.includes('users.email') ? new DuplicateKeyError('email') : err;
}

const userParams = (u: User) => ({ id: u.id, email: u.email, role: u.role, status: u.status, createdAt: iso(u.createdAt), doc: JSON.stringify(u) });

/** The audit page's SQL: only the conditions the query has, so each shape gets the index it needs. */
function auditSql(q: AuditQuery): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const and = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (q.targetType !== undefined) and('target_type = ?', q.targetType);
  if (q.targetId !== undefined) and('target_id = ?', q.targetId);
  // Keyset: strictly older than the last entry seen; entries sharing its instant are ordered by id.
  if (q.before !== undefined) and('(at, id) < (?, ?)', iso(q.before.at), q.before.id);
  const sql = `SELECT doc FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ?`;
  return { sql, params: [...params, Math.floor(q.limit)] };
}

/** Users, sessions, API tokens, campaign members, share links and the audit log (AccountStore). */
export function createAccountStore(db: Database, guard: WriteGuard): AccountStore {
  const stmt = {
    insertUser: db.prepare('INSERT INTO users (id, email, role, status, created_at, doc) VALUES (@id, @email, @role, @status, @createdAt, @doc)'),
    updateUser: db.prepare('UPDATE users SET email = @email, role = @role, status = @status, created_at = @createdAt, doc = @doc WHERE id = @id'),
    getUser: db.prepare('SELECT doc FROM users WHERE id = ?'),
    getUserByEmail: db.prepare('SELECT doc FROM users WHERE email = ?'),
    listUsers: db.prepare('SELECT doc FROM users ORDER BY created_at, id'),
    countUsers: db.prepare('SELECT COUNT(*) AS n FROM users'),

    insertSession: db.prepare('INSERT INTO sessions (token_hash, user_id, expires_at, doc) VALUES (?, ?, ?, ?)'),
    getSession: db.prepare('SELECT doc FROM sessions WHERE token_hash = ?'),
    touchSession: db.prepare("UPDATE sessions SET doc = json_set(doc, '$.lastSeenAt', ?) WHERE token_hash = ?"),
    deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    deleteUserSessions: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
    deleteExpiredSessions: db.prepare('DELETE FROM sessions WHERE expires_at < ?'),

    insertToken: db.prepare('INSERT INTO api_tokens (id, user_id, token_hash, created_at, doc) VALUES (?, ?, ?, ?, ?)'),
    getToken: db.prepare('SELECT doc FROM api_tokens WHERE id = ?'),
    getTokenByHash: db.prepare('SELECT doc FROM api_tokens WHERE token_hash = ?'),
    listTokens: db.prepare('SELECT doc FROM api_tokens ORDER BY created_at DESC, id DESC'),
    listUserTokens: db.prepare('SELECT doc FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id DESC'),
    // JSON null reads as SQL NULL: only a token not yet revoked changes.
    revokeToken: db.prepare("UPDATE api_tokens SET doc = json_set(doc, '$.revokedAt', ?) WHERE id = ? AND json_extract(doc, '$.revokedAt') IS NULL"),
    touchToken: db.prepare("UPDATE api_tokens SET doc = json_set(doc, '$.lastUsedAt', ?) WHERE id = ?"),

    putMembership: db.prepare(`INSERT INTO memberships (campaign_id, user_id, added_at, doc) VALUES (?, ?, ?, ?)
      ON CONFLICT (campaign_id, user_id) DO UPDATE SET added_at = excluded.added_at, doc = excluded.doc`),
    getMembership: db.prepare('SELECT doc FROM memberships WHERE campaign_id = ? AND user_id = ?'),
    removeMembership: db.prepare('DELETE FROM memberships WHERE campaign_id = ? AND user_id = ?'),
    listMembers: db.prepare('SELECT doc FROM memberships WHERE campaign_id = ? ORDER BY added_at, user_id'),
    membershipsOf: db.prepare('SELECT doc FROM memberships WHERE user_id = ? ORDER BY added_at, campaign_id'),

    insertShareLink: db.prepare('INSERT INTO share_links (id, campaign_id, token_hash, created_at, doc) VALUES (?, ?, ?, ?, ?)'),
    getShareLink: db.prepare('SELECT doc FROM share_links WHERE id = ?'),
    getShareLinkByHash: db.prepare('SELECT doc FROM share_links WHERE token_hash = ?'),
    listShareLinks: db.prepare('SELECT doc FROM share_links WHERE campaign_id = ? ORDER BY created_at DESC, id DESC'),
    revokeShareLink: db.prepare("UPDATE share_links SET doc = json_set(doc, '$.revokedAt', ?) WHERE id = ? AND json_extract(doc, '$.revokedAt') IS NULL"),
    touchShareLink: db.prepare("UPDATE share_links SET doc = json_set(doc, '$.lastUsedAt', ?) WHERE id = ?"),

    appendAudit: db.prepare('INSERT INTO audit_log (id, at, target_type, target_id, doc) VALUES (?, ?, ?, ?, ?)'),
  };
  // At most eight audit query shapes (which of the three conditions are present).
  const auditStatements = new Map<string, Statement>();
  const auditStatement = (sql: string): Statement => {
    const s = auditStatements.get(sql) ?? db.prepare(sql);
    auditStatements.set(sql, s);
    return s;
  };

  /** Every write goes through the store's guard; resolves to the rows it changed. */
  const run = guard((s: Statement, ...params: unknown[]): number => s.run(...params).changes);
  const runUser = (s: Statement, u: User): number => {
    try {
      return run(s, userParams(u));
    } catch (err) {
      throw asDuplicateEmail(err);
    }
  };
  const one = <T>(s: Statement, ...params: unknown[]): T | null => {
    const row: unknown = s.get(...params);
    return row === undefined ? null : parse<T>(row);
  };
  const all = <T>(s: Statement, ...params: unknown[]): T[] => s.all(...params).map((row) => parse<T>(row));

  return {
    async createUser(u) {
      runUser(stmt.insertUser, u);
    },
    async updateUser(u) {
      return runUser(stmt.updateUser, u) > 0;
    },
    getUser: async (id) => one<User>(stmt.getUser, id),
    getUserByEmail: async (email) => one<User>(stmt.getUserByEmail, email),
    listUsers: async () => all<User>(stmt.listUsers),
    countUsers: async () => num(asRow(stmt.countUsers.get()), 'n'),

    async createSession(s: Session) {
      run(stmt.insertSession, s.tokenHash, s.userId, iso(s.expiresAt), JSON.stringify(s));
    },
    getSession: async (tokenHash) => one<Session>(stmt.getSession, tokenHash),
    async touchSession(tokenHash, lastSeenAt) {
      run(stmt.touchSession, lastSeenAt, tokenHash);
    },
    async deleteSession(tokenHash) {
      run(stmt.deleteSession, tokenHash);
    },
    async deleteUserSessions(userId) {
      run(stmt.deleteUserSessions, userId);
    },
    deleteExpiredSessions: async (now) => run(stmt.deleteExpiredSessions, iso(now)),

    async createToken(t: ApiToken) {
      run(stmt.insertToken, t.id, t.userId, t.tokenHash, iso(t.createdAt), JSON.stringify(t));
    },
    getTokenByHash: async (tokenHash) => one<ApiToken>(stmt.getTokenByHash, tokenHash),
    getToken: async (id) => one<ApiToken>(stmt.getToken, id),
    listTokens: async (userId) => (userId === undefined ? all<ApiToken>(stmt.listTokens) : all<ApiToken>(stmt.listUserTokens, userId)),
    revokeToken: async (id, at) => run(stmt.revokeToken, at, id) > 0,
    async touchToken(id, at) {
      run(stmt.touchToken, at, id);
    },

    async putMembership(m: Membership) {
      run(stmt.putMembership, m.campaignId, m.userId, iso(m.addedAt), JSON.stringify(m));
    },
    getMembership: async (campaignId, userId) => one<Membership>(stmt.getMembership, campaignId, userId),
    removeMembership: async (campaignId, userId) => run(stmt.removeMembership, campaignId, userId) > 0,
    listMembers: async (campaignId) => all<Membership>(stmt.listMembers, campaignId),
    membershipsOf: async (userId) => all<Membership>(stmt.membershipsOf, userId),

    async createShareLink(l: ShareLink) {
      run(stmt.insertShareLink, l.id, l.campaignId, l.tokenHash, iso(l.createdAt), JSON.stringify(l));
    },
    getShareLink: async (id) => one<ShareLink>(stmt.getShareLink, id),
    getShareLinkByHash: async (tokenHash) => one<ShareLink>(stmt.getShareLinkByHash, tokenHash),
    listShareLinks: async (campaignId) => all<ShareLink>(stmt.listShareLinks, campaignId),
    revokeShareLink: async (id, at) => run(stmt.revokeShareLink, at, id) > 0,
    async touchShareLink(id, at) {
      run(stmt.touchShareLink, at, id);
    },

    async appendAudit(e: AuditEntry) {
      run(stmt.appendAudit, e.id, iso(e.at), e.target.type, e.target.id, JSON.stringify(e));
    },
    async listAudit(q) {
      if (q.limit < 1) return [];
      const { sql, params } = auditSql(q);
      return all<AuditEntry>(auditStatement(sql), ...params);
    },
  };
}
