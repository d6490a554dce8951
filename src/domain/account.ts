/**
 * Accounts, access and their record: who may see and change what (issue 6). Pure types and rules;
 * the stores keep them (store/account-store.port.ts), the auth service checks them (services/auth).
 */

export const USER_ROLES = ['admin', 'manager', 'participant', 'viewer'] as const;
/**
 * `admin`: everything, users included. `manager`: creates campaigns, manages those they own or were
 * added to. `participant`: sees the campaigns they were added to, edits and imports into those
 * marked as theirs. `viewer`: reads the campaigns they were added to.
 */
export type UserRole = (typeof USER_ROLES)[number];

export const USER_STATUSES = ['active', 'disabled'] as const;
type UserStatus = (typeof USER_STATUSES)[number];

export interface User {
  id: string;
  /** Trimmed and lower-cased: the key a person signs in with. */
  email: string;
  name: string;
  role: UserRole;
  /** `scrypt$…` (services/auth/password.ts); never leaves the store except to be verified. */
  passwordHash: string;
  /** A disabled user cannot sign in and their sessions and tokens stop working; their record stays. */
  status: UserStatus;
  createdAt: string;
  updatedAt: string;
}

/** A signed-in browser. The cookie holds the secret; the store holds only its SHA-256. */
export interface Session {
  tokenHash: string;
  userId: string;
  /** Sent back by the page in `X-CSRF-Token` on every write made with the cookie. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

/** A personal API token: shown once, kept as its SHA-256, revocable. */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  /** The first characters of the token, so a person can tell their tokens apart. */
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A user's place in one campaign. */
export interface Membership {
  campaignId: string;
  userId: string;
  /** "Marked as theirs": a participant may edit and import into the campaign. */
  own: boolean;
  /** The user who created the campaign: cannot be removed or lose `own` (absent: false). */
  owner?: boolean;
  /** A manager granted this member the raw CSV export (absent: not granted; managers always may). */
  mayExport?: boolean;
  addedBy: string;
  addedAt: string;
}

/** A sponsor's read-only link to one campaign's report. */
export interface ShareLink {
  id: string;
  campaignId: string;
  tokenHash: string;
  prefix: string;
  label: string;
  /** The period the link shows (instants, inclusive start, exclusive end); null: the whole campaign. */
  from: string | null;
  to: string | null;
  expiresAt: string;
  /** Whether the link may download the raw posts (export.csv). */
  allowExport: boolean;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export const AUDIT_TARGETS = ['campaign', 'user', 'token', 'share-link', 'membership', 'session'] as const;
export type AuditTargetType = (typeof AUDIT_TARGETS)[number];

/** Who did something: the operator's ADMIN_TOKEN, or a user by session or by API token. */
export interface Actor {
  type: 'operator' | 'user';
  /** The user id; null for the operator. */
  userId: string | null;
  /** How they were signed in: `admin-token`, `session`, or `token:<id>`. */
  via: string;
  /** An e-mail address or `operator`, for a person reading the log. */
  label: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: Actor;
  /** `campaign.create`, `user.update`, `token.revoke`, `share-link.create`, `membership.add`… */
  action: string;
  target: { type: AuditTargetType; id: string };
  /** What changed, without secrets: field names and new values of non-secret fields. */
  details: Record<string, unknown>;
}

/** Whether a credential with an end still works: a revocation outranks an expiry. */
export type CredentialState = 'active' | 'expired' | 'revoked';

function credentialState(c: { revokedAt: string | null; expiresAt: string | null }, now: Date): CredentialState {
  if (c.revokedAt) return 'revoked';
  return c.expiresAt !== null && Date.parse(c.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

/** A share link opens its report until it expires (the instant itself is past) or is revoked. */
export const shareLinkState = (link: Pick<ShareLink, 'revokedAt' | 'expiresAt'>, now: Date): CredentialState => credentialState(link, now);

/** An API token without `expiresAt` never expires; a revoked one stays revoked. */
export const tokenState = (token: Pick<ApiToken, 'revokedAt' | 'expiresAt'>, now: Date): CredentialState => credentialState(token, now);

/** Length limits of a password a person chooses. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** Trimmed and lower-cased; the one form e-mail addresses are stored and looked up in. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
