import { z } from 'zod';
import type { Request } from 'express';
import { AppError } from '../../errors.js';
import type { HttpDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { linkParams, memberAddBody, memberParams, shareLinkCreateBody } from '../../contracts/account.schema.js';
import { idParams } from '../../contracts/campaign.schema.js';

const none = z.strictObject({});
const MANAGE = { kind: 'campaign', action: 'manage' } as const;

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
const isLoopbackAddress = (a: string | undefined) => a !== undefined && (a === '::1' || /^(::ffff:)?127\./.test(a));

/**
 * The origin a share link's URL starts with: PUBLIC_URL. Never the Host header a caller chose,
 * except on loopback (`npm start` on one machine, where the caller is the machine itself).
 */
function publicOrigin(deps: HttpDeps, req: Request): string {
  if (deps.publicUrl) return deps.publicUrl;
  const host = req.get('host') ?? '';
  if (LOOPBACK_HOST.test(host.replace(/:\d+$/, '')) && isLoopbackAddress(req.socket.remoteAddress)) return `${req.protocol}://${host}`;
  throw new AppError(
    409,
    'public_url_not_set',
    'Share links need the address people open this service at: set PUBLIC_URL (for example https://kabar.example.org) and restart.',
  );
}

/** A campaign's members and its sponsors' read-only links (its managers and admins). */
export function sharingRoutes(deps: HttpDeps) {
  const { sharing, campaigns } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/members',
      summary: 'The users added to a campaign',
      access: MANAGE,
      params: idParams,
      query: none,
      handle: async ({ params }) => {
        await campaigns.load(params.id);
        return { body: { members: await sharing.members(params.id) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/campaigns/:id/members',
      summary:
        'Add a user to a campaign by e-mail (own: the campaign is marked as theirs), or change that mark; the answer is the same whether or not the address has an account',
      access: MANAGE,
      status: 202,
      params: idParams,
      query: none,
      body: memberAddBody,
      handle: async ({ principal, params, body }) => {
        await campaigns.load(params.id);
        return { status: 202, body: await sharing.addMember(principal, params.id, body) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/campaigns/:id/members/:userId',
      summary: 'Remove a user from a campaign',
      access: MANAGE,
      status: 204,
      params: memberParams,
      query: none,
      handle: async ({ principal, params }) => {
        await sharing.removeMember(principal, params.id, params.userId);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/share-links',
      summary: "A campaign's share links, without their secrets",
      access: MANAGE,
      params: idParams,
      query: none,
      handle: async ({ params }) => {
        await campaigns.load(params.id);
        return { body: { links: await sharing.links(params.id) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/campaigns/:id/share-links',
      summary: 'Create a read-only link to the report of a campaign, optionally for one period; its URL is shown in this answer only',
      access: MANAGE,
      status: 201,
      params: idParams,
      query: none,
      body: shareLinkCreateBody,
      handle: async ({ principal, params, body, req }) => {
        const campaign = await campaigns.load(params.id);
        return { status: 201, body: { link: await sharing.createLink(principal, campaign, body, publicOrigin(deps, req)) } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/campaigns/:id/share-links/:linkId',
      summary: 'Revoke a share link: it shows a clear page from then on',
      access: MANAGE,
      status: 204,
      params: linkParams,
      query: none,
      handle: async ({ principal, params }) => {
        await sharing.revokeLink(principal, params.id, params.linkId);
        return { status: 204 };
      },
    }),
  ];
}
