import { shareLinkState, type CredentialState, type Membership, type ShareLink } from '../domain/account.js';
import type { Campaign } from '../domain/campaign.js';
import { AppError, forbidden, notFound, unauthorized } from '../errors.js';
import type { AccessStore } from '../store/account-store.port.js';
import type { AccessCampaignStore } from '../store/store.port.js';
import { isAdmin, mayActOnCampaign, mayCall, type Access, type CampaignAction, type Principal } from './auth/principal.js';
import { hashSecret, SECRET_PREFIX } from './auth/secrets.js';

/** What GET /campaigns/:id tells a caller they may do there, so a page shows only the controls that work. */
export const PERMISSION_ACTIONS = ['edit', 'import', 'archive', 'manage', 'export'] as const satisfies readonly CampaignAction[];
export type Permissions = Record<(typeof PERMISSION_ACTIONS)[number], boolean>;

/** A share link's address, opened: its link while it is active, else why it no longer opens. */
export type OpenedShareLink = { state: 'active'; link: ShareLink } | { state: Exclude<CredentialState, 'active'> | 'unknown' };

/** A share secret as newSecret('share') makes it: the prefix and 32 bytes in base64url. */
const SHARE_SECRET = new RegExp(`^${SECRET_PREFIX.share}[A-Za-z0-9_-]{43}$`);

/**
 * Who sees what: the rules of auth/principal.ts applied to the stored memberships, campaigns and
 * share links. The HTTP gate, the routes and the share page ask here; none reads the account store.
 */
export function createAccessService(deps: { accounts: AccessStore; campaigns: AccessCampaignStore; now: () => Date }) {
  const { accounts } = deps;
  const membershipOf = (p: Principal, campaignId: string): Promise<Membership | null> =>
    p.kind === 'user' ? accounts.getMembership(campaignId, p.user.id) : Promise.resolve(null);

  return {
    /**
     * Passes, or throws what the caller is told: 401 without a credential, 403 when the rule says
     * no, and 404 when a user asks about a campaign that does not exist (a share link learns
     * nothing about other ids; a user learns whether an id exists, as API.md says).
     */
    async authorize(p: Principal, rule: Access, campaignId?: string): Promise<void> {
      if (rule.kind === 'public') return;
      if (p.kind === 'anonymous') throw unauthorized();
      if (rule.kind !== 'campaign') {
        if (rule.kind === 'session' && p.kind === 'user' && p.via === 'token') {
          throw new AppError(403, 'session_required', 'An API token cannot do this: sign in with your password on the dashboard and do it there.');
        }
        if (!mayCall(p, rule)) throw forbidden();
        return;
      }
      if (campaignId === undefined) throw new TypeError('a campaign access rule without a campaign id');
      if (mayActOnCampaign(p, campaignId, rule.action, await membershipOf(p, campaignId))) return;
      if (p.kind === 'user' && (await deps.campaigns.getCampaign(campaignId)) === null) throw notFound('Campaign');
      throw forbidden();
    },

    async permissions(p: Principal, campaignId: string): Promise<Permissions> {
      const membership = await membershipOf(p, campaignId);
      const may = (action: CampaignAction) => mayActOnCampaign(p, campaignId, action, membership);
      return { edit: may('edit'), import: may('import'), archive: may('archive'), manage: may('manage'), export: may('export') };
    },

    /** Admins see every campaign; a user those they were added to; a share link its own. */
    async visibleCampaigns(p: Principal): Promise<Campaign[]> {
      if (p.kind === 'anonymous') return [];
      const all = await deps.campaigns.listCampaigns();
      if (isAdmin(p)) return all;
      if (p.kind === 'share') return all.filter((c) => c.id === p.link.campaignId);
      if (p.kind !== 'user') return [];
      const mine = new Set((await accounts.membershipsOf(p.user.id)).map((m) => m.campaignId));
      return all.filter((c) => mine.has(c.id));
    },

    /** The link a share address's secret opens, by the injected clock; a malformed secret is not looked up. */
    async openShareLink(secret: string): Promise<OpenedShareLink> {
      const link = SHARE_SECRET.test(secret) ? await accounts.getShareLinkByHash(hashSecret(secret)) : null;
      if (!link) return { state: 'unknown' };
      const state = shareLinkState(link, deps.now());
      return state === 'active' ? { state, link } : { state };
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
