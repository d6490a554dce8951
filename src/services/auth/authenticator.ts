import { createHash, timingSafeEqual } from 'node:crypto';
import { normalizeEmail, shareLinkState, tokenState, type CredentialState, type Session, type User } from '../../domain/account.js';
import { AppError, unauthorized } from '../../errors.js';
import type { CredentialStore } from '../../store/account-store.port.js';
import type { AuditService } from '../audit.service.js';
import { decoyHash, verifyPassword } from './password.js';
import type { Principal } from './principal.js';
import { hashSecret, newCsrfToken, newSecret, secretKind } from './secrets.js';

const SESSION_DAYS = 14;
/** lastSeenAt / lastUsedAt move at most this often: a dashboard's burst of requests is one write. */
const TOUCH_EVERY_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** A credential that was valid once and no longer is: 401 with a code the page can explain. */
const expired = (what: string) => new AppError(401, 'credential_expired', `This ${what} has expired.`);
const revoked = (what: string) => new AppError(401, 'credential_revoked', `This ${what} has been revoked.`);
const refuseEnded = (state: CredentialState, what: string) => {
  if (state === 'revoked') throw revoked(what);
  if (state === 'expired') throw expired(what);
};
const invalid = () => new AppError(401, 'unauthorized', 'This credential is not valid: send Authorization: Bearer <token> with a token that exists.');

export interface PresentedCredential {
  /** The Authorization header, as sent. */
  authorization?: string | undefined;
  /** The session cookie's value. */
  session?: string | undefined;
}

/**
 * Turns a request's credential into a Principal, and signs people in and out. The operator's
 * ADMIN_TOKEN, personal API tokens (`kkt_…`), share links (`kks_…`) and session cookies (`kkc_…`)
 * are all checked here and nowhere else.
 */
export function createAuthenticator(deps: {
  accounts: CredentialStore;
  audit: Pick<AuditService, 'record' | 'recordAs'>;
  adminToken: string;
  now: () => Date;
}) {
  const { accounts } = deps;
  const operatorDigest = sha256(deps.adminToken);
  const stale = (last: string | null, now: Date) => last === null || now.getTime() - Date.parse(last) > TOUCH_EVERY_MS;
  const activeUser = async (userId: string): Promise<User> => {
    const user = await accounts.getUser(userId);
    if (!user || user.status !== 'active') throw new AppError(401, 'account_disabled', 'This account is disabled.');
    return user;
  };

  async function fromBearer(secret: string, now: Date): Promise<Principal> {
    // Compared as digests, so the time taken says nothing about how much of a guess was right.
    if (timingSafeEqual(sha256(secret), operatorDigest)) return { kind: 'operator' };
    const kind = secretKind(secret);
    if (kind === 'token') {
      const token = await accounts.getTokenByHash(hashSecret(secret));
      if (!token) throw invalid();
      refuseEnded(tokenState(token, now), 'token');
      const user = await activeUser(token.userId);
      if (stale(token.lastUsedAt, now)) await accounts.touchToken(token.id, now.toISOString());
      return { kind: 'user', user, via: 'token', token };
    }
    if (kind === 'share') {
      const link = await accounts.getShareLinkByHash(hashSecret(secret));
      if (!link) throw invalid();
      refuseEnded(shareLinkState(link, now), 'link');
      if (stale(link.lastUsedAt, now)) await accounts.touchShareLink(link.id, now.toISOString());
      return { kind: 'share', link };
    }
    throw invalid();
  }

  async function fromSession(secret: string, now: Date): Promise<Principal> {
    const session = secretKind(secret) === 'session' ? await accounts.getSession(hashSecret(secret)) : null;
    if (!session) throw new AppError(401, 'session_ended', 'Your session has ended: sign in again.');
    if (Date.parse(session.expiresAt) <= now.getTime()) {
      await accounts.deleteSession(session.tokenHash);
      throw new AppError(401, 'session_ended', 'Your session has ended: sign in again.');
    }
    const user = await activeUser(session.userId);
    if (stale(session.lastSeenAt, now)) await accounts.touchSession(session.tokenHash, now.toISOString());
    return { kind: 'user', user, via: 'session', session };
  }

  return {
    /**
     * The principal of a request: the Authorization header when there is one (it names the
     * credential the caller chose), else the session cookie, else anonymous. A credential that
     * does not check out is a 401, never a quiet fall-back to anonymous.
     */
    async authenticate(cred: PresentedCredential): Promise<Principal> {
      const now = deps.now();
      if (cred.authorization !== undefined) {
        const m = /^Bearer[ \t]+([\x21-\x7e]{1,512})[ \t]*$/i.exec(cred.authorization);
        if (!m) throw unauthorized();
        return fromBearer(m[1]!, now);
      }
      if (cred.session) return fromSession(cred.session, now);
      return { kind: 'anonymous' };
    },

    /**
     * Checks an e-mail and password; on success stores a new session and returns its secret (for
     * the cookie) and CSRF token. Unknown addresses cost the same scrypt as known ones.
     */
    async signIn(
      email: string,
      password: string,
      from: { address: string } = { address: 'unknown' },
    ): Promise<{ user: User; secret: string; session: Session } | null> {
      const user = await accounts.getUserByEmail(normalizeEmail(email));
      const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
      if (!user || !ok || user.status !== 'active') {
        // An existing account's owner (and its admins) should see someone trying it; the actor is the
        // account claimed, `via` says the sign-in was refused. Never the password.
        if (user)
          await deps.audit.recordAs(
            { type: 'user', userId: user.id, via: 'sign-in-refused', label: user.email },
            'session.sign-in-failed',
            { type: 'user', id: user.id },
            { address: from.address, reason: ok ? 'account disabled' : 'wrong password' },
          );
        return null;
      }
      const now = deps.now();
      const { secret, hash } = newSecret('session');
      const session: Session = {
        tokenHash: hash,
        userId: user.id,
        csrfToken: newCsrfToken(),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_DAYS * DAY_MS).toISOString(),
        lastSeenAt: now.toISOString(),
      };
      await accounts.createSession(session);
      // Expired sessions of everyone go on each sign-in: no timer, and the table stays small.
      await accounts.deleteExpiredSessions(now.toISOString());
      await deps.audit.record({ kind: 'user', user, via: 'session', session }, 'session.sign-in', { type: 'session', id: user.id });
      return { user, secret, session };
    },

    async signOut(session: Session): Promise<void> {
      await accounts.deleteSession(session.tokenHash);
    },
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
