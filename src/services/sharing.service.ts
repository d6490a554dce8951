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
  addedBy: string;
  addedAt: string;
}

export type ShareLinkView = Omit<ShareLink, 'tokenHash'> & { status: CredentialState };

/** The address a share link opens; the secret is the last path segment. */
const SHARE_PATH = '/share';
const MAX_LINK_DAYS = 731;

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
        return u ? [{ userId: m.userId, email: u.email, name: u.name, role: u.role, own: m.own, addedBy: m.addedBy, addedAt: m.addedAt }] : [];
      });
    },

    /** Adds a user by e-mail, or changes whether the campaign is marked as theirs. */
    async addMember(by: Principal, campaignId: string, input: { email: string; own: boolean }): Promise<MemberView> {
      const user = await accounts.getUserByEmail(normalizeEmail(input.email));
      if (!user)
        throw new AppError(404, 'not_found', 'No user has this e-mail address; an admin creates accounts first.', [
          { field: 'email', message: 'no user has this address' },
        ]);
      const membership: Membership = { campaignId, userId: user.id, own: input.own, addedBy: actorOf(by).label, addedAt: deps.now().toISOString() };
      const existing = await accounts.getMembership(campaignId, user.id);
      await accounts.putMembership(existing ? { ...membership, addedBy: existing.addedBy, addedAt: existing.addedAt } : membership);
      await audit.record(
        by,
        existing ? 'membership.update' : 'membership.add',
        { type: 'membership', id: `${campaignId}.${user.id}` },
        { campaignId, email: user.email, own: input.own },
      );
      return {
        userId: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        own: input.own,
        addedBy: existing?.addedBy ?? membership.addedBy,
        addedAt: existing?.addedAt ?? membership.addedAt,
      };
    },

    async removeMember(by: Principal, campaignId: string, userId: string): Promise<void> {
      if (!(await accounts.removeMembership(campaignId, userId))) throw notFound('Member');
      await audit.record(by, 'membership.remove', { type: 'membership', id: `${campaignId}.${userId}` }, { campaignId, userId });
    },

    /** The creator of a campaign owns it. */
    async addOwner(by: Principal, campaignId: string): Promise<void> {
      if (by.kind !== 'user') return;
      await accounts.putMembership({ campaignId, userId: by.user.id, own: true, addedBy: by.user.email, addedAt: deps.now().toISOString() });
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
