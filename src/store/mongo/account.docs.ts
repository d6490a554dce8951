import {
  AUDIT_TARGETS,
  USER_ROLES,
  USER_STATUSES,
  type Actor,
  type ApiToken,
  type AuditEntry,
  type Membership,
  type Session,
  type ShareLink,
  type User,
} from '../../domain/account.js';
import type { AuditQuery } from '../account-store.port.js';
import { asDoc, bool, oneOf, str, strOrNull } from './doc-read.js';
import type { Doc } from './mongo-db.port.js';

/**
 * Documents of accounts and access, and their way back to the domain types. Every value is kept
 * exactly as given; an instant that a query sorts or compares on also gets a Date copy (`…Time`,
 * like runDoc's startedAtTime), since text sorts as time only when every writer used one form.
 * Optional values are stored as null, never left out, so `{ field: null }` finds them.
 */

const time = (instant: string): Date => new Date(instant);

export function userDoc(u: User): Doc {
  const { id, ...rest } = u;
  return { _id: id, ...rest, createdAtTime: time(u.createdAt) };
}

export function readUser(raw: unknown): User {
  const d = asDoc(raw, 'user');
  return {
    id: str(d, '_id'),
    email: str(d, 'email'),
    name: str(d, 'name'),
    role: oneOf(d, 'role', USER_ROLES),
    passwordHash: str(d, 'passwordHash'),
    status: oneOf(d, 'status', USER_STATUSES),
    createdAt: str(d, 'createdAt'),
    updatedAt: str(d, 'updatedAt'),
  };
}

/** Keyed by the SHA-256 of the cookie; `expiresAtTime` also carries the TTL index (models.ts). */
export function sessionDoc(s: Session): Doc {
  const { tokenHash, ...rest } = s;
  return { _id: tokenHash, ...rest, expiresAtTime: time(s.expiresAt) };
}

export function readSession(raw: unknown): Session {
  const d = asDoc(raw, 'session');
  return {
    tokenHash: str(d, '_id'),
    userId: str(d, 'userId'),
    csrfToken: str(d, 'csrfToken'),
    createdAt: str(d, 'createdAt'),
    expiresAt: str(d, 'expiresAt'),
    lastSeenAt: str(d, 'lastSeenAt'),
  };
}

export function tokenDoc(t: ApiToken): Doc {
  const { id, ...rest } = t;
  return { _id: id, ...rest, createdAtTime: time(t.createdAt) };
}

export function readToken(raw: unknown): ApiToken {
  const d = asDoc(raw, 'API token');
  return {
    id: str(d, '_id'),
    userId: str(d, 'userId'),
    name: str(d, 'name'),
    tokenHash: str(d, 'tokenHash'),
    prefix: str(d, 'prefix'),
    createdAt: str(d, 'createdAt'),
    expiresAt: strOrNull(d, 'expiresAt'),
    lastUsedAt: strOrNull(d, 'lastUsedAt'),
    revokedAt: strOrNull(d, 'revokedAt'),
  };
}

/** A campaign member ("membership" in post.docs.ts is a post's place in a campaign). */
export function memberDoc(m: Membership): Doc {
  return { ...m, addedAtTime: time(m.addedAt) };
}

export function readMember(raw: unknown): Membership {
  const d = asDoc(raw, 'membership');
  return {
    campaignId: str(d, 'campaignId'),
    userId: str(d, 'userId'),
    own: bool(d, 'own'),
    ...(d.owner === true ? { owner: true } : {}),
    ...(d.mayExport === true ? { mayExport: true } : {}),
    addedBy: str(d, 'addedBy'),
    addedAt: str(d, 'addedAt'),
  };
}

export function shareLinkDoc(l: ShareLink): Doc {
  const { id, ...rest } = l;
  return { _id: id, ...rest, createdAtTime: time(l.createdAt) };
}

export function readShareLink(raw: unknown): ShareLink {
  const d = asDoc(raw, 'share link');
  return {
    id: str(d, '_id'),
    campaignId: str(d, 'campaignId'),
    tokenHash: str(d, 'tokenHash'),
    prefix: str(d, 'prefix'),
    label: str(d, 'label'),
    from: strOrNull(d, 'from'),
    to: strOrNull(d, 'to'),
    expiresAt: str(d, 'expiresAt'),
    allowExport: bool(d, 'allowExport'),
    createdBy: str(d, 'createdBy'),
    createdAt: str(d, 'createdAt'),
    revokedAt: strOrNull(d, 'revokedAt'),
    lastUsedAt: strOrNull(d, 'lastUsedAt'),
  };
}

/**
 * The target is flattened for its index. `details` is stored as JSON text: its keys are data
 * (a dot or a `$` in a field name is trouble), and it reads back as SQLite's does.
 */
export function auditDoc(e: AuditEntry): Doc {
  return {
    _id: e.id,
    at: e.at,
    atTime: time(e.at),
    actor: { ...e.actor },
    action: e.action,
    targetType: e.target.type,
    targetId: e.target.id,
    details: JSON.stringify(e.details),
  };
}

function readActor(raw: unknown): Actor {
  const d = asDoc(raw, 'actor');
  return { type: oneOf(d, 'type', ['operator', 'user'] as const), userId: strOrNull(d, 'userId'), via: str(d, 'via'), label: str(d, 'label') };
}

export function readAudit(raw: unknown): AuditEntry {
  const d = asDoc(raw, 'audit entry');
  return {
    id: str(d, '_id'),
    at: str(d, 'at'),
    actor: readActor(d.actor),
    action: str(d, 'action'),
    target: { type: oneOf(d, 'targetType', AUDIT_TARGETS), id: str(d, 'targetId') },
    details: asDoc(JSON.parse(str(d, 'details')), 'details'),
  };
}

/** Newest first; `_id` orders entries of the same instant, as the keyset below expects. */
export const AUDIT_SORT = { atTime: -1, _id: -1 } as const;

/** The entries a page of the audit log reads: the query's target, strictly older than `before`. */
export function auditFilter(q: AuditQuery): Doc {
  const filter: Doc = {};
  if (q.targetType !== undefined) filter.targetType = q.targetType;
  if (q.targetId !== undefined) filter.targetId = q.targetId;
  if (q.before !== undefined) {
    const at = time(q.before.at);
    filter.$or = [{ atTime: { $lt: at } }, { atTime: at, _id: { $lt: q.before.id } }];
  }
  return filter;
}
