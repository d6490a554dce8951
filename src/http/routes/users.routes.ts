import { z } from 'zod';
import type { HttpDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import {
  auditQuery,
  tokenCreateBody,
  tokenIdParams,
  tokenListQuery,
  userCreateRequestBody,
  userIdParams,
  userPatchBody,
} from '../../contracts/account.schema.js';
import { generatedPassword, userView } from '../../services/users.service.js';

const none = z.strictObject({});
const ADMINS = { kind: 'roles', roles: ['admin'] } as const;

/** Users (admins), personal API tokens (everyone their own) and the audit log (admins). */
export function usersRoutes(deps: HttpDeps) {
  const { users, audit } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/users',
      summary: 'List users',
      access: ADMINS,
      query: none,
      handle: async () => ({ body: { users: await users.list() } }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/users',
      summary: 'Create a user with a role and a first password; without one, the server makes one up and answers it (only here)',
      access: ADMINS,
      status: 201,
      query: none,
      body: userCreateRequestBody,
      handle: async ({ principal, body }) => {
        const password = body.password ?? generatedPassword();
        const user = await users.create(principal, { ...body, password });
        return { status: 201, body: { user, ...(body.password === undefined ? { password } : {}) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/users/:userId',
      summary: 'One user',
      access: ADMINS,
      params: userIdParams,
      query: none,
      handle: async ({ params }) => ({ body: { user: userView(await users.load(params.userId)) } }),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/users/:userId',
      summary: "Change a user's name, role, status or password; disabling or a new password ends their sessions",
      access: ADMINS,
      params: userIdParams,
      query: none,
      body: userPatchBody,
      handle: async ({ principal, params, body }) => ({ body: { user: await users.update(principal, params.userId, body) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/users/:userId/password-reset',
      summary: 'Give a user a new random password, shown in this answer only; their sessions and API tokens end',
      access: ADMINS,
      params: userIdParams,
      query: none,
      handle: async ({ principal, params }) => ({ body: await users.resetPassword(principal, params.userId) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/tokens',
      summary: 'Your API tokens (all=true: everyone’s, admins only), without their secrets',
      access: { kind: 'signed-in' },
      query: tokenListQuery,
      handle: async ({ principal, query }) => ({ body: { tokens: await users.listTokens(principal, query.all === 'true') } }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/tokens',
      summary: 'Create a personal API token (signed in with a session, not with another token); its secret is shown in this answer only',
      access: { kind: 'session' },
      status: 201,
      query: none,
      body: tokenCreateBody,
      handle: async ({ principal, body }) => {
        if (principal.kind !== 'user') throw new TypeError('access rule let a non-user through');
        return { status: 201, body: { token: await users.createToken(principal, body) } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/tokens/:tokenId',
      summary: 'Revoke a token (your own; admins any)',
      access: { kind: 'signed-in' },
      status: 204,
      params: tokenIdParams,
      query: none,
      handle: async ({ principal, params }) => {
        await users.revokeToken(principal, params.tokenId);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/audit',
      summary: 'Who changed what (campaigns, users, memberships, share links, tokens), newest first',
      access: ADMINS,
      query: auditQuery,
      handle: async ({ query }) => ({ body: await audit.list(query) }),
    }),
  ];
}
