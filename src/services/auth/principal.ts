import type { Actor, ApiToken, Membership, Session, ShareLink, User, UserRole } from '../../domain/account.js';

/** Who a request comes from, once its credential is checked (authenticator.ts). */
export type Principal =
  | { kind: 'anonymous' }
  /** The operator's ADMIN_TOKEN: the bootstrap credential, an admin without a user record. */
  | { kind: 'operator' }
  | { kind: 'user'; user: User; via: 'session'; session: Session }
  | { kind: 'user'; user: User; via: 'token'; token: ApiToken }
  /** A sponsor's link: one campaign's report, read-only. */
  | { kind: 'share'; link: ShareLink };

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** The command line and start-up (the demo campaign) act as the operator, and are audited as such. */
export const OPERATOR: Principal = Object.freeze({ kind: 'operator' });

/** Who did it, for the audit log; share links and anonymous callers change nothing. */
export function actorOf(p: Principal): Actor {
  if (p.kind === 'user') return { type: 'user', userId: p.user.id, via: p.via === 'session' ? 'session' : `token:${p.token.id}`, label: p.user.email };
  return { type: 'operator', userId: null, via: 'admin-token', label: 'operator' };
}

/** The operator counts as an admin everywhere. */
export const isAdmin = (p: Principal): boolean => p.kind === 'operator' || (p.kind === 'user' && p.user.role === 'admin');

const roleOf = (p: Principal): UserRole | undefined => (p.kind === 'operator' ? 'admin' : p.kind === 'user' ? p.user.role : undefined);

/** What a campaign route does, from the least to the most it may change. */
export type CampaignAction = 'report' | 'read' | 'export' | 'edit' | 'import' | 'archive' | 'manage';

/**
 * Who may call a route, declared on the route itself (http/route.ts) so the server, the OpenAPI
 * document and the authorization-matrix test read one table.
 */
export type Access =
  /** No credential needed (health, sign-in). */
  | { kind: 'public' }
  /** Any valid credential, share links included (reference data the report page needs). */
  | { kind: 'any' }
  /** The operator or a signed-in user. */
  | { kind: 'signed-in' }
  /** A signed-in user with a user record (not the operator's token). */
  | { kind: 'user' }
  /** A user signed in on the dashboard (the session cookie), not through an API token: a token cannot mint tokens. */
  | { kind: 'session' }
  /** These roles; the operator counts as admin. */
  | { kind: 'roles'; roles: readonly UserRole[] }
  /** This action on the campaign named by the `:id` path parameter. */
  | { kind: 'campaign'; action: CampaignAction };

/**
 * The rule for one campaign: admins everything; a share link reads its own campaign's report (and
 * exports its posts when it allows that); a user acts through their membership: any member reads,
 * a manager manages, a participant edits and imports into a campaign marked as theirs.
 */
export function mayActOnCampaign(p: Principal, campaignId: string, action: CampaignAction, membership: Membership | null): boolean {
  if (isAdmin(p)) return true;
  if (p.kind === 'share') return p.link.campaignId === campaignId && (action === 'report' || (action === 'export' && p.link.allowExport));
  if (p.kind !== 'user' || membership === null || membership.campaignId !== campaignId || membership.userId !== p.user.id) return false;
  switch (action) {
    case 'report':
    case 'read':
      return true;
    // The raw posts (authors, texts) leave the service: a right a manager grants, not every member's.
    case 'export':
      return p.user.role === 'manager' || membership.mayExport === true;
    case 'edit':
    case 'import':
      return p.user.role === 'manager' || (p.user.role === 'participant' && membership.own);
    case 'archive':
    case 'manage':
      return p.user.role === 'manager';
  }
}

/** Whether the principal passes a route's access rule that needs no campaign. */
export function mayCall(p: Principal, access: Exclude<Access, { kind: 'campaign' }>): boolean {
  switch (access.kind) {
    case 'public':
      return true;
    case 'any':
      return p.kind !== 'anonymous';
    case 'signed-in':
      return p.kind === 'operator' || p.kind === 'user';
    case 'user':
      return p.kind === 'user';
    case 'session':
      return p.kind === 'user' && p.via === 'session';
    case 'roles': {
      const role = roleOf(p);
      return role !== undefined && access.roles.includes(role);
    }
  }
}
