import { z } from 'zod';
import type { Principal } from '../../services/auth/principal.js';
import { userView } from '../../services/users.service.js';
import type { HttpDeps } from '../deps.js';
import { AppError } from '../../errors.js';
import type { RateLimits } from '../rate-limits.js';
import { defineRoute } from '../route.js';
import { passwordChangeBody, signInBody } from '../../contracts/account.schema.js';
import type { SessionCookie } from '../session-cookie.js';

const none = z.strictObject({});

/** What the dashboard needs to know about whoever is calling. */
function whoAmI(p: Principal, users: HttpDeps['users']) {
  switch (p.kind) {
    case 'operator':
      return { kind: 'operator' as const, role: 'admin' as const };
    case 'user':
      return {
        kind: 'user' as const,
        role: p.user.role,
        user: userView(p.user),
        /** Whether the account page offers personal API tokens (PARTICIPANT_TOKENS for participants). */
        tokenControls: users.tokenControls(p.user),
        ...(p.via === 'session' ? { csrfToken: p.session.csrfToken, expiresAt: p.session.expiresAt } : {}),
      };
    case 'share': {
      const { campaignId, from, to, expiresAt, allowExport, label } = p.link;
      return { kind: 'share' as const, link: { campaignId, label, from, to, expiresAt, allowExport } };
    }
    case 'anonymous':
      return { kind: 'anonymous' as const };
  }
}

/** Sign-in and sign-out of the dashboard, and one's own password. */
export function sessionRoutes(deps: HttpDeps, http: { cookie: SessionCookie; limits: RateLimits }) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/session',
      summary: 'Sign in with e-mail and password: sets the session cookie and returns the CSRF token for writes',
      access: { kind: 'public' },
      query: none,
      body: signInBody,
      handle: async ({ body, req, res }) => {
        const address = req.ip ?? 'unknown';
        const email = body.email.toLowerCase();
        await http.limits.signInAttempt(address, email);
        const signedIn = await deps.auth.signIn(body.email, body.password, { address });
        if (!signedIn) {
          await http.limits.signInFailed(address, email);
          deps.log.warn({ event: 'sign-in-failed', email, address }, 'sign-in refused');
          throw new AppError(401, 'invalid_sign_in', 'The e-mail address or the password is not right.');
        }
        await http.limits.signInSucceeded(address, email);
        http.cookie.set(req, res, signedIn.secret, signedIn.session.expiresAt);
        return { body: { user: userView(signedIn.user), csrfToken: signedIn.session.csrfToken, expiresAt: signedIn.session.expiresAt } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/session',
      summary: 'Who is calling: the operator, a user (with the CSRF token of a cookie session) or a share link',
      access: { kind: 'any' },
      query: none,
      handle: async ({ principal }) => ({ body: whoAmI(principal, deps.users) }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/session',
      summary: 'Sign out: ends the cookie session',
      access: { kind: 'signed-in' },
      status: 204,
      query: none,
      handle: async ({ principal, req, res }) => {
        if (principal.kind === 'user' && principal.via === 'session') await deps.auth.signOut(principal.session);
        http.cookie.clear(req, res);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/me/password',
      summary: 'Change your own password; every session of yours ends',
      access: { kind: 'user' },
      status: 204,
      query: none,
      body: passwordChangeBody,
      handle: async ({ principal, body, req, res }) => {
        if (principal.kind !== 'user') throw new TypeError('access rule let a non-user through');
        // A wrong current password is a guess like a failed sign-in, counted and limited the same way,
        // and refused before the slow hash runs: a flood from one token cannot slow everyone's sign-in.
        const address = req.ip ?? 'unknown';
        const email = principal.user.email;
        await http.limits.passwordCheck(address, email);
        try {
          await deps.users.changeOwnPassword(principal, body.currentPassword, body.newPassword);
        } catch (err) {
          if (err instanceof AppError && err.code === 'wrong_password') await http.limits.signInFailed(address, email);
          throw err;
        }
        await http.limits.signInSucceeded(address, email);
        http.cookie.clear(req, res);
        return { status: 204 };
      },
    }),
  ];
}
