import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { AccessService } from '../services/access.service.js';
import type { Authenticator } from '../services/auth/authenticator.js';
import type { Access, Principal } from '../services/auth/principal.js';
import { AppError } from '../errors.js';
import type { RateLimits } from './rate-limits.js';
import type { SessionCookie } from './session-cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_HEADER = 'x-csrf-token';
const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who is calling and whether they may: the one gate every API route passes (create-app.ts), with
 * the access service's rules. Order: credential (401, or 429 after too many bad ones from one address),
 * CSRF for cookie writes (403), then the route's access rule (403, or 404 for a campaign that
 * does not exist).
 */
export function createGuard(deps: { auth: Authenticator; access: AccessService; limits: RateLimits; cookie: SessionCookie }) {
  const { limits } = deps;

  async function identify(req: Request): Promise<Principal> {
    let principal: Principal;
    try {
      principal = await deps.auth.authenticate({ authorization: req.get('authorization'), session: deps.cookie.read(req) });
    } catch (err) {
      // Only failures count, and only they are refused: a workshop behind one address keeps working
      // while one of its machines is refused for guessing (tokens are too long to guess anyway).
      if (err instanceof AppError && err.status === 401) await limits.badCredential(req.ip ?? 'unknown');
      throw err;
    }
    if (principal.kind === 'user' && principal.via === 'token') await limits.credentialUse(`token:${principal.token.id}`);
    if (principal.kind === 'share') await limits.credentialUse(`share:${principal.link.id}`);
    if (principal.kind === 'user' && principal.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.get(CSRF_HEADER) ?? '';
      if (!timingSafeEqual(sha256(sent), sha256(principal.session.csrfToken))) {
        throw new AppError(403, 'csrf_failed', `A change made with the session cookie needs the ${CSRF_HEADER} header the sign-in gave; reload the page.`);
      }
    }
    return principal;
  }

  /** The route's rule; a campaign rule applies to the campaign named by the `:id` path parameter. */
  async function authorize(p: Principal, rule: Access, params: unknown): Promise<void> {
    const id = typeof params === 'object' && params !== null && 'id' in params && typeof params.id === 'string' ? params.id : undefined;
    if (rule.kind === 'campaign' && id === undefined) throw new TypeError('a campaign route without an :id parameter');
    await deps.access.authorize(p, rule, id);
  }

  return { identify, authorize };
}
