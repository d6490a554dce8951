import { randomBytes, randomInt } from 'node:crypto';
import { normalizeEmail, tokenState, type ApiToken, type CredentialState, type User, type UserRole } from '../domain/account.js';
import { badRequest, forbidden, AppError, notFound } from '../errors.js';
import type { UserPatch } from '../contracts/account.schema.js';
import { DuplicateKeyError, type UsersStore } from '../store/account-store.port.js';
import { hashPassword, verifyPassword, type ScryptCost } from './auth/password.js';
import { passwordWeakness, type PasswordOwner } from './auth/password-strength.js';
import { isAdmin, type Principal, type UserPrincipal } from './auth/principal.js';
import { newSecret } from './auth/secrets.js';
import type { AuditService } from './audit.service.js';

/** A user as the API shows them: everything but the password hash. */
export type UserView = Omit<User, 'passwordHash'>;
export const userView = ({ passwordHash: _hash, ...rest }: User): UserView => rest;

export type TokenView = Omit<ApiToken, 'tokenHash'> & { status: CredentialState };

const emailTaken = () => new AppError(409, 'conflict', 'A user with this e-mail address already exists.', [{ field: 'email', message: 'is taken' }]);
const newId = () => randomBytes(9).toString('base64url');

/** A password an admin passes on once: 18 random letters and digits in groups of six, easy to read out and type. */
export function generatedPassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = Array.from({ length: 18 }, () => letters[randomInt(letters.length)]!).join('');
  return `${chars.slice(0, 6)}-${chars.slice(6, 12)}-${chars.slice(12)}`;
}

/** A 400 naming the field when the password is common, trivial or made of the user's own e-mail or name. */
function refuseWeak(password: string, owner: PasswordOwner, field: string): void {
  const weakness = passwordWeakness(password, owner);
  if (weakness) throw badRequest(weakness, [{ field, message: 'is too easy to guess' }]);
}

/** Users and their API tokens (admins manage users; everyone manages their own tokens). */
export function createUsersService(deps: {
  accounts: UsersStore;
  audit: AuditService;
  now: () => Date;
  passwordCost?: ScryptCost;
  /** PARTICIPANT_TOKENS: the account page offers participants personal API tokens too (default: admins, managers and viewers only). */
  participantTokens?: boolean;
}) {
  const { accounts, audit } = deps;
  const hash = (pw: string) => hashPassword(pw, deps.passwordCost);
  const tokenView = ({ tokenHash: _hash, ...t }: ApiToken): TokenView => ({ ...t, status: tokenState(t, deps.now()) });
  const load = async (id: string) => {
    const user = await accounts.getUser(id);
    if (!user) throw notFound('User');
    return user;
  };

  /** Revokes every token of the user still active; how many. */
  const revokeAllTokens = async (userId: string): Promise<number> => {
    const at = deps.now().toISOString();
    let revoked = 0;
    for (const t of await accounts.listTokens(userId)) if (t.revokedAt === null && (await accounts.revokeToken(t.id, at))) revoked++;
    return revoked;
  };

  /** Creates a user; `by` is null for the command line, which the audit log records as the operator. */
  async function create(by: Principal, input: { email: string; name: string; role: UserRole; password: string }): Promise<UserView> {
    refuseWeak(input.password, input, 'password');
    const now = deps.now().toISOString();
    const user: User = {
      id: newId(),
      email: normalizeEmail(input.email),
      name: input.name,
      role: input.role,
      passwordHash: await hash(input.password),
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    try {
      await accounts.createUser(user);
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw emailTaken();
      throw err;
    }
    await audit.record(by, 'user.create', { type: 'user', id: user.id }, { email: user.email, role: user.role });
    return userView(user);
  }

  /** `passwordNote`: how the audit log words a new password (`changed` by an admin's own choice, `reset` to a random one). */
  async function update(by: Principal, id: string, patch: UserPatch, passwordNote: 'changed' | 'reset' = 'changed'): Promise<UserView> {
    const user = await load(id);
    // The last active admin cannot take their own rights away and lock everyone out of users.
    if (by.kind === 'user' && by.user.id === id && ((patch.role && patch.role !== 'admin') || patch.status === 'disabled')) {
      throw badRequest('You cannot demote or disable yourself; ask another admin.', [
        { field: patch.role ? 'role' : 'status', message: 'cannot be changed on your own account' },
      ]);
    }
    if (patch.password !== undefined) refuseWeak(patch.password, { email: user.email, name: patch.name ?? user.name }, 'password');
    const next: User = {
      ...user,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.password !== undefined ? { passwordHash: await hash(patch.password) } : {}),
      updatedAt: deps.now().toISOString(),
    };
    await accounts.updateUser(next);
    // A new password or a disabled account ends every session the old one opened, and every API
    // token: a reset is what an admin does when an account was taken over, and enabling the
    // account again must not bring back tokens someone else may hold.
    let tokensRevoked = 0;
    if (patch.password !== undefined || patch.status === 'disabled') {
      await accounts.deleteUserSessions(id);
      tokensRevoked = await revokeAllTokens(id);
    }
    const changed = Object.keys(patch).filter((k) => k !== 'password');
    await audit.record(
      by,
      'user.update',
      { type: 'user', id },
      {
        ...Object.fromEntries(changed.map((k) => [k, patch[k as keyof UserPatch]])),
        ...(patch.password !== undefined ? { password: passwordNote } : {}),
        ...(tokensRevoked > 0 ? { tokensRevoked } : {}),
      },
    );
    return userView(next);
  }

  /**
   * Sets a new random password on the account (an admin's reset: the person forgot theirs, or it may
   * be known to someone else); as with any new password, their sessions and tokens end. The password
   * is in the answer and nowhere else.
   */
  async function resetPassword(by: Principal, id: string): Promise<{ user: UserView; password: string }> {
    const password = generatedPassword();
    const user = await update(by, id, { password }, 'reset');
    return { user, password };
  }

  /**
   * Whether the dashboard offers this user personal API tokens: participants (workshop accounts on
   * phones) only where the operator allows it. A token carries no more than its owner's rights, so
   * the API itself still takes a participant's request for one (a workshop's own scripts).
   */
  const tokenControls = (user: Pick<User, 'role'>): boolean => user.role !== 'participant' || deps.participantTokens === true;

  return {
    create,
    load,
    resetPassword,
    tokenControls,
    async list(): Promise<UserView[]> {
      return (await accounts.listUsers()).map(userView);
    },

    update: (by: Principal, id: string, patch: UserPatch) => update(by, id, patch),

    async changeOwnPassword(by: UserPrincipal, currentPassword: string, newPassword: string): Promise<void> {
      const user = await load(by.user.id);
      refuseWeak(newPassword, user, 'newPassword');
      if (!(await verifyPassword(currentPassword, user.passwordHash))) {
        throw new AppError(403, 'wrong_password', 'The current password is not right.', [{ field: 'currentPassword', message: 'is not right' }]);
      }
      await accounts.updateUser({ ...user, passwordHash: await hash(newPassword), updatedAt: deps.now().toISOString() });
      await accounts.deleteUserSessions(user.id);
      await audit.record(by, 'user.password', { type: 'user', id: user.id }, {});
    },

    /** A new personal token; its secret is in the answer and nowhere else, ever. */
    async createToken(by: UserPrincipal, input: { name: string; expiresAt: string | null }): Promise<TokenView & { token: string }> {
      if (input.expiresAt !== null && Date.parse(input.expiresAt) <= deps.now().getTime()) {
        throw badRequest('Invalid request body: expiresAt', [{ field: 'expiresAt', message: 'must be in the future' }]);
      }
      const { secret, hash: tokenHash, prefix } = newSecret('token');
      const token: ApiToken = {
        id: newId(),
        userId: by.user.id,
        name: input.name,
        tokenHash,
        prefix,
        createdAt: deps.now().toISOString(),
        expiresAt: input.expiresAt,
        lastUsedAt: null,
        revokedAt: null,
      };
      await accounts.createToken(token);
      await audit.record(by, 'token.create', { type: 'token', id: token.id }, { name: token.name, expiresAt: token.expiresAt });
      return { ...tokenView(token), token: secret };
    },

    async listTokens(by: Principal, all: boolean): Promise<TokenView[]> {
      if (all && !isAdmin(by)) throw forbidden();
      if (by.kind !== 'user' || all) return (await accounts.listTokens()).map(tokenView);
      return (await accounts.listTokens(by.user.id)).map(tokenView);
    },

    /** Owners revoke their own tokens, admins anyone's; another user's token is a 404 to the rest. */
    async revokeToken(by: Principal, id: string): Promise<void> {
      const token = await accounts.getToken(id);
      if (!token || (!isAdmin(by) && !(by.kind === 'user' && by.user.id === token.userId))) throw notFound('Token');
      if (await accounts.revokeToken(id, deps.now().toISOString())) await audit.record(by, 'token.revoke', { type: 'token', id }, { name: token.name });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
