import type { ApiToken, AuditEntry, Membership, Session, ShareLink, User } from '../domain/account.js';

/** A write that would give a second record the same unique key (a user's e-mail address). */
export class DuplicateKeyError extends Error {
  constructor(readonly key: string) {
    super(`duplicate ${key}`);
    this.name = 'DuplicateKeyError';
  }
}

export interface AuditQuery {
  limit: number;
  /** Entries strictly older than this one (keyset: `at`, then `id`), for the next page. */
  before?: { at: string; id: string };
  targetType?: AuditEntry['target']['type'];
  targetId?: string;
}

/**
 * Accounts and access, kept beside the campaigns in the same database. Both adapters (sqlite,
 * mongo) pass tests/integration/account-store.contract.ts. Secrets arrive already hashed: the
 * store never sees a password, a session cookie or a token in clear.
 */
export interface AccountStore {
  /** Rejects with DuplicateKeyError('email') when the address is taken. */
  createUser(user: User): Promise<void>;
  /** Replaces the user with the same id; false when there is none. DuplicateKeyError('email') as above. */
  updateUser(user: User): Promise<boolean>;
  getUser(id: string): Promise<User | null>;
  /** By normalised address (domain/account.ts normalizeEmail). */
  getUserByEmail(email: string): Promise<User | null>;
  /** Oldest first. */
  listUsers(): Promise<User[]>;
  countUsers(): Promise<number>;

  createSession(session: Session): Promise<void>;
  getSession(tokenHash: string): Promise<Session | null>;
  touchSession(tokenHash: string, lastSeenAt: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Signs a user out everywhere (password change, disabling). */
  deleteUserSessions(userId: string): Promise<void>;
  /** Drops sessions that expired before this instant; resolves to how many. */
  deleteExpiredSessions(now: string): Promise<number>;

  createToken(token: ApiToken): Promise<void>;
  getTokenByHash(tokenHash: string): Promise<ApiToken | null>;
  getToken(id: string): Promise<ApiToken | null>;
  /** Newest first; every user's when userId is absent. */
  listTokens(userId?: string): Promise<ApiToken[]>;
  /** Sets revokedAt once; false when there is no such token or it was already revoked. */
  revokeToken(id: string, at: string): Promise<boolean>;
  touchToken(id: string, at: string): Promise<void>;

  /** Adds the user to the campaign, or replaces their membership there (key: campaignId + userId). */
  putMembership(membership: Membership): Promise<void>;
  getMembership(campaignId: string, userId: string): Promise<Membership | null>;
  removeMembership(campaignId: string, userId: string): Promise<boolean>;
  /** Oldest first. */
  listMembers(campaignId: string): Promise<Membership[]>;
  membershipsOf(userId: string): Promise<Membership[]>;

  createShareLink(link: ShareLink): Promise<void>;
  getShareLink(id: string): Promise<ShareLink | null>;
  getShareLinkByHash(tokenHash: string): Promise<ShareLink | null>;
  /** Newest first. */
  listShareLinks(campaignId: string): Promise<ShareLink[]>;
  /** Sets revokedAt once; false when there is no such link or it was already revoked. */
  revokeShareLink(id: string, at: string): Promise<boolean>;
  touchShareLink(id: string, at: string): Promise<void>;

  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first (`at`, then `id`, both descending). */
  listAudit(query: AuditQuery): Promise<AuditEntry[]>;
}

/* Narrow views, one per service: its signature says which records it reads and writes. */

/** The audit log (services/audit.service.ts). */
export type AuditStore = Pick<AccountStore, 'appendAudit' | 'listAudit'>;
/** Users and their API tokens (services/users.service.ts). */
export type UsersStore = Pick<
  AccountStore,
  'createUser' | 'updateUser' | 'getUser' | 'listUsers' | 'deleteUserSessions' | 'createToken' | 'getToken' | 'listTokens' | 'revokeToken'
>;
/** A campaign's members and share links (services/sharing.service.ts). */
export type SharingStore = Pick<
  AccountStore,
  | 'getUser'
  | 'getUserByEmail'
  | 'getMembership'
  | 'putMembership'
  | 'removeMembership'
  | 'listMembers'
  | 'createShareLink'
  | 'getShareLink'
  | 'listShareLinks'
  | 'revokeShareLink'
>;
/** Memberships and share links, for who may see what (services/access.service.ts). */
export type AccessStore = Pick<AccountStore, 'getMembership' | 'membershipsOf' | 'getShareLinkByHash'>;
/** Credentials: sessions, tokens and share links looked up by their secret's hash (services/auth/authenticator.ts). */
export type CredentialStore = Pick<
  AccountStore,
  | 'getUser'
  | 'getUserByEmail'
  | 'createSession'
  | 'getSession'
  | 'touchSession'
  | 'deleteSession'
  | 'deleteExpiredSessions'
  | 'getTokenByHash'
  | 'touchToken'
  | 'getShareLinkByHash'
  | 'touchShareLink'
>;
