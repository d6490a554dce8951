import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { normalizeEmail, shareLinkState, type CredentialState, type Membership, type ShareLink } from '../domain/account.js';
import type { Campaign } from '../domain/campaign.js';
import { badRequest, AppError, notFound } from '../errors.js';
import type { ShareLinkInput } from '../contracts/account.schema.js';
import type { SharingStore } from '../store/account-store.port.js';
import { actorOf, type Principal } from './auth/principal.js';
import { newSecret } from './auth/secrets.js';
import type { AuditService } from './audit.service.js';

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: string;
  own: boolean;
  /** Created the campaign: cannot be removed, nor lose `own`. */
  owner: boolean;
  /** May download the raw CSV export (granted by a manager). */
  mayExport: boolean;
  addedBy: string;
  addedAt: string;
}

export type ShareLinkView = Omit<ShareLink, 'tokenHash'> & { status: CredentialState };

/** The address a share link opens; the secret is the last path segment. */
const SHARE_PATH = '/share';
const MAX_LINK_DAYS = 731;

const ownerProtected = (field: 'own' | 'userId') =>
  new AppError(409, 'owner_protected', "The campaign's owner (who created it) cannot be removed from it or lose the own mark.", [
    { field, message: field === 'own' ? "cannot be taken from the campaign's owner" : "is the campaign's owner" },
  ]);

/** Who is in a campaign, and the read-only links its sponsors get. */
export function createSharingService(deps: { accounts: SharingStore; audit: AuditService; now: () => Date }) {
  const { accounts, audit } = deps;
  const linkView = ({ tokenHash: _hash, ...l }: ShareLink): ShareLinkView => ({ ...l, status: shareLinkState(l, deps.now()) });

  return {
    linkView,
    async members(campaignId: string): Promise<MemberView[]> {
      const members = await accounts.listMembers(campaignId);
      const users = await Promise.all(members.map((m) => accounts.getUser(m.userId)));
      return members.flatMap((m, i) => {
        const u = users[i];
        return u
          ? [
              {
                userId: m.userId,
                email: u.email,
                name: u.name,
                role: u.role,
                own: m.own,
                owner: m.owner === true,
                mayExport: m.mayExport === true,
                addedBy: m.addedBy,
                addedAt: m.addedAt,
              },
            ]
          : [];
      });
    },

    /**
     * Adds a user by e-mail, or changes whether the campaign is marked as theirs. The caller learns
     * nothing about the address (whether it has an account, its role): the answer is the same either
     * way, and both ways read the same records and write one audit entry.
     */
    async addMember(by: Principal, campaignId: string, input: { email: string; own: boolean; mayExport?: boolean }): Promise<{ message: string }> {
      const email = normalizeEmail(input.email);
      const user = await accounts.getUserByEmail(email);
      const existing = await accounts.getMembership(campaignId, user?.id ?? '');
      if (existing?.owner && !input.own) throw ownerProtected('own');
      if (user) {
        const membership: Membership = {
          campaignId,
          userId: user.id,
          own: input.own,
          ...(input.mayExport ? { mayExport: true } : {}),
          addedBy: actorOf(by).label,
          addedAt: deps.now().toISOString(),
        };
        await accounts.putMembership(
          existing ? { ...membership, ...(existing.owner ? { owner: true } : {}), addedBy: existing.addedBy, addedAt: existing.addedAt } : membership,
        );
      }
      await audit.record(
        by,
        !user ? 'membership.add-unknown' : existing ? 'membership.update' : 'membership.add',
        { type: 'membership', id: `${campaignId}.${user?.id ?? email}` },
        { campaignId, email, own: input.own, mayExport: input.mayExport === true },
      );
      return { message: 'If this address has an account, it is a member of this campaign now.' };
    },

    async removeMember(by: Principal, campaignId: string, userId: string): Promise<void> {
      const existing = await accounts.getMembership(campaignId, userId);
      if (!existing) throw notFound('Member');
      if (existing.owner) throw ownerProtected('userId');
      await accounts.removeMembership(campaignId, userId);
      await audit.record(by, 'membership.remove', { type: 'membership', id: `${campaignId}.${userId}` }, { campaignId, userId });
    },

    /** The creator of a campaign owns it. */
    async addOwner(by: Principal, campaignId: string): Promise<void> {
      if (by.kind !== 'user') return;
      await accounts.putMembership({ campaignId, userId: by.user.id, own: true, owner: true, addedBy: by.user.email, addedAt: deps.now().toISOString() });
    },

    async links(campaignId: string): Promise<ShareLinkView[]> {
      return (await accounts.listShareLinks(campaignId)).map(linkView);
    },

    /** A new link; its secret (and so its URL) is in the answer and nowhere else, ever. */
    async createLink(by: Principal, campaign: Campaign, input: ShareLinkInput, origin: string): Promise<ShareLinkView & { token: string; url: string }> {
      const now = deps.now();
      const at = (v: string, endOfDay: boolean) =>
        (v.length === 10 ? DateTime.fromISO(v, { zone: campaign.timeZone }).plus(endOfDay ? { days: 1 } : {}) : DateTime.fromISO(v, { setZone: true }))
          .toUTC()
          .toISO()!;
      const from = input.from === null ? null : at(input.from, false);
      const to = input.to === null ? null : at(input.to, true);
      const expiresAt = at(input.expiresAt, true);
      if (from && to && Date.parse(to) <= Date.parse(from)) throw badRequest('Invalid request body: to', [{ field: 'to', message: 'must be after from' }]);
      const ms = Date.parse(expiresAt) - now.getTime();
      if (ms <= 0) throw badRequest('Invalid request body: expiresAt', [{ field: 'expiresAt', message: 'must be in the future' }]);
      if (ms > MAX_LINK_DAYS * 86_400_000) throw badRequest('Invalid request body: expiresAt', [{ field: 'expiresAt', message: 'must be within two years' }]);
      const { secret, hash, prefix } = newSecret('share');
      const link: ShareLink = {
        id: randomBytes(9).toString('base64url'),
        campaignId: campaign.id,
        tokenHash: hash,
        prefix,
        label: input.label,
        from,
        to,
        expiresAt,
        allowExport: input.allowExport,
        createdBy: actorOf(by).label,
        createdAt: now.toISOString(),
        revokedAt: null,
        lastUsedAt: null,
      };
      await accounts.createShareLink(link);
      await audit.record(
        by,
        'share-link.create',
        { type: 'share-link', id: link.id },
        { campaignId: campaign.id, label: link.label, from, to, expiresAt, allowExport: link.allowExport },
      );
      return { ...linkView(link), token: secret, url: `${origin}${SHARE_PATH}/${secret}` };
    },

    async revokeLink(by: Principal, campaignId: string, linkId: string): Promise<void> {
      const link = await accounts.getShareLink(linkId);
      if (!link || link.campaignId !== campaignId) throw notFound('Share link');
      if (await accounts.revokeShareLink(linkId, deps.now().toISOString()))
        await audit.record(by, 'share-link.revoke', { type: 'share-link', id: linkId }, { campaignId, label: link.label });
    },
  };
}

export type SharingService = ReturnType<typeof createSharingService>;
