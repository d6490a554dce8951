import { randomBytes } from 'node:crypto';
import type { Actor, AuditEntry, AuditTargetType } from '../domain/account.js';
import { badRequest } from '../errors.js';
import type { AuditStore } from '../store/account-store.port.js';
import { actorOf, type Principal } from './auth/principal.js';

/** Who changed what (campaigns, users, links, tokens, memberships), for admins to read. */
export function createAuditService(deps: { accounts: AuditStore; now: () => Date }) {
  const { accounts } = deps;
  /** An entry whose actor is no principal: a refused sign-in names the account it claimed to be. */
  const recordAs = async (
    actor: Actor,
    action: string,
    target: { type: AuditTargetType; id: string },
    details: Record<string, unknown> = {},
  ): Promise<void> => {
    const entry: AuditEntry = { id: randomBytes(9).toString('base64url'), at: deps.now().toISOString(), actor, action, target, details };
    await accounts.appendAudit(entry);
  };
  return {
    recordAs,
    async record(by: Principal, action: string, target: { type: AuditTargetType; id: string }, details: Record<string, unknown> = {}): Promise<void> {
      await recordAs(actorOf(by), action, target, details);
    },

    /** Newest first, a page at a time; `nextCursor` is null on the last page. */
    async list(q: { limit: number; cursor?: string | undefined; targetType?: AuditTargetType | undefined; targetId?: string | undefined }) {
      const before = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
      const page = await accounts.listAudit({
        limit: q.limit + 1,
        ...(before ? { before } : {}),
        ...(q.targetType ? { targetType: q.targetType } : {}),
        ...(q.targetId ? { targetId: q.targetId } : {}),
      });
      const entries = page.slice(0, q.limit);
      const last = entries.at(-1);
      return { entries, nextCursor: page.length > q.limit && last ? Buffer.from(JSON.stringify([last.at, last.id])).toString('base64url') : null };
    },
  };
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && !Number.isNaN(Date.parse(v[0])))
      return { at: v[0], id: v[1] };
  } catch {
    // falls through to the 400
  }
  throw badRequest('Invalid query parameter: cursor', [{ field: 'cursor', message: 'is not a cursor from this API' }]);
}

export type AuditService = ReturnType<typeof createAuditService>;
